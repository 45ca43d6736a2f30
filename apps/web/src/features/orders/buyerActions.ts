import type { ClaimView, OrderView } from '@hotland/contracts'

/**
 * What the buyer of an order may do next, as on Taobao: 确认收货 while the box is on its way or just delivered;
 * 评价 only once the order is completed, by the buyer's confirmation or by the automatic one, and only once.
 * (A delivered order the buyer has not confirmed offers 确认收货, not both.)
 */
export function canConfirmReceipt(order: Pick<OrderView, 'status'>): boolean {
  return order.status === 'shipped' || order.status === 'delivered'
}

export function canReview(order: Pick<OrderView, 'status' | 'reviewed'>): boolean {
  return order.status === 'completed' && !order.reviewed
}

/**
 * 请特派员介入: the buyer may ask a commissioner while the shop has not answered, after it refused, or after it refunded
 * only part of what was asked (the server's escalateClaim refuses only a claim refunded in full).
 */
export function canEscalate(claim: Pick<ClaimView, 'status' | 'refundFen' | 'requestedFen' | 'escalatedAt'> | null): boolean {
  if (!claim || claim.escalatedAt) return false // an arbiter's decision is final
  if (claim.status === 'refunded') return claim.refundFen < claim.requestedFen
  return claim.status === 'open' || claim.status === 'rejected'
}
