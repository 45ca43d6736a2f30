import { beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createI18n } from 'vue-i18n'
import { createMemoryHistory, createRouter } from 'vue-router'
import type { AddressView } from '@hotland/contracts'
import zhCN from '@/i18n/zh-CN'
import enUS from '@/i18n/en-US'
import { ApiError } from '@/api/http'
import { ordersApi } from '@/api/orders'
import AddressEditPage from './AddressEditPage.vue'

vi.mock('@/api/orders', () => ({ ordersApi: { addresses: vi.fn(), addAddress: vi.fn(), updateAddress: vi.fn(), removeAddress: vi.fn() } }))
vi.mock('@/ui/feedback', () => ({ showFailToast: vi.fn(), showSuccessToast: vi.fn(), showConfirmDialog: vi.fn() }))

const i18n = () => createI18n({ legacy: false, locale: 'zh-CN', messages: { 'zh-CN': zhCN, 'en-US': enUS } })
const page = { template: '<div />' }
const makeRouter = () => createRouter({ history: createMemoryHistory(), routes: [
  { path: '/me/addresses/new', name: 'address-new', component: AddressEditPage },
  { path: '/me/addresses', name: 'addresses', component: page },
  { path: '/checkout', name: 'checkout', component: page },
] })
/** van-field as an input with its label and error message, which is what the buyer reads. */
const field = {
  props: ['modelValue', 'label', 'errorMessage'], emits: ['update:modelValue'],
  template: `<div class="field" :data-label="label"><input :value="modelValue" @input="$emit('update:modelValue', $event.target.value)" />
    <div v-if="errorMessage" class="field__error">{{ errorMessage }}</div></div>`,
}
const stubs = {
  'van-field': field,
  CountyPicker: { ...field, template: `<div class="field" :data-label="label"><input class="county" :value="modelValue" @input="$emit('update:modelValue', $event.target.value)" />
    <div v-if="errorMessage" class="field__error">{{ errorMessage }}</div></div>` },
  'van-form': { emits: ['submit'], template: '<form @submit.prevent="$emit(\'submit\')"><slot /></form>' },
  'van-button': { template: '<button><slot /></button>' },
  'van-nav-bar': true, 'van-cell-group': { template: '<div><slot /></div>' }, 'van-cell': true, 'van-switch': true,
}

async function open(path = '/me/addresses/new') {
  const router = makeRouter()
  await router.push(path)
  const w = mount({ template: '<router-view />' }, { global: { plugins: [i18n(), router], stubs } })
  await flushPromises()
  return { w, router }
}
async function fill(w: Awaited<ReturnType<typeof open>>['w'], v: { recipient: string; phone: string; county: string; detail: string }) {
  const inputs = w.findAll('.field input')
  await inputs[0]!.setValue(v.recipient)
  await inputs[1]!.setValue(v.phone)
  await inputs[2]!.setValue(v.county)
  await inputs[3]!.setValue(v.detail)
}
/** label → the message shown under that field */
const errors = (w: Awaited<ReturnType<typeof open>>['w']) =>
  Object.fromEntries(w.findAll('.field').filter((f) => f.find('.field__error').exists()).map((f) => [f.attributes('data-label'), f.get('.field__error').text()]))

const added = { id: 'adr_new', recipient: '李女士妈妈', phone: '13912345678', countyCode: '330106', detail: '文三路 99 号', isDefault: false } as AddressView

describe('AddressEditPage, what is wrong is said at the field', () => {
  beforeEach(() => {
    vi.resetAllMocks()
    vi.mocked(ordersApi.addresses).mockResolvedValue([])
  })

  it('says only the phone is wrong when the phone is 7 digits, and does not save', async () => {
    const { w } = await open()
    await fill(w, { recipient: '李女士妈妈', phone: '1391234', county: '330106', detail: '文三路 99 号' })
    await w.get('form').trigger('submit')
    expect(errors(w)).toEqual({ 手机号: '请填写正确的11位手机号' })
    expect(ordersApi.addAddress).not.toHaveBeenCalled()
  })

  it('names every empty field, counting spaces as empty', async () => {
    const { w } = await open()
    await fill(w, { recipient: '   ', phone: '', county: '', detail: '  ' })
    await w.get('form').trigger('submit')
    expect(errors(w)).toEqual({ 收货人: '请填写收货人', 手机号: '请填写手机号', 所在地区: '请选择所在地区', 详细地址: '请填写详细地址' })
  })

  it('clears a field\'s message once the buyer edits that field', async () => {
    const { w } = await open()
    await fill(w, { recipient: '李女士妈妈', phone: '1391234', county: '330106', detail: '文三路 99 号' })
    await w.get('form').trigger('submit')
    await w.findAll('.field input')[1]!.setValue('13912345678')
    expect(errors(w)).toEqual({})
  })

  it('shows the server\'s message at the field it names', async () => {
    vi.mocked(ordersApi.addAddress).mockRejectedValue(new ApiError(400, 'REGIONS_NOT_A_COUNTY', 'not a county', 'body.countyCode'))
    const { w } = await open()
    await fill(w, { recipient: '李女士妈妈', phone: '13912345678', county: '330100', detail: '文三路 99 号' })
    await w.get('form').trigger('submit')
    await flushPromises()
    expect(Object.keys(errors(w))).toEqual(['所在地区'])
    expect(errors(w)['所在地区']).toBe(zhCN.errors.REGIONS_NOT_A_COUNTY)
  })
})

describe('AddressEditPage, back to where the buyer came from', () => {
  beforeEach(() => {
    vi.resetAllMocks()
    vi.mocked(ordersApi.addresses).mockResolvedValue([])
  })

  it('returns to the checkout with the new address chosen', async () => {
    vi.mocked(ordersApi.addAddress).mockResolvedValue(added)
    const redirect = '/checkout?items=sku_1*3&from=cart&address=adr_old'
    const { w, router } = await open(`/me/addresses/new?redirect=${encodeURIComponent(redirect)}`)
    await fill(w, { recipient: '李女士妈妈', phone: '13912345678', county: '330106', detail: '文三路 99 号' })
    await w.get('form').trigger('submit')
    await flushPromises()
    expect(router.currentRoute.value.path).toBe('/checkout')
    expect(router.currentRoute.value.query).toEqual({ items: 'sku_1*3', from: 'cart', address: 'adr_new' })
  })
})
