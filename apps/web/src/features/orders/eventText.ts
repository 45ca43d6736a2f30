import { fenToYuan } from '@/lib/money'
import { carrierText } from './shipmentText'

type Translate = (key: string, named?: Record<string, unknown>) => string

/**
 * The server writes an order event's reason as English text ("payment pay_…", "refund 500 fen: …"); the fixed ones are
 * in apps/server/src/modules/orders/service.ts and flash-sale.service.ts. Known ones become words a buyer or farmer
 * reads; anything else (a person's own cancel reason, a claim note) is shown as written. See NEEDS.md: reason codes.
 */
export function eventReason(reason: string, t: Translate): { title: string | null; detail: string } {
  if (!reason) return { title: null, detail: '' }
  if (reason === 'flash sale grab') return { title: t('buy.event.flashGrab'), detail: '' }
  if (/^payment \S+$/.test(reason)) return { title: t('buy.event.paid'), detail: '' }
  if (reason === 'not paid in time') return { title: t('buy.event.expired'), detail: '' }
  if (reason === 'checkout') return { title: t('buy.event.placed'), detail: '' }
  // An unpaid order cancelled without a typed reason: the status (已取消) and who did it (· 买家 / · 店家) already say it all.
  if (reason === 'cancelled by the buyer' || reason === 'cancelled by the shop') return { title: null, detail: '' }
  const shipped = /^shipped with (.+) (\S+)$/.exec(reason)
  if (shipped) return { title: t('buy.event.shipped', { carrier: carrierText(shipped[1]!, t), waybill: shipped[2] }), detail: '' }
  if (/^delivered \(scanned at .+\)$/.test(reason)) return { title: t('buy.event.delivered'), detail: '' }
  if (reason === 'receipt confirmed by the buyer') return { title: t('buy.event.receiptConfirmed'), detail: '' }
  if (reason === 'auto-confirmed after the waiting period') return { title: t('buy.event.autoConfirmed'), detail: '' }
  const refund = /^refund (\d+) fen(?::\s*(.*))?$/s.exec(reason)
  if (refund) return { title: t('buy.event.refund', { amount: fenToYuan(Number(refund[1])) }), detail: refundReason(refund[2] ?? '', t) }
  const claim = /^quality claim \((\w+)\)$/.exec(reason)
  if (claim) return { title: t('buy.event.claim'), detail: t(`buy.claim.reasons.${claim[1]}`) }
  // a full refund moves the order to 已退款 with the refund's own reason
  return { title: null, detail: refundReason(reason, t) }
}

/** Why money went back: a paid order cancelled before shipping, or a claim settled (the person's note kept as written). */
function refundReason(reason: string, t: Translate): string {
  if (reason === 'cancelled before shipping') return t('buy.event.cancelledBeforeShipping')
  const claim = /^claim (settled by the shop|decided by an arbiter): (.*)$/s.exec(reason)
  if (claim) return t(claim[1] === 'settled by the shop' ? 'buy.event.claimSettled' : 'buy.event.claimDecided', { note: claim[2] })
  return reason
}
