import { describe, expect, it } from 'vitest'
import { eq } from 'drizzle-orm'
import { fixedClock } from '../../platform/clock.ts'
import { AppError } from '../../platform/errors.ts'
import { farmerWithShop, productBody, registerUser } from '../../../test/helpers/app.ts'
import { buyerWithAddress, fakeRefunds, idem, order } from '../../../test/helpers/orders.ts'
import { useTestApp } from '../../../test/helpers/suite.ts'
import { stockRepository } from '../catalog/index.ts'
import { checkouts } from './tables.ts'

const clock = fixedClock('2026-09-01T02:00:00Z')
const t = useTestApp({ clock })
type Headers = { cookie: string }
const req = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, headers?: Headers, payload?: object) => t.built.app.inject({ method, url, headers, payload })
const stockOf = (skuId: string) => stockRepository(t.h.db).stockOf(skuId)

async function shopWithProduct(sku: Record<string, unknown> = {}, product: Record<string, unknown> = {}) {
  const { farmer, shop } = await farmerWithShop(t.built)
  const p = (await req('POST', `/api/shops/${shop.id}/products`, farmer.headers, productBody({ skus: [{ name: '80mm 5kg', priceFen: 5980, stock: 10, weightGrams: 5000, ...sku }], ...product }))).json()
  return { farmer, shop, product: p, skuId: p.skus[0].id as string }
}

describe('addresses and shipping', () => {
  it('keeps a buyer\'s addresses, the first one default, with province and city names', async () => {
    const { buyer } = await buyerWithAddress(t.built, '621226')
    const list = (await req('GET', '/api/addresses', buyer.headers)).json()
    expect(list[0]).toMatchObject({ isDefault: true, provinceName: '甘肃省', cityName: '陇南市', countyName: '礼县' })
    const bad = await req('POST', '/api/addresses', buyer.headers, { recipient: '李', phone: '13912345678', countyCode: '999999', detail: '某处' })
    expect(bad.json().error).toMatchObject({ code: 'REGIONS_NOT_A_COUNTY', field: 'body.countyCode' })
    const blank = await req('POST', '/api/addresses', buyer.headers, { recipient: '  ', phone: '13912345678', countyCode: '621226', detail: '某处' })
    expect(blank.json().error).toEqual({ code: 'VALIDATION_FAILED', message: 'body.recipient must not be blank', field: 'body.recipient' })
  })

  it('charges shipping by the shop\'s rules and refuses provinces it does not ship to', async () => {
    const { farmer, shop, skuId } = await shopWithProduct()
    const stranger = await registerUser(t.built)
    const rules = { baseFeeFen: 1000, freeAboveFen: 10000, provinceFees: [{ provinceCode: '650000', feeFen: 3000 }], excludedProvinces: ['540000'] }
    expect((await req('PUT', `/api/shops/${shop.id}/shipping-rules`, stranger.headers, rules)).statusCode).toBe(403)
    expect((await req('PUT', `/api/shops/${shop.id}/shipping-rules`, farmer.headers, rules)).statusCode).toBe(200)
    const { buyer, addressId } = await buyerWithAddress(t.built)
    // Without an address delivery is not known yet: not 包邮.
    const noAddress = (await req('POST', '/api/checkout/preview', buyer.headers, { items: [{ skuId, qty: 1 }] })).json()
    expect(noAddress).toMatchObject({ shops: [{ shippingFen: null, deliverable: true }], totalFen: 5980 })
    const one = (await req('POST', '/api/checkout/preview', buyer.headers, { items: [{ skuId, qty: 1 }], addressId })).json()
    expect(one.shops[0]).toMatchObject({ itemsFen: 5980, shippingFen: 1000, deliverable: true })
    expect(one.totalFen).toBe(6980)
    const two = (await req('POST', '/api/checkout/preview', buyer.headers, { items: [{ skuId, qty: 2 }], addressId })).json()
    expect(two.shops[0].shippingFen).toBe(0)
    const xj = await buyerWithAddress(t.built, '650102')
    expect((await req('POST', '/api/checkout/preview', xj.buyer.headers, { items: [{ skuId, qty: 1 }], addressId: xj.addressId })).json().shops[0].shippingFen).toBe(3000)
    const tibet = await buyerWithAddress(t.built, '540102')
    const refused = await order(t.built, tibet.buyer, tibet.addressId, [{ skuId, qty: 1 }])
    expect(refused.json().error).toMatchObject({ code: 'ORDERS_NOT_DELIVERABLE', field: 'body.addressId' })
  })
})

describe('checkout', () => {
  it('splits a basket into one order per shop and reserves stock', async () => {
    const a = await shopWithProduct()
    const b = await shopWithProduct({ priceFen: 1990, stock: 5 }, { isFresh: false, category: 'processed' })
    const { buyer, addressId } = await buyerWithAddress(t.built)
    const tooMany = await req('PUT', `/api/cart/items/${a.skuId}`, buyer.headers, { qty: 11 })
    expect(tooMany.json().error).toMatchObject({ code: 'ORDERS_OUT_OF_STOCK', field: 'body.qty' })
    await req('PUT', `/api/cart/items/${a.skuId}`, buyer.headers, { qty: 2 })
    const res = await order(t.built, buyer, addressId, [{ skuId: a.skuId, qty: 2 }, { skuId: b.skuId, qty: 1 }], { fromCart: true, note: '请轻放' })
    expect(res.statusCode).toBe(201)
    const body = res.json()
    expect(body.orders).toHaveLength(2)
    expect(body.totalFen).toBe(2 * 5980 + 1990)
    const fresh = body.orders.find((o: { shopId: string }) => o.shopId === a.shop.id)
    expect(fresh).toMatchObject({ status: 'pending_payment', itemsFen: 11960, hasFresh: true, note: '请轻放', freshConfirmedAt: expect.any(String) })
    expect(fresh.events[0]).toMatchObject({ from: null, to: 'pending_payment', actorId: buyer.id })
    expect(await stockOf(a.skuId)).toBe(8)
    expect(await stockOf(b.skuId)).toBe(4)
    expect((await req('GET', '/api/cart', buyer.headers)).json().count).toBe(0)
    expect((await req('GET', `/api/orders/mine?checkoutId=${body.checkoutId}`, buyer.headers)).json().items).toHaveLength(2)
    expect((await req('GET', `/api/shops/${a.shop.id}/orders`, a.farmer.headers)).json().items.map((o: { id: string }) => o.id)).toEqual([fresh.id])
  })

  it('gives each shop of a checkout only its own note, and refuses a note for a shop not in the order', async () => {
    const a = await shopWithProduct()
    const b = await shopWithProduct({ priceFen: 1990 }, { isFresh: false, category: 'processed' })
    const { buyer, addressId } = await buyerWithAddress(t.built)
    const items = [{ skuId: a.skuId, qty: 1 }, { skuId: b.skuId, qty: 1 }]
    const stranger = await shopWithProduct()
    const bad = await order(t.built, buyer, addressId, items, { shopNotes: [{ shopId: a.shop.id, note: '放门口' }, { shopId: stranger.shop.id, note: '?' }] })
    expect(bad.json().error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'body.shopNotes.1.shopId' })
    expect(await stockOf(a.skuId)).toBe(10) // nothing written
    const res = await order(t.built, buyer, addressId, items, { shopNotes: [{ shopId: a.shop.id, note: ' 苹果要大的 ' }] })
    expect(res.statusCode).toBe(201)
    const noteOf = (shopId: string) => res.json().orders.find((o: { shopId: string }) => o.shopId === shopId).note
    expect([noteOf(a.shop.id), noteOf(b.shop.id)]).toEqual(['苹果要大的', ''])
  })

  it('needs an Idempotency-Key, and a retry with the same key returns the first order instead of a second one', async () => {
    const { skuId } = await shopWithProduct()
    const { buyer, addressId } = await buyerWithAddress(t.built)
    const none = await req('POST', '/api/orders', buyer.headers, { items: [{ skuId, qty: 1 }], addressId, freshConfirmed: true })
    expect(none.json().error).toMatchObject({ code: 'ORDERS_IDEMPOTENCY_KEY_REQUIRED', field: 'headers.idempotency-key' })
    const key = idem()
    const send = (qty: number) => t.built.app.inject({ method: 'POST', url: '/api/orders', headers: { ...buyer.headers, ...key }, payload: { items: [{ skuId, qty }], addressId, freshConfirmed: true } })
    const first = await send(1)
    const again = await send(1)
    expect(first.statusCode).toBe(201)
    expect(again.statusCode).toBe(200)
    expect(again.json().checkoutId).toBe(first.json().checkoutId)
    expect(await stockOf(skuId)).toBe(9)
    expect((await send(2)).json().error.code).toBe('ORDERS_IDEMPOTENCY_CONFLICT')
  })

  it('refuses fresh produce without the no-return confirmation, and writes nothing', async () => {
    const { skuId } = await shopWithProduct()
    const { buyer, addressId } = await buyerWithAddress(t.built)
    const res = await order(t.built, buyer, addressId, [{ skuId, qty: 1 }], { freshConfirmed: false })
    expect(res.json().error).toMatchObject({ code: 'ORDERS_FRESH_NOT_CONFIRMED', field: 'body.freshConfirmed' })
    expect(await stockOf(skuId)).toBe(10)
    expect((await req('GET', '/api/orders/mine', buyer.headers)).json().items).toEqual([])
  })

  it('is all or nothing when one line is out of stock', async () => {
    const a = await shopWithProduct()
    const b = await shopWithProduct({ stock: 1 })
    const { buyer, addressId } = await buyerWithAddress(t.built)
    const res = await order(t.built, buyer, addressId, [{ skuId: a.skuId, qty: 3 }, { skuId: b.skuId, qty: 2 }])
    expect(res.statusCode).toBe(409)
    expect(res.json().error.code).toBe('ORDERS_OUT_OF_STOCK')
    expect(await stockOf(a.skuId)).toBe(10)
    expect(await stockOf(b.skuId)).toBe(1)
  })

  it('holds a buyer to the per-buyer limit across orders', async () => {
    const { skuId } = await shopWithProduct({ perBuyerLimit: 2 })
    const { buyer, addressId } = await buyerWithAddress(t.built)
    expect((await order(t.built, buyer, addressId, [{ skuId, qty: 2 }])).statusCode).toBe(201)
    const more = await order(t.built, buyer, addressId, [{ skuId, qty: 1 }])
    expect(more.json().error.code).toBe('ORDERS_PER_BUYER_LIMIT')
    expect(await stockOf(skuId)).toBe(8)
  })
})

describe('the order lifecycle', () => {
  async function paidOrder() {
    const s = await shopWithProduct()
    const { buyer, addressId } = await buyerWithAddress(t.built)
    const co = (await order(t.built, buyer, addressId, [{ skuId: s.skuId, qty: 1 }])).json()
    expect(await t.built.services.orders.markPaid(co.checkoutId, co.totalFen, 'pay_test', clock.now())).toBe(true)
    return { ...s, buyer, order: co.orders[0] as { id: string; totalFen: number; checkoutId: string } }
  }

  it('goes paid → shipped → completed, books the sale and the platform fee, and takes one review', async () => {
    const { farmer, shop, product, buyer, order: o } = await paidOrder()
    expect((await req('POST', `/api/orders/${o.id}/ship`, buyer.headers, { carrier: '中国邮政', waybill: 'EMS1234567890' })).statusCode).toBe(403)
    const net = o.totalFen - Math.round(o.totalFen * 0.03)
    expect((await req('GET', `/api/shops/${shop.id}/income`, farmer.headers)).json()).toMatchObject({ grossFen: 0, orders: 0, pendingFen: net, pendingOrders: 1 })
    const shipped = await req('POST', `/api/orders/${o.id}/ship`, farmer.headers, { carrier: '中国邮政', waybill: 'EMS1234567890' })
    expect(shipped.json()).toMatchObject({ status: 'shipped', carrier: '中国邮政', waybill: 'EMS1234567890' })
    expect((await req('POST', `/api/orders/${o.id}/cancel`, buyer.headers, {})).json().error.code).toBe('ORDERS_BAD_STATE')
    // delivered but not yet confirmed: no review yet
    await t.built.services.orders.inTx((_r, tx) => t.built.services.orders.deliveredIn(tx, o.id, farmer.id, 'test: handed over'))
    expect((await req('POST', `/api/orders/${o.id}/reviews`, buyer.headers, { rating: 5 })).json().error).toMatchObject({ code: 'ORDERS_BAD_STATE' })
    const done = (await req('POST', `/api/orders/${o.id}/confirm-receipt`, buyer.headers)).json()
    expect(done.status).toBe('completed')
    expect(done.events.map((e: { to: string }) => e.to)).toEqual(['pending_payment', 'paid', 'shipped', 'delivered', 'completed'])
    const income = (await req('GET', `/api/shops/${shop.id}/income`, farmer.headers)).json()
    expect(income).toMatchObject({ grossFen: o.totalFen, feeFen: Math.round(o.totalFen * 0.03), netFen: o.totalFen - Math.round(o.totalFen * 0.03), orders: 1, pendingFen: 0, pendingOrders: 0 })
    const review = await req('POST', `/api/orders/${o.id}/reviews`, buyer.headers, { rating: 5, text: '很甜，包装好' })
    expect(review.statusCode).toBe(201)
    expect((await req('POST', `/api/orders/${o.id}/reviews`, buyer.headers, { rating: 1 })).json().error.code).toBe('ORDERS_ALREADY_REVIEWED')
    // on the product page the reviewer is 上**, as in the live room, not 上海的李女士
    expect((await req('GET', `/api/products/${product.id}/reviews`)).json().map((r: { buyerDisplayName: string }) => r.buyerDisplayName)).toEqual(['上**'])
    const stranger = await registerUser(t.built)
    expect((await req('GET', `/api/orders/${o.id}`, stranger.headers)).statusCode).toBe(404)
  })

  it('cancels a paid order before shipping with a full refund and gives the stock back', async () => {
    const refunds = fakeRefunds(t.built)
    const { buyer, skuId, order: o } = await paidOrder()
    const res = await req('POST', `/api/orders/${o.id}/cancel`, buyer.headers, { reason: '买错了' })
    expect(res.json()).toMatchObject({ status: 'cancelled', refundedFen: o.totalFen })
    // the buyer cancelled; the money going back is the platform's doing, not the buyer's
    expect(res.json().events.slice(-2).map((e: { to: string; actorId: string | null }) => [e.to, e.actorId])).toEqual([['cancelled', buyer.id], ['cancelled', null]])
    expect(refunds).toContainEqual({ checkoutId: o.checkoutId, orderId: o.id, amountFen: o.totalFen })
    expect(await stockOf(skuId)).toBe(10)
  })

  it('refunds a paid order cancelled while the provider refused its refund, a minute later, and counts a pending refund only once it went through', async () => {
    const { buyer, order: o } = await paidOrder()
    const keys: string[] = []
    let answer: 'refuse' | 'pending' = 'refuse'
    t.built.setRefunds({
      refund: async ({ orderId, amountFen, idempotencyKey }) => {
        if (orderId !== o.id) return { refundId: `rfd_other_${orderId}`, amountFen, status: 'succeeded' }
        keys.push(idempotencyKey!)
        if (answer === 'refuse') throw new AppError('conflict', 'PAYMENTS_REFUND_FAILED', 'The payment provider refused the refund')
        return { refundId: 'rfd_pending_1', amountFen, status: 'pending' } // the same refund each time the key comes again
      },
    })
    const res = await req('POST', `/api/orders/${o.id}/cancel`, buyer.headers, {})
    expect(res.json().error).toMatchObject({ code: 'PAYMENTS_REFUND_FAILED' })
    const orderNow = async () => (await req('GET', `/api/orders/${o.id}`, buyer.headers)).json()
    expect(await orderNow()).toMatchObject({ status: 'cancelled', refundedFen: 0 })
    await t.built.services.orders.runJobs()
    expect(keys).toHaveLength(1) // not within the first minute
    clock.advance(61_000)
    await t.built.services.orders.runJobs()
    expect(keys).toHaveLength(2) // refused again
    clock.advance(61_000)
    await t.built.services.orders.runJobs()
    expect(keys).toHaveLength(2) // and not asked again for ten minutes
    answer = 'pending'
    clock.advance(10 * 60_000)
    expect((await t.built.services.orders.runJobs()).refunded).toBe(0)
    expect(await orderNow()).toMatchObject({ status: 'cancelled', refundedFen: 0, pendingRefundFen: o.totalFen }) // pending: not counted yet (退款处理中)
    expect(keys).toEqual([`cancel-${o.id}-0`, `cancel-${o.id}-0`, `cancel-${o.id}-0`])
    // payments hears from the provider and tells the order, twice (it tells again until it hears back): counted once
    const settled = { orderId: o.id, refundId: 'rfd_pending_1', amountFen: o.totalFen, status: 'succeeded' as const, reason: null }
    await t.built.services.orders.refundSettled(settled)
    await t.built.services.orders.refundSettled(settled)
    const after = await orderNow()
    expect(after).toMatchObject({ status: 'cancelled', refundedFen: o.totalFen, pendingRefundFen: 0 })
    expect(after.events.filter((e: { reason: string }) => e.reason.startsWith(`refund ${o.totalFen} fen:`)).length).toBe(1)
    clock.advance(11 * 60_000)
    await t.built.services.orders.runJobs()
    expect(keys).toHaveLength(3) // nothing owed any more
  })

  it('sends a claim back to be decided again when its refund, still pending when decided, is refused in the end', async () => {
    const { farmer, buyer, order: o } = await paidOrder()
    t.built.setRefunds({ refund: async ({ amountFen }) => ({ refundId: 'rfd_claim_pending', amountFen, status: 'pending' }) })
    await req('POST', `/api/orders/${o.id}/ship`, farmer.headers, { carrier: '顺丰', waybill: 'SF1234567892' })
    const photo = await t.built.services.media.uploadImage({ id: buyer.id, roles: ['buyer'], displayName: 'x' }, await (await import('sharp')).default({ create: { width: 20, height: 20, channels: 3, background: 'brown' } }).png().toBuffer(), false)
    const claimId = (await req('POST', `/api/orders/${o.id}/claims`, buyer.headers, { reason: 'rotten', description: '烂了', imageIds: [photo.id], requestedFen: 2000 })).json().claim.id
    const decided = await req('POST', `/api/claims/${claimId}/resolve`, farmer.headers, { refundFen: 1500, note: '赔一半' })
    expect(decided.json()).toMatchObject({ refundedFen: 0, pendingRefundFen: 1500, claim: { status: 'refunded', refundFen: 1500 } }) // decided; money on its way
    // what is on its way is held: the buyer escalates, and an arbiter cannot refund more than the rest
    expect((await req('POST', `/api/claims/${claimId}/escalate`, buyer.headers)).json().claim.status).toBe('escalated')
    const admin = await registerUser(t.built, { roles: ['platform_admin'] })
    const tooMuch = await req('POST', `/api/claims/${claimId}/decide`, admin.headers, { refundFen: o.totalFen, note: '全退' })
    expect(tooMuch.json().error).toMatchObject({ code: 'ORDERS_REFUND_TOO_LARGE', field: 'body.refundFen' })
    const failed = { orderId: o.id, refundId: 'rfd_claim_pending', amountFen: 1500, status: 'failed' as const, reason: 'trade closed' }
    await t.built.services.orders.refundSettled(failed)
    await t.built.services.orders.refundSettled(failed)
    const back = (await req('GET', `/api/orders/${o.id}`, buyer.headers)).json()
    expect(back).toMatchObject({ refundedFen: 0, pendingRefundFen: 0, claim: { status: 'escalated', refundFen: 0 } })
    expect(back.events.filter((e: { reason: string }) => e.reason.includes('failed at the payment provider'))).toHaveLength(1)
    fakeRefunds(t.built)
    expect((await req('POST', `/api/claims/${claimId}/decide`, admin.headers, { refundFen: 1500, note: '再退一次' })).json()).toMatchObject({ refundedFen: 1500, claim: { status: 'refunded' } })
  })

  it('leaves a claim open, and the order unrefunded, when the refund does not go through', async () => {
    t.built.setRefunds({ refund: async () => { throw new AppError('not_found', 'PAYMENTS_NOT_FOUND', 'No captured payment for this checkout') } })
    const { farmer, buyer, order: o } = await paidOrder()
    await req('POST', `/api/orders/${o.id}/ship`, farmer.headers, { carrier: '顺丰', waybill: 'SF1234567891' })
    const photo = await t.built.services.media.uploadImage({ id: buyer.id, roles: ['buyer'], displayName: 'x' }, await (await import('sharp')).default({ create: { width: 20, height: 20, channels: 3, background: 'brown' } }).png().toBuffer(), false)
    const claimed = await req('POST', `/api/orders/${o.id}/claims`, buyer.headers, { reason: 'rotten', description: '烂了两个', imageIds: [photo.id], requestedFen: 2000 })
    expect(claimed.statusCode, claimed.body).toBe(201)
    const claimId = claimed.json().claim.id
    const failed = await req('POST', `/api/claims/${claimId}/resolve`, farmer.headers, { refundFen: 1250, note: '赔两个' })
    expect(failed.statusCode).toBe(404)
    expect((await req('GET', `/api/orders/${o.id}`, buyer.headers)).json()).toMatchObject({ refundedFen: 0, claim: { status: 'open', refundFen: 0 } })
    fakeRefunds(t.built)
    const retried = await req('POST', `/api/claims/${claimId}/resolve`, farmer.headers, { refundFen: 1250, note: '赔两个' })
    expect(retried.json()).toMatchObject({ refundedFen: 1250, claim: { status: 'refunded', refundFen: 1250 } })
  })

  it('settles a quality claim: the shop refunds part, the buyer escalates, the county\'s commissioner decides', async () => {
    const refunds = fakeRefunds(t.built)
    const { farmer, shop, buyer, order: o } = await paidOrder()
    await req('POST', `/api/orders/${o.id}/ship`, farmer.headers, { carrier: '顺丰', waybill: 'SF1234567890' })
    const photo = await t.built.services.media.uploadImage({ id: buyer.id, roles: ['buyer'], displayName: 'x' }, await (await import('sharp')).default({ create: { width: 20, height: 20, channels: 3, background: 'brown' } }).png().toBuffer(), false)
    const claimed = await req('POST', `/api/orders/${o.id}/claims`, buyer.headers, { reason: 'rotten', description: '到货有三个烂果', imageIds: [photo.id], requestedFen: 3000 })
    expect(claimed.statusCode).toBe(201)
    const claimId = claimed.json().claim.id
    expect((await req('GET', `/api/shops/${shop.id}/claims?status=open`, farmer.headers)).json().map((x: { id: string }) => x.id)).toEqual([o.id])
    expect((await req('GET', `/api/shops/${shop.id}/claims`, buyer.headers)).statusCode).toBe(403)
    const partial = await req('POST', `/api/claims/${claimId}/resolve`, farmer.headers, { refundFen: 1000, note: '赔三个果子的钱' })
    expect(partial.json()).toMatchObject({ refundedFen: 1000, status: 'shipped', claim: { status: 'refunded', refundFen: 1000 } })
    expect(refunds.at(-1)).toMatchObject({ orderId: o.id, amountFen: 1000 })

    // a second claim is refused; an admin or the county's commissioner may still decide on escalation of the first
    const otherCounty = await registerUser(t.built, { roles: ['commissioner'] })
    const denied = await req('POST', `/api/claims/${claimId}/decide`, otherCounty.headers, { refundFen: 500, note: '补偿' })
    expect(denied.statusCode).toBe(403)
    const admin = await registerUser(t.built, { roles: ['platform_admin'] })
    await t.built.services.regions.assignCommissioner({ id: admin.id, roles: ['platform_admin'], displayName: 'a' }, '621226', otherCounty.id)
    expect((await req('POST', `/api/claims/${claimId}/decide`, otherCounty.headers, { refundFen: 500, note: '还没申诉' })).statusCode).toBe(409)
    expect((await req('POST', `/api/claims/${claimId}/escalate`, buyer.headers)).json().claim.status).toBe('escalated')
    expect((await req('GET', '/api/claims?status=escalated', otherCounty.headers)).json().map((x: { id: string }) => x.id)).toContain(o.id)
    expect((await req('GET', '/api/claims', buyer.headers)).statusCode).toBe(403)
    const decided = await req('POST', `/api/claims/${claimId}/decide`, otherCounty.headers, { refundFen: 500, note: '再补偿五元' })
    expect(decided.json()).toMatchObject({ refundedFen: 1500, claim: { status: 'refunded', refundFen: 1500, decidedBy: otherCounty.id, escalatedAt: expect.any(String) } })
    // the arbiter's decision is final: 1500 of 3000 asked, and no second escalation
    expect((await req('POST', `/api/claims/${claimId}/escalate`, buyer.headers)).json().error).toMatchObject({ code: 'ORDERS_BAD_STATE' })
    const tooMuch = await req('POST', `/api/claims/${claimId}/decide`, admin.headers, { refundFen: o.totalFen, note: '全退' })
    expect(tooMuch.json().error).toMatchObject({ code: 'ORDERS_REFUND_TOO_LARGE', field: 'body.refundFen' })
    // decided claims leave the shop's open list
    expect((await req('GET', `/api/shops/${shop.id}/claims?status=open`, farmer.headers)).json()).toEqual([])
  })
})

describe('jobs', () => {
  // Meaningful on PostgreSQL (.ci/run's service suite), where these run concurrently; PGlite has one connection.
  it('keeps a two-shop checkout whole when the buyer cancels one order while the expiry job runs, or a payment races the job', async () => {
    const checkoutOf = async (id: string) => (await t.h.db.select().from(checkouts).where(eq(checkouts.id, id)))[0]!
    for (let i = 0; i < 4; i++) {
      const a = await shopWithProduct()
      const b = await shopWithProduct({ priceFen: 1990 }, { isFresh: false, category: 'processed' })
      const { buyer, addressId } = await buyerWithAddress(t.built)
      const raced = (await order(t.built, buyer, addressId, [{ skuId: a.skuId, qty: 1 }, { skuId: b.skuId, qty: 1 }])).json()
      const paying = (await order(t.built, buyer, addressId, [{ skuId: a.skuId, qty: 1 }, { skuId: b.skuId, qty: 1 }])).json()
      clock.advance(16 * 60_000)
      const [, , paid] = await Promise.all([
        t.built.services.orders.runJobs(),
        req('POST', `/api/orders/${raced.orders[1].id}/cancel`, buyer.headers, {}),
        t.built.services.orders.markPaid(paying.checkoutId, paying.totalFen, `pay_race_${i}`, clock.now()),
      ])
      await t.built.services.orders.runJobs()
      // the cancelled one: cancelled whole, its stock back once, and late money for it is refused
      expect((await checkoutOf(raced.checkoutId)).status).toBe('cancelled')
      expect(await t.built.services.orders.markPaid(raced.checkoutId, raced.totalFen, `pay_late_${i}`, clock.now())).toBe(false)
      // the paid one: either paid whole (the payment came first) or cancelled whole and the money refused
      const p = await checkoutOf(paying.checkoutId)
      const statuses = await Promise.all(paying.orders.map(async (o: { id: string }) => (await req('GET', `/api/orders/${o.id}`, buyer.headers)).json().status))
      if (paid) expect([p.status, ...statuses]).toEqual(['paid', 'paid', 'paid'])
      else expect([p.status, ...statuses]).toEqual(['cancelled', 'cancelled', 'cancelled'])
      expect(await stockOf(a.skuId)).toBe(paid ? 9 : 10)
      expect(await stockOf(b.skuId)).toBe(paid ? 9 : 10)
    }
  })

  it('cancels orders not paid in 15 minutes and puts the stock back', async () => {
    const { skuId } = await shopWithProduct()
    const { buyer, addressId } = await buyerWithAddress(t.built)
    const co = (await order(t.built, buyer, addressId, [{ skuId, qty: 3 }])).json()
    expect(await stockOf(skuId)).toBe(7)
    clock.advance(14 * 60_000)
    await t.built.services.orders.runJobs()
    expect((await req('GET', `/api/orders/${co.orders[0].id}`, buyer.headers)).json().status).toBe('pending_payment')
    clock.advance(2 * 60_000)
    await t.built.services.orders.runJobs()
    const o = (await req('GET', `/api/orders/${co.orders[0].id}`, buyer.headers)).json()
    expect(o.status).toBe('cancelled')
    expect(o.events.at(-1)).toMatchObject({ to: 'cancelled', actorId: null, reason: 'not paid in time' })
    expect(await stockOf(skuId)).toBe(10)
    expect(await t.built.services.orders.markPaid(co.checkoutId, co.totalFen, 'pay_late', clock.now())).toBe(false)
  })

  it('confirms receipt by itself after the waiting period', async () => {
    const s = await shopWithProduct()
    const { buyer, addressId } = await buyerWithAddress(t.built)
    const co = (await order(t.built, buyer, addressId, [{ skuId: s.skuId, qty: 1 }])).json()
    await t.built.services.orders.markPaid(co.checkoutId, co.totalFen, 'pay_x', clock.now())
    await req('POST', `/api/orders/${co.orders[0].id}/ship`, s.farmer.headers, { carrier: '中通', waybill: 'ZT1234567890' })
    clock.advance(11 * 86_400_000)
    await t.built.services.orders.runJobs()
    expect((await req('GET', `/api/orders/${co.orders[0].id}`, buyer.headers)).json()).toMatchObject({ status: 'completed' })
  })
})
