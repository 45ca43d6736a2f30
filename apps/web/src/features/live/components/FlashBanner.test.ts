import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import { createI18n } from 'vue-i18n'
import type { FlashSaleView } from '@hotland/contracts'
import zhCN from '@/i18n/zh-CN'
import enUS from '@/i18n/en-US'
import FlashBanner from './FlashBanner.vue'

const i18n = () => createI18n({ legacy: false, locale: 'zh-CN', messages: { 'zh-CN': zhCN, 'en-US': enUS } })
const T0 = Date.parse('2026-06-01T12:00:00Z')
const sale: FlashSaleView = {
  id: 'fs_1', roomId: 'r', skuId: 'k', productId: 'p', title: '礼县花牛苹果', skuName: '75mm 5kg', coverUrl: null, priceFen: 2990,
  originalPriceFen: 4980, quantity: 5, remaining: 5, perBuyerLimit: 1, startsAt: new Date(T0 + 10_000).toISOString(),
  endsAt: new Date(T0 + 610_000).toISOString(), status: 'scheduled', isFresh: true,
}
const mountAt = (s: FlashSaleView, serverNow: number) => mount(FlashBanner, { props: { sale: s, serverNow }, global: { plugins: [i18n()], stubs: { PriceText: true } } })

describe('FlashBanner', () => {
  it('is disabled with a countdown before the start (server time)', () => {
    const w = mountAt(sale, T0)
    expect(w.get('button').text()).toBe('即将开抢')
    expect(w.get('button').attributes('disabled')).toBeDefined()
    expect(w.get('[role="timer"]').text()).toBe('00:10 后开抢')
  })

  it('lets you grab while running and shows units left', async () => {
    const w = mountAt({ ...sale, status: 'running', remaining: 3 }, T0 + 20_000)
    expect(w.get('button').text()).toBe('马上抢')
    expect(w.get('button').attributes('disabled')).toBeUndefined()
    expect(w.text()).toContain('剩 3 件')
    await w.get('button').trigger('click')
    expect(w.emitted('grab')).toHaveLength(1)
  })

  it('shows 已抢光 when sold out', () => {
    const w = mountAt({ ...sale, status: 'sold_out', remaining: 0 }, T0 + 30_000)
    expect(w.get('button').text()).toBe('已抢光')
    expect(w.get('button').attributes('disabled')).toBeDefined()
  })
})
