import { beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createI18n } from 'vue-i18n'
import { createMemoryHistory, createRouter } from 'vue-router'
import type { AddressView, PreviewResult } from '@hotland/contracts'
import zhCN from '@/i18n/zh-CN'
import enUS from '@/i18n/en-US'
import { ordersApi } from '@/api/orders'
import CheckoutPage from './CheckoutPage.vue'

vi.mock('@/api/orders', () => ({ ordersApi: { addresses: vi.fn(), preview: vi.fn(), checkout: vi.fn() } }))
vi.mock('@/features/buy/pay', () => ({ payCheckout: vi.fn(async () => true) }))

const i18n = () => createI18n({ legacy: false, locale: 'zh-CN', messages: { 'zh-CN': zhCN, 'en-US': enUS } })
const makeRouter = () => createRouter({ history: createMemoryHistory(), routes: [
  { path: '/checkout', name: 'checkout', component: CheckoutPage },
  { path: '/orders', name: 'orders', component: { template: '<div />' } },
] })
const stubs = {
  AddressPicker: { props: ['addresses', 'chosen'], template: '<div class="chosen">{{ chosen?.id }}</div>' },
  FreshConfirm: { props: ['modelValue'], emits: ['update:modelValue'],
    template: '<input type="checkbox" class="fresh" :checked="modelValue" @change="$emit(\'update:modelValue\', $event.target.checked)" />' },
  'van-submit-bar': { props: ['disabled', 'buttonText'], emits: ['submit'],
    template: '<div class="bar"><div class="bar__tip"><slot name="tip" /></div><button :disabled="disabled" @click="$emit(\'submit\')">{{ buttonText }}</button></div>' },
  'van-field': { props: ['modelValue'], emits: ['update:modelValue'], template: '<input class="field" :value="modelValue" @input="$emit(\'update:modelValue\', $event.target.value)" />' },
  'van-nav-bar': true, 'van-skeleton': true, 'van-empty': true, 'van-cell-group': { template: '<div><slot /></div>' }, 'van-icon': true,
  PriceText: true, ErrorState: true,
}

const address = (id: string, isDefault: boolean) => ({ id, recipient: '李女士', phone: '13900000004', provinceCode: '31', provinceName: '上海市',
  cityName: '上海市', countyCode: '310101', countyName: '黄浦区', detail: '人民路 1 号', isDefault }) as AddressView
const preview = (hasFresh: boolean): PreviewResult => ({
  shops: [{ shopId: 'shp_1', shopName: '张大叔的苹果园', lines: [], itemsFen: 17940, shippingFen: 0, deliverable: true, problems: [] }],
  totalFen: 17940, hasFresh,
})

async function open(query: string) {
  const router = makeRouter()
  await router.push(`/checkout?${query}`)
  const w = mount({ template: '<router-view />' }, { global: { plugins: [i18n(), router], stubs } })
  await flushPromises()
  return w
}

describe('CheckoutPage', () => {
  beforeEach(() => {
    vi.resetAllMocks()
    vi.mocked(ordersApi.addresses).mockResolvedValue([address('adr_home', true), address('adr_new', false)])
  })

  it('uses the address the buyer just added from the picker, not the default one', async () => {
    vi.mocked(ordersApi.preview).mockResolvedValue(preview(false))
    const w = await open('items=sku_1:3&from=cart&address=adr_new')
    expect(w.get('.chosen').text()).toBe('adr_new')
    expect(ordersApi.preview).toHaveBeenCalledWith({ items: [{ skuId: 'sku_1', qty: 3 }], addressId: 'adr_new' })
    expect(ordersApi.preview).toHaveBeenCalledTimes(1)
  })

  it('uses the default address when none was just added', async () => {
    vi.mocked(ordersApi.preview).mockResolvedValue(preview(false))
    const w = await open('items=sku_1:3')
    expect(w.get('.chosen').text()).toBe('adr_home')
  })

  it('says why 提交订单 is greyed until the fresh-produce notice is confirmed', async () => {
    vi.mocked(ordersApi.preview).mockResolvedValue(preview(true))
    const w = await open('items=sku_1:3')
    expect(w.get('.bar > button').attributes('disabled')).toBeDefined()
    expect(w.get('.bar__tip').text()).toBe('请先确认生鲜说明')
    await w.get('.fresh').setValue(true)
    expect(w.get('.bar > button').attributes('disabled')).toBeUndefined()
    expect(w.get('.bar__tip').text()).toBe('')
  })

  it('sends each shop only the note written under it', async () => {
    const two = preview(false)
    two.shops.push({ shopId: 'shp_2', shopName: '赵大姐的花椒', lines: [], itemsFen: 1990, shippingFen: 0, deliverable: true, problems: [] })
    vi.mocked(ordersApi.preview).mockResolvedValue(two)
    vi.mocked(ordersApi.checkout).mockResolvedValue({ checkoutId: 'chk_1', orders: [], totalFen: 19930, payBefore: '2026-06-01T12:15:00.000Z' } as never)
    const w = await open('items=sku_1:3,sku_2:1')
    const fields = w.findAll('section .field')
    expect(fields).toHaveLength(2)
    await fields[1]!.setValue('  花椒要麻的 ')
    await w.get('.bar > button').trigger('click')
    await flushPromises()
    expect(vi.mocked(ordersApi.checkout).mock.calls[0]![0]).toMatchObject({ shopNotes: [{ shopId: 'shp_2', note: '花椒要麻的' }] })
    expect(vi.mocked(ordersApi.checkout).mock.calls[0]![0]).not.toHaveProperty('note')
  })
})
