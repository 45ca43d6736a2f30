import { describe, expect, it } from 'vitest'
import { suggestedFlashPriceFen } from './flashPrice'

describe('suggestedFlashPriceFen', () => {
  it('suggests 20% off rounded down to a whole jiao: ¥49.80 → ¥39.80', () => {
    expect(suggestedFlashPriceFen(4980)).toBe(3980)
    expect(suggestedFlashPriceFen(5980)).toBe(4780)
    expect(suggestedFlashPriceFen(1990)).toBe(1590)
  })

  it('never suggests less than one jiao', () => {
    expect(suggestedFlashPriceFen(5)).toBe(10)
  })
})
