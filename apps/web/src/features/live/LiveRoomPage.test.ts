import { beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia } from 'pinia'
import { computed, reactive, ref, shallowRef } from 'vue'
import { createI18n } from 'vue-i18n'
import { createMemoryHistory, createRouter } from 'vue-router'
import type { LiveRoomView, ProductSummary } from '@hotland/contracts'
import zhCN from '@/i18n/zh-CN'
import enUS from '@/i18n/en-US'
import { initialLiveState } from './liveProtocol'
import LiveRoomPage from './LiveRoomPage.vue'

vi.mock('@/api/accounts', () => ({ accountsApi: { session: vi.fn().mockResolvedValue({ me: null }) } }))
vi.mock('@/api/live', () => ({ liveApi: {} }))
vi.mock('@/api/orders', () => ({ ordersApi: { roomFlashSales: vi.fn().mockResolvedValue([]), flashHeld: vi.fn() } }))

// The room as useLiveRoom gives it, without HTTP or a socket: each test sets the room and what the socket says is pinned.
const fake = {
  room: shallowRef<LiveRoomView | null>(null),
  state: reactive(initialLiveState()),
}
vi.mock('./useLiveRoom', async (importOriginal) => ({
  ...(await importOriginal<typeof import('./useLiveRoom')>()),
  useLiveRoom: () => ({
    room: fake.room, loading: ref(false), error: ref(null), clips: ref([]), streamSignal: ref(0), serverNow: ref(Date.now()),
    socket: { state: fake.state, myLikes: ref(0), reconnecting: ref(false), sendChat: vi.fn(), like: vi.fn() },
    pinned: computed(() => fake.state.pinned),
    load: vi.fn(),
  }),
}))

const product = (id: string, title: string): ProductSummary => ({
  id, shopId: 'shp_1', shopName: '张大叔的苹果园', title, category: 'fruit', originCountyCode: '621226', originCountyName: '礼县',
  isFresh: true, status: 'on_sale', coverUrls: null, minPriceFen: 4980, maxPriceFen: 4980, skuCount: 1, isDemo: false,
})
const apples = product('prd_apple', '礼县花牛苹果')
const walnuts = product('prd_walnut', '陇南核桃')
const liveRoom = (featuredProducts: ProductSummary[]): LiveRoomView => ({
  id: 'room_1', shopId: 'shp_1', shopName: '张大叔的苹果园', shopCoverUrl: null, countyCode: '621226', countyName: '礼县', anchorId: 'usr_a',
  anchorDisplayName: '张大叔', title: '果园现摘', coverUrl: null, scheduledAt: '2026-06-01T12:00:00.000Z', status: 'live',
  startedAt: '2026-06-01T12:00:00.000Z', endedAt: null, featuredProducts, pinnedProductId: null, viewerCount: 1, peakViewers: 1,
  likeCount: 0, followerCount: 2, followedByMe: false, myRole: null, isPublishing: true, playback: null, replay: null, isDemo: true,
})

const stubs = {
  LivePlayer: true, ChatList: true, FlashBanner: true, FlashGrabSheet: true, PriceText: true, 'van-icon': true, 'van-loading': true,
  'van-nav-bar': true, 'van-button': true, 'van-cell': true, 'van-cell-group': true,
  'van-popup': { props: ['show'], template: '<div v-if="show" class="popup"><slot /></div>' },
  BuySheet: { props: ['show', 'productId'], template: '<div v-if="show" class="buysheet" :data-product="productId" />' },
}

async function open(featured: ProductSummary[], pinned: ProductSummary | null = null, at?: string) {
  fake.room.value = liveRoom(featured)
  fake.state.pinned = pinned
  const i18n = createI18n({ legacy: false, locale: 'zh-CN', messages: { 'zh-CN': zhCN, 'en-US': enUS } })
  const router = createRouter({ history: createMemoryHistory(), routes: [
    ...['shop', 'product', 'me', 'orders'].map((name) => ({ path: `/${name}/:id?`, name, component: { template: '<div />' } })),
    { path: '/live/:id', name: 'live', component: { template: '<div />' } },
  ] })
  if (at) await router.push(at)
  const w = mount(LiveRoomPage, { props: { id: 'room_1' }, global: { plugins: [i18n, createPinia(), router], stubs } })
  await flushPromises()
  return w
}

describe('LiveRoomPage, buying while the room is live', () => {
  beforeEach(() => { Object.assign(fake.state, initialLiveState()) })

  it('opens the room\'s products from the shopping bag when nothing is pinned, and a tap opens that product\'s buy sheet', async () => {
    const w = await open([apples, walnuts])
    const bag = w.get('button[aria-label="本场好物（2 件）"]')
    expect(w.find('.popup').exists()).toBe(false)
    await bag.trigger('click')
    const items = w.findAll('.popup .rprods__item')
    expect(items.map((i) => i.attributes('aria-label'))).toEqual(['购买：礼县花牛苹果', '购买：陇南核桃'])
    await items[1]!.trigger('click')
    await flushPromises()
    expect(w.get('.buysheet').attributes('data-product')).toBe('prd_walnut')
  })

  it('lists a pinned product that is not among the room\'s products first, marked 讲解中', async () => {
    const pears = product('prd_pear', '酥梨')
    const w = await open([apples], pears)
    await w.get('button[aria-label="本场好物（2 件）"]').trigger('click')
    const items = w.findAll('.popup .rprods__item')
    expect(items.map((i) => i.attributes('aria-label'))).toEqual(['购买：酥梨', '购买：礼县花牛苹果'])
    expect(items[0]!.text()).toContain('讲解中')
    expect(items[1]!.text()).not.toContain('讲解中')
  })

  it('shows no shopping bag when the room has no products', async () => {
    const w = await open([])
    expect(w.find('.stage__bag').exists()).toBe(false)
  })

  it('opens the buy sheet again for the product the buyer was buying when they come back from adding an address', async () => {
    const w = await open([apples, walnuts], null, '/live/room_1?buy=prd_walnut&sku=sku_1&qty=2&address=adr_new')
    expect(w.get('.buysheet').attributes('data-product')).toBe('prd_walnut')
  })
})
