import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia } from 'pinia'
import { createI18n } from 'vue-i18n'
import { createMemoryHistory, createRouter } from 'vue-router'
import type { MeView, OrderView, Page } from '@hotland/contracts'
import zhCN from '@/i18n/zh-CN'
import enUS from '@/i18n/en-US'
import { accountsApi } from '@/api/accounts'
import { ordersApi } from '@/api/orders'
import { payCheckout } from '@/features/buy/pay'
import OrdersPage from './OrdersPage.vue'

vi.mock('@/api/orders', () => ({ ordersApi: { mine: vi.fn() } }))
vi.mock('@/api/accounts', () => ({ accountsApi: { session: vi.fn() } }))
vi.mock('@/features/buy/pay', () => ({ payCheckout: vi.fn() }))

const i18n = () => createI18n({ legacy: false, locale: 'zh-CN', messages: { 'zh-CN': zhCN, 'en-US': enUS } })
const page = { template: '<div />' }
const stubs = {
  'van-button': { template: '<button><slot /></button>' },
  'van-nav-bar': true, 'van-icon': true, 'van-loading': true, 'van-tabs': true, 'van-tab': true, 'van-list': true, 'van-empty': true,
  OrderCard: true, ErrorState: true,
}
const buyer = { user: { id: 'usr_buyer', displayName: '买家', roles: ['buyer'] }, verification: null } as unknown as MeView
const T0 = Date.parse('2026-06-01T12:00:00Z')
const pending = (payBefore: number) => ({ id: 'ord_1', checkoutId: 'chk_1', status: 'pending_payment', payBefore: new Date(payBefore).toISOString() }) as unknown as OrderView
const one = (items: OrderView[]): Page<OrderView> => ({ items, nextCursor: null })

/** The page as the sandbox cashier returns to it: /orders?checkout=chk_1&result=… */
async function returnFromCashier(result: 'unpaid' | 'declined', checkoutOrders: OrderView[]) {
  vi.mocked(accountsApi.session).mockResolvedValue({ me: buyer })
  vi.mocked(ordersApi.mine).mockImplementation(async (q = {}) => one(q.checkoutId ? checkoutOrders : []))
  const router = createRouter({ history: createMemoryHistory(), routes: [
    { path: '/orders', name: 'orders', component: page }, { path: '/me', name: 'me', component: page },
    { path: '/cart', name: 'cart', component: page },
  ] })
  await router.push(`/orders?checkout=chk_1&result=${result}`)
  const w = mount(OrdersPage, { global: { plugins: [i18n(), createPinia(), router], stubs } })
  await flushPromises()
  return w
}
const panel = (w: Awaited<ReturnType<typeof returnFromCashier>>) => w.get('.orders__checkout')
const checkoutAsks = () => vi.mocked(ordersApi.mine).mock.calls.filter(([q]) => q?.checkoutId === 'chk_1').length

describe('OrdersPage, back from the cashier', () => {
  beforeEach(() => {
    vi.resetAllMocks()
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] })
    vi.setSystemTime(T0)
  })
  afterEach(() => vi.useRealTimers())

  it('says 还没有付款 at once after 返回商城, with the time left and 去付款, and does not poll', async () => {
    const w = await returnFromCashier('unpaid', [pending(T0 + 9 * 60_000 + 30_000)])
    expect(panel(w).text()).toContain('还没有付款')
    expect(panel(w).get('[role="timer"]').text()).toBe('请在 9分30秒 内付款')
    expect(panel(w).text()).not.toContain('正在确认付款结果')
    expect(panel(w).get('button').text()).toBe('去付款')

    vi.advanceTimersByTime(10_000)
    await flushPromises()
    expect(checkoutAsks()).toBe(1)
    expect(panel(w).text()).toContain('还没有付款')
  })

  it('says 付款没有成功 at once after 模拟失败, and 重新付款 opens the cashier again', async () => {
    vi.mocked(payCheckout).mockResolvedValue(true)
    const w = await returnFromCashier('declined', [pending(T0 + 10 * 60_000)])
    expect(panel(w).text()).toContain('付款没有成功')
    expect(panel(w).text()).not.toContain('正在确认付款结果')

    await panel(w).get('button').trigger('click')
    expect(payCheckout).toHaveBeenCalledWith('chk_1')
  })

  it('says so before the checkout\'s orders arrive', async () => {
    vi.mocked(accountsApi.session).mockResolvedValue({ me: buyer })
    const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/orders', name: 'orders', component: page }] })
    await router.push('/orders?checkout=chk_1&result=declined')
    vi.mocked(ordersApi.mine).mockReturnValue(new Promise(() => {})) // the orders never come
    const w = mount(OrdersPage, { global: { plugins: [i18n(), createPinia(), router], stubs } })
    await flushPromises()
    expect(panel(w).text()).toContain('付款没有成功')
    expect(panel(w).get('button').text()).toBe('重新付款')
  })

  it('offers no pay button once the time to pay is over', async () => {
    const w = await returnFromCashier('unpaid', [pending(T0 - 1000)])
    expect(panel(w).text()).toContain('付款时间已过')
    expect(panel(w).find('button').exists()).toBe(false)
  })
})
