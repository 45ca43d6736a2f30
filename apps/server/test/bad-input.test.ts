import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sql } from 'drizzle-orm'
import type { Built } from '../src/app.ts'
import type { DbHandle } from '../src/platform/db/client.ts'
import { LI_COUNTY, buildTestApp, farmerWithShop, productBody, registerUser } from './helpers/app.ts'
import { openTestDb } from './helpers/db.ts'

// Every write route: a bad body gets 400 with the field named, and no table changes.
let h: DbHandle
let built: Built
let ctx: Record<string, string>
let headers: Record<string, { cookie: string }>

const TABLES = ['users', 'otp_codes', 'real_name_verifications', 'county_profiles', 'county_commissioners', 'shops', 'shop_members',
  'shop_transfers', 'shop_audit', 'shop_payout_accounts', 'images', 'products', 'product_images', 'skus', 'live_rooms', 'live_room_products',
  'live_clips', 'live_mutes', 'live_bans', 'banned_words', 'addresses', 'shipping_rules', 'cart_items', 'checkouts', 'orders', 'order_lines',
  'order_events', 'reviews', 'claims', 'flash_sales', 'payments', 'orchards', 'harvest_lots', 'lot_inspections', 'lot_boxes', 'lot_clips',
  'hubs', 'hub_operators', 'hub_batches', 'shipments', 'shipment_scans', 'epcis_events', 'api_keys']

async function snapshot(): Promise<string> {
  const parts: string[] = []
  for (const t of TABLES) {
    const r = await h.db.execute(sql.raw(`select md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as h, count(*)::int as n from ${t} t`))
    const row = (r as unknown as { rows: Array<{ h: string; n: number }> }).rows[0]!
    parts.push(`${t}:${row.n}:${row.h}`)
  }
  return parts.join('\n')
}

beforeAll(async () => {
  h = await openTestDb()
  built = await buildTestApp(h)
  const { farmer, shop } = await farmerWithShop(built)
  const daughter = await registerUser(built)
  await built.app.inject({ method: 'POST', url: `/api/shops/${shop.id}/members`, headers: farmer.headers, payload: { phone: daughter.phone } })
  const product = (await built.app.inject({ method: 'POST', url: `/api/shops/${shop.id}/products`, headers: farmer.headers, payload: productBody() })).json()
  const admin = await registerUser(built, { roles: ['platform_admin'] })
  const room = (await built.app.inject({ method: 'POST', url: `/api/shops/${shop.id}/live-rooms`, headers: farmer.headers, payload: { title: '测试直播', scheduledAt: new Date(Date.now() + 3600_000).toISOString() } })).json()
  ctx = { shop: shop.id, product: product.id, daughter: daughter.id, room: room.id, sku: product.skus[0].id }
  headers = { farmer: farmer.headers, admin: admin.headers }
})
afterAll(async () => {
  await built.app.close()
  await h.close()
})

type Case = [method: 'POST' | 'PUT' | 'PATCH', url: (c: Record<string, string>) => string, who: 'farmer' | 'admin' | 'anon', body: unknown, field: string]
const cases: Case[] = [
  ['POST', () => '/api/accounts/otp', 'anon', { phone: '123', purpose: 'register' }, 'body.phone'],
  ['POST', () => '/api/accounts/otp', 'anon', { phone: '13800001111', purpose: 'spam' }, 'body.purpose'],
  ['POST', () => '/api/accounts/register', 'anon', { phone: '13800001111', password: 'short', code: '123456', displayName: 'a' }, 'body.password'],
  ['POST', () => '/api/accounts/register', 'anon', { phone: '13800001111', password: 'long-enough', code: '12ab56', displayName: 'a' }, 'body.code'],
  ['POST', () => '/api/accounts/register', 'anon', { phone: '13800001111', password: 'long-enough', code: '123456' }, 'body.displayName'],
  ['POST', () => '/api/accounts/login', 'anon', { phone: '13800001111' }, 'body.password'],
  ['POST', () => '/api/accounts/login/otp', 'anon', { phone: '13800001111', code: '1' }, 'body.code'],
  ['POST', () => '/api/accounts/me/verification', 'farmer', { legalName: '张', idNumber: '621226196503150018', birthDate: '1965-03-15', countyCode: LI_COUNTY }, 'body.legalName'],
  ['POST', () => '/api/accounts/me/verification', 'farmer', { legalName: '张大叔', idNumber: '6212261965', birthDate: '1965-03-15', countyCode: LI_COUNTY }, 'body.idNumber'],
  ['POST', () => '/api/accounts/me/verification', 'farmer', { legalName: '张大叔', idNumber: '621226196503150018', birthDate: '15/03/1965', countyCode: LI_COUNTY }, 'body.birthDate'],
  ['POST', () => '/api/accounts/me/verification', 'farmer', { legalName: '张大叔', idNumber: '621226196503150018', birthDate: '1965-02-30', countyCode: LI_COUNTY }, 'body.birthDate'],
  ['POST', () => '/api/accounts/me/verification', 'farmer', { legalName: '张大叔', idNumber: '621226196503150018', birthDate: '1965-03-15', countyCode: '999999' }, 'body.countyCode'],
  ['POST', () => '/api/accounts/verifications/rnv_01JZZZZZZZZZZZZZZZZZZZZZZZ/reject', 'admin', { reason: '' }, 'body.reason'],
  ['PUT', (c) => `/api/accounts/users/${c.daughter}/roles`, 'admin', { roles: [] }, 'body.roles'],
  ['PUT', () => `/api/regions/counties/${LI_COUNTY}/profile`, 'admin', { brandName: '' }, 'body.brandName'],
  ['PUT', () => `/api/regions/counties/${LI_COUNTY}/profile`, 'admin', { introduction: 'x'.repeat(2001) }, 'body.introduction'],
  ['PUT', () => `/api/regions/counties/${LI_COUNTY}/profile`, 'admin', { coverImageId: 'img_01JZZZZZZZZZZZZZZZZZZZZZZZ' }, 'body.coverImageId'],
  ['POST', () => '/api/shops', 'farmer', { name: 'x', countyCode: LI_COUNTY }, 'body.name'],
  ['POST', () => '/api/shops', 'farmer', { name: '新的店铺', countyCode: '621200' }, 'body.countyCode'],
  ['POST', () => '/api/shops', 'farmer', { name: '新的店铺', countyCode: LI_COUNTY, coverImageId: 'img_01JZZZZZZZZZZZZZZZZZZZZZZZ' }, 'body.coverImageId'],
  ['PATCH', (c) => `/api/shops/${c.shop}`, 'farmer', {}, 'body'],
  ['PATCH', (c) => `/api/shops/${c.shop}`, 'farmer', { story: 'x'.repeat(2001) }, 'body.story'],
  ['POST', (c) => `/api/shops/${c.shop}/members`, 'farmer', { phone: '1234' }, 'body.phone'],
  ['POST', (c) => `/api/shops/${c.shop}/transfers`, 'farmer', { toUserId: 'not an id' }, 'body.toUserId'],
  ['PUT', (c) => `/api/shops/${c.shop}/payout-account`, 'farmer', { accountName: '张大叔', bankName: '银行银行', accountNumber: '12ab' }, 'body.accountNumber'],
  ['POST', (c) => `/api/shops/${c.shop}/products`, 'farmer', productBody({ title: '' }), 'body.title'],
  ['POST', (c) => `/api/shops/${c.shop}/products`, 'farmer', productBody({ category: 'toys' }), 'body.category'],
  ['POST', (c) => `/api/shops/${c.shop}/products`, 'farmer', productBody({ skus: [] }), 'body.skus'],
  ['POST', (c) => `/api/shops/${c.shop}/products`, 'farmer', productBody({ skus: [{ name: '5kg', priceFen: 12.5, stock: 1, weightGrams: 5000 }] }), 'body.skus.0.priceFen'],
  ['POST', (c) => `/api/shops/${c.shop}/products`, 'farmer', productBody({ skus: [{ name: '5kg', priceFen: 100, stock: -1, weightGrams: 5000 }] }), 'body.skus.0.stock'],
  ['POST', (c) => `/api/shops/${c.shop}/products`, 'farmer', productBody({ skus: [{ name: '5kg', priceFen: 100, stock: 1 }] }), 'body.skus.0.weightGrams'],
  ['POST', (c) => `/api/shops/${c.shop}/products`, 'farmer', productBody({ originCountyCode: '620000' }), 'body.originCountyCode'],
  ['POST', (c) => `/api/shops/${c.shop}/products`, 'farmer', productBody({ imageIds: ['img_01JZZZZZZZZZZZZZZZZZZZZZZZ'] }), 'body.imageIds'],
  ['POST', (c) => `/api/shops/${c.shop}/products`, 'farmer', (() => { const b = productBody() as Record<string, unknown>; delete b.isFresh; return b })(), 'body.isFresh'],
  ['PATCH', (c) => `/api/products/${c.product}`, 'farmer', { status: 'sold' }, 'body.status'],
  ['PATCH', (c) => `/api/products/${c.product}`, 'farmer', { skus: [{ name: 'a', priceFen: 0, stock: 1, weightGrams: 1 }] }, 'body.skus.0.priceFen'],
  ['POST', (c) => `/api/shops/${c.shop}/live-rooms`, 'farmer', { title: '直播', scheduledAt: 'tomorrow' }, 'body.scheduledAt'],
  ['POST', (c) => `/api/shops/${c.shop}/live-rooms`, 'farmer', { title: 'x', scheduledAt: '2026-12-01T10:00:00Z' }, 'body.title'],
  ['PATCH', (c) => `/api/live-rooms/${c.room}`, 'farmer', { productIds: ['prd_01JZZZZZZZZZZZZZZZZZZZZZZZ'] }, 'body.productIds.0'],
  ['POST', (c) => `/api/live-rooms/${c.room}/pin`, 'farmer', { productId: 'nope' }, 'body.productId'],
  ['POST', (c) => `/api/live-rooms/${c.room}/announcements`, 'farmer', { text: '' }, 'body.text'],
  ['POST', (c) => `/api/live-rooms/${c.room}/mutes`, 'farmer', { userId: 'usr_01JZZZZZZZZZZZZZZZZZZZZZZZ', minutes: 0 }, 'body.minutes'],
  ['POST', (c) => `/api/live-rooms/${c.room}/clips`, 'farmer', { startSeconds: -1, endSeconds: 3, title: '采摘' }, 'body.startSeconds'],
  ['POST', () => '/api/addresses', 'farmer', { recipient: '李', phone: '123', countyCode: LI_COUNTY, detail: '人民路 1 号' }, 'body.phone'],
  ['POST', () => '/api/addresses', 'farmer', { recipient: '李', phone: '13912345678', countyCode: LI_COUNTY }, 'body.detail'],
  ['POST', () => '/api/addresses', 'farmer', { recipient: '   ', phone: '13912345678', countyCode: LI_COUNTY, detail: '人民路 1 号' }, 'body.recipient'],
  ['POST', () => '/api/addresses', 'farmer', { recipient: '李', phone: '13912345678', countyCode: LI_COUNTY, detail: '    ' }, 'body.detail'],
  ['PUT', (c) => `/api/shops/${c.shop}/shipping-rules`, 'farmer', { baseFeeFen: -1, freeAboveFen: null, provinceFees: [], excludedProvinces: [] }, 'body.baseFeeFen'],
  ['PUT', (c) => `/api/cart/items/${c.sku}`, 'farmer', { qty: -1 }, 'body.qty'],
  ['POST', () => '/api/orders', 'farmer', { items: [], addressId: 'adr_01JZZZZZZZZZZZZZZZZZZZZZZZ', freshConfirmed: true }, 'body.items'],
  ['POST', () => '/api/orders', 'farmer', { items: [{ skuId: 'sku_01JZZZZZZZZZZZZZZZZZZZZZZZ', qty: 0 }], addressId: 'adr_01JZZZZZZZZZZZZZZZZZZZZZZZ', freshConfirmed: true }, 'body.items.0.qty'],
  ['POST', () => '/api/orders/ord_01JZZZZZZZZZZZZZZZZZZZZZZZ/ship', 'farmer', { carrier: '顺丰', waybill: '!!' }, 'body.waybill'],
  ['POST', () => '/api/orders/ord_01JZZZZZZZZZZZZZZZZZZZZZZZ/reviews', 'farmer', { rating: 6 }, 'body.rating'],
  ['POST', () => '/api/orders/ord_01JZZZZZZZZZZZZZZZZZZZZZZZ/claims', 'farmer', { reason: 'rotten', description: '烂了', imageIds: [], requestedFen: 100 }, 'body.imageIds'],
  ['POST', (c) => `/api/live-rooms/${c.room}/flash-sales`, 'farmer', { skuId: 'sku_01JZZZZZZZZZZZZZZZZZZZZZZZ', priceFen: 100, quantity: 0 }, 'body.quantity'],
  ['POST', () => '/api/flash-sales/fls_01JZZZZZZZZZZZZZZZZZZZZZZZ/grab', 'farmer', { qty: 1, freshConfirmed: true }, 'body.addressId'],
  ['POST', () => '/api/flash-sales/fls_01JZZZZZZZZZZZZZZZZZZZZZZZ/quote', 'farmer', { qty: 0, addressId: 'adr_01JZZZZZZZZZZZZZZZZZZZZZZZ' }, 'body.qty'],
  ['POST', () => '/api/payments', 'farmer', { checkoutId: 'chk_01JZZZZZZZZZZZZZZZZZZZZZZZ', provider: 'paypal' }, 'body.provider'],
  ['POST', (c) => `/api/shops/${c.shop}/orchards`, 'farmer', { name: '南坡', countyCode: '62', address: '村' }, 'body.countyCode'],
  ['POST', (c) => `/api/shops/${c.shop}/orchards`, 'farmer', { name: '南坡', countyCode: '621200', address: '村' }, 'body.countyCode'],
  ['PATCH', () => '/api/orchards/orc_01JZZZZZZZZZZZZZZZZZZZZZZZ', 'farmer', { story: 'x'.repeat(501) }, 'body.story'],
  ['POST', (c) => `/api/shops/${c.shop}/lots`, 'farmer', { skuId: 'sku_01JZZZZZZZZZZZZZZZZZZZZZZZ', orchardId: 'orc_01JZZZZZZZZZZZZZZZZZZZZZZZ', harvestDate: '2026-10-08', weightKg: 0, grade: '一级', certificate: { promiseConfirmed: true, basis: 'self_test', issuer: '张', contactPhone: '13800000002', issuedOn: '2026-10-08' } }, 'body.weightKg'],
  ['POST', (c) => `/api/shops/${c.shop}/lots`, 'farmer', { skuId: 'sku_01JZZZZZZZZZZZZZZZZZZZZZZZ', orchardId: 'orc_01JZZZZZZZZZZZZZZZZZZZZZZZ', harvestDate: '2026-10-08', weightKg: 10, grade: '一级', certificate: { promiseConfirmed: true, basis: 'self_test', issuer: '张', contactPhone: '123', issuedOn: '2026-10-08' } }, 'body.certificate.contactPhone'],
  ['POST', () => '/api/lots/lot_01JZZZZZZZZZZZZZZZZZZZZZZZ/inspections', 'farmer', { kind: '速测', result: 'maybe', inspectedOn: '2026-10-08', inspector: '站' }, 'body.result'],
  ['POST', () => '/api/lots/lot_01JZZZZZZZZZZZZZZZZZZZZZZZ/pack', 'farmer', { boxes: 0, kgPerBox: 5 }, 'body.boxes'],
  ['PUT', () => '/api/lots/lot_01JZZZZZZZZZZZZZZZZZZZZZZZ/clips', 'farmer', { clips: [{ clipId: 'clip_01JZZZZZZZZZZZZZZZZZZZZZZZ', purpose: 'dancing' }] }, 'body.clips.0.purpose'],
  ['POST', () => '/api/hubs', 'admin', { kind: 'warehouse', name: '分拨中心', countyCode: LI_COUNTY, address: '物流园', contactName: '王', contactPhone: '13700000001' }, 'body.kind'],
  ['POST', () => '/api/hubs', 'admin', { kind: 'county_hub', name: '分拨中心', countyCode: LI_COUNTY, address: '物流园', contactName: '王', contactPhone: '1370' }, 'body.contactPhone'],
  ['POST', () => '/api/hubs/hub_01JZZZZZZZZZZZZZZZZZZZZZZZ/operators', 'admin', { phone: '12' }, 'body.phone'],
  ['POST', () => '/api/hubs/hub_01JZZZZZZZZZZZZZZZZZZZZZZZ/scans', 'farmer', { waybill: 'HL1', kind: 'arrived' }, 'body.waybill'],
  ['POST', () => '/api/hubs/hub_01JZZZZZZZZZZZZZZZZZZZZZZZ/scans', 'farmer', { waybill: 'HL123456', kind: 'teleported' }, 'body.kind'],
  ['POST', () => '/api/hubs/hub_01JZZZZZZZZZZZZZZZZZZZZZZZ/batches', 'farmer', { destination: '西安', waybills: [] }, 'body.waybills'],
  ['POST', () => '/api/orders/ord_01JZZZZZZZZZZZZZZZZZZZZZZZ/shipment', 'farmer', { carrier: '顺丰', waybill: '!!', parcels: 1 }, 'body.waybill'],
  ['POST', () => '/api/orders/ord_01JZZZZZZZZZZZZZZZZZZZZZZZ/shipment', 'farmer', { pickupPointId: 'hub_01JZZZZZZZZZZZZZZZZZZZZZZZ', parcels: 21 }, 'body.parcels'],
  ['POST', () => '/api/api-keys', 'farmer', { name: '秤', locations: ['6900000000012'.slice(0, 12)] }, 'body.locations.0'],
  ['POST', () => '/api/api-keys', 'farmer', { name: '秤', locations: ['6900000000019'] }, 'body.locations.0'], // wrong check digit
]

describe('bad input on write routes', () => {
  it.each(cases.map((c) => [`${c[0]} ${c[1]({ shop: ':shop', product: ':product', daughter: ':user', room: ':room', sku: ':sku' })} → ${c[4]}`, c] as const))('%s', async (_name, [method, url, who, body, field]) => {
    const before = await snapshot()
    const res = await built.app.inject({ method, url: url(ctx), headers: who === 'anon' ? {} : headers[who], payload: body as object })
    expect(res.statusCode).toBe(400)
    expect(res.json().error.field).toBe(field)
    expect(res.json().error.message.length).toBeGreaterThan(0)
    expect(await snapshot()).toBe(before)
  })

  it('answers 400 for malformed JSON', async () => {
    const res = await built.app.inject({ method: 'POST', url: '/api/shops', headers: { ...headers.farmer, 'content-type': 'application/json' }, payload: '{"name": ' })
    expect(res.statusCode).toBe(400)
    expect(res.json().error.code).toBe('VALIDATION_FAILED')
  })
})
