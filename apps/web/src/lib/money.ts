// Money stays in integer fen everywhere; only these two functions cross to and from yuan text.

/** 1250 → "12.50" (no float arithmetic). */
export function fenToYuan(fen: number): string {
  if (!Number.isInteger(fen)) throw new TypeError(`fen must be an integer, got ${fen}`)
  const sign = fen < 0 ? '-' : ''
  const abs = Math.abs(fen)
  const yuan = Math.floor(abs / 100)
  const cents = String(abs % 100).padStart(2, '0')
  return `${sign}${yuan}.${cents}`
}

/**
 * Parses what a farmer types ("12", "12.5", "12.50", " ¥1,280 ") into integer fen.
 * Returns null for anything that is not a non-negative amount with at most 2 decimals.
 */
export function yuanToFen(input: string | number): number | null {
  const text = String(input).trim().replace(/^[¥￥]\s*/, '').replace(/,/g, '')
  const m = /^(\d{1,9})(?:\.(\d{0,2}))?$/.exec(text)
  if (!m) return null
  const whole = Number(m[1])
  const frac = (m[2] ?? '').padEnd(2, '0')
  return whole * 100 + Number(frac)
}

/** Grams as a short human weight: 5000 → { value: '5', unit: 'kg' }, 500 → { value: '500', unit: 'g' }. */
export function formatWeight(grams: number): { value: string; unit: 'kg' | 'g' } {
  if (grams >= 1000) {
    const kg = grams / 1000
    return { value: Number.isInteger(kg) ? String(kg) : kg.toFixed(kg < 10 ? 2 : 1).replace(/\.?0+$/, ''), unit: 'kg' }
  }
  return { value: String(grams), unit: 'g' }
}
