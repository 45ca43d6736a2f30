// 秒杀 in the live room. A grab reserves units in a fast counter store (memory, or Redis with a Lua script), then joins
// a batch that writes the orders to the database in one transaction; the buyer's response waits for that commit, so a
// "you got one" is never lost. The database is the last guard: flash_sales.sold <= quantity, per-buyer limits.
import type { FlashSaleView, GrabBody, LiveEvent, OrderView, StartFlashSaleBody } from '@hotland/contracts'
import { sql } from 'drizzle-orm'
import type { Actor } from '../../platform/auth/actor.ts'
import { requireActor } from '../../platform/auth/actor.ts'
import type { Clock } from '../../platform/clock.ts'
import type { Db } from '../../platform/db/client.ts'
import { AppError, conflict, forbidden, invalid, notFound } from '../../platform/errors.ts'
import { newId } from '../../platform/ids.ts'
import type { StockRepository } from '../catalog/index.ts'
type SkuForSale = NonNullable<Awaited<ReturnType<StockRepository['skusForSale']>> extends Map<string, infer S> ? S : never>
import type { CartService } from './cart.service.ts'
import type { FlashStore } from './flash-store.ts'
import { ordersRepository, type FlashSaleRow, type OrderRow } from './repository.ts'
import { checkouts, flashSaleBuyers, orderEvents, orderLines, orders as ordersTable } from './tables.ts'
import type { OrdersService } from './service.ts'
import { shippingFee } from './shipping.ts'

export interface FlashDeps {
  db: Db
  clock: Clock
  store: FlashStore
  orders: OrdersService
  cart: CartService
  stock: (db: Db) => StockRepository
  shops: { assertCanManage(actor: Actor | null, shopId: string): Promise<unknown> }
  rooms: {
    room(id: string): Promise<{ id: string; shopId: string; status: string; pinnedProductId: string | null }>
    publish(roomId: string, events: LiveEvent[]): Promise<void>
  }
  media: { urlsOf(id: string): { small: string; medium: string; large: string } }
  log: { warn(obj: unknown, msg: string): void; error(obj: unknown, msg: string): void }
  payMinutes: number
  batchMs?: number
  batchMax?: number
}

interface Grab {
  sale: FlashSaleRow
  sku: SkuForSale
  actor: Actor
  qty: number
  orderId: string
  checkoutId: string
  idempotencyKey: string
  address: Awaited<ReturnType<CartService['addressForOrder']>>
  freshConfirmed: boolean
  shippingFen: number
  resolve(order: OrderRow, view?: OrderView): void
  reject(err: unknown): void
}

export function createFlashSaleService(deps: FlashDeps) {
  const repo = ordersRepository(deps.db)
  const batchMs = deps.batchMs ?? 10
  const batchMax = deps.batchMax ?? 500
  let queue: Grab[] = []
  let timer: NodeJS.Timeout | null = null
  let flushing: Promise<void> = Promise.resolve()
  const lastBroadcast = new Map<string, number>()
  const soldOutSeen = new Map<string, number>()
  const salesCache = new Map<string, { row: FlashSaleRow; at: number }>()

  // What a grab reads besides the buyer's own rows changes rarely: kept for a second, like the sale row.
  const skuCache = new Map<string, { sku: SkuForSale | undefined; at: number }>()
  const rulesCache = new Map<string, { rules: Awaited<ReturnType<CartService['rulesOf']>> extends Map<string, infer R> ? R : never; at: number }>()
  async function skuOf(id: string) {
    const hit = skuCache.get(id)
    if (hit && Date.now() - hit.at < 1000) return hit.sku
    const sku = (await deps.stock(deps.db).skusForSale([id])).get(id)
    skuCache.set(id, { sku, at: Date.now() })
    return sku
  }
  async function rulesOf(shopId: string) {
    const hit = rulesCache.get(shopId)
    if (hit && Date.now() - hit.at < 1000) return hit.rules
    const rules = (await deps.cart.rulesOf([shopId])).get(shopId)!
    rulesCache.set(shopId, { rules, at: Date.now() })
    return rules
  }

  async function saleRow(id: string) {
    const hit = salesCache.get(id)
    if (hit && Date.now() - hit.at < 1000) return hit.row
    const row = await repo.flashSaleById(id)
    if (!row) throw notFound('ORDERS_SALE_NOT_FOUND', 'Flash sale not found')
    salesCache.set(id, { row, at: Date.now() })
    return row
  }

  async function view(s: FlashSaleRow, remaining?: number | null): Promise<FlashSaleView> {
    const sku = await skuOf(s.skuId)
    const left = remaining ?? (await deps.store.remaining(s.id)) ?? s.quantity - s.sold
    const t = deps.clock.now().getTime()
    const status = s.closedAt || t >= s.endsAt.getTime() ? 'ended' : t < s.startsAt.getTime() ? 'scheduled' : left <= 0 ? 'sold_out' : 'running'
    return {
      id: s.id, roomId: s.roomId, skuId: s.skuId, productId: s.productId, title: sku?.title ?? '', skuName: sku?.skuName ?? '',
      coverUrl: sku?.coverImageId ? deps.media.urlsOf(sku.coverImageId).medium : null, priceFen: s.priceFen, originalPriceFen: sku?.priceFen ?? s.priceFen,
      quantity: s.quantity, remaining: Math.max(0, left), perBuyerLimit: s.perBuyerLimit, startsAt: s.startsAt.toISOString(), endsAt: s.endsAt.toISOString(),
      status, isFresh: sku?.isFresh ?? false,
    }
  }

  async function loadFromDb(s: FlashSaleRow, overwrite: boolean) {
    const buyers = await repo.buyersOf(s.id)
    await deps.store.load({
      id: s.id, remaining: s.quantity - s.sold, perBuyerLimit: s.perBuyerLimit, startsAt: s.startsAt.getTime(), endsAt: s.endsAt.getTime(),
      buyers: new Map(buyers.map((b) => [b.buyerId, b.qty])),
    }, overwrite)
  }

  /** Room updates at most every 200 ms per sale: thousands of grabs become a few frames. */
  function announce(s: FlashSaleRow, remaining: number, who: string) {
    const last = lastBroadcast.get(s.id) ?? 0
    if (remaining > 0 && Date.now() - last < 200) return
    lastBroadcast.set(s.id, Date.now())
    void deps.rooms.publish(s.roomId, [{ type: 'flash.grabbed', saleId: s.id, displayName: who, remaining }]).catch(() => {})
  }

  function schedule() {
    if (queue.length >= batchMax) void flush()
    else if (!timer) timer = setTimeout(() => void flush(), batchMs)
  }

  async function flush() {
    if (timer) clearTimeout(timer)
    timer = null
    const batch = queue.splice(0, batchMax)
    if (!batch.length) return
    flushing = flushing.then(() => writeBatch(batch))
    await flushing
    if (queue.length) schedule()
  }

  async function writeOne(r: ReturnType<typeof ordersRepository>, tx: Db, g: Grab): Promise<OrderRow> {
    const checkout = await r.insertCheckout({
      id: g.checkoutId, buyerId: g.actor.id, totalFen: 0, idempotencyKey: g.idempotencyKey, requestHash: `flash:${g.sale.id}:${g.qty}`,
      payBefore: new Date(deps.clock.now().getTime() + deps.payMinutes * 60_000), createdAt: deps.clock.now(),
    })
    if (!checkout) throw conflict('ORDERS_IDEMPOTENCY_CONFLICT', 'This Idempotency-Key was already used')
    // Only the transaction's connection may be used here: PGlite has one, and the batch holds it.
    const sku = (await deps.stock(tx).skusForSale([g.sale.skuId])).get(g.sale.skuId)!
    const fee = g.shippingFen
    const [order] = await deps.orders.writeOrders(r, tx, {
      checkoutId: checkout.id, buyerId: g.actor.id, orderIds: [g.orderId],
      groups: [{ shopId: g.sale.shopId, lines: [{ sku, qty: g.qty, priceFen: g.sale.priceFen }], shippingFen: fee }],
      address: { recipient: g.address.recipient, phone: g.address.phone, region: g.address.region, detail: g.address.detail, countyCode: g.address.countyCode },
      note: '', freshConfirmed: g.freshConfirmed, payBefore: checkout.payBefore, flashSaleId: g.sale.id, liveRoomId: g.sale.roomId, takeStock: false,
    })
    await r.setCheckoutTotal(checkout.id, order!.totalFen)
    if (!(await r.addBuyerQty(g.sale.id, g.actor.id, g.qty, g.sale.perBuyerLimit))) throw conflict('ORDERS_PER_BUYER_LIMIT', `At most ${g.sale.perBuyerLimit} per buyer`)
    return order!
  }

  /**
   * The whole batch in one transaction with one multi-row statement per table (checkouts, orders, lines, events, the
   * buyers' units, the sale's sold count): a handful of round trips per batch instead of seven per grab.
   */
  async function writeBatchRows(batch: Grab[]): Promise<OrderRow[]> {
    return deps.orders.inTx(async (r, tx) => {
      const at = deps.clock.now()
      const payBefore = new Date(at.getTime() + deps.payMinutes * 60_000)
      const rows: OrderRow[] = batch.map((g) => {
        const itemsFen = g.sale.priceFen * g.qty
        const hasFresh = g.sku.isFresh
        return {
          id: g.orderId, checkoutId: g.checkoutId, shopId: g.sale.shopId, buyerId: g.actor.id, status: 'pending_payment', itemsFen, shippingFen: g.shippingFen,
          totalFen: itemsFen + g.shippingFen, refundedFen: 0,
          address: { recipient: g.address.recipient, phone: g.address.phone, region: g.address.region, detail: g.address.detail, countyCode: g.address.countyCode },
          note: '', hasFresh, freshConfirmedAt: hasFresh && g.freshConfirmed ? at : null, flashSaleId: g.sale.id, liveRoomId: g.sale.roomId,
          carrier: null, waybill: null, payBefore, autoConfirmAt: null, createdAt: at, paidAt: null, shippedAt: null,
          deliveredAt: null, completedAt: null, cancelledAt: null, retainUntil: null,
        }
      })
      const made = await tx.insert(checkouts).values(batch.map((g, i) => ({
        id: g.checkoutId, buyerId: g.actor.id, totalFen: rows[i]!.totalFen, idempotencyKey: g.idempotencyKey, requestHash: `flash:${g.sale.id}:${g.qty}`, payBefore, createdAt: at,
      }))).onConflictDoNothing().returning({ id: checkouts.id })
      if (made.length !== batch.length) throw conflict('ORDERS_IDEMPOTENCY_CONFLICT', 'This Idempotency-Key was already used')
      await tx.insert(ordersTable).values(rows)
      await tx.insert(orderLines).values(batch.map((g) => ({
        orderId: g.orderId, lineNo: 1, skuId: g.sku.skuId, productId: g.sku.productId, title: g.sku.title, skuName: g.sku.skuName,
        priceFen: g.sale.priceFen, qty: g.qty, isFresh: g.sku.isFresh, coverImageId: g.sku.coverImageId,
      })))
      await tx.insert(orderEvents).values(batch.map((g) => ({ id: newId('oev'), orderId: g.orderId, fromStatus: null, toStatus: 'pending_payment' as const, actorId: g.actor.id, reason: 'flash sale grab', at })))
      const bySale = new Map<string, Grab[]>()
      for (const g of batch) bySale.set(g.sale.id, [...(bySale.get(g.sale.id) ?? []), g])
      for (const [saleId, gs] of bySale) {
        // A buyer twice in one batch makes this statement fail (a row cannot be updated twice): the batch then falls
        // back to one grab at a time, where the limit is checked per grab.
        const limit = gs[0]!.sale.perBuyerLimit
        const ok = await tx.insert(flashSaleBuyers).values(gs.map((g) => ({ saleId, buyerId: g.actor.id, qty: g.qty })))
          .onConflictDoUpdate({
            target: [flashSaleBuyers.saleId, flashSaleBuyers.buyerId],
            set: { qty: sql`${flashSaleBuyers.qty} + excluded.qty` },
            setWhere: sql`${flashSaleBuyers.qty} + excluded.qty <= ${limit}`,
          }).returning({ qty: flashSaleBuyers.qty })
        if (ok.length !== gs.length || ok.some((x) => x.qty > limit)) throw conflict('ORDERS_PER_BUYER_LIMIT', `At most ${limit} per buyer`)
        if (!(await r.addSold(saleId, gs.reduce((n, g) => n + g.qty, 0)))) throw conflict('ORDERS_SOLD_OUT', 'Sold out')
      }
      return rows
    })
  }

  /** One transaction for the whole batch; if it fails, each grab is retried alone so one bad grab cannot sink the rest. */
  async function writeBatch(batch: Grab[]) {
    let rows: OrderRow[] | null = null
    try {
      rows = await writeBatchRows(batch)
    } catch (err) {
      if (batch.length === 1) return fail(batch[0]!, err)
    }
    if (rows) {
      // Committed. The buyers' order views are read once for the batch (six queries per batch, not per grab).
      const views = await deps.orders.views(rows).catch(() => null)
      batch.forEach((g, i) => {
        void deps.store.confirm(g.sale.id, g.orderId).catch(() => {})
        g.resolve(rows[i]!, views?.[i])
      })
      return
    }
    for (const g of batch) {
      try {
        const row = await deps.orders.inTx(async (r, tx) => {
          const o = await writeOne(r, tx, g)
          if (!(await r.addSold(g.sale.id, g.qty))) throw conflict('ORDERS_SOLD_OUT', 'Sold out')
          return o
        })
        void deps.store.confirm(g.sale.id, g.orderId).catch(() => {})
        g.resolve(row)
      } catch (err) {
        await fail(g, err)
      }
    }
  }

  async function fail(g: Grab, err: unknown) {
    await deps.store.release(g.sale.id, g.actor.id, g.qty, g.orderId).catch(() => {})
    if (!(err instanceof AppError)) deps.log.error({ err }, 'flash sale write failed')
    g.reject(err)
  }

  return {
    async start(actorOrNull: Actor | null, roomId: string, body: StartFlashSaleBody): Promise<FlashSaleView> {
      const actor = requireActor(actorOrNull)
      const room = await deps.rooms.room(roomId)
      await deps.shops.assertCanManage(actor, room.shopId)
      if (room.status !== 'live') throw conflict('ORDERS_SALE_NOT_RUNNING', 'Start a flash sale while the room is live')
      const sku = (await deps.stock(deps.db).skusForSale([body.skuId])).get(body.skuId)
      if (!sku || sku.shopId !== room.shopId || !sku.onSale) throw invalid('ORDERS_SKU_UNAVAILABLE', 'Not a SKU on sale in this shop', 'body.skuId')
      if (room.pinnedProductId !== sku.productId) throw invalid('ORDERS_SKU_UNAVAILABLE', 'Pin the product (上链接) first; the sale is on the pinned product', 'body.skuId')
      const startsAt = new Date(deps.clock.now().getTime() + (body.startsInSeconds ?? 0) * 1000)
      const endsAt = new Date(startsAt.getTime() + (body.durationSeconds ?? 600) * 1000)
      // The sale's units come out of the SKU's stock now and go back when it closes.
      const sale = await deps.orders.inTx(async (r, tx) => {
        if (!(await deps.stock(tx).take(sku.skuId, body.quantity))) throw conflict('ORDERS_OUT_OF_STOCK', `Only ${sku.stock} in stock`, 'body.quantity')
        return r.insertFlashSale({
          id: newId('fls'), roomId, shopId: room.shopId, skuId: sku.skuId, productId: sku.productId, priceFen: body.priceFen, quantity: body.quantity,
          perBuyerLimit: body.perBuyerLimit ?? 1, startsAt, endsAt, createdAt: deps.clock.now(),
        })
      })
      await loadFromDb(sale, true)
      const v = await view(sale, sale.quantity)
      await deps.rooms.publish(roomId, [{ type: 'flash', sale: v }])
      return v
    },

    async get(id: string) {
      return view(await saleRow(id))
    },

    async ofRoom(roomId: string) {
      return Promise.all((await repo.flashSalesOfRoom(roomId)).map((s) => view(s)))
    },

    async grab(actorOrNull: Actor | null, saleId: string, body: GrabBody, idempotencyKey: string | undefined): Promise<{ order: OrderView; sale: FlashSaleView }> {
      const actor = requireActor(actorOrNull)
      if (!idempotencyKey || !/^[\w-]{8,80}$/.test(idempotencyKey)) {
        throw invalid('ORDERS_IDEMPOTENCY_KEY_REQUIRED', 'Send an Idempotency-Key header (8–80 letters, digits, - or _)', 'headers.idempotency-key')
      }
      const sale = await saleRow(saleId)
      if (sale.closedAt) throw conflict('ORDERS_SALE_NOT_RUNNING', 'This flash sale has ended')
      const prior = await repo.checkoutByKey(actor.id, idempotencyKey)
      if (prior) {
        const [o] = await repo.ordersOfCheckout(prior.id)
        if (!o || o.flashSaleId !== saleId) throw conflict('ORDERS_IDEMPOTENCY_CONFLICT', 'This Idempotency-Key was used for something else')
        return { order: (await deps.orders.views([o]))[0]!, sale: await view(sale) }
      }
      const sku = await skuOf(sale.skuId)
      if (!sku) throw conflict('ORDERS_SALE_NOT_RUNNING', 'The flash sale is not running')
      if (sku.isFresh && !body.freshConfirmed) throw invalid('ORDERS_FRESH_NOT_CONFIRMED', 'Fresh produce is not eligible for 7-day no-reason return; please confirm', 'body.freshConfirmed')
      // Once a sale has sold out, the crowd still tapping is told so after one counter read, not after the address and
      // shipping lookups (units coming back — unpaid orders — clear it: the counter is read every time).
      if (Date.now() - (soldOutSeen.get(saleId) ?? 0) < 2000) {
        const left = await deps.store.remaining(saleId)
        if (left !== null && left <= 0) throw conflict('ORDERS_SOLD_OUT', 'Sold out')
      }
      const address = await deps.cart.addressForOrder(actor, body.addressId, 'body.addressId')
      const rules = await rulesOf(sale.shopId)
      const shippingFen = shippingFee(rules, address.provinceCode, sale.priceFen * body.qty)
      if (shippingFen === null) throw invalid('ORDERS_NOT_DELIVERABLE', 'The shop does not deliver to this address', 'body.addressId')
      const orderId = newId('ord')
      let res = await deps.store.reserve(saleId, actor.id, body.qty, orderId, deps.clock.now().getTime())
      if (!res.ok && res.reason === 'missing') {
        // The counter store lost this sale (Redis restarted empty): rebuild it from the database, then carry on.
        await loadFromDb((await repo.flashSaleById(saleId))!, false)
        res = await deps.store.reserve(saleId, actor.id, body.qty, orderId, deps.clock.now().getTime())
      }
      if (!res.ok) {
        if (res.reason === 'sold_out') {
          soldOutSeen.set(saleId, Date.now())
          throw conflict('ORDERS_SOLD_OUT', 'Sold out')
        }
        if (res.reason === 'limit') throw conflict('ORDERS_PER_BUYER_LIMIT', `At most ${sale.perBuyerLimit} per buyer`)
        if (res.reason === 'missing') throw new AppError('conflict', 'ORDERS_SALE_PAUSED', 'The sale is paused for a moment; try again')
        throw conflict('ORDERS_SALE_NOT_RUNNING', 'The flash sale is not running')
      }
      const remaining = res.remaining
      const { order, orderView } = await new Promise<{ order: OrderRow; orderView?: OrderView }>((resolve, reject) => {
        queue.push({ sale, sku, actor, qty: body.qty, orderId, checkoutId: newId('chk'), idempotencyKey, address, freshConfirmed: body.freshConfirmed, shippingFen, resolve: (order, orderView) => resolve({ order, orderView }), reject })
        schedule()
      })
      announce(sale, remaining, actor.displayName)
      if (remaining === 0) void deps.rooms.publish(sale.roomId, [{ type: 'flash', sale: await view(sale, 0) }]).catch(() => {})
      return { order: orderView ?? (await deps.orders.views([order]))[0]!, sale: await view(sale, remaining) }
    },

    /** An unpaid or cancelled flash order gives its units back to the sale (or to the SKU once the sale closed). */
    async release(tx: Db, order: OrderRow, lines: Array<{ qty: number }>): Promise<(() => Promise<void>) | void> {
      const qty = lines.reduce((n, l) => n + l.qty, 0)
      const r = ordersRepository(tx)
      const sale = await r.flashSaleById(order.flashSaleId!)
      if (!sale) return
      await r.addBuyerQty(sale.id, order.buyerId, -qty, sale.perBuyerLimit)
      if (sale.closedAt) {
        await r.addSold(sale.id, -qty)
        await deps.stock(tx).give(sale.skuId, qty)
        return
      }
      await r.addSold(sale.id, -qty)
      // After the transaction commits, the counter store gets the units back.
      // The counter store gets the units back only once the transaction has committed (the caller runs this then).
      return () => deps.store.release(sale.id, order.buyerId, qty)
    },

    /** Ends sales past their end time: unsold units return to the SKU. Repairs reservations that never got an order. */
    async runJobs() {
      const t = deps.clock.now()
      for (const s of await repo.endedUnclosedSales(t)) {
        await deps.orders.inTx(async (r, tx) => {
          const closed = await r.closeFlashSale(s.id, t)
          if (closed) await deps.stock(tx).give(closed.skuId, closed.quantity - closed.sold)
        })
        await deps.store.drop(s.id)
        await deps.rooms.publish(s.roomId, [{ type: 'flash', sale: await view((await repo.flashSaleById(s.id))!) }]).catch(() => {})
      }
      await this.recover()
    },

    /** After a crash: load counters for open sales from the database; release reservations that never got an order. */
    async recover() {
      for (const s of await repo.openFlashSales()) {
        await loadFromDb(s, false)
        for (const p of await deps.store.stale(s.id, 30_000, deps.clock.now().getTime())) {
          if (await repo.orderById(p.reservationId)) await deps.store.confirm(s.id, p.reservationId)
          else await deps.store.release(s.id, p.buyerId, p.qty, p.reservationId)
        }
      }
    },

    async flushNow() {
      await flush()
      await flushing
    },
  }
}
export type FlashSaleService = ReturnType<typeof createFlashSaleService>
