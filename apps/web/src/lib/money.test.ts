import { describe, expect, it } from 'vitest'
import { fenToYuan, formatWeight, yuanToFen } from './money'

describe('fen ↔ yuan', () => {
  it('formats integer fen as yuan with two decimals', () => {
    expect(fenToYuan(0)).toBe('0.00')
    expect(fenToYuan(5)).toBe('0.05')
    expect(fenToYuan(1250)).toBe('12.50')
    expect(fenToYuan(3990)).toBe('39.90')
    expect(fenToYuan(10_000_000)).toBe('100000.00')
    expect(fenToYuan(-150)).toBe('-1.50')
  })

  it('refuses non-integer fen', () => {
    expect(() => fenToYuan(12.5)).toThrow(TypeError)
  })

  it('parses what a farmer types into integer fen without float errors', () => {
    expect(yuanToFen('39.9')).toBe(3990)
    expect(yuanToFen('0.1')).toBe(10)
    expect(yuanToFen('19.99')).toBe(1999)
    expect(yuanToFen('1.005')).toBeNull() // at most 2 decimals
    expect(yuanToFen('12')).toBe(1200)
    expect(yuanToFen('12.')).toBe(1200)
    expect(yuanToFen(' ¥1,280 ')).toBe(128000)
    expect(yuanToFen('0.29')).toBe(29) // 0.29 * 100 = 28.999… in floats
    expect(yuanToFen('-1')).toBeNull()
    expect(yuanToFen('abc')).toBeNull()
    expect(yuanToFen('')).toBeNull()
  })

  it('round-trips every cent value', () => {
    for (let fen = 0; fen < 2000; fen += 7) expect(yuanToFen(fenToYuan(fen))).toBe(fen)
  })

  it('shows weights in kg from 1000 g', () => {
    expect(formatWeight(5000)).toEqual({ value: '5', unit: 'kg' })
    expect(formatWeight(2500)).toEqual({ value: '2.5', unit: 'kg' })
    expect(formatWeight(250)).toEqual({ value: '250', unit: 'g' })
  })
})
