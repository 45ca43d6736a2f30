import type { FlashSaleView } from '@hotland/contracts'

export type FlashPhase = 'upcoming' | 'running' | 'sold_out' | 'ended'

/**
 * Where a flash sale stands at the server's "now" (ms; Date.now() + the offset from the socket's frames), so every phone
 * counts down to the same second whatever its own clock says. `seconds` counts to the start (upcoming) or the end (running).
 */
export function flashPhase(sale: Pick<FlashSaleView, 'startsAt' | 'endsAt' | 'status' | 'remaining'>, serverNowMs: number): { phase: FlashPhase; seconds: number } {
  const starts = Date.parse(sale.startsAt)
  const ends = Date.parse(sale.endsAt)
  if (sale.status === 'ended' || serverNowMs >= ends) return { phase: sale.status === 'sold_out' || sale.remaining <= 0 ? 'sold_out' : 'ended', seconds: 0 }
  if (sale.status === 'sold_out' || sale.remaining <= 0) return { phase: 'sold_out', seconds: 0 }
  if (serverNowMs < starts) return { phase: 'upcoming', seconds: Math.ceil((starts - serverNowMs) / 1000) }
  return { phase: 'running', seconds: Math.ceil((ends - serverNowMs) / 1000) }
}

/** The sale the room should show: a running or upcoming one first, else the latest one (to show 已抢光 / 已结束). */
export function currentSale(sales: readonly FlashSaleView[], serverNowMs: number): FlashSaleView | null {
  const open = sales.filter((s) => { const p = flashPhase(s, serverNowMs).phase; return p === 'running' || p === 'upcoming' })
  if (open.length) return [...open].sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt))[0] ?? null
  return [...sales].sort((a, b) => Date.parse(b.startsAt) - Date.parse(a.startsAt))[0] ?? null
}
