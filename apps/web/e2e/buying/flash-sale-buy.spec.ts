// Done-when of buying in the stream: the demo farmer goes live from the console, pins 花牛苹果 and starts a 秒杀; the demo
// buyer (who adds an address through the UI) watches, grabs a box, pays in the sandbox and sees the order paid in 我的订单;
// the farmer sees it to ship and ships it. Asserted on screen and through the API; screenshots of each screen.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type { Browser, BrowserContext } from 'playwright-core'
import type { LiveRoomView, OrderView, Page as ApiPage, ProductSummary, ShopView } from '@hotland/contracts'
import { hasChromium } from '../support/env'
import { launch, phone, shot } from '../support/browser'

const baseURL = inject('baseURL')
const DEMO_FARMER = { phone: '13800000002', password: 'hotland-demo' }
const DEMO_BUYER = { phone: '13800000004', password: 'hotland-demo' }

async function apiLogin(ctx: BrowserContext, who: { phone: string; password: string }) {
  const res = await ctx.request.post('/api/accounts/login', { data: who })
  expect(res.status()).toBe(200)
}

describe.skipIf(!hasChromium)('buying in the stream', () => {
  let browser: Browser
  beforeAll(async () => { browser = await launch({ media: true }) })
  afterAll(async () => { await browser?.close() })

  it('a viewer grabs a flash-sale box, pays in the sandbox, and the farmer ships it', async () => {
    // ── the farmer: a live room of their own (the demo room is left for the go-live journey)
    const anchorCtx = await phone(browser, baseURL)
    await apiLogin(anchorCtx, DEMO_FARMER)
    const shops = (await (await anchorCtx.request.get('/api/shops/mine')).json()) as ShopView[]
    const shop = shops.find((s) => s.name.includes('张大叔'))
    expect(shop, 'the demo farmer has a shop').toBeTruthy()
    const products = (await (await anchorCtx.request.get(`/api/shops/${shop!.id}/products?status=on_sale&limit=50`)).json()) as ApiPage<ProductSummary>
    const apple = products.items.find((p) => p.title.includes('花牛苹果'))
    expect(apple).toBeTruthy()
    const made = await anchorCtx.request.post(`/api/shops/${shop!.id}/live-rooms`, {
      data: { title: '秒杀专场：礼县花牛苹果', scheduledAt: new Date(Date.now() + 60_000).toISOString(), productIds: [apple!.id] },
    })
    expect(made.status()).toBe(201)
    const roomId = ((await made.json()) as LiveRoomView).id

    // ── the buyer logs in and adds a delivery address through the UI (county picker: search 礼县)
    const buyerCtx = await phone(browser, baseURL)
    await apiLogin(buyerCtx, DEMO_BUYER)
    const buyer = await buyerCtx.newPage()
    await buyer.goto('/me/addresses/new')
    await buyer.getByRole('textbox', { name: '收货人' }).fill('王小梅')
    await buyer.getByRole('textbox', { name: '手机号' }).fill('13912345678')
    await buyer.getByRole('textbox', { name: '所在地区' }).click()
    const picker = buyer.getByRole('dialog', { name: '选择县（区）' })
    await picker.getByRole('searchbox').fill('礼县')
    await picker.getByRole('option', { name: /^礼县/ }).first().click()
    await expect.poll(() => buyer.getByRole('textbox', { name: '所在地区' }).inputValue()).toContain('礼县')
    await buyer.getByRole('textbox', { name: '详细地址' }).fill('城关镇建设路 12 号')
    // the demo buyer already has a default address (the demo journey's order): make this one the default
    const makeDefault = buyer.getByRole('switch', { name: '设为默认地址' })
    if ((await makeDefault.getAttribute('aria-checked')) !== 'true') await makeDefault.click()
    await buyer.getByRole('button', { name: '保存地址' }).click()
    await buyer.waitForURL('**/me/addresses')
    await expect.poll(() => buyer.getByText('王小梅').count()).toBeGreaterThan(0)

    // ── the farmer goes live from the console with one tap (fake camera)
    const anchor = await anchorCtx.newPage()
    await anchor.goto(`/live/${roomId}/console`)
    await anchor.getByRole('button', { name: '开播', exact: true }).click()
    await expect.poll(async () => ((await (await anchorCtx.request.get(`/api/live-rooms/${roomId}`)).json()) as LiveRoomView).status,
      { timeout: 30_000, interval: 500 }).toBe('live')

    // ── the buyer watches; the farmer pins 花牛苹果
    await buyer.goto(`/live/${roomId}`)
    await expect.poll(() => buyer.getByText('直播中').count(), { timeout: 20_000 }).toBeGreaterThan(0)
    const appleRow = anchor.locator('.console__prod', { hasText: '花牛苹果' })
    await expect.poll(() => appleRow.getByRole('button', { name: '上链接', exact: true }).count(), { timeout: 15_000 }).toBe(1)
    await appleRow.getByRole('button', { name: '上链接', exact: true }).click()
    await expect.poll(() => buyer.getByRole('link', { name: /主播正在讲解/ }).count(), { timeout: 10_000 }).toBe(1)

    // ── the buy sheet from the pinned card: options, stepper, address, fresh confirmation
    await buyer.getByRole('button', { name: '去买' }).click()
    const sheet = buyer.getByRole('dialog', { name: '选规格' })
    await expect.poll(() => sheet.getByRole('radio').count(), { timeout: 10_000 }).toBeGreaterThan(1)
    await expect.poll(() => sheet.getByText('王小梅').count()).toBeGreaterThan(0)
    await sheet.getByText('我已知晓：生鲜商品不支持7天无理由退货').click()
    await buyer.waitForTimeout(400)
    await buyer.screenshot({ path: new URL('../screenshots/buy-sheet.png', import.meta.url).pathname })
    await sheet.getByRole('button', { name: '加入购物车' }).click()
    await expect.poll(() => buyer.getByText('已加入购物车').count(), { timeout: 5000 }).toBeGreaterThan(0)

    // ── the farmer starts a flash sale on the pinned SKU (now, 5 units, 1 each)
    await expect.poll(() => anchor.getByRole('button', { name: '开始秒杀' }).count(), { timeout: 10_000 }).toBe(1)
    await anchor.getByRole('group', { name: '数量（件）' }).getByRole('spinbutton').fill('5')
    await anchor.getByRole('textbox', { name: '秒杀价（元）' }).fill('29.90')
    await anchor.getByRole('button', { name: '开始秒杀' }).click()
    await expect.poll(() => anchor.getByText('秒杀开始了').count(), { timeout: 10_000 }).toBeGreaterThan(0)
    const sales = (await (await anchorCtx.request.get(`/api/live-rooms/${roomId}/flash-sales`)).json()) as { id: string; remaining: number; quantity: number; productId: string; skuId: string }[]
    expect(sales[0]).toMatchObject({ quantity: 5, remaining: 5 })
    // the panel shows the option's stock after the sale took its 5 units
    const product = (await (await anchorCtx.request.get(`/api/products/${sales[0]!.productId}`)).json()) as { skus: { id: string; stock: number }[] }
    const left = product.skus.find((s) => s.id === sales[0]!.skuId)!.stock
    await expect.poll(() => anchor.locator('.fpanel__note', { hasText: `库存 ${left}` }).count(), { timeout: 10_000 }).toBe(1)

    // ── the viewer sees the banner live (socket), grabs one
    const banner = buyer.getByRole('region', { name: /秒杀/ })
    await expect.poll(() => banner.getByText('剩 5 件', { exact: false }).count(), { timeout: 10_000 }).toBe(1)
    await expect.poll(() => banner.getByRole('button', { name: '马上抢' }).isEnabled(), { timeout: 10_000 }).toBe(true)
    await shot(buyer, 'live-flash-banner')
    await banner.getByRole('button', { name: '马上抢' }).click()
    const grab = buyer.getByRole('dialog', { name: '秒杀' })
    await expect.poll(() => grab.getByText('王小梅').count(), { timeout: 10_000 }).toBeGreaterThan(0)
    await grab.getByText('我已知晓：生鲜商品不支持7天无理由退货').click()
    // what the box costs delivered to this address, before the tap
    const total = grab.locator('.grab__sum').getByLabel(/^¥/).last()
    await expect.poll(() => grab.locator('.grab__sum').getByText('—').count(), { timeout: 10_000 }).toBe(0)
    const shownTotal = await total.getAttribute('aria-label')
    await buyer.screenshot({ path: new URL('../screenshots/live-flash-grab-sheet.png', import.meta.url).pathname })
    await grab.getByRole('button', { name: '马上抢' }).click()
    await expect.poll(() => buyer.getByText('抢到了！').count(), { timeout: 10_000 }).toBeGreaterThan(0)
    // the room hears of it: units left go down for everyone, the anchor too
    await expect.poll(() => banner.getByText('剩 4 件', { exact: false }).count(), { timeout: 10_000 }).toBe(1)
    // one per buyer: the banner no longer offers 马上抢 to this buyer, it leads to the order
    await expect.poll(() => banner.getByRole('button', { name: '已抢到' }).count(), { timeout: 5000 }).toBe(1)
    // …on another phone of the same buyer too (the server's count, not this phone's memory)
    const otherPhone = await phone(browser, baseURL)
    await apiLogin(otherPhone, DEMO_BUYER)
    const other = await otherPhone.newPage()
    await other.goto(`/live/${roomId}`)
    await expect.poll(() => other.getByRole('region', { name: /秒杀/ }).getByRole('button', { name: '已抢到' }).count(), { timeout: 10_000 }).toBe(1)
    await otherPhone.close()
    await expect.poll(() => anchor.getByText('剩 4 / 5 件').count(), { timeout: 10_000 }).toBe(1)
    await anchor.getByText('本场秒杀').scrollIntoViewIfNeeded()
    await anchor.screenshot({ path: new URL('../screenshots/live-console-flash.png', import.meta.url).pathname })

    // ── the first payment fails in the sandbox cashier: back on the orders page, said at once (not after polling)
    await buyer.getByRole('button', { name: '去付款' }).click()
    await buyer.waitForURL(/\/api\/payments\/sandbox\/[^/]+\/page\?lang=zh-CN/, { timeout: 15_000 })
    await buyer.getByRole('button', { name: '模拟失败' }).click()
    await buyer.waitForURL(/\/orders\?checkout=[^&]+&result=declined/, { timeout: 15_000 })
    await expect.poll(() => buyer.getByText('付款没有成功').count(), { timeout: 4000 }).toBe(1)
    await shot(buyer, 'orders-declined')

    // ── 重新付款: pay in the sandbox cashier, come back to the order
    await buyer.getByRole('button', { name: '重新付款' }).click()
    await buyer.waitForURL(/\/api\/payments\/sandbox\/[^/]+\/page/, { timeout: 15_000 })
    await shot(buyer, 'sandbox-pay')
    await buyer.getByRole('button', { name: '确认支付' }).click()
    await buyer.waitForURL(/\/orders\?checkout=/, { timeout: 15_000 })
    await expect.poll(() => buyer.getByText('付款成功').count(), { timeout: 30_000 }).toBe(1)
    const mine = (await (await buyerCtx.request.get('/api/orders/mine')).json()) as ApiPage<OrderView>
    const order = mine.items.find((o) => o.liveRoomId === roomId || o.flashSaleId === sales[0]!.id)
    expect(order).toMatchObject({ status: 'paid', flashSaleId: sales[0]!.id, totalFen: expect.any(Number) })
    expect(order!.lines[0]!.priceFen).toBe(2990)
    expect(shownTotal).toBe(`¥${(order!.totalFen / 100).toFixed(2)}`) // the sheet's 合计 is what was charged
    await shot(buyer, 'orders-paid')

    // ── 我的订单 → 待发货 shows it; its detail has the timeline
    await buyer.getByRole('tab', { name: '待发货' }).click()
    await expect.poll(() => buyer.getByRole('link', { name: /待发货/ }).count(), { timeout: 10_000 }).toBeGreaterThan(0)
    await buyer.goto(`/orders/${order!.id}`)
    await expect.poll(() => buyer.getByText('订单进度').count(), { timeout: 10_000 }).toBe(1)
    await shot(buyer, 'order-detail')

    // ── cart and checkout (the box added from the buy sheet)
    await buyer.goto('/cart')
    await expect.poll(() => buyer.getByText('张大叔', { exact: false }).count(), { timeout: 10_000 }).toBeGreaterThan(0)
    await shot(buyer, 'cart')
    await buyer.getByRole('button', { name: /去结算/ }).click()
    await buyer.waitForURL(/\/checkout\?/)
    await expect.poll(() => buyer.getByText('确认订单').count(), { timeout: 10_000 }).toBeGreaterThan(0)
    await expect.poll(() => buyer.getByText('王小梅', { exact: false }).count(), { timeout: 10_000 }).toBeGreaterThan(0)
    await shot(buyer, 'checkout')

    // ── the farmer: orders to ship → 发货 with carrier and waybill
    await anchor.goto(`/farmer/shops/${shop!.id}/orders`)
    await expect.poll(() => anchor.getByRole('link', { name: /待发货/ }).count(), { timeout: 10_000 }).toBeGreaterThan(0)
    await shot(anchor, 'farmer-orders')
    await anchor.getByRole('button', { name: '发货', exact: true }).first().click()
    const ship = anchor.getByRole('dialog', { name: '填写快递' })
    await ship.getByRole('radio', { name: '其他快递' }).click()
    await ship.getByRole('radio', { name: '顺丰' }).click()
    await ship.getByRole('textbox', { name: '运单号' }).fill('SF1234567890')
    await ship.getByRole('button', { name: '发货', exact: true }).click()
    await expect.poll(async () => ((await (await buyerCtx.request.get(`/api/orders/${order!.id}`)).json()) as OrderView).status,
      { timeout: 10_000 }).toBe('shipped')
    const shipped = (await (await buyerCtx.request.get(`/api/orders/${order!.id}`)).json()) as OrderView
    expect(shipped).toMatchObject({ carrier: '顺丰', waybill: 'SF1234567890' })

    // ── end the live so the room does not linger
    await anchorCtx.request.post(`/api/live-rooms/${roomId}/end`).catch(() => undefined)
    await anchorCtx.close()
    await buyerCtx.close()
  })
})
