import { formatWeight } from './money'

export function weightText(grams: number, t: (key: string, named?: Record<string, unknown>) => string): string {
  const w = formatWeight(grams)
  return t(`units.${w.unit}`, { n: w.value })
}

export function dateText(iso: string, locale: string): string {
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return iso
  return d.toLocaleString(locale, { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' })
}

/** The day only ("2026/11/29", "11/29/2026"), where the time of day adds nothing (a review). */
export function dayText(iso: string, locale: string): string {
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return iso
  return d.toLocaleDateString(locale, { year: 'numeric', month: '2-digit', day: '2-digit' })
}
