import { describe, expect, it } from 'vitest'
import zhCN from '@/i18n/zh-CN'
import enUS from '@/i18n/en-US'
import { statusKey } from './statusLabel'

const text = (messages: typeof zhCN, key: string) => key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], messages)

describe('an order status as its reader names it', () => {
  it('says 已发货 / Shipped to the farmer where the buyer reads 待收货 / On the way', () => {
    expect(text(zhCN, statusKey('shipped', true))).toBe('已发货')
    expect(text(enUS, statusKey('shipped', true))).toBe('Shipped')
    expect(text(zhCN, statusKey('shipped', false))).toBe('待收货')
  })

  it('uses the same words for both where they agree', () => {
    for (const s of ['pending_payment', 'paid', 'delivered', 'completed', 'cancelled', 'refunded'] as const) {
      expect(statusKey(s, true)).toBe(statusKey(s, false))
    }
  })
})
