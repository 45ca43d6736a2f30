import { describe, expect, it } from 'vitest'
import { totalKey } from './totalLabel'

describe('the label of an order\'s amount', () => {
  it('says paid only once the money came in', () => {
    expect(totalKey({ status: 'pending_payment', paidAt: null })).toBe('toPay')
    expect(totalKey({ status: 'paid', paidAt: '2026-11-29T08:00:00.000Z' })).toBe('total')
    expect(totalKey({ status: 'refunded', paidAt: '2026-11-29T08:00:00.000Z' })).toBe('total')
    expect(totalKey({ status: 'cancelled', paidAt: null })).toBe('orderTotal')
  })
})
