import { describe, expect, it } from 'vitest'
import { eq } from 'drizzle-orm'
import { fixedClock } from '../../platform/clock.ts'
import { ordersRepository } from './repository.ts'
import { buyers, grab, runningFlashSale } from '../../../test/helpers/flash.ts'
import { anchorWithRoom } from '../../../test/helpers/live.ts'
import { buyerWithAddress, idem } from '../../../test/helpers/orders.ts'
import { productBody } from '../../../test/helpers/app.ts'
import { useTestApp } from '../../../test/helpers/suite.ts'
import { stockRepository } from '../catalog/index.ts'
import { flashSales } from './tables.ts'

const clock = fixedClock(new Date())
const t = useTestApp({ clock })
const soldInDb = async (id: string) => (await t.h.db.select().from(flashSales).where(eq(flashSales.id, id)))[0]!.sold

describe('flash sales in the live room', () => {
  it('starts only on the pinned product of a live room and takes its units out of stock', async () => {
    const { farmer, shop, room } = await anchorWithRoom(t.built)
    const p = (await t.built.app.inject({ method: 'POST', url: `/api/shops/${shop.id}/products`, headers: farmer.headers, payload: productBody() })).json()
    const start = () => t.built.app.inject({ method: 'POST', url: `/api/live-rooms/${room.id}/flash-sales`, headers: farmer.headers, payload: { skuId: p.skus[0].id, priceFen: 3990, quantity: 10 } })
    expect((await start()).json().error.code).toBe('ORDERS_SALE_NOT_RUNNING') // not live yet
    await t.built.services.live.onPublishStart(room.id)
    expect((await start()).json().error).toMatchObject({ code: 'ORDERS_SKU_UNAVAILABLE', field: 'body.skuId' }) // not pinned
    await t.built.app.inject({ method: 'POST', url: `/api/live-rooms/${room.id}/pin`, headers: farmer.headers, payload: { productId: p.id } })
    const ok = await start()
    expect(ok.statusCode).toBe(201)
    expect(ok.json()).toMatchObject({ status: 'running', quantity: 10, remaining: 10, priceFen: 3990, originalPriceFen: 5980 })
    expect(await stockRepository(t.h.db).stockOf(p.skus[0].id)).toBe(90)
  })

  it('refuses a sale price that is not below the usual price, naming the field, and takes no stock', async () => {
    const { room, farmer, skuId } = await runningFlashSale(t.built, { quantity: 1, durationSeconds: 10 })
    clock.advance(11_000)
    await t.built.services.flash.runJobs() // the helper's own sale is over
    const res = await t.built.app.inject({ method: 'POST', url: `/api/live-rooms/${room.id}/flash-sales`, headers: farmer.headers, payload: { skuId, priceFen: 6980, quantity: 5 } })
    expect(res.json().error).toMatchObject({ code: 'ORDERS_FLASH_PRICE_NOT_LOWER', field: 'body.priceFen' })
    expect(await stockRepository(t.h.db).stockOf(skuId)).toBe(100)
  })

  it('runs one sale at a time in a room; the anchor may end it early: unsold units go back, orders stay, grabs stop', async () => {
    const { room, farmer, skuId, sale } = await runningFlashSale(t.built, { durationSeconds: 1800 })
    const [a, b] = await buyers(t.built, 2)
    const won = await grab(t.built, sale.id, a!)
    expect(won.statusCode).toBe(201)
    const start = () => t.built.app.inject({ method: 'POST', url: `/api/live-rooms/${room.id}/flash-sales`, headers: farmer.headers, payload: { skuId, priceFen: 2990, quantity: 5 } })
    expect((await start()).json().error.code).toBe('ORDERS_SALE_ALREADY_OPEN')
    const end = (who: { headers: Record<string, string> }) => t.built.app.inject({ method: 'POST', url: `/api/flash-sales/${sale.id}/end`, headers: who.headers })
    expect((await end(a!.buyer)).statusCode).toBe(403)
    const ended = await end(farmer)
    expect(ended.json()).toMatchObject({ status: 'ended', remaining: 9 })
    expect(new Date(ended.json().endsAt).getTime()).toBeLessThanOrEqual(clock.now().getTime())
    expect(await stockRepository(t.h.db).stockOf(skuId)).toBe(99) // 100 − 10 + 9 unsold
    expect((await grab(t.built, sale.id, b!)).json().error.code).toBe('ORDERS_SALE_NOT_RUNNING')
    expect((await t.built.app.inject({ method: 'GET', url: `/api/orders/${won.json().order.id}`, headers: a!.buyer.headers })).json().status).toBe('pending_payment')
    expect((await end(farmer)).statusCode).toBe(200) // again: nothing more given back
    expect(await stockRepository(t.h.db).stockOf(skuId)).toBe(99)
    // Two starts at the same moment: one sale.
    const both = await Promise.all([start(), start()])
    expect(both.map((r) => r.statusCode).sort()).toEqual([201, 409])
    expect(await stockRepository(t.h.db).stockOf(skuId)).toBe(94)
  })

  it('sells each unit once: 20 buyers racing for 10 units get exactly 10 orders', async () => {
    const { sale } = await runningFlashSale(t.built)
    const racers = await buyers(t.built, 20)
    const results = await Promise.all(racers.map((b) => grab(t.built, sale.id, b)))
    const won = results.filter((r) => r.statusCode === 201)
    expect(won).toHaveLength(10)
    expect(results.filter((r) => r.statusCode === 409).every((r) => r.json().error.code === 'ORDERS_SOLD_OUT')).toBe(true)
    expect(won[0]!.json().order).toMatchObject({ status: 'pending_payment', flashSaleId: sale.id, itemsFen: 3990 })
    expect(await soldInDb(sale.id)).toBe(10)
    expect((await t.built.app.inject({ method: 'GET', url: `/api/flash-sales/${sale.id}` })).json()).toMatchObject({ remaining: 0, status: 'sold_out' })
  })

  it('answers a grab with the order as the database holds it: lines, totals, address, fresh confirmation, first event', async () => {
    const { sale } = await runningFlashSale(t.built, { perBuyerLimit: 2 })
    const [b] = await buyers(t.built, 1)
    const answer = (await grab(t.built, sale.id, b!, 2)).json().order
    const stored = (await t.built.app.inject({ method: 'GET', url: `/api/orders/${answer.id}`, headers: b!.buyer.headers })).json()
    expect(stored).toEqual(answer)
    expect(stored).toMatchObject({ itemsFen: 7980, hasFresh: true, freshConfirmedAt: expect.any(String), lines: [{ qty: 2, priceFen: 3990, isFresh: true }] })
    expect(stored.totalFen).toBe(7980 + stored.shippingFen)
    expect(stored.events).toEqual([expect.objectContaining({ from: null, to: 'pending_payment', reason: 'flash sale grab' })])
    const checkout = await ordersRepository(t.h.db).checkoutById(answer.checkoutId)
    expect(checkout).toMatchObject({ buyerId: b!.buyer.id, totalFen: stored.totalFen, requestHash: `flash:${sale.id}:2` })
  })

  it('quotes a grab at the sale price with the shop\'s delivery fee for the address, and says where it does not deliver', async () => {
    const { farmer, shop, sale } = await runningFlashSale(t.built, { perBuyerLimit: 3 })
    await t.built.app.inject({ method: 'PUT', url: `/api/shops/${shop.id}/shipping-rules`, headers: farmer.headers, payload: { baseFeeFen: 800, freeAboveFen: 10000, provinceFees: [], excludedProvinces: ['650000'] } })
    const [b] = await buyers(t.built, 1)
    const quote = (qty: number, addressId = b!.addressId) => t.built.app.inject({ method: 'POST', url: `/api/flash-sales/${sale.id}/quote`, headers: b!.buyer.headers, payload: { qty, addressId } })
    const q1 = await quote(1)
    expect(q1.json(), q1.body).toEqual({ itemsFen: 3990, shippingFen: 800, totalFen: 4790, deliverable: true })
    expect((await quote(3)).json()).toEqual({ itemsFen: 11970, shippingFen: 0, totalFen: 11970, deliverable: true }) // free above ¥100
    const far = await buyerWithAddress(t.built, '650102')
    const farQuote = await t.built.app.inject({ method: 'POST', url: `/api/flash-sales/${sale.id}/quote`, headers: far.buyer.headers, payload: { qty: 1, addressId: far.addressId } })
    expect(farQuote.json()).toMatchObject({ deliverable: false })
    expect((await quote(1, far.addressId)).json().error).toMatchObject({ code: 'ORDERS_ADDRESS_NOT_FOUND', field: 'body.addressId' }) // not this buyer's
    const grabbed = (await grab(t.built, sale.id, b!, 1)).json().order
    expect(grabbed).toMatchObject({ itemsFen: 3990, shippingFen: 800, totalFen: 4790 })
  })

  it('tells a buyer the units they hold in a sale, and frees them when the unpaid order is cancelled', async () => {
    const { sale } = await runningFlashSale(t.built, { perBuyerLimit: 2 })
    const [b] = await buyers(t.built, 1)
    const held = async () => (await t.built.app.inject({ method: 'GET', url: `/api/flash-sales/${sale.id}/mine`, headers: b!.buyer.headers })).json()
    expect(await held()).toEqual({ heldUnits: 0 })
    const order = (await grab(t.built, sale.id, b!, 2)).json().order
    expect(await held()).toEqual({ heldUnits: 2 })
    expect((await t.built.app.inject({ method: 'POST', url: `/api/orders/${order.id}/cancel`, headers: b!.buyer.headers, payload: {} })).statusCode).toBe(200)
    expect(await held()).toEqual({ heldUnits: 0 })
    expect((await t.built.app.inject({ method: 'GET', url: `/api/flash-sales/${sale.id}/mine` })).statusCode).toBe(401)
  })

  it('prices with the shop\'s delivery rules of now: a quote at once, a grab after the last grab\'s cached copy went stale', async () => {
    const { farmer, shop, sale } = await runningFlashSale(t.built)
    const rules = (baseFeeFen: number) => t.built.app.inject({ method: 'PUT', url: `/api/shops/${shop.id}/shipping-rules`, headers: farmer.headers, payload: { baseFeeFen, freeAboveFen: null, provinceFees: [], excludedProvinces: [] } })
    const [a, b] = await buyers(t.built, 2)
    await rules(800)
    expect((await grab(t.built, sale.id, a!)).json().order.shippingFen).toBe(800)
    await rules(1200)
    const quoted = await t.built.app.inject({ method: 'POST', url: `/api/flash-sales/${sale.id}/quote`, headers: b!.buyer.headers, payload: { qty: 1, addressId: b!.addressId } })
    expect(quoted.json()).toMatchObject({ shippingFen: 1200 })
    await new Promise((r) => setTimeout(r, 2100))
    expect((await grab(t.built, sale.id, b!)).json().order.shippingFen).toBe(1200)
  })

  it('refuses a batch with a grab whose sale is not described, and writes nothing of it', async () => {
    const { sale } = await runningFlashSale(t.built)
    const [b] = await buyers(t.built, 1)
    const repo = ordersRepository(t.h.db)
    const at = new Date()
    await expect(repo.insertFlashBatch({
      at, payBefore: new Date(at.getTime() + 900_000), reason: 'flash sale grab', sales: [],
      rows: [{ orderId: 'ord_test_no_sale', checkoutId: 'chk_test_no_sale', eventId: 'oev_test_no_sale', buyerId: b!.buyer.id, idempotencyKey: 'no-sale-key', saleId: sale.id, qty: 1, shippingFen: 0, address: { recipient: '李', phone: '13912345678', region: '上海市 黄浦区', detail: '人民路 1 号', countyCode: '310101' }, freshConfirmed: true }],
    })).rejects.toThrow(/a grab without its sale/)
    expect(await soldInDb(sale.id)).toBe(0)
    expect(await repo.heldInSale(sale.id, b!.buyer.id)).toBe(0)
  })

  it('keeps to the per-buyer limit and answers a retried grab with the same order', async () => {
    const { sale } = await runningFlashSale(t.built, { perBuyerLimit: 2 })
    const [b] = await buyers(t.built, 1)
    const key = idem()
    const first = await grab(t.built, sale.id, b!, 1, key)
    const retry = await grab(t.built, sale.id, b!, 1, key)
    expect(retry.json().order.id).toBe(first.json().order.id)
    expect((await grab(t.built, sale.id, b!, 1)).statusCode).toBe(201)
    expect((await grab(t.built, sale.id, b!, 1)).json().error.code).toBe('ORDERS_PER_BUYER_LIMIT')
    expect(await soldInDb(sale.id)).toBe(2)
  })

  it('answers a grab retried after the sale sold out with its order, not with "sold out"', async () => {
    const { sale } = await runningFlashSale(t.built, { quantity: 1 })
    const [a, b] = await buyers(t.built, 2)
    const key = idem()
    const first = await grab(t.built, sale.id, a!, 1, key)
    expect(first.statusCode).toBe(201)
    expect((await grab(t.built, sale.id, b!)).json().error.code).toBe('ORDERS_SOLD_OUT')
    const retry = await grab(t.built, sale.id, a!, 1, key)
    expect(retry.statusCode).toBe(201)
    expect(retry.json().order).toMatchObject({ id: first.json().order.id, status: 'pending_payment', itemsFen: 3990 })
    expect(await soldInDb(sale.id)).toBe(1)
  })

  it('gives the unit back when the address turns out not to be the buyer\'s', async () => {
    const { sale } = await runningFlashSale(t.built, { quantity: 1 })
    const [a, b] = await buyers(t.built, 2)
    const wrong = await t.built.app.inject({ method: 'POST', url: `/api/flash-sales/${sale.id}/grab`, headers: { ...a!.buyer.headers, ...idem() }, payload: { qty: 1, addressId: b!.addressId, freshConfirmed: true } })
    expect(wrong.json().error).toMatchObject({ code: 'ORDERS_ADDRESS_NOT_FOUND', field: 'body.addressId' })
    const ok = await grab(t.built, sale.id, b!)
    expect(ok.statusCode).toBe(201)
    expect(ok.json().order).toMatchObject({ buyerId: b!.buyer.id, lines: [{ qty: 1, priceFen: 3990 }], events: [{ to: 'pending_payment' }] })
    expect(await soldInDb(sale.id)).toBe(1)
  })

  it('lets the database refuse what a wrong counter would oversell: the batch falls back to one grab at a time', async () => {
    const { sale } = await runningFlashSale(t.built, { quantity: 10 })
    await t.h.db.update(flashSales).set({ sold: 9 }).where(eq(flashSales.id, sale.id)) // the counter store still says 10 left
    const racers = await buyers(t.built, 3)
    const results = await Promise.all(racers.map((b) => grab(t.built, sale.id, b)))
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409, 409])
    expect(results.filter((r) => r.statusCode === 409).every((r) => r.json().error.code === 'ORDERS_SOLD_OUT')).toBe(true)
    expect(await soldInDb(sale.id)).toBe(10)
    expect((await t.built.app.inject({ method: 'GET', url: `/api/flash-sales/${sale.id}` })).json().remaining).toBe(9) // two units given back
  })

  it('waits for the countdown', async () => {
    const { sale } = await runningFlashSale(t.built, { startsInSeconds: 30 })
    const [b] = await buyers(t.built, 1)
    expect((await grab(t.built, sale.id, b!)).json().error.code).toBe('ORDERS_SALE_NOT_RUNNING')
    clock.advance(31_000)
    expect((await grab(t.built, sale.id, b!)).statusCode).toBe(201)
  })

  it('returns unpaid units to the sale, and unsold units to stock when the sale ends', async () => {
    const { sale, skuId } = await runningFlashSale(t.built, { quantity: 2, durationSeconds: 1800 })
    const [a, b, c] = await buyers(t.built, 3)
    expect((await grab(t.built, sale.id, a!)).statusCode).toBe(201)
    expect((await grab(t.built, sale.id, b!)).statusCode).toBe(201)
    expect((await grab(t.built, sale.id, c!)).json().error.code).toBe('ORDERS_SOLD_OUT')
    clock.advance(16 * 60_000) // past the 15-minute payment deadline, still inside the 30-minute sale
    await t.built.services.orders.runJobs()
    expect(await soldInDb(sale.id)).toBe(0)
    await new Promise((r) => setImmediate(r))
    expect((await grab(t.built, sale.id, c!)).statusCode).toBe(201)
    clock.advance(15 * 60_000)
    await t.built.services.flash.runJobs()
    expect((await t.built.app.inject({ method: 'GET', url: `/api/flash-sales/${sale.id}` })).json().status).toBe('ended')
    expect(await stockRepository(t.h.db).stockOf(skuId)).toBe(99) // 100 − 10 + 9 unsold (one held by c's unpaid order)
  })

  it('counts no more units on a sale once it closed and gave its rest back to the SKU (a write still in flight)', async () => {
    const { sale, skuId } = await runningFlashSale(t.built, { durationSeconds: 60 })
    clock.advance(2 * 60_000)
    await t.built.services.flash.runJobs()
    const repo = ordersRepository(t.h.db)
    expect(await repo.addSold(sale.id, 1)).toBe(false) // what a grab reserved just before the end would try
    expect(await soldInDb(sale.id)).toBe(0)
    expect(await stockRepository(t.h.db).stockOf(skuId)).toBe(100)
  })

  // Meaningful on PostgreSQL (.ci/run's service suite), where the two run at the same moment; PGlite has one connection.
  // A guard, not a proof: the losing interleaving (the release reads the sale open, the close commits before the release
  // writes) is narrow here; a review reproduced it with a hand-timed test before release() locked the sale's row.
  it('gives every unit back once when a buyer cancels an unpaid grab while the anchor ends the sale', async () => {
    for (let i = 0; i < 5; i++) {
      const { sale, skuId, farmer } = await runningFlashSale(t.built, { quantity: 3, durationSeconds: 1800 })
      const [a] = await buyers(t.built, 1)
      const won = (await grab(t.built, sale.id, a!)).json()
      await Promise.all([
        t.built.app.inject({ method: 'POST', url: `/api/orders/${won.order.id}/cancel`, headers: a!.buyer.headers, payload: {} }),
        t.built.app.inject({ method: 'POST', url: `/api/flash-sales/${sale.id}/end`, headers: farmer.headers }),
      ])
      expect(await stockRepository(t.h.db).stockOf(skuId)).toBe(100)
    }
  })
})
