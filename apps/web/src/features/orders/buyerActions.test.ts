import { describe, expect, it } from 'vitest'
import type { OrderStatus } from '@hotland/contracts'
import { canConfirmReceipt, canReview } from './buyerActions'

const order = (status: OrderStatus, reviewed = false) => ({ status, reviewed })

describe('what the buyer of an order may do next', () => {
  it('offers 确认收货 but not 评价 on a delivered order the buyer has not confirmed', () => {
    expect(canConfirmReceipt(order('delivered'))).toBe(true)
    expect(canReview(order('delivered'))).toBe(false)
  })

  it('offers 评价 and no longer 确认收货 once the order is completed', () => {
    expect(canReview(order('completed'))).toBe(true)
    expect(canConfirmReceipt(order('completed'))).toBe(false)
  })

  it('does not offer 评价 twice', () => {
    expect(canReview(order('completed', true))).toBe(false)
  })

  it('offers 确认收货 while the box is on its way, and neither before shipping or after a cancel or refund', () => {
    expect(canConfirmReceipt(order('shipped'))).toBe(true)
    for (const s of ['pending_payment', 'paid', 'cancelled', 'refunded'] as const) {
      expect(canConfirmReceipt(order(s))).toBe(false)
      expect(canReview(order(s))).toBe(false)
    }
  })
})
