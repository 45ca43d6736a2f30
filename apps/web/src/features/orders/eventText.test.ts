import { describe, expect, it } from 'vitest'
import { createI18n } from 'vue-i18n'
import zhCN from '@/i18n/zh-CN'
import enUS from '@/i18n/en-US'
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
    expect(eventReason('shipped with 县级物流 HL261129000001', t).title).toBe('buy.event.shipped{"carrier":"trace.track.hubCarrier","waybill":"HL261129000001"}')
    expect(eventReason('delivered (scanned at 礼县电商物流分拨中心（演示）)', t).title).toBe('buy.event.delivered')
    expect(eventReason('auto-confirmed after the waiting period', t).title).toBe('buy.event.autoConfirmed')
  })
  it('says nothing more than the status and who did it for a plain cancel of an unpaid order', () => {
    expect(eventReason('cancelled by the buyer', t)).toEqual({ title: null, detail: '' })
    expect(eventReason('cancelled by the shop', t)).toEqual({ title: null, detail: '' })
  })
  it('explains a cancel after paying and the refund that follows it', () => {
    expect(eventReason('cancelled before shipping', t)).toEqual({ title: null, detail: 'buy.event.cancelledBeforeShipping' })
    expect(eventReason('refund 4980 fen: cancelled before shipping', t))
      .toEqual({ title: 'buy.event.refund{"amount":"49.80"}', detail: 'buy.event.cancelledBeforeShipping' })
  })
  it('names who settled a claim and keeps their note as written', () => {
    expect(eventReason('refund 500 fen: claim settled by the shop: 同意退5元', t))
      .toEqual({ title: 'buy.event.refund{"amount":"5.00"}', detail: 'buy.event.claimSettled{"note":"同意退5元"}' })
    expect(eventReason('claim decided by an arbiter: 全额退款', t)).toEqual({ title: null, detail: 'buy.event.claimDecided{"note":"全额退款"}' })
  })
  it('turns every fixed reason into Chinese words in the Chinese UI', () => {
    const zh = createI18n({ legacy: false, locale: 'zh-CN', messages: { 'zh-CN': zhCN, 'en-US': enUS } })
    const tz = (key: string, named?: Record<string, unknown>) => zh.global.t(key, named ?? {})
    const fixed = ['checkout', 'flash sale grab', 'payment pay_01ABC', 'not paid in time', 'cancelled before shipping', 'receipt confirmed by the buyer',
      'auto-confirmed after the waiting period', 'shipped with 顺丰 SF123456', 'delivered (scanned at 礼县分拨中心)', 'refund 100 fen: cancelled before shipping',
      'refund 100 fen: claim settled by the shop: ok', 'claim decided by an arbiter: ok', 'quality claim (damaged)']
    for (const reason of fixed) {
      const r = eventReason(reason, tz)
      expect(`${r.title ?? ''} ${r.detail}`, reason).not.toMatch(/\b(by the|before|fen|payment|paid|shipped|delivered|claim|confirmed)\b/)
      // and nothing of the English is left: only the notes people typed ("ok"), waybills and place names stay as written
      expect(`${r.title ?? ''} ${r.detail}`.replace(/\bok\b|SF\d+|pay_\w+/g, ''), reason).not.toMatch(/[a-z]{3,}/i)
    }
  })
  it('shows a person\'s own words as written', () => {
    expect(eventReason('不想要了', t)).toEqual({ title: null, detail: '不想要了' })
    expect(eventReason('', t)).toEqual({ title: null, detail: '' })
  })
})
