// From orchard to doorstep (issue 5): the demo farmer marks a 采摘 clip in a live replay, records an orchard and a
// harvest lot with its certificate, packs boxes from the lot page; a buyer orders and pays in the sandbox; the farmer
// ships through a village pickup point from the order page; the hub operator scans it picked up → arrived, sends it
// off in an outbound batch and scans it delivered. The buyer sees the tracking on the order, then opens the box's QR
// (the GS1 Digital Link on the server), lands on the trace page and sees the journey and the live clip.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type { Browser, BrowserContext } from 'playwright-core'
import type {
  CheckoutResult, ClipView, HubView, LiveRoomView, LotView, OrchardView, OrderView, Page as ApiPage, PaymentView, ProductSummary,
  ProductView, ShipmentView, ShopView, AddressView,
} from '@hotland/contracts'
import { hasChromium } from '../support/env'
import { apiSession, launch, phone, registerViaApi, shot } from '../support/browser'

const baseURL = inject('baseURL')
const DEMO_FARMER = { phone: '13800000002', password: 'hotland-demo' }
const DEMO_BUYER = { phone: '13800000005', password: 'hotland-demo' }
const COUNTY_ADMIN = { phone: '13800000006', password: 'hotland-demo' }
const suffix = Math.random().toString(36).slice(2, 6)

async function apiLogin(ctx: BrowserContext, who: { phone: string; password: string }) {
  const res = await ctx.request.post('/api/accounts/login', { data: who })
  expect(res.status()).toBe(200)
}
async function json<T>(res: { status(): number; text(): Promise<string> }, status = 200): Promise<T> {
  const text = await res.text()
  expect(res.status(), text.slice(0, 300)).toBe(status)
  return JSON.parse(text) as T
}

describe.skipIf(!hasChromium)('a box from the orchard to the buyer, traced', () => {
  let browser: Browser
  beforeAll(async () => { browser = await launch({ media: true }) })
  afterAll(async () => { await browser?.close() })

  it('a buyer with a delivered order scans the box and sees its journey and the live clip', async () => {
    // ── the farmer, the apple product and its SKU (with a GTIN)
    const farmerCtx = await phone(browser, baseURL)
    await apiLogin(farmerCtx, DEMO_FARMER)
    const fapi = farmerCtx.request
    const shop = ((await json<ShopView[]>(await fapi.get('/api/shops/mine')))).find((s) => s.name.includes('张大叔'))
    expect(shop, 'the demo farmer has a shop').toBeTruthy()
    const shopId = shop!.id
    const products = await json<ApiPage<ProductSummary>>(await fapi.get(`/api/shops/${shopId}/products?status=on_sale&limit=50`))
    const appleSummary = products.items.find((p) => p.title.includes('花牛苹果'))
    expect(appleSummary).toBeTruthy()
    const apple = await json<ProductView>(await fapi.get(`/api/products/${appleSummary!.id}`))
    const sku = apple.skus[0]!
    expect(sku.gtin).toMatch(/^\d{14}$/)

    // ── a short live from the console (fake camera), ended; a 采摘 clip marked in its replay
    const room = await json<LiveRoomView>(await fapi.post(`/api/shops/${shopId}/live-rooms`, {
      data: { title: `果园现摘 ${suffix}`, scheduledAt: new Date(Date.now() + 60_000).toISOString(), productIds: [apple.id] },
    }), 201)
    const anchor = await farmerCtx.newPage()
    await anchor.goto(`/live/${room.id}/console`)
    await anchor.getByRole('button', { name: '开播', exact: true }).click()
    await expect.poll(async () => {
      const r = await json<LiveRoomView>(await fapi.get(`/api/live-rooms/${room.id}`))
      return `${r.status}/${r.isPublishing}`
    }, { timeout: 30_000, interval: 500 }).toBe('live/true')
    await anchor.waitForTimeout(7000)
    await json<LiveRoomView>(await fapi.post(`/api/live-rooms/${room.id}/end`))
    await expect.poll(async () => (await json<LiveRoomView>(await fapi.get(`/api/live-rooms/${room.id}`))).replay !== null,
      { timeout: 30_000, interval: 1000 }).toBe(true)
    const clip = await json<ClipView>(await fapi.post(`/api/live-rooms/${room.id}/clips`, { data: { startSeconds: 1, endSeconds: 3, title: '采摘' } }), 201)
    await anchor.close()

    // ── the county admin sets up the county hub and a village pickup point, with one operator for both
    const adminCtx = await phone(browser, baseURL)
    await apiLogin(adminCtx, COUNTY_ADMIN)
    const aapi = adminCtx.request
    const hubBody = { countyCode: shop!.countyCode, contactName: '王站长', contactPhone: '13912340000' }
    const countyHub = await json<HubView>(await aapi.post('/api/hubs', {
      data: { ...hubBody, kind: 'county_hub', name: `礼县分拨中心${suffix}`, address: '城关镇物流园 1 号' },
    }), 201)
    const point = await json<HubView>(await aapi.post('/api/hubs', {
      data: { ...hubBody, kind: 'pickup_point', name: `盐官镇收寄点${suffix}`, address: '盐官镇街道 8 号', parentHubId: countyHub.id },
    }), 201)
    const opApi = await apiSession(baseURL)
    const operator = await registerViaApi(opApi, '王站长', 'buyer')
    for (const h of [countyHub, point]) {
      const res = await aapi.post(`/api/hubs/${h.id}/operators`, { data: { phone: operator.phone } })
      expect(res.status(), await res.text()).toBeLessThan(300)
    }

    // ── the farmer: orchard, lot with its certificate, a passed inspection, the clip linked
    const orchard = await json<OrchardView>(await fapi.post(`/api/shops/${shopId}/orchards`, {
      data: { name: `南坡果园${suffix}`, countyCode: shop!.countyCode, address: '盐官镇罗坝村三组', story: '种了二十年苹果，海拔一千二百米。' },
    }), 201)
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10)
    const lot = await json<LotView>(await fapi.post(`/api/shops/${shopId}/lots`, {
      data: {
        skuId: sku.id, orchardId: orchard.id, harvestDate: today, weightKg: 500, grade: '一级', imageIds: [],
        certificate: { promiseConfirmed: true, basis: 'self_test', issuer: '张大叔', contactPhone: '13800000002', issuedOn: today },
      },
    }), 201)
    await json<LotView>(await fapi.post(`/api/lots/${lot.id}/inspections`, {
      data: { kind: '农药残留速测', result: 'conformant', inspectedOn: today, inspector: '礼县农检站', note: '', imageIds: [] },
    }), 201)
    await json<LotView>(await fapi.put(`/api/lots/${lot.id}/clips`, { data: { clips: [{ clipId: clip.id, purpose: 'harvest' }] } }))

    // the farmer's pages: 批次溯源 from the shop page, the lot list, the new-lot form (both screens), the lot
    const farmer = await farmerCtx.newPage()
    await farmer.goto(`/farmer/shops/${shopId}`)
    await farmer.getByRole('link', { name: '批次溯源' }).click()
    await farmer.waitForURL('**/lots')
    await expect.poll(() => farmer.getByText(lot.code).count(), { timeout: 10_000 }).toBe(1)
    await shot(farmer, 'trace-farmer-lots')
    await farmer.getByRole('tab', { name: '果园' }).click()
    await expect.poll(() => farmer.getByText(orchard.name).count()).toBe(1)
    await shot(farmer, 'trace-farmer-orchards')
    await farmer.goto(`/farmer/shops/${shopId}/lots/new`)
    await farmer.getByRole('textbox', { name: '商品' }).click()
    await farmer.getByRole('dialog', { name: '选择商品' }).getByText(apple.title).click()
    await farmer.getByRole('radio', { name: orchard.name }).click()
    await farmer.getByRole('radio', { name: sku.name }).click()
    await farmer.getByRole('textbox', { name: '重量' }).fill('300')
    await shot(farmer, 'trace-lot-new-1')
    await farmer.getByRole('button', { name: '下一步' }).click()
    await expect.poll(() => farmer.getByRole('checkbox', { name: /我承诺对生产销售的食用农产品/ }).isVisible()).toBe(true)
    await shot(farmer, 'trace-lot-new-2')

    // pack boxes from the lot page: serials and their trace links appear
    await farmer.goto(`/farmer/shops/${shopId}/lots/${lot.id}`)
    await farmer.getByRole('button', { name: '装箱' }).click()
    const pack = farmer.getByRole('dialog', { name: '装箱' })
    await pack.getByRole('textbox', { name: '每箱重量（公斤）' }).fill('5')
    await pack.getByRole('button', { name: '装箱并生成箱号' }).click()
    // the lot's box list (GET /lots/:id/boxes) reloads with the new boxes marked 刚装好, each with its trace link
    await expect.poll(() => farmer.getByText('刚装好').count(), { timeout: 10_000 }).toBe(10)
    await expect.poll(() => farmer.getByRole('link', { name: '看溯源' }).count()).toBe(10)
    await expect.poll(() => farmer.getByRole('radio', { name: '未发货 10' }).count()).toBe(1)
    await shot(farmer, 'trace-lot-detail')
    expect((await json<LotView>(await fapi.get(`/api/lots/${lot.id}`))).boxesPacked).toBe(10)

    // ── the buyer orders one box and pays in the sandbox
    const buyerCtx = await phone(browser, baseURL)
    await apiLogin(buyerCtx, DEMO_BUYER)
    const bapi = buyerCtx.request
    const address = await json<AddressView>(await bapi.post('/api/addresses', {
      data: { recipient: '王先生', phone: '13912345678', countyCode: '310104', detail: '漕溪北路 100 号' },
    }), 201)
    const checkout = await json<CheckoutResult>(await bapi.post('/api/orders', {
      headers: { 'idempotency-key': `trace-${suffix}` },
      data: { items: [{ skuId: sku.id, qty: 1 }], addressId: address.id, freshConfirmed: true },
    }), 201)
    const orderId = checkout.orders[0]!.id
    const payment = await json<PaymentView>(await bapi.post('/api/payments', { data: { checkoutId: checkout.checkoutId, provider: 'sandbox' } }), 201)
    await json(await bapi.post(`/api/payments/sandbox/${payment.id}/complete`, { data: { outcome: 'pay' } }), 202)
    await expect.poll(async () => (await json<OrderView>(await bapi.get(`/api/orders/${orderId}`))).status, { timeout: 20_000 }).toBe('paid')

    // ── the farmer ships it from the order page through the village pickup point; the waybill and 打印面单 show
    await farmer.goto(`/orders/${orderId}`)
    await farmer.getByRole('button', { name: '发货', exact: true }).click()
    const ship = farmer.getByRole('dialog', { name: '填写快递' })
    await ship.getByRole('radio', { name: new RegExp(point.name) }).click()
    await shot(farmer, 'trace-ship-popup')
    await ship.getByRole('button', { name: '发货', exact: true }).click()
    const done = farmer.getByRole('dialog', { name: '发货成功' })
    await expect.poll(() => done.getByRole('link', { name: '打印面单' }).count(), { timeout: 10_000 }).toBe(1)
    const shipment = await json<ShipmentView>(await bapi.get(`/api/orders/${orderId}/shipment`))
    expect(shipment).toMatchObject({ carrierCode: 'hub', status: 'created', pickupPoint: { id: point.id } })
    expect(shipment.boxes.length).toBeGreaterThan(0)
    await expect.poll(() => done.getByText(shipment.waybill).count()).toBe(1)
    await farmer.screenshot({ path: new URL('../screenshots/trace-ship-done.png', import.meta.url).pathname })
    const label = await fapi.get(`/api/orders/${orderId}/label.pdf`)
    expect(label.status()).toBe(200)
    expect((await label.body()).subarray(0, 5).toString()).toBe('%PDF-')
    await done.getByRole('button', { name: '完成' }).click()

    // the lot page counts its shipped boxes (the order may take an older lot's box of the same SKU first)
    const shippedHere = (await json<LotView>(await fapi.get(`/api/lots/${lot.id}`))).boxesShipped
    await farmer.goto(`/farmer/shops/${shopId}/lots/${lot.id}`)
    await expect.poll(() => farmer.getByRole('radio', { name: `已发货 ${shippedHere}` }).count(), { timeout: 10_000 }).toBe(1)
    await expect.poll(() => farmer.getByRole('radio', { name: `未发货 ${10 - shippedHere}` }).count()).toBe(1)

    // ── the hub operator: 我的 shows the hubs; picked up at the village point, arrived at the county hub
    const opCtx = await phone(browser, baseURL)
    await apiLogin(opCtx, { phone: operator.phone, password: 'test-pass-123' })
    const op = await opCtx.newPage()
    await op.goto('/me')
    await op.getByText('物流站点', { exact: true }).click()
    await op.waitForURL('**/hubs')
    await expect.poll(() => op.getByText(countyHub.name).count()).toBe(1)
    await shot(op, 'trace-hubs')
    await op.getByText(point.name).click()
    await op.waitForURL(`**/hubs/${point.id}`)
    await op.getByRole('textbox', { name: '运单号' }).fill(shipment.waybill)
    await op.getByRole('button', { name: '揽收' }).click()
    await expect.poll(() => op.getByText('刚扫的包裹').count(), { timeout: 10_000 }).toBe(1)
    await shot(op, 'trace-hub-pickup')

    await op.goto(`/hubs/${countyHub.id}`)
    await op.getByRole('textbox', { name: '运单号' }).fill(shipment.waybill)
    await op.getByRole('button', { name: '到站' }).click()
    await expect.poll(() => op.getByText('刚扫的包裹').count(), { timeout: 10_000 }).toBe(1)
    // consolidate into an outbound batch and send it off
    await op.getByRole('checkbox', { name: shipment.waybill }).click()
    await op.getByRole('textbox', { name: '发往' }).fill('西安转运中心')
    await shot(op, 'trace-hub-batch')
    await op.getByRole('button', { name: '建批次' }).click()
    await expect.poll(() => op.getByText('西安转运中心').count(), { timeout: 10_000 }).toBeGreaterThan(0)
    await op.getByRole('button', { name: '发车' }).click()
    await expect.poll(async () => (await json<ShipmentView>(await bapi.get(`/api/orders/${orderId}/shipment`))).status,
      { timeout: 10_000 }).toBe('departed')
    await op.getByRole('textbox', { name: '运单号' }).fill(shipment.waybill)
    await op.getByRole('button', { name: '签收' }).click()
    await expect.poll(async () => (await json<ShipmentView>(await bapi.get(`/api/orders/${orderId}/shipment`))).status,
      { timeout: 10_000 }).toBe('delivered')
    await op.evaluate(() => window.scrollTo(0, 0))
    await shot(op, 'trace-hub-delivered')

    // ── the buyer's order page: tracking timeline and 查看溯源 per box
    const buyer = await buyerCtx.newPage()
    await buyer.goto(`/orders/${orderId}`)
    const tracking = buyer.getByRole('region', { name: '物流' })
    await expect.poll(() => tracking.getByText('已签收').count(), { timeout: 10_000 }).toBeGreaterThan(0)
    await expect.poll(() => tracking.getByText('到达县分拨中心').count()).toBeGreaterThan(0)
    await tracking.scrollIntoViewIfNeeded()
    await shot(buyer, 'trace-order-tracking')

    // ── the QR on the box: the Digital Link on the server redirects a browser to the trace page
    const box = shipment.boxes[0]!
    const qrPath = new URL(box.digitalLink).pathname
    expect(qrPath).toMatch(/^\/01\/\d{14}\/10\/[A-Z0-9]+\/21\/.+$/)
    await buyer.goto(`${baseURL}${qrPath}`)
    await buyer.waitForURL(/\/trace\/\d{14}\/[A-Z0-9]+\/.+/, { timeout: 15_000 })
    await expect.poll(() => buyer.getByText('记录未被篡改').count(), { timeout: 15_000 }).toBe(1)
    const journey = buyer.getByRole('region', { name: '一路走来' })
    for (const step of ['采摘', '检测', '装箱', '村点揽收', '到达县分拨中心', '已签收']) {
      await expect.poll(() => journey.getByText(step, { exact: true }).count(), { timeout: 10_000 }).toBeGreaterThan(0)
    }
    await expect.poll(() => buyer.getByText(orchard.name).count()).toBeGreaterThan(0)
    await expect.poll(() => buyer.getByText('农药残留速测').count()).toBeGreaterThan(0)
    const video = buyer.getByRole('region', { name: '直播里的这批货' }).locator('video')
    await expect.poll(() => video.count()).toBe(1)
    const src = await video.getAttribute('src')
    expect(src).toMatch(/#t=1(\.0+)?,3(\.0+)?$/)
    expect(await video.getAttribute('preload')).toBe('none')
    await shot(buyer, 'trace-page-top')
    await journey.scrollIntoViewIfNeeded()
    await shot(buyer, 'trace-page-journey')
    await video.scrollIntoViewIfNeeded()
    await shot(buyer, 'trace-page-clips')

    await opApi.dispose()
    for (const c of [farmerCtx, adminCtx, buyerCtx, opCtx]) await c.close()
  })
})
