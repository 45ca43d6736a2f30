import { describe, expect, it } from 'vitest'
import { eventReason } from './eventText'

const t = (key: string, named?: Record<string, unknown>) => (named ? `${key}${JSON.stringify(named)}` : key)

describe('order event reasons', () => {
  it('turns the server\'s machine reasons into words', () => {
    expect(eventReason('payment pay_01ABC', t)).toEqual({ title: 'buy.event.paid', detail: '' })
    expect(eventReason('flash sale grab', t).title).toBe('buy.event.flashGrab')
    expect(eventReason('not paid in time', t).title).toBe('buy.event.expired')
    expect(eventReason('refund 1250 fen: 压坏了5个', t)).toEqual({ title: 'buy.event.refund{"amount":"12.50"}', detail: '压坏了5个' })
    expect(eventReason('quality claim (rotten)', t)).toEqual({ title: 'buy.event.claim', detail: 'buy.claim.reasons.rotten' })
    expect(eventReason('checkout', t).title).toBe('buy.event.placed')
    expect(eventReason('shipped with 县级物流 HL261129000001', t).title).toBe('buy.event.shipped{"carrier":"县级物流","waybill":"HL261129000001"}')
    expect(eventReason('delivered (scanned at 礼县电商物流分拨中心（演示）)', t).title).toBe('buy.event.delivered')
    expect(eventReason('auto-confirmed after the waiting period', t).title).toBe('buy.event.autoConfirmed')
  })
  it('shows a person\'s own words as written', () => {
    expect(eventReason('不想要了', t)).toEqual({ title: null, detail: '不想要了' })
    expect(eventReason('', t)).toEqual({ title: null, detail: '' })
  })
})
