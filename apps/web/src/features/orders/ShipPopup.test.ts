import { beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createI18n } from 'vue-i18n'
import type { OrderView, ShopView } from '@hotland/contracts'
import zhCN from '@/i18n/zh-CN'
import enUS from '@/i18n/en-US'
import { ApiError } from '@/api/http'
import { logisticsApi } from '@/api/logistics'
import { shopsApi } from '@/api/shops'
import { showFailToast } from '@/ui/feedback'
import ShipPopup from './ShipPopup.vue'

vi.mock('@/api/logistics', () => ({ logisticsApi: { hubs: vi.fn(), shipOrder: vi.fn() }, orderLabelUrl: (id: string) => `/labels/${id}` }))
vi.mock('@/api/shops', () => ({ shopsApi: { get: vi.fn() } }))
vi.mock('@/api/orders', () => ({ ordersApi: { get: vi.fn() } }))
vi.mock('@/ui/feedback', () => ({ showFailToast: vi.fn(), showSuccessToast: vi.fn() }))

const i18n = (locale = 'zh-CN') => createI18n({ legacy: false, locale, messages: { 'zh-CN': zhCN, 'en-US': enUS } })
const stubs = {
  'van-popup': { template: '<div><slot /></div>' },
  'van-field': {
    props: ['modelValue', 'label', 'errorMessage'], emits: ['update:modelValue'],
    template: `<div class="field" :data-label="label"><input :value="modelValue" @input="$emit('update:modelValue', $event.target.value)" /><slot name="input" />
      <div v-if="errorMessage" class="field__error">{{ errorMessage }}</div></div>`,
  },
  'van-button': { props: ['disabled', 'loading'], template: '<button class="btn" :disabled="disabled"><slot /></button>' },
  'van-icon': true, 'van-stepper': true, 'van-loading': true,
}
// a shop whose county has no pickup point, so the popup opens on 其他快递
const order = { id: 'ord_1', shopId: 'shp_1', lines: [{ qty: 1 }] } as unknown as OrderView

async function open(locale = 'zh-CN') {
  vi.mocked(shopsApi.get).mockResolvedValue({ id: 'shp_1', countyCode: '621226' } as ShopView)
  vi.mocked(logisticsApi.hubs).mockResolvedValue([])
  const w = mount(ShipPopup, { props: { order }, global: { plugins: [i18n(locale)], stubs } })
  await flushPromises()
  return w
}
const fieldNamed = (w: Awaited<ReturnType<typeof open>>, label: string) => w.get(`.field[data-label="${label}"]`)
const errors = (w: Awaited<ReturnType<typeof open>>) =>
  Object.fromEntries(w.findAll('.field').filter((f) => f.find('.field__error').exists()).map((f) => [f.attributes('data-label'), f.get('.field__error').text()]))
const shipButton = (w: Awaited<ReturnType<typeof open>>) => w.findAll('.btn').find((b) => b.text() === '发货')!

describe('ShipPopup, what is wrong is said at the field', () => {
  beforeEach(() => vi.resetAllMocks())

  it('asks for the waybill at the waybill field when it is empty, and does not ship', async () => {
    const w = await open()
    await shipButton(w).trigger('click')
    expect(errors(w)).toEqual({ 运单号: '请填写运单号' })
    expect(showFailToast).toHaveBeenCalledWith('请填写运单号')
    expect(logisticsApi.shipOrder).not.toHaveBeenCalled()
  })

  it('says a weight out of range at the weight field', async () => {
    const w = await open()
    await fieldNamed(w, '运单号').get('input').setValue('SF1234567890')
    await fieldNamed(w, '重量（公斤，选填）').get('input').setValue('500')
    await shipButton(w).trigger('click')
    expect(errors(w)).toEqual({ '重量（公斤，选填）': '重量请填 0.001 到 100 公斤，或不填' })
  })

  it('shows the server\'s message at the field it names', async () => {
    vi.mocked(logisticsApi.shipOrder).mockRejectedValue(new ApiError(409, 'LOGISTICS_WAYBILL_TAKEN', 'taken', 'body.waybill'))
    const w = await open()
    await fieldNamed(w, '运单号').get('input').setValue('SF1234567890')
    await shipButton(w).trigger('click')
    await flushPromises()
    expect(errors(w)).toEqual({ 运单号: zhCN.errors.LOGISTICS_WAYBILL_TAKEN })
  })
})

describe('ShipPopup, the courier chips', () => {
  beforeEach(() => vi.resetAllMocks())

  it('name the couriers in English for an English reader, and still send the Chinese name', async () => {
    vi.mocked(logisticsApi.shipOrder).mockRejectedValue(new ApiError(409, 'LOGISTICS_WAYBILL_TAKEN', 'taken', 'body.waybill'))
    const w = await open('en-US')
    const chips = w.findAll('.ship__chip')
    expect(chips.map((c) => c.text())).toEqual(['China Post', 'SF Express', 'ZTO Express', 'YTO Express', 'Yunda Express', 'JD Logistics'])
    await chips[1]!.trigger('click')
    await fieldNamed(w, 'Waybill no.').get('input').setValue('SF1234567890')
    await w.findAll('.btn').find((b) => b.text() === 'Ship')!.trigger('click')
    expect(logisticsApi.shipOrder).toHaveBeenCalledWith('ord_1', expect.objectContaining({ carrier: '顺丰' }))
  })

  it('name them as before in Chinese', async () => {
    const w = await open()
    expect(w.findAll('.ship__chip').map((c) => c.text())).toEqual(['中国邮政', '顺丰', '中通', '圆通', '韵达', '京东'])
  })
})
