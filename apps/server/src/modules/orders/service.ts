import { createHash } from 'node:crypto'
import type {
  CheckoutBody, CheckoutResult, ClaimBody, ClaimView, IncomeView, ListOrdersQuery, OrderLine, OrderView, PreviewBody, PreviewResult,
  ResolveClaimBody, ReviewBody, ReviewView,
} from '@hotland/contracts'
import type { Config } from '../../config.ts'
import type { Actor } from '../../platform/auth/actor.ts'
import { hasRole, requireActor } from '../../platform/auth/actor.ts'
import type { Clock } from '../../platform/clock.ts'
import { decodeCursor, encodeCursor } from '../../platform/cursor.ts'
import type { Db } from '../../platform/db/client.ts'
import { AppError, conflict, forbidden, invalid, notFound } from '../../platform/errors.ts'
import { newId } from '../../platform/ids.ts'
import type { SkuForSale, StockRepository } from '../catalog/index.ts'
import type { CartService } from './cart.service.ts'
import { freshNotConfirmed } from './errors.ts'
import { maskedName } from './masked-name.ts'
import { ordersRepository, type OrderRow, type OrderStatus, type OrdersRepository } from './repository.ts'
import { feeOf, shippingFee } from './shipping.ts'

/** markPaid's way out of its transaction when the orders it would mark paid do not add up to the payment. */
class NotTaken extends Error {}

export interface OrdersDeps {
  db: Db
  clock: Clock
  config: Config['orders']
  cart: CartService
  stock: (db: Db) => StockRepository
  shops: {
    assertCanManage(actor: Actor | null, shopId: string): Promise<{ id: string; name: string; countyCode: string }>
    isMember(userId: string, shopId: string): Promise<boolean>
    shopNames(ids: string[]): Promise<Map<string, string>>
    countyOf(shopId: string): Promise<string | null>
    shopIdsInCounty(code: string): Promise<string[]>
  }
  users: { displayNames(ids: string[]): Promise<Map<string, string>> }
  commissioners: { countiesOf(userId: string): Promise<string[]> }
  media: { urlsOf(id: string): { small: string; medium: string; large: string }; requireImages(ids: string[], field: string): Promise<void> }
  log: { warn(obj: unknown, msg: string): void }
  /**
   * Payments (wired in app.ts): sends money back from the payment that paid the checkout. With an idempotency key a
   * retry answers with the first refund (its id, amount and where it stands). 'pending': the provider has not answered
   * yet, and payments tells the order later (refundSettled). A refusal throws PAYMENTS_REFUND_FAILED.
   */
  refunds: () => { refund(input: { checkoutId: string; paymentId: string | null; orderId: string; amountFen: number; idempotencyKey?: string }): Promise<{ refundId: string; amountFen: number; status: 'succeeded' | 'pending' }> }
  /** Called when an order holding flash-sale units is cancelled, in its transaction. */
  onFlashRelease?: (tx: Db, order: OrderRow, lines: Array<{ qty: number }>) => Promise<(() => Promise<void>) | void>
}

export interface NewOrderInput {
  shopId: string
  lines: Array<{ sku: SkuForSale; qty: number; priceFen: number }>
  shippingFen: number
}

/** A cancelled order's refund is asked again this long after the cancel, and then at most this often. */
const REFUND_RETRY_MS = 60_000
const REFUND_BACKOFF_MS = 10 * 60_000
const REFUND_OWED_WINDOW_MS = 7 * 86_400_000
const hashOf = (v: unknown) => createHash('sha256').update(JSON.stringify(v)).digest('base64url')

export function createOrdersService(deps: OrdersDeps) {
  const repo = ordersRepository(deps.db)
  const inTx = <T>(fn: (r: OrdersRepository, tx: Db) => Promise<T>) => deps.db.transaction((tx) => fn(ordersRepository(tx as unknown as Db), tx as unknown as Db))
  const now = () => deps.clock.now()

  async function views(rows: OrderRow[]): Promise<OrderView[]> {
    const ids = rows.map((r) => r.id)
    const [lines, events, claimRows, reviewed, shopNames, buyers, pending] = await Promise.all([
      repo.linesOf(ids), repo.eventsOf(ids), repo.claimsOf(ids), repo.reviewedOrders(ids),
      deps.shops.shopNames(rows.map((r) => r.shopId)), deps.users.displayNames(rows.map((r) => r.buyerId)), repo.pendingRefundFen(ids),
    ])
    return rows.map((o) => {
      const claim = claimRows.find((c) => c.orderId === o.id)
      return {
        id: o.id, checkoutId: o.checkoutId, shopId: o.shopId, shopName: shopNames.get(o.shopId) ?? '', buyerId: o.buyerId,
        buyerDisplayName: buyers.get(o.buyerId) ?? '', status: o.status,
        lines: lines.filter((l) => l.orderId === o.id).map((l): OrderLine => ({
          skuId: l.skuId, productId: l.productId, title: l.title, skuName: l.skuName, priceFen: l.priceFen, qty: l.qty, isFresh: l.isFresh,
          coverUrl: l.coverImageId ? deps.media.urlsOf(l.coverImageId).small : null,
        })),
        itemsFen: o.itemsFen, shippingFen: o.shippingFen, totalFen: o.totalFen, refundedFen: o.refundedFen, pendingRefundFen: pending.get(o.id) ?? 0,
        address: o.address, note: o.note, hasFresh: o.hasFresh, freshConfirmedAt: iso(o.freshConfirmedAt), flashSaleId: o.flashSaleId, liveRoomId: o.liveRoomId,
        carrier: o.carrier, waybill: o.waybill, payBefore: iso(o.payBefore), autoConfirmAt: iso(o.autoConfirmAt),
        createdAt: o.createdAt.toISOString(), paidAt: iso(o.paidAt), shippedAt: iso(o.shippedAt), deliveredAt: iso(o.deliveredAt),
        completedAt: iso(o.completedAt), cancelledAt: iso(o.cancelledAt), reviewed: reviewed.includes(o.id),
        claim: claim ? claimView(claim) : null,
        events: events.filter((e) => e.orderId === o.id).map((e) => ({ at: e.at.toISOString(), from: e.fromStatus, to: e.toStatus, actorId: e.actorId, reason: e.reason })),
      }
    })
  }
  const view = async (o: OrderRow) => (await views([o]))[0]!

  function claimView(c: Awaited<ReturnType<typeof repo.claimById>> & {}): ClaimView {
    return {
      id: c.id, orderId: c.orderId, reason: c.reason, description: c.description, imageUrls: c.imageIds.map((i) => deps.media.urlsOf(i).medium),
      requestedFen: c.requestedFen, status: c.status, refundFen: c.refundFen, resolution: c.resolution, decidedBy: c.decidedBy,
      createdAt: c.createdAt.toISOString(), decidedAt: iso(c.decidedAt), escalatedAt: iso(c.escalatedAt),
    }
  }

  /** Prices, stock and delivery for a basket, grouped by shop. Throws on items that cannot be bought at all. */
  async function price(items: Array<{ skuId: string; qty: number }>, provinceCode: string | null) {
    const skus = await deps.stock(deps.db).skusForSale(items.map((i) => i.skuId))
    const merged = new Map<string, number>()
    items.forEach((item, i) => {
      const s = skus.get(item.skuId)
      if (!s || !s.onSale) throw invalid('ORDERS_SKU_UNAVAILABLE', 'This item is not on sale', `body.items.${i}.skuId`)
      merged.set(item.skuId, (merged.get(item.skuId) ?? 0) + item.qty)
    })
    const byShop = new Map<string, NewOrderInput>()
    for (const [skuId, qty] of merged) {
      const sku = skus.get(skuId)!
      let g = byShop.get(sku.shopId)
      if (!g) byShop.set(sku.shopId, (g = { shopId: sku.shopId, lines: [], shippingFen: 0 }))
      g.lines.push({ sku, qty, priceFen: sku.priceFen })
    }
    const rules = await deps.cart.rulesOf([...byShop.keys()])
    const undeliverable: string[] = []
    for (const g of byShop.values()) {
      const itemsFen = g.lines.reduce((n, l) => n + l.priceFen * l.qty, 0)
      const fee = provinceCode ? shippingFee(rules.get(g.shopId)!, provinceCode, itemsFen) : 0
      if (fee === null) undeliverable.push(g.shopId)
      g.shippingFen = fee ?? 0
    }
    return { groups: [...byShop.values()], undeliverable, items }
  }

  /** Writes orders (and their stock reservations) inside the caller's transaction. */
  async function writeOrders(r: OrdersRepository, tx: Db, input: {
    checkoutId: string; buyerId: string; groups: NewOrderInput[]; address: OrderRow['address']; noteOf: (shopId: string) => string; freshConfirmed: boolean
    payBefore: Date; flashSaleId?: string | null; liveRoomId?: string | null; takeStock: boolean; orderIds?: string[]
  }): Promise<OrderRow[]> {
    const at = now()
    const out: OrderRow[] = []
    const stock = deps.stock(tx)
    for (const [gi, g] of input.groups.entries()) {
      if (input.takeStock) {
        for (const [li, l] of g.lines.entries()) {
          if (!(await stock.take(l.sku.skuId, l.qty))) {
            throw conflict('ORDERS_OUT_OF_STOCK', `Only ${await stock.stockOf(l.sku.skuId)} left of ${l.sku.title} ${l.sku.skuName}`, `body.items.${li}.qty`)
          }
          if (l.sku.perBuyerLimit !== null && (await r.heldByBuyer(input.buyerId, l.sku.skuId)) + l.qty > l.sku.perBuyerLimit) {
            throw conflict('ORDERS_PER_BUYER_LIMIT', `At most ${l.sku.perBuyerLimit} per buyer`, `body.items.${li}.qty`)
          }
        }
      }
      const itemsFen = g.lines.reduce((n, l) => n + l.priceFen * l.qty, 0)
      const hasFresh = g.lines.some((l) => l.sku.isFresh)
      const id = input.orderIds?.[gi] ?? newId('ord')
      const row: OrderRow = {
        id, checkoutId: input.checkoutId, shopId: g.shopId, buyerId: input.buyerId, status: 'pending_payment', itemsFen, shippingFen: g.shippingFen,
        totalFen: itemsFen + g.shippingFen, refundedFen: 0, address: input.address, note: input.noteOf(g.shopId), hasFresh,
        freshConfirmedAt: hasFresh && input.freshConfirmed ? at : null, flashSaleId: input.flashSaleId ?? null, liveRoomId: input.liveRoomId ?? null,
        carrier: null, waybill: null, payBefore: input.payBefore, autoConfirmAt: null, createdAt: at, paidAt: null, shippedAt: null,
        deliveredAt: null, completedAt: null, cancelledAt: null, retainUntil: null,
      }
      await r.insertOrder(row)
      await r.insertLines(g.lines.map((l, i) => ({
        orderId: id, lineNo: i + 1, skuId: l.sku.skuId, productId: l.sku.productId, title: l.sku.title, skuName: l.sku.skuName,
        priceFen: l.priceFen, qty: l.qty, isFresh: l.sku.isFresh, coverImageId: l.sku.coverImageId,
      })))
      await r.insertEvents([{ id: newId('oev'), orderId: id, fromStatus: null, toStatus: 'pending_payment', actorId: input.buyerId, reason: input.flashSaleId ? 'flash sale grab' : 'checkout', at }])
      out.push(row)
    }
    return out
  }

    /**
   * paid → shipped inside the caller's transaction (the logistics module writes the shipment, its boxes and their
   * EPCIS events in the same one). The caller has checked the actor manages the shop.
   */
  async function shipIn(tx: Db, id: string, actorId: string, body: { carrier: string; waybill: string }) {
    const r = ordersRepository(tx)
    const o = await r.orderById(id)
    if (!o) throw notFound('ORDERS_NOT_FOUND', 'Order not found')
    const at = now()
    return move(r, o, ['paid'], {
      status: 'shipped', shippedAt: at, carrier: body.carrier.trim(), waybill: body.waybill, autoConfirmAt: new Date(at.getTime() + deps.config.autoConfirmDays * 86_400_000),
    }, actorId, `shipped with ${body.carrier.trim()} ${body.waybill}`)
  }

  /** The list filter: "shipped" is what is on its way to the buyer, shipped or delivered, not yet confirmed (待收货). */
  const statusesOf = (s: OrderStatus | undefined): OrderStatus[] | undefined => (s === 'shipped' ? ['shipped', 'delivered'] : s ? [s] : undefined)

  /** Moves an order and records who, when and why. Throws 409 when the order is not in an allowed status. */
  async function move(r: OrdersRepository, order: OrderRow, from: OrderStatus[], patch: Partial<OrderRow> & { status: OrderStatus }, actorId: string | null, reason: string) {
    const moved = await r.transition(order.id, from, patch)
    if (!moved) throw conflict('ORDERS_BAD_STATE', `The order is ${order.status}; cannot move it to ${patch.status}`)
    await r.insertEvents([{ id: newId('oev'), orderId: order.id, fromStatus: order.status, toStatus: patch.status, actorId, reason, at: now() }])
    return moved
  }

  /** Gives reserved units back: to the SKU, or to the flash sale they came from. Returns what to do after commit. */
  async function releaseStock(r: OrdersRepository, tx: Db, order: OrderRow): Promise<() => Promise<void>> {
    const lines = await r.linesOf([order.id])
    if (order.flashSaleId && deps.onFlashRelease) return (await deps.onFlashRelease(tx, order, lines)) ?? (async () => {})
    for (const l of lines) await deps.stock(tx).give(l.skuId, l.qty)
    return async () => {}
  }

  async function orderFor(actor: Actor, id: string, as: 'buyer' | 'shop' | 'any') {
    const o = await repo.orderById(id)
    if (!o) throw notFound('ORDERS_NOT_FOUND', 'Order not found')
    const isBuyer = o.buyerId === actor.id
    const isShop = await deps.shops.isMember(actor.id, o.shopId)
    if (as === 'buyer' && !isBuyer) throw notFound('ORDERS_NOT_FOUND', 'Order not found')
    if (as === 'shop' && !isShop) throw forbidden('SHOPS_NOT_MEMBER', 'Only the shop can do this')
    if (as === 'any' && !isBuyer && !isShop && !(await canDecide(actor, o.shopId))) throw notFound('ORDERS_NOT_FOUND', 'Order not found')
    return o
  }

  async function canDecide(actor: Actor, shopId: string) {
    if (hasRole(actor, 'platform_admin')) return true
    if (!hasRole(actor, 'commissioner')) return false
    const county = await deps.shops.countyOf(shopId)
    return !!county && (await deps.commissioners.countiesOf(actor.id)).includes(county)
  }

  /** One key per cancelled order and amount already refunded: the cancel and the job's retries cannot both send it. */
  const cancelRefundKey = (o: OrderRow) => `cancel-${o.id}-${o.refundedFen}`
  /** When the jobs last asked for a cancelled order's refund, in this process. */
  const refundTriedAt = new Map<string, number>()

  /**
   * Refunds part or all of an order through the payment provider. The order counts the money once the provider has
   * accepted it: at once, or later when payments tells it (refundSettled) — until then a cancelled order says 退款处理中.
   */
  async function refundOrder(order: OrderRow, asked: number, actorId: string | null, reason: string, idempotencyKey?: string) {
    if (asked <= 0) return order
    const left = await refundableFen(order)
    if (asked > left) throw invalid('ORDERS_REFUND_TOO_LARGE', `At most ${left} fen can be refunded`, 'body.refundFen')
    const paymentId = (await repo.checkoutById(order.checkoutId))?.paymentId ?? null
    const r = await deps.refunds().refund({ checkoutId: order.checkoutId, paymentId, orderId: order.id, amountFen: asked, idempotencyKey })
    if (r.status === 'succeeded') return countRefund(order.id, r.refundId, r.amountFen, actorId, reason)
    // Asked, not answered yet: held against what may still be refunded, counted when payments tells how it ended.
    return inTx(async (tx) => {
      if (await tx.noteRefund({ refundId: r.refundId, orderId: order.id, amountFen: r.amountFen, outcome: 'pending', at: now() })) {
        await tx.insertEvents([{ id: newId('oev'), orderId: order.id, fromStatus: order.status, toStatus: order.status, actorId, reason: `refund ${r.amountFen} fen asked, waiting for the payment provider: ${reason}`, at: now() }])
      }
      return (await tx.orderById(order.id))!
    })
  }

  /** What may still be refunded: the total, less what was refunded and what is asked for and not answered yet. */
  async function refundableFen(o: OrderRow) {
    return o.totalFen - o.refundedFen - ((await repo.pendingRefundFen([o.id])).get(o.id) ?? 0)
  }

  /** Counts a refund that went through, once per refund id: refunded_fen, the fee's reversal once completed, the event. */
  async function countRefund(orderId: string, refundId: string, amountFen: number, actorId: string | null, reason: string) {
    return inTx(async (r) => {
      const order = (await r.orderById(orderId))!
      if (!(await r.noteRefund({ refundId, orderId, amountFen, outcome: 'succeeded', at: now() }))) return order
      const updated = await r.addRefund(order.id, amountFen)
      if (!updated) {
        // The money went out (payments never sends more than was paid) but the order cannot count past its total.
        deps.log.warn({ orderId, refundId, amountFen }, 'a refund that went through is more than the order has left to refund; not counted')
        return order
      }
      if (order.completedAt) {
        const fee = feeOf(amountFen, deps.config.platformFeeBps)
        await r.insertLedger([
          { id: newId('led'), shopId: order.shopId, orderId: order.id, kind: 'refund', amountFen: -amountFen, at: now() },
          { id: newId('led'), shopId: order.shopId, orderId: order.id, kind: 'fee_refund', amountFen: fee, at: now() },
        ])
      }
      if (updated.refundedFen === updated.totalFen && !['cancelled', 'refunded'].includes(updated.status)) {
        return move(r, updated, [updated.status], { status: 'refunded' }, actorId, reason)
      }
      await r.insertEvents([{ id: newId('oev'), orderId: order.id, fromStatus: updated.status, toStatus: updated.status, actorId, reason: `refund ${amountFen} fen: ${reason}`, at: now() }])
      return updated
    })
  }

  /**
   * Cancels an unpaid order of a checkout, under the checkout's lock (taken first, as markPaid does): the checkout then
   * asks for that much less, and is cancelled with its last order. Null when the checkout is no longer pending (paid or
   * cancelled meanwhile) or the order is no longer unpaid. Returns what to do after commit.
   */
  async function cancelUnpaid(r: OrdersRepository, tx: Db, order: OrderRow, actorId: string | null, reason: string) {
    const c = await r.lockCheckout(order.checkoutId)
    if (!c || c.status !== 'pending') return null
    const moved = await r.transition(order.id, ['pending_payment'], { status: 'cancelled', cancelledAt: now() })
    if (!moved) return null
    await r.insertEvents([{ id: newId('oev'), orderId: order.id, fromStatus: 'pending_payment', toStatus: 'cancelled', actorId, reason, at: now() }])
    await r.lowerCheckoutTotal(order.checkoutId, order.totalFen)
    if ((await r.ordersOfCheckout(order.checkoutId)).every((o) => o.status === 'cancelled')) await r.setCheckoutStatus(order.checkoutId, 'cancelled')
    return { moved, after: await releaseStock(r, tx, order) }
  }

  async function expire(order: OrderRow) {
    const done = await inTx((r, tx) => cancelUnpaid(r, tx, order, null, 'not paid in time'))
    await done?.after()
  }

  return {
    views,
    writeOrders,
    inTx,

    async preview(actorOrNull: Actor | null, body: PreviewBody): Promise<PreviewResult> {
      const actor = requireActor(actorOrNull)
      const addr = body.addressId ? await deps.cart.addressForOrder(actor, body.addressId, 'body.addressId') : null
      const { groups, undeliverable } = await price(body.items, addr?.provinceCode ?? null)
      const names = await deps.shops.shopNames(groups.map((g) => g.shopId))
      const shops = groups.map((g) => {
        const problems = g.lines.filter((l) => l.sku.stock < l.qty).map((l) => `${l.sku.title} ${l.sku.skuName}: only ${l.sku.stock} left`)
        if (undeliverable.includes(g.shopId)) problems.push('not_deliverable')
        return {
          shopId: g.shopId, shopName: names.get(g.shopId) ?? '', itemsFen: g.lines.reduce((n, l) => n + l.priceFen * l.qty, 0), shippingFen: addr ? g.shippingFen : null,
          deliverable: !undeliverable.includes(g.shopId), problems,
          lines: g.lines.map((l) => ({ skuId: l.sku.skuId, productId: l.sku.productId, title: l.sku.title, skuName: l.sku.skuName, priceFen: l.priceFen, qty: l.qty, isFresh: l.sku.isFresh, coverUrl: l.sku.coverImageId ? deps.media.urlsOf(l.sku.coverImageId).small : null })),
        }
      })
      return { shops, totalFen: shops.reduce((n, s) => n + s.itemsFen + (s.shippingFen ?? 0), 0), hasFresh: groups.some((g) => g.lines.some((l) => l.sku.isFresh)) }
    },

    /** Creates one order per shop, reserving stock, all or nothing. Replays of the same Idempotency-Key return the first result. */
    async checkout(actorOrNull: Actor | null, body: CheckoutBody, idempotencyKey: string | undefined): Promise<CheckoutResult & { replayed: boolean }> {
      const actor = requireActor(actorOrNull)
      if (!idempotencyKey || !/^[\w-]{8,80}$/.test(idempotencyKey)) {
        throw invalid('ORDERS_IDEMPOTENCY_KEY_REQUIRED', 'Send an Idempotency-Key header (8–80 letters, digits, - or _)', 'headers.idempotency-key')
      }
      const requestHash = hashOf(body)
      const prior = await repo.checkoutByKey(actor.id, idempotencyKey)
      if (prior) {
        if (prior.requestHash !== requestHash) throw conflict('ORDERS_IDEMPOTENCY_CONFLICT', 'This Idempotency-Key was used for a different order')
        return { checkoutId: prior.id, orders: await views(await repo.ordersOfCheckout(prior.id)), totalFen: prior.totalFen, payBefore: prior.payBefore.toISOString(), replayed: true }
      }
      const address = await deps.cart.addressForOrder(actor, body.addressId, 'body.addressId')
      const { groups, undeliverable } = await price(body.items, address.provinceCode)
      if (undeliverable.length) throw invalid('ORDERS_NOT_DELIVERABLE', 'A shop in this order does not deliver to this address', 'body.addressId')
      const shopNotes = new Map<string, string>()
      for (const [i, n] of (body.shopNotes ?? []).entries()) {
        if (!groups.some((g) => g.shopId === n.shopId)) throw invalid('VALIDATION_FAILED', 'This shop has nothing in the order', `body.shopNotes.${i}.shopId`)
        if (shopNotes.has(n.shopId)) throw invalid('VALIDATION_FAILED', 'One note per shop', `body.shopNotes.${i}.shopId`)
        shopNotes.set(n.shopId, n.note.trim())
      }
      const noteOf = (shopId: string) => shopNotes.get(shopId) ?? body.note?.trim() ?? ''
      const hasFresh = groups.some((g) => g.lines.some((l) => l.sku.isFresh))
      if (hasFresh && !body.freshConfirmed) {
        throw freshNotConfirmed()
      }
      const payBefore = new Date(now().getTime() + deps.config.payMinutes * 60_000)
      const totalFen = groups.reduce((n, g) => n + g.lines.reduce((m, l) => m + l.priceFen * l.qty, 0) + g.shippingFen, 0)
      const { recipient, phone, region, detail, countyCode } = address
      const result = await inTx(async (r, tx) => {
        const checkout = await r.insertCheckout({ id: newId('chk'), buyerId: actor.id, totalFen, idempotencyKey, requestHash, payBefore, createdAt: now() })
        if (!checkout) throw conflict('ORDERS_IDEMPOTENCY_CONFLICT', 'A request with this Idempotency-Key is in progress')
        const rows = await writeOrders(r, tx, {
          checkoutId: checkout.id, buyerId: actor.id, groups, address: { recipient, phone, region, detail, countyCode }, noteOf,
          freshConfirmed: body.freshConfirmed, payBefore, liveRoomId: body.liveRoomId ?? null, takeStock: true,
        })
        if (body.fromCart) await r.removeFromCart(actor.id, body.items.map((i) => i.skuId))
        return { checkout, rows }
      })
      return { checkoutId: result.checkout.id, orders: await views(result.rows), totalFen, payBefore: payBefore.toISOString(), replayed: false }
    },

    async get(actorOrNull: Actor | null, id: string) {
      return view(await orderFor(requireActor(actorOrNull), id, 'any'))
    },

    async mine(actorOrNull: Actor | null, q: ListOrdersQuery) {
      const actor = requireActor(actorOrNull)
      return page(await repo.listOrders({ buyerId: actor.id, statuses: statusesOf(q.status), checkoutId: q.checkoutId, beforeId: q.cursor ? decodeCursor(q.cursor, 'query.cursor') : undefined, limit: (q.limit ?? 20) + 1 }), q.limit ?? 20)
    },

    async ofShop(actor: Actor | null, shopId: string, q: ListOrdersQuery) {
      await deps.shops.assertCanManage(actor, shopId)
      return page(await repo.listOrders({ shopId, statuses: statusesOf(q.status), beforeId: q.cursor ? decodeCursor(q.cursor, 'query.cursor') : undefined, limit: (q.limit ?? 20) + 1 }), q.limit ?? 20)
    },

    async cancel(actorOrNull: Actor | null, id: string, reason: string | undefined) {
      const actor = requireActor(actorOrNull)
      const o = await orderFor(actor, id, 'any')
      const byShop = o.buyerId !== actor.id
      if (byShop && !(await deps.shops.isMember(actor.id, o.shopId))) throw forbidden('FORBIDDEN', 'Only the buyer or the shop can cancel')
      if (o.status === 'pending_payment') {
        // What is left to pay no longer includes this order: a payment of the old amount then does not match and goes back.
        const done = await inTx((r, tx) => cancelUnpaid(r, tx, o, actor.id, reason || (byShop ? 'cancelled by the shop' : 'cancelled by the buyer')))
        if (!done) {
          const current = await repo.orderById(o.id)
          throw conflict('ORDERS_BAD_STATE', current?.status === 'paid' ? 'This order was paid meanwhile' : `The order is ${current?.status ?? 'gone'}`)
        }
        await done.after()
        return view(done.moved)
      }
      if (o.status !== 'paid') throw conflict('ORDERS_BAD_STATE', 'Only orders not yet shipped can be cancelled')
      // Paid, not shipped: cancel first (so it cannot be shipped meanwhile), give the units back, then refund in full.
      const { m: cancelled, after } = await inTx(async (r, tx) => {
        const m = await move(r, o, ['paid'], { status: 'cancelled', cancelledAt: now() }, actor.id, reason || 'cancelled before shipping')
        return { m, after: await releaseStock(r, tx, o) }
      })
      await after()
      // The refund itself is the platform's doing (actor null): the timeline says who cancelled, then that money went back.
      return view(await refundOrder(cancelled, cancelled.totalFen - cancelled.refundedFen, null, 'cancelled before shipping', cancelRefundKey(cancelled)))
    },

    shipIn,

    /** shipped → delivered when the courier hands the box over (a hub's delivered scan); auto-confirm runs from here. */
    async deliveredIn(tx: Db, id: string, actorId: string, reason: string) {
      const r = ordersRepository(tx)
      const o = await r.orderById(id)
      if (!o) throw notFound('ORDERS_NOT_FOUND', 'Order not found')
      const at = now()
      return move(r, o, ['shipped'], { status: 'delivered', deliveredAt: at, autoConfirmAt: new Date(at.getTime() + deps.config.autoConfirmDays * 86_400_000) }, actorId, reason)
    },

    /** Facts the logistics module needs to ship an order (no access check: callers check the shop). */
    async forShipping(id: string) {
      const o = await repo.orderById(id)
      if (!o) throw notFound('ORDERS_NOT_FOUND', 'Order not found')
      return view(o)
    },

    async confirmReceipt(actorOrNull: Actor | null, id: string) {
      const actor = requireActor(actorOrNull)
      const o = await orderFor(actor, id, 'buyer')
      return view(await complete(o, actor.id, 'receipt confirmed by the buyer'))
    },

    async review(actorOrNull: Actor | null, id: string, body: ReviewBody): Promise<ReviewView> {
      const actor = requireActor(actorOrNull)
      const o = await orderFor(actor, id, 'buyer')
      // As the web offers it: confirm receipt first (or let auto-confirm do it), then review.
      if (o.status !== 'completed') throw conflict('ORDERS_BAD_STATE', 'Review after you confirm receipt')
      if (body.imageIds?.length) await deps.media.requireImages(body.imageIds, 'body.imageIds')
      const [line] = await repo.linesOf([o.id])
      const rev = await repo.insertReview({ id: newId('rev'), orderId: o.id, shopId: o.shopId, productId: line!.productId, buyerId: actor.id, rating: body.rating, text: body.text ?? '', imageIds: body.imageIds ?? [], createdAt: now() })
      if (!rev) throw conflict('ORDERS_ALREADY_REVIEWED', 'You already reviewed this order')
      return reviewView(rev, actor.displayName)
    },

    async productReviews(productId: string): Promise<ReviewView[]> {
      const rows = await repo.reviewsOfProduct(productId, 50)
      const names = await deps.users.displayNames(rows.map((r) => r.buyerId))
      // Public: the product page shows 李** as the live room does, not the buyer's full name.
      return rows.map((r) => reviewView(r, maskedName(names.get(r.buyerId) ?? '')))
    },

    async claim(actorOrNull: Actor | null, id: string, body: ClaimBody) {
      const actor = requireActor(actorOrNull)
      const o = await orderFor(actor, id, 'buyer')
      if (!['shipped', 'delivered', 'completed'].includes(o.status)) throw conflict('ORDERS_BAD_STATE', 'A quality claim is for a box that arrived')
      const claimable = await refundableFen(o)
      if (body.requestedFen > claimable) throw invalid('ORDERS_REFUND_TOO_LARGE', `At most ${claimable} fen`, 'body.requestedFen')
      await deps.media.requireImages(body.imageIds, 'body.imageIds')
      const c = await repo.insertClaim({ id: newId('clm'), orderId: o.id, buyerId: actor.id, reason: body.reason, description: body.description.trim(), imageIds: body.imageIds, requestedFen: body.requestedFen, createdAt: now() })
      if (!c) throw conflict('ORDERS_CLAIM_EXISTS', 'This order already has a claim')
      await repo.insertEvents([{ id: newId('oev'), orderId: o.id, fromStatus: o.status, toStatus: o.status, actorId: actor.id, reason: `quality claim (${body.reason})`, at: now() }])
      return view((await repo.orderById(o.id))!)
    },

    /** The shop refunds fully or partly (refundFen 0 = rejects); or, once escalated, a commissioner of the county or an admin decides. */
    async resolveClaim(actorOrNull: Actor | null, claimId: string, body: ResolveClaimBody, as: 'shop' | 'arbiter') {
      const actor = requireActor(actorOrNull)
      const c = await repo.claimById(claimId)
      if (!c) throw notFound('ORDERS_CLAIM_NOT_FOUND', 'Claim not found')
      const o = (await repo.orderById(c.orderId))!
      if (as === 'shop') await deps.shops.assertCanManage(actor, o.shopId)
      else if (!(await canDecide(actor, o.shopId))) throw forbidden('FORBIDDEN', 'Only a commissioner of this county or an admin decides claims')
      const from = as === 'shop' ? (['open'] as const) : (['open', 'escalated'] as const)
      const refundable = await refundableFen(o)
      if (body.refundFen > refundable) throw invalid('ORDERS_REFUND_TOO_LARGE', `At most ${refundable} fen can be refunded`, 'body.refundFen')
      const decided = await repo.decideClaim(claimId, [...from], { status: body.refundFen > 0 || c.refundFen > 0 ? 'refunded' : 'rejected', refundFen: c.refundFen + body.refundFen, resolution: body.note.trim(), decidedBy: actor.id, decidedAt: now(),
        // An arbiter's decision is final, also on a claim the buyer never escalated (an open one decided by a commissioner).
        ...(as === 'arbiter' ? { escalatedAt: c.escalatedAt ?? now() } : {}) })
      if (!decided) throw conflict('ORDERS_BAD_STATE', `The claim is ${c.status}`)
      try {
        // The key names this claim's n-th refund (what it had refunded before): a retry after a failure cannot send the
        // money twice, even if recording the first one was what failed.
        await refundOrder(o, body.refundFen, actor.id, `claim ${as === 'shop' ? 'settled by the shop' : 'decided by an arbiter'}: ${body.note}`, `claim-${claimId}-${c.refundFen}`)
      } catch (err) {
        // Not recorded as refunded: the claim goes back as it was (it must not say 已退款), so it can be decided again —
        // unless someone decided on it since (then theirs stands).
        await repo.undoClaimDecision(claimId, decided, { status: c.status, refundFen: c.refundFen, resolution: c.resolution, decidedBy: c.decidedBy, decidedAt: c.decidedAt, escalatedAt: c.escalatedAt })
        throw err
      }
      return view((await repo.orderById(o.id))!)
    },

    /** The shop's claims queue. */
    async shopClaims(actor: Actor | null, shopId: string, status: string | undefined) {
      await deps.shops.assertCanManage(actor, shopId)
      return views(await repo.ordersWithClaims({ shopIds: [shopId], status, limit: 100 }))
    },

    /** Claims an arbiter may decide: a commissioner's counties, or everything for a platform admin. */
    async arbiterClaims(actorOrNull: Actor | null, status: string | undefined) {
      const actor = requireActor(actorOrNull)
      if (hasRole(actor, 'platform_admin')) return views(await repo.ordersWithClaims({ status, limit: 100 }))
      if (!hasRole(actor, 'commissioner')) throw forbidden('FORBIDDEN', 'Only commissioners and admins decide claims')
      const counties = await deps.commissioners.countiesOf(actor.id)
      const shopIds = (await Promise.all(counties.map((c) => deps.shops.shopIdsInCounty(c)))).flat()
      return views(await repo.ordersWithClaims({ shopIds, status, limit: 100 }))
    },

    async escalateClaim(actorOrNull: Actor | null, claimId: string) {
      const actor = requireActor(actorOrNull)
      const c = await repo.claimById(claimId)
      if (!c || c.buyerId !== actor.id) throw notFound('ORDERS_CLAIM_NOT_FOUND', 'Claim not found')
      // Unhappy with a rejection or a partial refund, the buyer asks an arbiter — once: the arbiter's decision is final.
      if (c.escalatedAt) throw conflict('ORDERS_BAD_STATE', 'An arbiter has decided this claim')
      if (c.status === 'refunded' && c.refundFen >= c.requestedFen) throw conflict('ORDERS_BAD_STATE', 'This claim was refunded in full')
      const e = await repo.decideClaim(claimId, ['open', 'rejected', 'refunded'], { status: 'escalated', escalatedAt: now() })
      if (!e) throw conflict('ORDERS_BAD_STATE', `The claim is ${c.status}`)
      return view((await repo.orderById(c.orderId))!)
    },

    async income(actor: Actor | null, shopId: string): Promise<IncomeView> {
      await deps.shops.assertCanManage(actor, shopId)
      // One snapshot: an order completed between two separate reads would count as both pending and settled, or neither.
      const [entries, unsettled] = await deps.db.transaction(async (tx) => {
        const r = ordersRepository(tx as unknown as Db)
        return [await r.ledgerOf(shopId), await r.unsettledOf(shopId)] as const
      }, { isolationLevel: 'repeatable read', accessMode: 'read only' })
      const sum = (k: string) => entries.filter((e) => e.kind === k).reduce((n, e) => n + e.amountFen, 0)
      const grossFen = sum('sale')
      const feeFen = -(sum('fee') + sum('fee_refund'))
      const refundFen = -sum('refund')
      return {
        grossFen, feeFen, refundFen, netFen: grossFen - feeFen - refundFen, feeRateBps: deps.config.platformFeeBps,
        orders: entries.filter((e) => e.kind === 'sale').length, pendingOrders: unsettled.length,
        // What completing them will add to netFen: each order less its platform fee, rounded as the ledger will.
        pendingFen: unsettled.reduce((n, u) => n + u.fen - feeOf(u.fen, deps.config.platformFeeBps), 0),
        entries: entries.map((e) => ({ id: e.id, orderId: e.orderId, kind: e.kind, amountFen: e.amountFen, at: e.at.toISOString() })),
      }
    },

    // ---- payments
    async firstOrderOf(checkoutId: string) {
      return (await repo.ordersOfCheckout(checkoutId))[0]?.id ?? null
    },
    async forPayment(checkoutId: string, buyerId: string) {
      const c = await repo.checkoutById(checkoutId)
      if (!c || c.buyerId !== buyerId) throw notFound('ORDERS_NOT_FOUND', 'Checkout not found')
      const orders = await repo.ordersOfCheckout(checkoutId)
      const lines = await repo.linesOf(orders.map((o) => o.id))
      return { totalFen: c.totalFen, subject: lines.map((l) => l.title).slice(0, 3).join('、').slice(0, 120) || 'Hotland order', payable: c.status === 'pending' && c.payBefore > now() }
    },

    /**
     * A captured payment: the checkout's orders become paid. Idempotent for the same payment. False (the money must go
     * back) when the checkout was cancelled meanwhile, is due another amount (an order of it was cancelled), or was
     * paid by another payment.
     */
    async markPaid(checkoutId: string, amountFen: number, paymentId: string, at: Date): Promise<boolean> {
      const c = await repo.checkoutById(checkoutId)
      if (!c) return false
      if (c.status === 'paid') return c.paymentId === paymentId
      if (c.status === 'cancelled' || amountFen !== c.totalFen) return false
      return inTx(async (r) => {
        const paid = await r.markCheckoutPaid(checkoutId, paymentId, at, amountFen)
        if (!paid) return (await r.checkoutById(checkoutId))?.paymentId === paymentId
        let movedFen = 0
        for (const o of await r.ordersOfCheckout(checkoutId)) {
          const moved = await r.transition(o.id, ['pending_payment'], { status: 'paid', paidAt: at, payBefore: null })
          if (!moved) continue
          movedFen += moved.totalFen
          await r.insertEvents([{ id: newId('oev'), orderId: o.id, fromStatus: 'pending_payment', toStatus: 'paid', actorId: null, reason: `payment ${paymentId}`, at }])
        }
        // The checkout's lock keeps its total equal to its unpaid orders; should they ever differ, take nothing (the
        // money goes back in full) rather than money for orders that are not paid.
        if (movedFen !== amountFen) throw new NotTaken()
        return true
      }).catch((err) => {
        if (err instanceof NotTaken) return false
        throw err
      })
    },

    // ---- jobs (database-driven, so they survive restarts and are safe with several processes)
    /**
     * How a refund that was still pending when it was asked for ended (payments tells it, again until this resolves;
     * idempotent per refund id). Went through: counted. Refused: a claim decided on its strength goes back to be
     * decided again; a cancelled order is simply refunded again by the jobs (nothing was counted).
     */
    async refundSettled(input: { orderId: string; refundId: string; amountFen: number; status: 'succeeded' | 'failed'; reason: string | null }) {
      if (input.status === 'succeeded') {
        await countRefund(input.orderId, input.refundId, input.amountFen, null, 'the payment provider confirmed it')
        return
      }
      await inTx(async (r) => {
        if (!(await r.noteRefund({ refundId: input.refundId, orderId: input.orderId, amountFen: input.amountFen, outcome: 'failed', at: now() }))) return
        const o = await r.orderById(input.orderId)
        if (!o) return
        const [c] = await r.claimsOf([o.id])
        if (c && (c.status === 'refunded' || c.status === 'escalated') && c.refundFen >= input.amountFen) {
          await r.decideClaim(c.id, ['refunded', 'escalated'], { status: c.escalatedAt ? 'escalated' : 'open', refundFen: c.refundFen - input.amountFen })
        }
        await r.insertEvents([{ id: newId('oev'), orderId: o.id, fromStatus: o.status, toStatus: o.status, actorId: null, reason: `refund ${input.amountFen} fen failed at the payment provider: ${input.reason ?? ''}`.trim(), at: now() }])
      })
    },

    async runJobs(): Promise<{ expired: number; completed: number; refunded: number }> {
      let expired = 0
      let completed = 0
      let refunded = 0
      for (const o of await repo.duePayment(now(), 200)) {
        try {
          await expire(o)
          expired++
        } catch (err) {
          // One order's failure (a deadlock victim, say) must not stop the others; it is due again next run.
          deps.log.warn({ err: String(err), orderId: o.id }, 'expiring an unpaid order failed; will retry')
        }
      }
      for (const o of await repo.dueAutoConfirm(now(), 200)) {
        try {
          await complete(o, null, 'auto-confirmed after the waiting period')
          completed++
        } catch (err) {
          if (!(err instanceof AppError)) throw err
        }
      }
      // Paid orders cancelled whose money has not all gone back: asked again with the same key (a refund still pending
      // at the provider is that same refund, not a second one; one the provider refused freed the key), at most every
      // REFUND_BACKOFF_MS per order in this process. After REFUND_OWED_WINDOW_MS it needs a person.
      const t = now().getTime()
      // Up to 50 asked per run; orders waiting out their back-off do not take those places.
      let asked = 0
      for (const o of await repo.cancelledRefundOwed(new Date(t - REFUND_RETRY_MS), new Date(t - REFUND_OWED_WINDOW_MS), 1000)) {
        if ((refundTriedAt.get(o.id) ?? 0) > t - REFUND_BACKOFF_MS) continue
        // A refund still pending is held back: only what was neither refunded nor asked for is asked again.
        const owed = await refundableFen(o)
        if (owed <= 0) continue
        if (++asked > 50) break
        refundTriedAt.set(o.id, t)
        try {
          const after = await refundOrder(o, owed, null, 'cancelled before shipping (tried again)', cancelRefundKey(o))
          if (after.refundedFen > o.refundedFen) refunded++
        } catch (err) {
          deps.log.warn({ err: String(err), orderId: o.id }, 'refunding a cancelled order failed again; will retry')
        }
      }
      for (const [id, at] of refundTriedAt) if (at < t - 2 * REFUND_BACKOFF_MS) refundTriedAt.delete(id)
      return { expired, completed, refunded }
    },
  }

  async function complete(o: OrderRow, actorId: string | null, reason: string) {
    const at = now()
    const moved = await inTx(async (r) => {
      const m = await move(r, o, ['shipped', 'delivered'], {
        status: 'completed', completedAt: at, deliveredAt: o.deliveredAt ?? at,
        retainUntil: new Date(Date.UTC(at.getUTCFullYear() + deps.config.retentionYears, at.getUTCMonth(), at.getUTCDate())),
      }, actorId, reason)
      const gross = m.totalFen - m.refundedFen
      await r.insertLedger([
        { id: newId('led'), shopId: m.shopId, orderId: m.id, kind: 'sale', amountFen: gross, at },
        { id: newId('led'), shopId: m.shopId, orderId: m.id, kind: 'fee', amountFen: -feeOf(gross, deps.config.platformFeeBps), at },
      ])
      return m
    })
    return moved
  }

  async function page(rows: OrderRow[], limit: number) {
    const items = rows.slice(0, limit)
    return { items: await views(items), nextCursor: rows.length > limit ? encodeCursor(items[items.length - 1]!.id) : null }
  }

  function reviewView(r: { id: string; orderId: string; productId: string; rating: number; text: string; imageIds: string[]; createdAt: Date }, name: string): ReviewView {
    return { id: r.id, orderId: r.orderId, productId: r.productId, buyerDisplayName: name, rating: r.rating, text: r.text, imageUrls: r.imageIds.map((i) => deps.media.urlsOf(i).medium), createdAt: r.createdAt.toISOString() }
  }
}

function iso(d: Date | null) {
  return d ? d.toISOString() : null
}
export type OrdersService = ReturnType<typeof createOrdersService>
