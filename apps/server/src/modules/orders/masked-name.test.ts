import { describe, expect, it } from 'vitest'
import { maskedName } from './masked-name.ts'

describe('the name a grab is announced under', () => {
  it('keeps the first character of a Chinese or Latin name and hides the rest', () => {
    expect(maskedName('李女士（演示买家）')).toBe('李**')
    expect(maskedName('Amy Chen')).toBe('A**')
  })
  it('keeps a first character outside the basic plane whole, and names nobody for an empty name', () => {
    expect(maskedName('𠮷野家')).toBe('𠮷**')
    expect(maskedName('  ')).toBe('**')
  })
})
