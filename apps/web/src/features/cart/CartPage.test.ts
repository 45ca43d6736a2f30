import { describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createI18n } from 'vue-i18n'
import { createMemoryHistory, createRouter } from 'vue-router'
import type { CartItem, CartView } from '@hotland/contracts'
import zhCN from '@/i18n/zh-CN'
import enUS from '@/i18n/en-US'
import { ordersApi } from '@/api/orders'
import { showFailToast } from '@/ui/feedback'
import CartPage from './CartPage.vue'

vi.mock('@/api/orders', () => ({ ordersApi: { cart: vi.fn(), setCartItem: vi.fn() } }))
vi.mock('@/ui/feedback', () => ({ showFailToast: vi.fn() }))

const i18n = () => createI18n({ legacy: false, locale: 'zh-CN', messages: { 'zh-CN': zhCN, 'en-US': enUS } })
const page = { template: '<div />' }
const router = () => createRouter({ history: createMemoryHistory(), routes: [
  { path: '/', name: 'home', component: page }, { path: '/shops/:id', name: 'shop', component: page },
  { path: '/products/:id', name: 'product', component: page }, { path: '/checkout', name: 'checkout', component: page },
] })
const stubs = { 'van-nav-bar': true, 'van-skeleton': true, 'van-checkbox': true, 'van-icon': true,
  'van-stepper': { props: ['modelValue'], emits: ['update:modelValue'], template: '<input class="qty" :value="modelValue" @change="$emit(\'update:modelValue\', $event.target.value)" />' }, 'van-submit-bar': true, 'van-empty': true, PriceText: true }
const item = (skuId: string, coverUrl: string | null) => ({ skuId, productId: `prd_${skuId}`, shopId: 'shp_1', title: skuId, skuName: '一箱',
  priceFen: 3800, qty: 1, stock: 9, onSale: true, available: true, isFresh: false, coverUrl }) as unknown as CartItem

describe('CartPage', () => {
  it('keeps a photo-sized placeholder for an item without a photo, so every row lines up', async () => {
    const cart: CartView = { shops: [{ shopId: 'shp_1', shopName: '赵大姐的花椒铺', items: [item('honey', null), item('apple', '/apple.jpg')] }], itemsFen: 7600, count: 2 }
    vi.mocked(ordersApi.cart).mockResolvedValue(cart)
    const w = mount(CartPage, { global: { plugins: [i18n(), router()], stubs } })
    await flushPromises()
    const rows = w.findAll('.cart__item')
    expect(rows.map((r) => r.find('.cart__img').exists())).toEqual([true, true])
    expect(rows[0]!.find('.cart__img--none').exists()).toBe(true)
  })

  it('says how many are left, instead of "sold out", when the cart holds more than the stock, and keeps a typed quantity to it', async () => {
    const many = { ...item('apple', '/apple.jpg'), qty: 12, stock: 9, available: false }
    const cart: CartView = { shops: [{ shopId: 'shp_1', shopName: '张大叔的苹果园', items: [many] }], itemsFen: 0, count: 12 }
    vi.mocked(ordersApi.cart).mockResolvedValue(cart)
    vi.mocked(ordersApi.setCartItem).mockResolvedValue(cart)
    const w = mount(CartPage, { global: { plugins: [i18n(), router()], stubs } })
    await flushPromises()
    expect(w.get('.cart__off').text()).toBe('只剩 9 件了，请减少数量')
    // taken off the shelf: not "lower the quantity"
    vi.mocked(ordersApi.cart).mockResolvedValue({ ...cart, shops: [{ ...cart.shops[0]!, items: [{ ...many, onSale: false }] }] })
    const off = mount(CartPage, { global: { plugins: [i18n(), router()], stubs } })
    await flushPromises()
    expect(off.get('.cart__off').text()).toBe('已售完或下架')
    await w.get('.qty').setValue('100000')
    await flushPromises()
    expect(showFailToast).toHaveBeenCalledWith('只剩 9 件了，请减少数量')
    expect(ordersApi.setCartItem).toHaveBeenCalledWith('apple', 9)
  })
})
