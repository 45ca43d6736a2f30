/**
 * The flash price the console suggests: 20% off, rounded down to a whole jiao, so the anchor can say it out loud
 * (¥49.80 → ¥39.80, not ¥39.84). Never below one jiao.
 */
export function suggestedFlashPriceFen(priceFen: number): number {
  return Math.max(10, Math.floor((priceFen * 8) / 100) * 10)
}
