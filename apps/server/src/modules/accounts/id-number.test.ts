import { describe, expect, it } from 'vitest'
import { ageOn, birthDateOfIdNumber, idNumberCheckChar, isRealDate, isValidIdNumber } from './id-number.ts'

describe('resident ID numbers', () => {
  it('accepts a number whose check character matches and rejects one that does not', () => {
    expect(idNumberCheckChar('11010519491231002')).toBe('X') // the example from GB 11643
    expect(isValidIdNumber('11010519491231002X')).toBe(true)
    expect(isValidIdNumber('110105194912310021')).toBe(false)
    expect(isValidIdNumber('12345')).toBe(false)
  })
  it('reads the birth date from the number', () => {
    expect(birthDateOfIdNumber('11010519491231002X')).toBe('1949-12-31')
  })
  it('counts age by the China calendar date', () => {
    expect(ageOn('2010-06-01', new Date('2026-05-31T15:59:00Z'))).toBe(15) // 23:59 on 31 May in Beijing
    expect(ageOn('2010-06-01', new Date('2026-05-31T16:00:00Z'))).toBe(16) // midnight, 1 June in Beijing
  })
  it('knows 30 February is not a date', () => {
    expect(isRealDate('2024-02-29')).toBe(true)
    expect(isRealDate('2023-02-29')).toBe(false)
  })
})
