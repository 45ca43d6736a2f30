import { describe, expect, it } from 'vitest'
import { cashierResult, checkoutState } from './checkoutState'

describe('the panel of the checkout the cashier returned to', () => {
  it('says paid only when the money arrived, also once the order moved on', () => {
    expect(checkoutState(['paid'], null, false)).toBe('paid')
    expect(checkoutState(['shipped', 'completed'], null, false)).toBe('paid')
    expect(checkoutState(['delivered'], 'declined', false)).toBe('paid')
    expect(checkoutState(['paid', 'cancelled'], null, false)).toBe('paid')
  })

  it('says the order was cancelled, not paid, when it was cancelled before paying', () => {
    expect(checkoutState(['cancelled'], null, false)).toBe('cancelled')
    expect(checkoutState(['cancelled', 'cancelled'], 'unpaid', true)).toBe('cancelled')
    expect(checkoutState(['cancelled', 'refunded'], null, false)).toBe('cancelled')
    expect(checkoutState(['refunded'], null, false)).toBe('refunded')
  })

  it('says not paid yet at once when the buyer left the cashier without paying', () => {
    expect(checkoutState([], 'unpaid', false)).toBe('unpaid')
    expect(checkoutState(['pending_payment'], 'unpaid', false)).toBe('unpaid')
  })

  it('says the payment failed at once after a decline, or after waiting long for a payment that never came', () => {
    expect(checkoutState(['pending_payment'], 'declined', false)).toBe('declined')
    expect(checkoutState([], 'declined', false)).toBe('declined')
    expect(checkoutState(['pending_payment'], null, true)).toBe('declined')
  })

  it('waits for the payment when the cashier said nothing', () => {
    expect(checkoutState([], null, false)).toBe('waiting')
    expect(checkoutState(['pending_payment', 'pending_payment'], null, false)).toBe('waiting')
  })

  it('reads only the results the cashier sends', () => {
    expect(cashierResult('unpaid')).toBe('unpaid')
    expect(cashierResult('declined')).toBe('declined')
    expect(cashierResult('paid')).toBeNull()
    expect(cashierResult(['unpaid'])).toBeNull()
    expect(cashierResult(undefined)).toBeNull()
  })
})
