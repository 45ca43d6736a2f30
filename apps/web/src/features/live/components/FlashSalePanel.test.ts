import { beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createI18n } from 'vue-i18n'
import type { FlashSaleView, ProductView } from '@hotland/contracts'
import zhCN from '@/i18n/zh-CN'
import enUS from '@/i18n/en-US'
import { catalogApi } from '@/api/catalog'
import { ordersApi } from '@/api/orders'
import { showConfirmDialog } from '@/ui/feedback'
import FlashSalePanel from './FlashSalePanel.vue'

vi.mock('@/api/catalog', () => ({ catalogApi: { get: vi.fn() } }))
vi.mock('@/api/orders', () => ({ ordersApi: { roomFlashSales: vi.fn(), startFlashSale: vi.fn(), endFlashSale: vi.fn() } }))
vi.mock('@/ui/feedback', () => ({ showConfirmDialog: vi.fn(), showFailToast: vi.fn(), showSuccessToast: vi.fn() }))

const i18n = () => createI18n({ legacy: false, locale: 'zh-CN', messages: { 'zh-CN': zhCN, 'en-US': enUS } })
const stubs = {
  'van-field': { props: ['modelValue', 'label', 'errorMessage'], emits: ['update:modelValue'],
    template: `<div class="field" :data-label="label"><slot name="input"><input :value="modelValue" @input="$emit('update:modelValue', $event.target.value)" /></slot>
      <div v-if="errorMessage" class="field__error">{{ errorMessage }}</div></div>` },
  'van-stepper': { props: ['modelValue'], emits: ['update:modelValue'],
    template: '<input class="stepper" :value="modelValue" @input="$emit(\'update:modelValue\', Number($event.target.value))" />' },
  'van-button': { props: ['disabled', 'loading'], template: '<button :disabled="disabled"><slot /></button>' },
  'van-loading': true, PriceText: true,
}
const T0 = Date.parse('2026-06-01T12:00:00Z')
const product = {
  id: 'prd_1', title: '礼县花牛苹果', skus: [
    { id: 'sku_75', name: '75mm 5kg', priceFen: 4980, stock: 100 },
    { id: 'sku_85', name: '85mm 10kg', priceFen: 12800, stock: 5 },
  ],
} as unknown as ProductView
const sale = (status: FlashSaleView['status']): FlashSaleView => ({
  id: 'fls_1', roomId: 'room_1', skuId: 'sku_75', productId: 'prd_1', title: '礼县花牛苹果', skuName: '75mm 5kg', coverUrl: null, priceFen: 3980,
  originalPriceFen: 4980, quantity: 20, remaining: 12, perBuyerLimit: 1, startsAt: new Date(T0 - 60_000).toISOString(),
  endsAt: new Date(T0 + 540_000).toISOString(), status, isFresh: true,
})

async function panel(sales: FlashSaleView[] = []) {
  vi.mocked(catalogApi.get).mockResolvedValue(product)
  vi.mocked(ordersApi.roomFlashSales).mockResolvedValue(sales)
  const w = mount(FlashSalePanel, {
    props: { roomId: 'room_1', pinnedId: 'prd_1', serverNow: T0, flash: null, lastGrab: null },
    global: { plugins: [i18n()], stubs },
  })
  await flushPromises()
  return w
}
const priceInput = (w: Awaited<ReturnType<typeof panel>>) => w.get('[data-label="秒杀价（元）"] input').element as HTMLInputElement
const startButton = (w: Awaited<ReturnType<typeof panel>>) => w.findAll('button').find((b) => b.text() === '开始秒杀')!

describe('FlashSalePanel', () => {
  beforeEach(() => vi.resetAllMocks())

  it('suggests a price for the option chosen: 20% off ¥49.80, then 20% off ¥128 after switching', async () => {
    const w = await panel()
    expect(priceInput(w).value).toBe('39.80')
    await w.findAll('[role=radio]').find((b) => b.text() === '85mm 10kg')!.trigger('click')
    expect(priceInput(w).value).toBe('102.40')
  })

  it('says at the fields, before asking the server, that the price must be below the usual one and the units in stock', async () => {
    const w = await panel()
    await w.get('[data-label="秒杀价（元）"] input').setValue('49.80')
    await w.get('[data-label="数量（件）"] .stepper').setValue('101')
    await startButton(w).trigger('click')
    await flushPromises()
    expect(ordersApi.startFlashSale).not.toHaveBeenCalled()
    expect(w.get('[data-label="秒杀价（元）"] .field__error').text()).toBe('秒杀价要比原价 ¥49.80 低')
    expect(w.get('[data-label="数量（件）"] .field__error').text()).toBe('库存只有 100 件')
  })

  it('lets the anchor end a running sale after confirming, and only then start another', async () => {
    vi.mocked(showConfirmDialog).mockResolvedValue('confirm' as never)
    vi.mocked(ordersApi.endFlashSale).mockResolvedValue({ ...sale('ended'), endsAt: new Date(T0).toISOString() })
    const w = await panel([sale('running')])
    expect(startButton(w).attributes('disabled')).toBeDefined()
    expect(w.text()).toContain('先结束它')
    await w.findAll('button').find((b) => b.text() === '结束秒杀')!.trigger('click')
    await flushPromises()
    expect(showConfirmDialog).toHaveBeenCalled()
    expect(ordersApi.endFlashSale).toHaveBeenCalledWith('fls_1')
    expect(startButton(w).attributes('disabled')).toBeUndefined()
    expect(w.findAll('button').some((b) => b.text() === '结束秒杀')).toBe(false)
    expect(w.get('.fpanel__left').text()).toBe('卖出 8 / 20 件') // an ended sale counts what it sold
  })
})
