// 秒杀 in the live room. A grab reserves units in a fast counter store (memory, or Redis with a Lua script) — which also
// answers retried Idempotency-Keys — then joins a batch that writes the orders to the database in one statement inside
// one transaction (group commit: while a batch is being written the next one fills up); the buyer's response waits for
// that commit, so a "you got one" is never lost. A grab's address is read as its units are reserved (one query per
// event-loop turn), so the batch does not wait for it. The database is
// the last guard: flash_sales.sold <= quantity, per-buyer limits, unique idempotency keys.
import type { FlashHeld, FlashQuote, FlashQuoteBody, FlashSaleView, GrabBody, LiveEvent, OrderView, StartFlashSaleBody } from '@hotland/contracts'
import type { Actor } from '../../platform/auth/actor.ts'
import { requireActor } from '../../platform/auth/actor.ts'
import type { Clock } from '../../platform/clock.ts'
import type { Db } from '../../platform/db/client.ts'
import { coalesce } from '../../platform/coalesce.ts'
import { AppError, conflict, invalid, notFound } from '../../platform/errors.ts'
import { newId } from '../../platform/ids.ts'
import type { SkuForSale, StockRepository } from '../catalog/index.ts'
import type { CartService } from './cart.service.ts'
import { freshNotConfirmed } from './errors.ts'
import type { FlashStore } from './flash-store.ts'
import { maskedName } from './masked-name.ts'
import { oneSkuPerSale } from './one-sku-per-sale.ts'
import { ordersRepository, type FlashBatch, type FlashSaleRow, type OrderRow } from './repository.ts'
import type { OrdersService } from './service.ts'
import { shippingFee } from './shipping.ts'

export interface FlashDeps {
  db: Db
  clock: Clock
  store: FlashStore
  orders: OrdersService
  cart: CartService
  stock: (db: Db) => StockRepository
  shops: { assertCanManage(actor: Actor | null, shopId: string): Promise<unknown>; shopNames(ids: string[]): Promise<Map<string, string>> }
  regions: { countyPath(code: string, field: string): Promise<{ provinceCode: string; provinceName: string; cityName: string; countyName: string; line: string }> }
  rooms: {
    room(id: string): Promise<{ id: string; shopId: string; status: string; pinnedProductId: string | null }>
    publish(roomId: string, events: LiveEvent[]): Promise<void>
  }
  media: { urlsOf(id: string): { small: string; medium: string; large: string } }
  log: { warn(obj: unknown, msg: string): void; error(obj: unknown, msg: string): void }
  payMinutes: number
  /** Extra wait before a batch is written (0: the next turn of the event loop). */
  batchMs?: number
  batchMax?: number
  /** Batches being written at once (each is one statement; the sale's row lock orders their counts). */
  batchConcurrency?: number
}

type Address = { recipient: string; phone: string; region: string; detail: string; countyCode: string }
type AddressRow = Awaited<ReturnType<ReturnType<typeof ordersRepository>['addressesByIds']>>[number]

interface Grab {
  sale: FlashSaleRow
  sku: SkuForSale
  actor: Actor
  qty: number
  orderId: string
  checkoutId: string
  idempotencyKey: string
  /** Read when the units are reserved (one query per event-loop turn), so the batch does not wait for it. */
  addressRow: Promise<AddressRow | null>
  /** Filled in by the batch from addressRow. */
  address?: Address
  shippingFen?: number
  freshConfirmed: boolean
  resolve(order: OrderRow, view: OrderView): void
  reject(err: unknown): void
}

const GRAB_REASON = 'flash sale grab'

export function createFlashSaleService(deps: FlashDeps) {
  const repo = ordersRepository(deps.db)
  const batchMs = deps.batchMs ?? 0
  // One batch of at most 100 in flight: while it is written, the server answers the one before and takes the next grabs,
  // so the database and the server work at the same time. With bigger batches, or two in flight, the buyers' requests
  // arrive in one wave, wait for one commit together and come back together, and each side idles while the other works
  // (measured: ~15% fewer grabs/s on the 2-core benchmark machine; decision 0006).
  const batchMax = deps.batchMax ?? 100
  const batchConcurrency = deps.batchConcurrency ?? 1
  let queue: Grab[] = []
  let scheduled = false
  /** Batch statements being written (at most batchConcurrency). */
  let writing = 0
  /** Batches not yet answered: a batch frees its writing slot at its commit, before its answers are built. */
  let unanswered = 0
  let idle: Promise<void> = Promise.resolve()
  let idleResolve: (() => void) | null = null
  /** Grabs reserved but not yet answered, by order id: a retry of one of them waits for the same answer. */
  const inFlight = new Map<string, Promise<{ order: OrderRow; view: OrderView }>>()
  const lastBroadcast = new Map<string, number>()
  // What a grab reads besides the buyer's own rows changes rarely: kept for a second. One load at a time per key, and
  // a value expired less than a second ago is served while it is being refreshed: otherwise the hundreds of grabs in
  // flight when the sale starts (and again every second) would all miss together and each run the same queries. An
  // older value is not served: after a quiet minute the first grab must not be priced with the rules of a minute ago.
  function cachedFor<V>(ms: number, load: (key: string) => Promise<V>): (key: string) => Promise<V> {
    const entries = new Map<string, { value?: { v: V }; at: number; loading: Promise<V> | null }>()
    const refresh = (key: string, e: { value?: { v: V }; at: number; loading: Promise<V> | null }) => {
      const p = load(key).then((v) => {
        e.value = { v }
        e.at = Date.now()
        return v
      }).finally(() => { e.loading = null })
      e.loading = p
      p.catch(() => { if (!e.value) entries.delete(key) })
      return p
    }
    return (key) => {
      let e = entries.get(key)
      if (!e) entries.set(key, (e = { at: 0, loading: null }))
      if (e.value && Date.now() - e.at < ms) return Promise.resolve(e.value.v)
      const pending = e.loading ?? refresh(key, e)
      if (e.value && Date.now() - e.at < 2 * ms) {
        pending.catch(() => {})
        return Promise.resolve(e.value.v)
      }
      return pending
    }
  }
  const skuOf = cachedFor(1000, async (id) => (await deps.stock(deps.db).skusForSale([id])).get(id))
  const rulesOf = cachedFor(1000, async (shopId) => (await deps.cart.rulesOf([shopId])).get(shopId)!)
  const shopNameOf = cachedFor(1000, async (shopId) => (await deps.shops.shopNames([shopId])).get(shopId) ?? '')
  const addressOf = coalesce(async (ids: string[]) => new Map((await repo.addressesByIds(ids)).map((a) => [a.id, a])))
  const saleRow = cachedFor(1000, async (id) => {
    const row = await repo.flashSaleById(id)
    if (!row) throw notFound('ORDERS_SALE_NOT_FOUND', 'Flash sale not found')
    return row
  })

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

  /** Puts the sale's counters (and its orders' idempotency keys) into the store, unless there already (or always, with overwrite). */
  async function loadFromDb(s: FlashSaleRow, overwrite: boolean) {
    if (!overwrite && (await deps.store.has(s.id))) return
    const [buyers, keys] = await Promise.all([repo.buyersOf(s.id), repo.flashKeysOf(s.id)])
    await deps.store.load({
      id: s.id, remaining: s.quantity - s.sold, perBuyerLimit: s.perBuyerLimit, startsAt: s.startsAt.getTime(), endsAt: s.endsAt.getTime(),
      buyers: new Map(buyers.map((b) => [b.buyerId, b.qty])), keys: new Map(keys.map((k) => [`${k.buyerId}|${k.key}`, k.orderId])),
    }, overwrite)
  }

  /**
   * One rebuild per sale at a time in this process: the hundreds of grabs that find the sale missing in the same moment
   * wait for the same one, instead of each reading the database and rewriting the store over the others' reservations.
   */
  const rebuilding = new Map<string, Promise<FlashSaleRow | null>>()
  function rebuild(saleId: string) {
    let p = rebuilding.get(saleId)
    if (!p) {
      p = (async () => {
        const fresh = await repo.flashSaleById(saleId)
        if (fresh && !fresh.closedAt) await loadFromDb(fresh, false)
        return fresh
      })().finally(() => rebuilding.delete(saleId))
      rebuilding.set(saleId, p)
    }
    return p
  }

  /** Room updates at most every 200 ms per sale: thousands of grabs become a few frames. */
  function announce(s: FlashSaleRow, remaining: number, who: string) {
    const last = lastBroadcast.get(s.id) ?? 0
    if (remaining > 0 && Date.now() - last < 200) return
    lastBroadcast.set(s.id, Date.now())
    void deps.rooms.publish(s.roomId, [{ type: 'flash.grabbed', saleId: s.id, displayName: who, remaining }]).catch(() => {})
  }

  /** Group commit: grabs arriving while batches are being written form the next batch. */
  function schedule() {
    if (scheduled || writing >= batchConcurrency) return
    scheduled = true
    if (!idleResolve) idle = new Promise((r) => { idleResolve = r })
    if (batchMs > 0) setTimeout(() => void drain(), batchMs)
    else setImmediate(() => void drain())
  }

  async function drain() {
    scheduled = false
    while (queue.length && writing < batchConcurrency) {
      const batch = queue.length <= batchMax ? queue : queue.slice(0, batchMax)
      queue = queue.length <= batchMax ? [] : queue.slice(batchMax)
      writing++
      unanswered++
      let freed = false
      // The next batch may start writing as soon as this one's statement has committed (or failed): building and
      // sending this batch's answers then overlaps the database's work on the next.
      const free = () => {
        if (freed) return
        freed = true
        writing--
        if (queue.length) schedule()
      }
      void writeBatch(batch, free).catch((err) => deps.log.error({ err }, 'flash sale batch failed')).finally(() => {
        free()
        unanswered--
        if (!unanswered && !queue.length && idleResolve) {
          idleResolve()
          idleResolve = null
        }
      })
    }
  }

  /** Takes each grab's address (read when it was reserved) and prices delivery; grabs with a bad address fail alone. */
  async function addAddresses(batch: Grab[]): Promise<Grab[]> {
    const ok: Grab[] = []
    for (const g of batch) {
      try {
        const a = await g.addressRow
        if (!a || a.userId !== g.actor.id) throw invalid('ORDERS_ADDRESS_NOT_FOUND', 'Address not found', 'body.addressId')
        const p = await deps.regions.countyPath(a.countyCode, 'body.addressId')
        const fee = shippingFee(await rulesOf(g.sale.shopId), p.provinceCode, g.sale.priceFen * g.qty)
        if (fee === null) throw invalid('ORDERS_NOT_DELIVERABLE', 'The shop does not deliver to this address', 'body.addressId')
        g.address = { recipient: a.recipient, phone: a.phone, region: p.line, detail: a.detail, countyCode: a.countyCode }
        g.shippingFen = fee
        ok.push(g)
      } catch (err) {
        await fail(g, err)
      }
    }
    return ok
  }

  function orderRowOf(g: Grab, at: Date, payBefore: Date): OrderRow {
    const itemsFen = g.sale.priceFen * g.qty
    const hasFresh = g.sku.isFresh
    return {
      id: g.orderId, checkoutId: g.checkoutId, shopId: g.sale.shopId, buyerId: g.actor.id, status: 'pending_payment', itemsFen, shippingFen: g.shippingFen!,
      totalFen: itemsFen + g.shippingFen!, refundedFen: 0, address: g.address!, note: '', hasFresh, freshConfirmedAt: hasFresh && g.freshConfirmed ? at : null,
      flashSaleId: g.sale.id, liveRoomId: g.sale.roomId, carrier: null, waybill: null, payBefore, autoConfirmAt: null, createdAt: at, paidAt: null,
      shippedAt: null, deliveredAt: null, completedAt: null, cancelledAt: null, retainUntil: null,
    }
  }

  /** The buyer's answer, built from what was just written (the same shape orders.views reads back). */
  function orderViewOf(g: Grab, o: OrderRow, shopName: string): OrderView {
    return {
      id: o.id, checkoutId: o.checkoutId, shopId: o.shopId, shopName, buyerId: o.buyerId, buyerDisplayName: g.actor.displayName, status: o.status,
      lines: [{
        skuId: g.sku.skuId, productId: g.sku.productId, title: g.sku.title, skuName: g.sku.skuName, priceFen: g.sale.priceFen, qty: g.qty, isFresh: g.sku.isFresh,
        coverUrl: g.sku.coverImageId ? deps.media.urlsOf(g.sku.coverImageId).small : null,
      }],
      itemsFen: o.itemsFen, shippingFen: o.shippingFen, totalFen: o.totalFen, refundedFen: 0, pendingRefundFen: 0, address: o.address, note: '', hasFresh: o.hasFresh,
      freshConfirmedAt: o.freshConfirmedAt?.toISOString() ?? null, flashSaleId: o.flashSaleId, liveRoomId: o.liveRoomId, carrier: null, waybill: null,
      payBefore: o.payBefore!.toISOString(), autoConfirmAt: null, createdAt: o.createdAt.toISOString(), paidAt: null, shippedAt: null, deliveredAt: null,
      completedAt: null, cancelledAt: null, reviewed: false, claim: null,
      events: [{ at: o.createdAt.toISOString(), from: null, to: 'pending_payment', actorId: g.actor.id, reason: GRAB_REASON }],
    }
  }

  async function writeOne(r: ReturnType<typeof ordersRepository>, tx: Db, g: Grab): Promise<OrderRow> {
    const checkout = await r.insertCheckout({
      id: g.checkoutId, buyerId: g.actor.id, totalFen: 0, idempotencyKey: g.idempotencyKey, requestHash: `flash:${g.sale.id}:${g.qty}`,
      payBefore: new Date(deps.clock.now().getTime() + deps.payMinutes * 60_000), createdAt: deps.clock.now(),
    })
    if (!checkout) throw conflict('ORDERS_IDEMPOTENCY_CONFLICT', 'This Idempotency-Key was already used')
    // Only the transaction's connection may be used here: PGlite has one, and the batch holds it.
    const sku = (await deps.stock(tx).skusForSale([g.sale.skuId])).get(g.sale.skuId)!
    const [order] = await deps.orders.writeOrders(r, tx, {
      checkoutId: checkout.id, buyerId: g.actor.id, orderIds: [g.orderId],
      groups: [{ shopId: g.sale.shopId, lines: [{ sku, qty: g.qty, priceFen: g.sale.priceFen }], shippingFen: g.shippingFen! }],
      address: g.address!, noteOf: () => '', freshConfirmed: g.freshConfirmed, payBefore: checkout.payBefore, flashSaleId: g.sale.id, liveRoomId: g.sale.roomId, takeStock: false,
    })
    await r.setCheckoutTotal(checkout.id, order!.totalFen)
    if (!(await r.addBuyerQty(g.sale.id, g.actor.id, g.qty, g.sale.perBuyerLimit))) throw conflict('ORDERS_PER_BUYER_LIMIT', `At most ${g.sale.perBuyerLimit} per buyer`)
    return order!
  }

  /** The whole batch in one statement (repository.insertFlashBatch); the rows it writes are the ones orderRowOf built. */
  async function writeBatchRows(batch: Grab[], rows: OrderRow[], at: Date, payBefore: Date): Promise<void> {
    const sales = new Map<string, FlashBatch['sales'][number]>()
    for (const g of batch) {
      if (!sales.has(g.sale.id)) {
        sales.set(g.sale.id, {
          saleId: g.sale.id, shopId: g.sale.shopId, roomId: g.sale.roomId, skuId: g.sku.skuId, productId: g.sku.productId, title: g.sku.title,
          skuName: g.sku.skuName, priceFen: g.sale.priceFen, isFresh: g.sku.isFresh, coverImageId: g.sku.coverImageId,
        })
      }
    }
    // One statement, so one transaction by itself: it commits whole or fails whole (see insertFlashBatch).
    await repo.insertFlashBatch({
      at, payBefore, reason: GRAB_REASON, sales: [...sales.values()],
      rows: batch.map((g, i) => ({
        orderId: g.orderId, checkoutId: g.checkoutId, eventId: newId('oev'), buyerId: g.actor.id, idempotencyKey: g.idempotencyKey, saleId: g.sale.id,
        qty: g.qty, shippingFen: rows[i]!.shippingFen, address: rows[i]!.address, freshConfirmed: g.freshConfirmed,
      })),
    })
  }

  /** One transaction for the whole batch; if it fails, each grab is retried alone so one bad grab cannot sink the rest. */
  async function writeBatch(all: Grab[], committed: () => void) {
    const { kept: batch, notConfirmed } = oneSkuPerSale(await addAddresses(all))
    for (const g of notConfirmed) await fail(g, freshNotConfirmed())
    if (!batch.length) return
    const at = deps.clock.now()
    const payBefore = new Date(at.getTime() + deps.payMinutes * 60_000)
    const rows = batch.map((g) => orderRowOf(g, at, payBefore))
    let written = false
    try {
      await writeBatchRows(batch, rows, at, payBefore)
      written = true
      committed()
    } catch (err) {
      if (batch.length === 1) return fail(batch[0]!, err)
      // Expected now and then (a key reused from a cart checkout, Redis rebuilt mid-sale); the grabs alone tell which.
      deps.log.warn({ err: String(err), grabs: batch.length }, 'flash sale batch refused; writing its grabs one by one')
    }
    if (written) {
      // Committed: the pending reservations are confirmed with one call per sale, the answers built from memory.
      const bySale = new Map<string, string[]>()
      for (const g of batch) bySale.set(g.sale.id, [...(bySale.get(g.sale.id) ?? []), g.orderId])
      for (const [saleId, ids] of bySale) void deps.store.confirm(saleId, ids).catch(() => {})
      const names = new Map<string, string>()
      for (const g of batch) if (!names.has(g.sale.shopId)) names.set(g.sale.shopId, await shopNameOf(g.sale.shopId).catch(() => ''))
      batch.forEach((g, i) => g.resolve(rows[i]!, orderViewOf(g, rows[i]!, names.get(g.sale.shopId)!)))
      return
    }
    for (const g of batch) {
      try {
        const row = await deps.orders.inTx(async (r, tx) => {
          const o = await writeOne(r, tx, g)
          if (!(await r.addSold(g.sale.id, g.qty))) throw conflict('ORDERS_SOLD_OUT', 'Sold out')
          return o
        })
        void deps.store.confirm(g.sale.id, [g.orderId]).catch(() => {})
        g.resolve(row, orderViewOf(g, row, await shopNameOf(g.sale.shopId).catch(() => '')))
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

  /**
   * Closes a sale once: its unsold units go back to the SKU in the same transaction (a batch committing after it is
   * refused by the closed row), the counter store forgets it, the room is told. Returns the sale as it now stands.
   */
  async function closeSale(s: FlashSaleRow): Promise<FlashSaleView> {
    const t = deps.clock.now()
    await deps.orders.inTx(async (r, tx) => {
      const closed = await r.closeFlashSale(s.id, t)
      if (closed) await deps.stock(tx).give(closed.skuId, closed.quantity - closed.sold)
    })
    await deps.store.drop(s.id)
    const v = await view((await repo.flashSaleById(s.id))!)
    await deps.rooms.publish(s.roomId, [{ type: 'flash', sale: v }]).catch(() => {})
    return v
  }

  /** A retried Idempotency-Key: the first grab's answer (still in flight here, or read from the database). */
  async function replay(sale: FlashSaleRow, orderId: string) {
    const pending = inFlight.get(orderId)
    if (pending) {
      const { view: v } = await pending
      return { order: v, sale: await view(sale) }
    }
    const o = await repo.orderById(orderId)
    if (!o) throw conflict('ORDERS_IDEMPOTENCY_CONFLICT', 'A grab with this Idempotency-Key is still being processed; try again in a moment')
    return { order: (await deps.orders.views([o]))[0]!, sale: await view(sale) }
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
      if (body.priceFen >= sku.priceFen) throw invalid('ORDERS_FLASH_PRICE_NOT_LOWER', `The sale price must be lower than the usual ${sku.priceFen} fen`, 'body.priceFen')
      const now = deps.clock.now()
      const startsAt = new Date(now.getTime() + (body.startsInSeconds ?? 0) * 1000)
      const endsAt = new Date(startsAt.getTime() + (body.durationSeconds ?? 600) * 1000)
      // The sale's units come out of the SKU's stock now and go back when it closes.
      const sale = await deps.orders.inTx(async (r, tx) => {
        // One sale at a time in a room (running or counting down): viewers see one banner, and a mistyped sale is ended
        // before another starts. Starts in the same room serialize on a lock, so two cannot both find the room free.
        await r.lockRoomSales(roomId)
        if ((await r.flashSalesOfRoom(roomId)).some((s) => !s.closedAt && s.endsAt > now)) {
          throw conflict('ORDERS_SALE_ALREADY_OPEN', 'A flash sale is already running or counting down in this room; end it first')
        }
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

    /** The anchor ends a sale early (a typo, or enough sold): unsold units go back to the SKU; orders placed stay. */
    async end(actorOrNull: Actor | null, saleId: string): Promise<FlashSaleView> {
      const actor = requireActor(actorOrNull)
      const s = await repo.flashSaleById(saleId)
      if (!s) throw notFound('ORDERS_SALE_NOT_FOUND', 'Flash sale not found')
      await deps.shops.assertCanManage(actor, s.shopId)
      return closeSale(s)
    },

    async get(id: string) {
      return view(await saleRow(id))
    },

    /** Units the buyer holds in the sale, from the database: any phone can tell 已抢到, and an expired unpaid order frees them. */
    async held(actorOrNull: Actor | null, saleId: string): Promise<FlashHeld> {
      const actor = requireActor(actorOrNull)
      await saleRow(saleId)
      return { heldUnits: await repo.heldInSale(saleId, actor.id) }
    },

    /** What a grab of qty units to this address would cost: the sale price and the shop's delivery fee for it. */
    async quote(actorOrNull: Actor | null, saleId: string, body: FlashQuoteBody): Promise<FlashQuote> {
      const actor = requireActor(actorOrNull)
      const sale = await saleRow(saleId)
      const address = await deps.cart.addressForOrder(actor, body.addressId, 'body.addressId')
      const itemsFen = sale.priceFen * body.qty
      // The shop's rules as they are now (not the grab path's cache): the sheet shows what a grab is about to cost.
      const fee = shippingFee((await deps.cart.rulesOf([sale.shopId])).get(sale.shopId)!, address.provinceCode, itemsFen)
      return { itemsFen, shippingFen: fee ?? 0, totalFen: itemsFen + (fee ?? 0), deliverable: fee !== null }
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
      const sku = await skuOf(sale.skuId)
      if (!sku) throw conflict('ORDERS_SALE_NOT_RUNNING', 'The flash sale is not running')
      if (sku.isFresh && !body.freshConfirmed) throw freshNotConfirmed()
      // One atomic step in the counter store: a retried key gets its first order; otherwise the limit, then the units.
      // The crowd still tapping after the sale sold out is answered after this one call. The batch reads the address
      // (one query for all its grabs); a bad one gives the units back.
      const orderId = newId('ord')
      let res = await deps.store.reserve(saleId, actor.id, body.qty, orderId, deps.clock.now().getTime(), idempotencyKey)
      if (!res.ok && res.reason === 'missing') {
        // The counter store lost this sale (Redis restarted empty): rebuild it from the database, then carry on.
        const fresh = await rebuild(saleId)
        if (!fresh || fresh.closedAt) throw conflict('ORDERS_SALE_NOT_RUNNING', 'This flash sale has ended')
        res = await deps.store.reserve(saleId, actor.id, body.qty, orderId, deps.clock.now().getTime(), idempotencyKey)
      }
      if (!res.ok) {
        if (res.reason === 'replay') return replay(sale, res.reservationId)
        if (res.reason === 'sold_out') throw conflict('ORDERS_SOLD_OUT', 'Sold out')
        if (res.reason === 'limit') throw conflict('ORDERS_PER_BUYER_LIMIT', `At most ${sale.perBuyerLimit} per buyer`)
        if (res.reason === 'missing') throw new AppError('conflict', 'ORDERS_SALE_PAUSED', 'The sale is paused for a moment; try again')
        throw conflict('ORDERS_SALE_NOT_RUNNING', 'The flash sale is not running')
      }
      const remaining = res.remaining
      const addressRow = addressOf(body.addressId)
      addressRow.catch(() => {}) // awaited by the batch; this only keeps an early failure from counting as unhandled
      const written = new Promise<{ order: OrderRow; view: OrderView }>((resolve, reject) => {
        queue.push({
          sale, sku, actor, qty: body.qty, orderId, checkoutId: newId('chk'), idempotencyKey, addressRow, freshConfirmed: body.freshConfirmed,
          resolve: (order, v) => resolve({ order, view: v }), reject,
        })
        schedule()
      })
      inFlight.set(orderId, written)
      let v: OrderView
      try {
        v = (await written).view
      } finally {
        inFlight.delete(orderId)
      }
      announce(sale, remaining, maskedName(actor.displayName))
      if (remaining === 0) void view(sale, 0).then((sv) => deps.rooms.publish(sale.roomId, [{ type: 'flash', sale: sv }])).catch(() => {})
      return { order: v, sale: await view(sale, remaining) }
    },

    /** An unpaid or cancelled flash order gives its units back to the sale (or to the SKU once the sale closed). */
    async release(tx: Db, order: OrderRow, lines: Array<{ qty: number }>): Promise<(() => Promise<void>) | void> {
      const qty = lines.reduce((n, l) => n + l.qty, 0)
      const r = ordersRepository(tx)
      // Locked: a close committing meanwhile gives back quantity − sold as it stood, so this must see it closed (and
      // give the units to the SKU) or finish first (and be counted in what the close gives back).
      const sale = await r.lockFlashSale(order.flashSaleId!)
      if (!sale) return
      await r.addBuyerQty(sale.id, order.buyerId, -qty, sale.perBuyerLimit)
      await r.addSold(sale.id, -qty)
      if (sale.closedAt) {
        await deps.stock(tx).give(sale.skuId, qty)
        return
      }
      // The counter store gets the units back only once the transaction has committed (the caller runs this then).
      return () => deps.store.release(sale.id, order.buyerId, qty)
    },

    /** Ends sales past their end time: unsold units return to the SKU. Repairs reservations that never got an order. */
    async runJobs() {
      const t = deps.clock.now()
      for (const s of await repo.endedUnclosedSales(t)) await closeSale(s)
      await this.recover()
    },

    /** After a crash: load counters for open sales from the database; release reservations that never got an order. */
    async recover() {
      for (const s of await repo.openFlashSales()) {
        await loadFromDb(s, false)
        for (const p of await deps.store.stale(s.id, 30_000, deps.clock.now().getTime())) {
          if (await repo.orderById(p.reservationId)) await deps.store.confirm(s.id, [p.reservationId])
          else await deps.store.release(s.id, p.buyerId, p.qty, p.reservationId)
        }
      }
    },

    /** Resolves once every queued grab has been written (or failed). */
    async flushNow() {
      if (queue.length) await drain()
      await idle
    },
  }
}
export type FlashSaleService = ReturnType<typeof createFlashSaleService>
