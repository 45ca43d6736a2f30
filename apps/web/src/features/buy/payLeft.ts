type Translate = (key: string, named?: Record<string, unknown>) => string

/** Whole seconds from the server's now (ms) to an order's payBefore; 0 when past or when there is no deadline. */
export function secondsToPay(payBefore: string | null | undefined, serverNowMs: number): number {
  if (!payBefore) return 0
  const ms = Date.parse(payBefore) - serverNowMs
  return Number.isFinite(ms) && ms > 0 ? Math.floor(ms / 1000) : 0
}

/**
 * How long is left to pay, in words: "14分59秒" / "14 min 59 s", "59秒" under a minute. Not a clock: "请在 14:59 内付款"
 * reads like "by 2:59 pm". The words come from buy.pay.left* so each language keeps its own order and units.
 */
export function payLeftText(seconds: number, t: Translate): string {
  const total = Math.max(0, Math.floor(seconds))
  const h = Math.floor(total / 3600)
  const m = Math.floor((total % 3600) / 60)
  const s = total % 60
  if (h > 0) return t('buy.pay.leftHours', { h, m })
  if (m > 0) return t('buy.pay.leftMinutes', { m, s })
  return t('buy.pay.leftSeconds', { s })
}
