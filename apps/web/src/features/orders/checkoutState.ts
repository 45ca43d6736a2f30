import type { OrderStatus } from '@hotland/contracts'

/** What the sandbox cashier said when it sent the buyer back (?result=): 模拟失败, or 返回商城 without paying. */
export type CashierResult = 'declined' | 'unpaid'

/**
 * What the panel of the checkout the cashier returned to says:
 * - paid: the money arrived (its orders are paid, or already further along);
 * - cancelled / refunded: nothing is left to pay, and nothing was (or still is) paid;
 * - declined / unpaid: still to pay, and we know why without waiting for a webhook;
 * - waiting: still to pay and no word yet (the webhook may be on its way).
 */
export type CheckoutState = 'paid' | 'cancelled' | 'refunded' | 'declined' | 'unpaid' | 'waiting'

const PAID: readonly OrderStatus[] = ['paid', 'shipped', 'delivered', 'completed']

export function cashierResult(query: unknown): CashierResult | null {
  return query === 'declined' || query === 'unpaid' ? query : null
}

/** `waitedLong`: polled for a while and still pending, which says the payment did not go through. */
export function checkoutState(statuses: readonly OrderStatus[], said: CashierResult | null, waitedLong: boolean): CheckoutState {
  // before the orders load, trust the cashier's word at once
  if (!statuses.length) return said ?? 'waiting'
  if (statuses.includes('pending_payment')) return said ?? (waitedLong ? 'declined' : 'waiting')
  // one payment covers the whole checkout: if any of its orders got it, the checkout was paid (a sibling may be cancelled since)
  if (statuses.some((s) => PAID.includes(s))) return 'paid'
  return statuses.every((s) => s === 'refunded') ? 'refunded' : 'cancelled'
}
