import type { OrderView } from '@hotland/contracts'

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
