import { beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia } from 'pinia'
import { createI18n } from 'vue-i18n'
import { createMemoryHistory, createRouter } from 'vue-router'
import type { ClaimView, MeView, OrderStatus, OrderView, ReviewView } from '@hotland/contracts'
import zhCN from '@/i18n/zh-CN'
import enUS from '@/i18n/en-US'
import { accountsApi } from '@/api/accounts'
import { ordersApi } from '@/api/orders'
import { showConfirmDialog, showSuccessToast } from '@/ui/feedback'
import OrderDetailPage from './OrderDetailPage.vue'

vi.mock('@/api/orders', () => ({ ordersApi: { get: vi.fn(), review: vi.fn(), resolveClaim: vi.fn(), decideClaim: vi.fn(), claim: vi.fn(), escalateClaim: vi.fn(), productReviews: vi.fn() } }))
vi.mock('@/api/accounts', () => ({ accountsApi: { session: vi.fn() } }))
vi.mock('@/ui/feedback', () => ({ showConfirmDialog: vi.fn(), showFailToast: vi.fn(), showSuccessToast: vi.fn() }))

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
  lines: [], itemsFen: 2990, shippingFen: 0, totalFen: 2990, refundedFen: 0, pendingRefundFen: 0,
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

  it('says a refund is in progress on a paid order cancelled whose money has not gone back yet, and not once it has', async () => {
    vi.mocked(accountsApi.session).mockResolvedValue({ me: buyer })
    vi.mocked(ordersApi.get).mockResolvedValue({ ...orderIn('cancelled'), cancelledAt: at })
    const owed = mount(OrderDetailPage, { props: { id: 'ord_1' }, global: { plugins: [i18n(), createPinia(), router()], stubs } })
    await flushPromises()
    expect(owed.text()).toContain('退款处理中')
    vi.mocked(ordersApi.get).mockResolvedValue({ ...orderIn('cancelled'), cancelledAt: at, refundedFen: 2990 })
    const done = mount(OrderDetailPage, { props: { id: 'ord_1' }, global: { plugins: [i18n(), createPinia(), router()], stubs } })
    await flushPromises()
    expect(done.text()).not.toContain('退款处理中')
    expect(done.text()).toContain('已退款')
    // a claim's refund asked for and not answered yet, on a shipped order
    vi.mocked(ordersApi.get).mockResolvedValue({ ...orderIn('shipped'), pendingRefundFen: 1500 })
    const claimPending = mount(OrderDetailPage, { props: { id: 'ord_1' }, global: { plugins: [i18n(), createPinia(), router()], stubs } })
    await flushPromises()
    expect(claimPending.text()).toContain('退款处理中')
  })

  it('does not offer 评价 again after the buyer reviewed', async () => {
    expect(await buttonsFor(orderIn('completed', true))).not.toContain('评价')
  })

  it('offers 请特派员介入 on a claim the shop refunded only partly, and not on one refunded in full', async () => {
    const refunded = (refundFen: number) => ({ ...orderIn('completed'), claim: { id: 'clm_1', status: 'refunded', reason: 'rotten',
      description: '烂了3个', imageUrls: [], requestedFen: 1250, refundFen, resolution: '退一半' } as unknown as ClaimView })
    expect(await buttonsFor(refunded(600))).toContain('请特派员介入')
    expect(await buttonsFor(refunded(1250))).not.toContain('请特派员介入')
  })
})

/** The popups' insides as the person sees them: fields with their label and message, the stars as buttons. */
const formStubs = {
  ...stubs,
  'van-popup': { props: ['show'], template: '<div v-if="show" class="popup"><slot /></div>' },
  'van-field': {
    props: ['modelValue', 'label', 'errorMessage'], emits: ['update:modelValue'],
    template: `<div class="field" :data-label="label"><slot name="input"><input :value="modelValue" @input="$emit('update:modelValue', $event.target.value)" /></slot>
      <div v-if="errorMessage" class="field__error">{{ errorMessage }}</div></div>`,
  },
  'van-rate': { props: ['modelValue'], emits: ['update:modelValue', 'change'],
    template: `<span><a v-for="n in 5" :key="n" :class="'star-' + n" @click="n !== modelValue && ($emit('update:modelValue', n), $emit('change', n))">★</a></span>` },
  ImageUploader: { props: ['coverBadge'], template: '<div class="uploader" :data-cover="String(coverBadge)" />' },
}
const seller = { user: { id: 'usr_shop', displayName: '张大叔', roles: ['farmer'] }, verification: null } as unknown as MeView

async function mountAs(me: MeView, order: OrderView) {
  vi.mocked(accountsApi.session).mockResolvedValue({ me })
  vi.mocked(ordersApi.get).mockResolvedValue(order)
  const w = mount(OrderDetailPage, { props: { id: order.id }, global: { plugins: [i18n(), createPinia(), router()], stubs: formStubs } })
  await flushPromises()
  return w
}
type W = Awaited<ReturnType<typeof mountAs>>
const button = (w: W, text: string) => w.findAll('button').find((b) => b.text() === text)!
const errors = (w: W) =>
  Object.fromEntries(w.findAll('.popup .field').filter((f) => f.find('.field__error').exists()).map((f) => [f.attributes('data-label'), f.get('.field__error').text()]))

describe('OrderDetailPage, posting a review', () => {
  beforeEach(() => vi.resetAllMocks())

  it('shows the preselected rating in words', async () => {
    const w = await mountAs(buyer, orderIn('completed'))
    await button(w, '评价').trigger('click')
    expect(w.get('[data-testid="rating-text"]').text()).toBe('5 星 · 非常满意')
  })

  it('asks 发表 5 星评价？ when the buyer did not touch the stars, and posts nothing if they step back', async () => {
    vi.mocked(showConfirmDialog).mockRejectedValue('cancel')
    const w = await mountAs(buyer, orderIn('completed'))
    await button(w, '评价').trigger('click')
    await button(w, '发表评价').trigger('click')
    await flushPromises()
    expect(showConfirmDialog).toHaveBeenCalledWith(expect.objectContaining({ message: expect.stringContaining('发表 5 星评价？') }))
    expect(ordersApi.review).not.toHaveBeenCalled()
  })

  it('posts the 5 stars once the buyer confirms them', async () => {
    vi.mocked(showConfirmDialog).mockResolvedValue('confirm')
    vi.mocked(ordersApi.review).mockResolvedValue(undefined as never)
    const w = await mountAs(buyer, orderIn('completed'))
    await button(w, '评价').trigger('click')
    await button(w, '发表评价').trigger('click')
    await flushPromises()
    expect(ordersApi.review).toHaveBeenCalledWith('ord_1', { rating: 5, text: '', imageIds: [] })
  })

  it('posts the stars the buyer chose without asking again', async () => {
    vi.mocked(ordersApi.review).mockResolvedValue(undefined as never)
    const w = await mountAs(buyer, orderIn('completed'))
    await button(w, '评价').trigger('click')
    await w.get('.star-3').trigger('click')
    expect(w.get('[data-testid="rating-text"]').text()).toBe('3 星 · 一般')
    await button(w, '发表评价').trigger('click')
    await flushPromises()
    expect(showConfirmDialog).not.toHaveBeenCalled()
    expect(ordersApi.review).toHaveBeenCalledWith('ord_1', { rating: 3, text: '', imageIds: [] })
  })

  it('does not mark review or claim photos 封面', async () => {
    const w = await mountAs(buyer, orderIn('completed'))
    await button(w, '评价').trigger('click')
    await button(w, '申请售后').trigger('click')
    expect(w.findAll('.uploader').map((u) => u.attributes('data-cover'))).toEqual(['false', 'false'])
  })
})

describe('OrderDetailPage, the shop resolving a claim', () => {
  beforeEach(() => vi.resetAllMocks())
  const claim = { id: 'clm_1', status: 'open', reason: 'rotten', description: '烂了3个', imageUrls: [], requestedFen: 1250, refundFen: 0,
    resolution: null } as unknown as ClaimView
  const claimed = { ...orderIn('delivered'), claim }

  it('asks for the note at the note field when it is empty, and resolves nothing', async () => {
    const w = await mountAs(seller, claimed)
    await button(w, '处理售后').trigger('click')
    await button(w, '确定').trigger('click')
    expect(errors(w)).toEqual({ 处理说明: '请写处理说明，买家会看到' })
    expect(ordersApi.resolveClaim).not.toHaveBeenCalled()
  })

  it('shows the server\'s message at the field it names', async () => {
    const { ApiError } = await import('@/api/http')
    vi.mocked(ordersApi.resolveClaim).mockRejectedValue(new ApiError(400, 'VALIDATION_FAILED', 'too much', 'body.refundFen'))
    const w = await mountAs(seller, claimed)
    await button(w, '处理售后').trigger('click')
    await w.get('.field[data-label="处理说明"] input').setValue('同意退款')
    await button(w, '确定').trigger('click')
    await flushPromises()
    expect(ordersApi.resolveClaim).toHaveBeenCalledWith('clm_1', { refundFen: 1250, note: '同意退款' })
    expect(errors(w)).toEqual({ '退款金额（元）': zhCN.errors.VALIDATION_FAILED })
  })
})

describe('OrderDetailPage, the buyer asking a commissioner', () => {
  beforeEach(() => vi.resetAllMocks())
  const rejected = { ...orderIn('completed'), claim: { id: 'clm_1', status: 'rejected', reason: 'rotten', description: '烂了3个',
    imageUrls: [], requestedFen: 1250, refundFen: 0, resolution: '照片看不出' } as unknown as ClaimView }

  it('asks before handing the claim over, and hands nothing over if the buyer steps back', async () => {
    vi.mocked(showConfirmDialog).mockRejectedValue('cancel')
    const w = await mountAs(buyer, rejected)
    await button(w, '请特派员介入').trigger('click')
    await flushPromises()
    expect(showConfirmDialog).toHaveBeenCalledWith(expect.objectContaining({ message: expect.stringContaining('特派员'), confirmButtonText: '请特派员介入' }))
    expect(ordersApi.escalateClaim).not.toHaveBeenCalled()
  })

  it('hands the claim over once the buyer confirms, and says so', async () => {
    vi.mocked(showConfirmDialog).mockResolvedValue('confirm')
    vi.mocked(ordersApi.escalateClaim).mockResolvedValue({ ...rejected, claim: { ...rejected.claim!, status: 'escalated' } })
    const w = await mountAs(buyer, rejected)
    await button(w, '请特派员介入').trigger('click')
    await flushPromises()
    expect(ordersApi.escalateClaim).toHaveBeenCalledWith('clm_1')
    expect(showSuccessToast).toHaveBeenCalledWith('已请特派员介入')
    expect(w.text()).toContain('特派员处理中')
  })
})

describe('OrderDetailPage, a reviewed order', () => {
  beforeEach(() => vi.resetAllMocks())
  const line = { skuId: 'sku_1', productId: 'prd_1', title: '花牛苹果', skuName: '5斤', priceFen: 2990, qty: 1, isFresh: false, coverUrl: null }
  const reviewOf = (orderId: string, text: string): ReviewView => ({ id: `rev_${orderId}`, orderId, productId: 'prd_1', buyerDisplayName: '李**',
    rating: 4, text, imageUrls: ['/media/r1.jpg'], createdAt: at })

  it('says 已评价 with the buyer\'s own review, found among the product\'s reviews by its order', async () => {
    vi.mocked(ordersApi.productReviews).mockResolvedValue([reviewOf('ord_other', '别人的评价'), reviewOf('ord_1', '很甜，个头大')])
    const w = await mountAs(buyer, { ...orderIn('completed', true), lines: [line] })
    const section = w.get('section[aria-label="已评价"]')
    expect(ordersApi.productReviews).toHaveBeenCalledWith('prd_1')
    expect(section.text()).toContain('4 星 · 满意')
    expect(section.text()).toContain('很甜，个头大')
    expect(section.text()).not.toContain('别人的评价')
    expect(section.findAll('img').map((i) => i.attributes('src'))).toEqual(['/media/r1.jpg'])
  })

  it('says 已评价 alone when the review cannot be found', async () => {
    vi.mocked(ordersApi.productReviews).mockResolvedValue([])
    const w = await mountAs(buyer, { ...orderIn('completed', true), lines: [line] })
    expect(w.get('section[aria-label="已评价"]').text()).toBe('已评价')
  })

  it('shows the review just posted at once, without looking it up', async () => {
    vi.mocked(showConfirmDialog).mockResolvedValue('confirm')
    vi.mocked(ordersApi.review).mockResolvedValue(reviewOf('ord_1', '刚写的评价'))
    const w = await mountAs(buyer, { ...orderIn('completed'), lines: [line] })
    expect(w.find('section[aria-label="已评价"]').exists()).toBe(false)
    vi.mocked(ordersApi.get).mockResolvedValue({ ...orderIn('completed', true), lines: [line] })
    await button(w, '评价').trigger('click')
    await button(w, '发表评价').trigger('click')
    await flushPromises()
    expect(w.get('section[aria-label="已评价"]').text()).toContain('刚写的评价')
    expect(ordersApi.productReviews).not.toHaveBeenCalled()
    expect(button(w, '评价')).toBeUndefined()
  })
})
