import { describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia } from 'pinia'
import { createI18n } from 'vue-i18n'
import { createMemoryHistory, createRouter } from 'vue-router'
import type { MeView, OrderStatus, OrderView } from '@hotland/contracts'
import zhCN from '@/i18n/zh-CN'
import enUS from '@/i18n/en-US'
import { accountsApi } from '@/api/accounts'
import { ordersApi } from '@/api/orders'
import OrderDetailPage from './OrderDetailPage.vue'

vi.mock('@/api/orders', () => ({ ordersApi: { get: vi.fn() } }))
vi.mock('@/api/accounts', () => ({ accountsApi: { session: vi.fn() } }))

const i18n = () => createI18n({ legacy: false, locale: 'zh-CN', messages: { 'zh-CN': zhCN, 'en-US': enUS } })
const router = () => createRouter({ history: createMemoryHistory(), routes: [
  { path: '/orders/:id', name: 'order', component: { template: '<div />' } },
  { path: '/products/:id', name: 'product', component: { template: '<div />' } },
] })
const stubs = {
  'van-button': { template: '<button><slot /></button>' },
  'van-nav-bar': true, 'van-skeleton': true, 'van-cell-group': true, 'van-cell': true, 'van-icon': true, 'van-tag': true,
  'van-steps': true, 'van-step': true, 'van-popup': true, 'van-field': true, 'van-rate': true, 'van-radio': true, 'van-radio-group': true, PriceText: true, ShipmentTracking: true, ShipPopup: true, ErrorState: true,
}
const buyer = { user: { id: 'usr_buyer', displayName: '买家', roles: ['buyer'] }, verification: null } as unknown as MeView
const at = '2026-06-01T12:00:00.000Z'
const orderIn = (status: OrderStatus, reviewed = false): OrderView => ({
  id: 'ord_1', checkoutId: 'chk_1', shopId: 'shp_1', shopName: '张大叔的苹果园', buyerId: 'usr_buyer', buyerDisplayName: '买家', status,
  lines: [], itemsFen: 2990, shippingFen: 0, totalFen: 2990, refundedFen: 0,
  address: { recipient: '李四', phone: '138', region: '甘肃 陇南 礼县', detail: '城关镇 1 号', countyCode: '621226' },
  note: '', hasFresh: false, freshConfirmedAt: null, flashSaleId: null, liveRoomId: null, carrier: '顺丰', waybill: 'SF1',
  payBefore: null, autoConfirmAt: null, createdAt: at, paidAt: at, shippedAt: at, deliveredAt: at,
  completedAt: status === 'completed' ? at : null, cancelledAt: null, reviewed, claim: null, events: [],
})

async function buttonsFor(order: OrderView) {
  vi.mocked(accountsApi.session).mockResolvedValue({ me: buyer })
  vi.mocked(ordersApi.get).mockResolvedValue(order)
  const w = mount(OrderDetailPage, { props: { id: order.id }, global: { plugins: [i18n(), createPinia(), router()], stubs } })
  await flushPromises()
  return w.findAll('.odetail__bar button').map((b) => b.text())
}

describe('OrderDetailPage, the buyer\'s actions', () => {
  it('offers 确认收货 and not 评价 on a delivered order the buyer has not confirmed', async () => {
    const buttons = await buttonsFor(orderIn('delivered'))
    expect(buttons).toContain('确认收货')
    expect(buttons).not.toContain('评价')
  })

  it('offers 评价 and no longer 确认收货 once the order is completed', async () => {
    const buttons = await buttonsFor(orderIn('completed'))
    expect(buttons).toContain('评价')
    expect(buttons).not.toContain('确认收货')
  })

  it('tells the buyer of a delivered order when it confirms itself', async () => {
    vi.mocked(accountsApi.session).mockResolvedValue({ me: buyer })
    vi.mocked(ordersApi.get).mockResolvedValue({ ...orderIn('delivered'), autoConfirmAt: '2026-06-08T12:00:00.000Z' })
    const w = mount(OrderDetailPage, { props: { id: 'ord_1' }, global: { plugins: [i18n(), createPinia(), router()], stubs } })
    await flushPromises()
    expect(w.text()).toContain('自动确认收货')
  })

  it('does not offer 评价 again after the buyer reviewed', async () => {
    expect(await buttonsFor(orderIn('completed', true))).not.toContain('评价')
  })
})
