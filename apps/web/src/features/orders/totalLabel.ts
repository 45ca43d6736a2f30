import type { OrderView } from '@hotland/contracts'

/** How an order's amount is labelled: 实付 once paid, 应付 while waiting for payment, 合计 for an order never paid. */
export function totalKey(o: Pick<OrderView, 'status' | 'paidAt'>): 'total' | 'toPay' | 'orderTotal' {
  if (o.paidAt) return 'total'
  return o.status === 'pending_payment' ? 'toPay' : 'orderTotal'
}
