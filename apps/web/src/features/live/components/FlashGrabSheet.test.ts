import { beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia } from 'pinia'
import { createI18n } from 'vue-i18n'
import { createMemoryHistory, createRouter } from 'vue-router'
import type { AddressView, FlashQuote, FlashSaleView, MeView } from '@hotland/contracts'
import zhCN from '@/i18n/zh-CN'
import enUS from '@/i18n/en-US'
import { accountsApi } from '@/api/accounts'
import { ordersApi } from '@/api/orders'
import FlashGrabSheet from './FlashGrabSheet.vue'

vi.mock('@/api/orders', () => ({ ordersApi: { addresses: vi.fn(), flashQuote: vi.fn(), grab: vi.fn() } }))
vi.mock('@/api/accounts', () => ({ accountsApi: { session: vi.fn() } }))

const i18n = () => createI18n({ legacy: false, locale: 'zh-CN', messages: { 'zh-CN': zhCN, 'en-US': enUS } })
const router = () => createRouter({ history: createMemoryHistory(), routes: [{ path: '/', name: 'me', component: { template: '<div />' } }] })
const stubs = {
  'van-popup': { template: '<div><slot /></div>' },
  'van-button': { props: ['disabled', 'loading'], template: '<button :disabled="disabled"><slot /></button>' },
  'van-stepper': { props: ['modelValue'], emits: ['update:modelValue'],
    template: '<input class="qty" :value="modelValue" @input="$emit(\'update:modelValue\', Number($event.target.value))" />' },
  // the picker's list is a popup of its own: here, one button per address
  AddressPicker: { props: ['addresses', 'chosen'], emits: ['pick'],
    template: '<div><a v-for="a in addresses" :key="a.id" :class="`pick-${a.id}`" @click="$emit(\'pick\', a.id)">{{ a.id }}</a></div>' },
}

const T0 = Date.parse('2026-06-01T12:00:00Z')
const sale: FlashSaleView = {
  id: 'fs_1', roomId: 'r', skuId: 'k', productId: 'p', title: '礼县花牛苹果', skuName: '75mm 5kg', coverUrl: null, priceFen: 2990,
  originalPriceFen: 4980, quantity: 50, remaining: 40, perBuyerLimit: 3, startsAt: new Date(T0 - 60_000).toISOString(),
  endsAt: new Date(T0 + 600_000).toISOString(), status: 'running', isFresh: false,
}
const buyer = { user: { id: 'usr_buyer', displayName: '买家', roles: ['buyer'] }, verification: null } as unknown as MeView
const address = (id: string, isDefault: boolean) => ({ id, recipient: '李四', phone: '138', provinceCode: '62', provinceName: '甘肃省',
  cityName: '陇南市', countyCode: '621226', countyName: '礼县', detail: '城关镇 1 号', isDefault }) as AddressView
const quote = (q: Partial<FlashQuote>): FlashQuote => ({ itemsFen: 2990, shippingFen: 800, totalFen: 3790, deliverable: true, ...q })

/** A promise the test answers when it likes, to see answers arrive out of order. */
function later<T>() {
  let answer!: (v: T) => void
  const promise = new Promise<T>((r) => { answer = r })
  return { promise, answer }
}

async function openSheet() {
  vi.mocked(accountsApi.session).mockResolvedValue({ me: buyer })
  vi.mocked(ordersApi.addresses).mockResolvedValue([address('adr_home', true), address('adr_far', false)])
  const w = mount(FlashGrabSheet, {
    props: { sale, serverNow: T0, show: true },
    global: { plugins: [i18n(), createPinia(), router()], stubs },
  })
  await flushPromises()
  return w
}
/** DeliveryTotal's two halves, 运费 … | 合计 … */
const foot = (w: Awaited<ReturnType<typeof openSheet>>) => w.findAll('.dtotal > span').map((s) => s.text().replace(/\s+/g, ' ')).join(' | ')
const grabButton = (w: Awaited<ReturnType<typeof openSheet>>) => w.get('button')

describe('FlashGrabSheet, what the grab costs delivered', () => {
  beforeEach(() => vi.resetAllMocks())

  it('shows the delivery fee and the total the quote answers for the chosen quantity and address', async () => {
    vi.mocked(ordersApi.flashQuote).mockResolvedValue(quote({ itemsFen: 2990, shippingFen: 800, totalFen: 3790 }))
    const w = await openSheet()
    expect(ordersApi.flashQuote).toHaveBeenCalledWith('fs_1', { qty: 1, addressId: 'adr_home' })
    expect(foot(w)).toBe('运费 ¥8.00 | 合计 ¥37.90')
    expect(grabButton(w).text()).toBe('马上抢')
    expect(grabButton(w).attributes('disabled')).toBeUndefined()
  })

  it('says 包邮 when the quote has no delivery fee', async () => {
    vi.mocked(ordersApi.flashQuote).mockResolvedValue(quote({ shippingFen: 0, totalFen: 2990 }))
    const w = await openSheet()
    expect(foot(w)).toBe('运费 包邮 | 合计 ¥29.90')
  })

  it('says the address is out of reach and will not grab when the quote is not deliverable', async () => {
    vi.mocked(ordersApi.flashQuote).mockResolvedValue(quote({ deliverable: false }))
    const w = await openSheet()
    expect(w.get('[role="alert"]').text()).toBe('这个地址送不到')
    expect(grabButton(w).attributes('disabled')).toBeDefined()
    await grabButton(w).trigger('click')
    expect(ordersApi.grab).not.toHaveBeenCalled()
  })

  it('asks again for another quantity and ignores the late answer for the old one', async () => {
    const forOne = later<FlashQuote>()
    const forTwo = later<FlashQuote>()
    vi.mocked(ordersApi.flashQuote).mockReturnValueOnce(forOne.promise).mockReturnValueOnce(forTwo.promise)
    const w = await openSheet()
    expect(foot(w)).toBe('运费 — | 合计 ¥29.90')

    await w.get('input.qty').setValue('2')
    expect(ordersApi.flashQuote).toHaveBeenLastCalledWith('fs_1', { qty: 2, addressId: 'adr_home' })
    forTwo.answer(quote({ itemsFen: 5980, shippingFen: 0, totalFen: 5980 }))
    await flushPromises()
    forOne.answer(quote({ itemsFen: 2990, shippingFen: 800, totalFen: 3790, deliverable: false }))
    await flushPromises()

    expect(foot(w)).toBe('运费 包邮 | 合计 ¥59.80')
    expect(w.find('[role="alert"]').exists()).toBe(false)
    expect(grabButton(w).attributes('disabled')).toBeUndefined()
  })

  it('asks again for another address and ignores the late answer for the old one', async () => {
    const forHome = later<FlashQuote>()
    const forFar = later<FlashQuote>()
    vi.mocked(ordersApi.flashQuote).mockReturnValueOnce(forHome.promise).mockReturnValueOnce(forFar.promise)
    const w = await openSheet()

    await w.get('.pick-adr_far').trigger('click')
    expect(ordersApi.flashQuote).toHaveBeenLastCalledWith('fs_1', { qty: 1, addressId: 'adr_far' })
    forFar.answer(quote({ shippingFen: 2000, totalFen: 4990, deliverable: false }))
    await flushPromises()
    forHome.answer(quote({ shippingFen: 800, totalFen: 3790 }))
    await flushPromises()

    expect(foot(w)).toBe('运费 ¥20.00 | 合计 ¥49.90')
    expect(w.get('[role="alert"]').text()).toBe('这个地址送不到')
    expect(grabButton(w).attributes('disabled')).toBeDefined()
  })

  it('shows — and the price alone while the new answer is on its way, not the old quantity\'s fee', async () => {
    const forTwo = later<FlashQuote>()
    vi.mocked(ordersApi.flashQuote).mockResolvedValueOnce(quote({ shippingFen: 800, totalFen: 3790 })).mockReturnValueOnce(forTwo.promise)
    const w = await openSheet()
    expect(foot(w)).toBe('运费 ¥8.00 | 合计 ¥37.90')
    await w.get('input.qty').setValue('2')
    expect(foot(w)).toBe('运费 — | 合计 ¥59.80')
  })
})
