import { describe, expect, it } from 'vitest'
import type { ClaimView, OrderStatus } from '@hotland/contracts'
import { canConfirmReceipt, canEscalate, canReview } from './buyerActions'

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

describe('when the buyer may ask a commissioner (请特派员介入) about a claim', () => {
  const claim = (status: ClaimView['status'], refundFen = 0, requestedFen = 1000, escalatedAt: string | null = null) => ({ status, refundFen, requestedFen, escalatedAt })

  it('offers it while the shop has not answered and after the shop refused', () => {
    expect(canEscalate(claim('open'))).toBe(true)
    expect(canEscalate(claim('rejected'))).toBe(true)
  })

  it('offers it after the shop refunded only part of what was asked', () => {
    expect(canEscalate(claim('refunded', 400))).toBe(true)
  })

  it('does not offer it after a full refund, once a commissioner has it, or without a claim', () => {
    expect(canEscalate(claim('refunded', 1000))).toBe(false)
    expect(canEscalate(claim('escalated'))).toBe(false)
    expect(canEscalate(null)).toBe(false)
  })

  it('does not offer it again after a commissioner decided: that decision is final', () => {
    expect(canEscalate(claim('rejected', 0, 1000, '2026-06-02T08:00:00.000Z'))).toBe(false)
    expect(canEscalate(claim('refunded', 400, 1000, '2026-06-02T08:00:00.000Z'))).toBe(false)
  })
})
