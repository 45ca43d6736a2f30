import { describe, expect, it } from 'vitest'
import { ageOn, birthDateFromId, idChecksumOk } from './idNumber'

describe('resident ID helpers', () => {
  it('reads the birth date from the ID number', () => {
    expect(birthDateFromId('621226196503150018')).toBe('1965-03-15')
    expect(birthDateFromId('62122619651315001X')).toBeNull() // month 13
    expect(birthDateFromId('6212261965')).toBeNull()
  })

  it('checks the GB 11643 check character', () => {
    expect(idChecksumOk('621226196503150018')).toBe(true)
    expect(idChecksumOk('621226196503150019')).toBe(false)
  })

  it('computes age in full years (16–17 needs a guardian)', () => {
    const today = new Date(2026, 5, 1)
    expect(ageOn('2010-06-01', today)).toBe(16)
    expect(ageOn('2010-06-02', today)).toBe(15)
    expect(ageOn('1965-03-15', today)).toBe(61)
  })
})
