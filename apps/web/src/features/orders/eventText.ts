import { fenToYuan } from '@/lib/money'

type Translate = (key: string, named?: Record<string, unknown>) => string

/**
 * The server writes an order event's reason as English text ("payment pay_…", "refund 500 fen: …"). Known ones become
 * words a buyer reads; anything else (a person's own cancel reason) is shown as written. See NEEDS.md: reason codes.
 */
export function eventReason(reason: string, t: Translate): { title: string | null; detail: string } {
  if (!reason) return { title: null, detail: '' }
  if (reason === 'flash sale grab') return { title: t('buy.event.flashGrab'), detail: '' }
  if (/^payment \S+$/.test(reason)) return { title: t('buy.event.paid'), detail: '' }
  if (reason === 'not paid in time') return { title: t('buy.event.expired'), detail: '' }
  if (reason === 'checkout') return { title: t('buy.event.placed'), detail: '' }
  const shipped = /^shipped with (.+) (\S+)$/.exec(reason)
  if (shipped) return { title: t('buy.event.shipped', { carrier: shipped[1], waybill: shipped[2] }), detail: '' }
  if (/^delivered \(scanned at .+\)$/.test(reason)) return { title: t('buy.event.delivered'), detail: '' }
  if (reason === 'receipt confirmed by the buyer') return { title: t('buy.event.receiptConfirmed'), detail: '' }
  if (reason === 'auto-confirmed after the waiting period') return { title: t('buy.event.autoConfirmed'), detail: '' }
  const refund = /^refund (\d+) fen(?::\s*(.*))?$/s.exec(reason)
  if (refund) return { title: t('buy.event.refund', { amount: fenToYuan(Number(refund[1])) }), detail: refund[2] ?? '' }
  const claim = /^quality claim \((\w+)\)$/.exec(reason)
  if (claim) return { title: t('buy.event.claim'), detail: t(`buy.claim.reasons.${claim[1]}`) }
  return { title: null, detail: reason }
}
