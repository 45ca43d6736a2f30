import { describe, expect, it } from 'vitest'
import type { FlashSaleView } from '@hotland/contracts'
import { clockOffset } from '@/lib/clock'
import { currentSale, flashPhase } from './flashClock'

const T0 = Date.parse('2026-06-01T12:00:00.000Z')
function sale(over: Partial<FlashSaleView> = {}): FlashSaleView {
  return {
    id: 'fs_1', roomId: 'room_1', skuId: 'sku_1', productId: 'prod_1', title: '花牛苹果', skuName: '75mm 5kg', coverUrl: null,
    priceFen: 2990, originalPriceFen: 4980, quantity: 10, remaining: 10, perBuyerLimit: 1,
    startsAt: new Date(T0 + 10_000).toISOString(), endsAt: new Date(T0 + 70_000).toISOString(), status: 'scheduled', isFresh: true,
    ...over,
  }
}

describe('flash sale countdown in server time', () => {
  it('counts down to the start by the server clock, not the phone clock', () => {
    // the phone's clock is 5 minutes slow: the offset from the socket's frames puts it right
    const phoneNow = T0 - 300_000
    const offset = clockOffset(T0, phoneNow)
    expect(flashPhase(sale(), phoneNow + offset)).toEqual({ phase: 'upcoming', seconds: 10 })
    expect(flashPhase(sale(), phoneNow)).toEqual({ phase: 'upcoming', seconds: 310 }) // what a naive clock would show
  })

  it('runs from the start to the end, then ends', () => {
    expect(flashPhase(sale({ status: 'running' }), T0 + 10_000)).toEqual({ phase: 'running', seconds: 60 })
    expect(flashPhase(sale({ status: 'scheduled' }), T0 + 40_500)).toEqual({ phase: 'running', seconds: 30 })
    expect(flashPhase(sale({ status: 'running' }), T0 + 70_000).phase).toBe('ended')
  })

  it('shows sold out when nothing remains, even before the server says so', () => {
    expect(flashPhase(sale({ status: 'running', remaining: 0 }), T0 + 20_000).phase).toBe('sold_out')
    expect(flashPhase(sale({ status: 'sold_out', remaining: 0 }), T0 + 90_000).phase).toBe('sold_out')
  })

  it('picks a running or upcoming sale over an old one', () => {
    const old = sale({ id: 'old', status: 'ended', startsAt: new Date(T0 - 90_000).toISOString(), endsAt: new Date(T0 - 30_000).toISOString() })
    const next = sale({ id: 'next' })
    expect(currentSale([old, next], T0)?.id).toBe('next')
    expect(currentSale([old], T0)?.id).toBe('old')
    expect(currentSale([], T0)).toBeNull()
  })
})
