import { and, asc, desc, eq, gt, inArray, isNotNull, isNull, lt, ne, sql } from 'drizzle-orm'
import { anyOf } from '../../platform/db/any-of.ts'
import type { Db } from '../../platform/db/client.ts'
import {
  addresses, cartItems, checkouts, claims, flashSaleBuyers, flashSales, ledgerEntries, orderEvents, orderLines, orderRefunds, orders, reviews, shippingRules,
} from './tables.ts'

export type OrderRow = typeof orders.$inferSelect
export type OrderStatus = OrderRow['status']
export type CheckoutRow = typeof checkouts.$inferSelect
export type FlashSaleRow = typeof flashSales.$inferSelect

/**
 * A batch of flash-sale grabs for insertFlashBatch. What is the same for every grab of a sale (shop, SKU, title, price…)
 * travels once per sale, and what is the same for the whole batch as plain parameters: the rows are only what differs
 * per buyer. The parameter is serialized and parsed on every batch, so its size is CPU on both sides.
 */
export interface FlashBatch {
  at: Date
  payBefore: Date
  reason: string
  sales: Array<{ saleId: string; shopId: string; roomId: string; skuId: string; productId: string; title: string; skuName: string; priceFen: number; isFresh: boolean; coverImageId: string | null }>
  rows: Array<{ orderId: string; checkoutId: string; eventId: string; buyerId: string; idempotencyKey: string; saleId: string; qty: number; shippingFen: number; address: OrderRow['address']; freshConfirmed: boolean }>
}

export function ordersRepository(db: Db) {
  return {
    // addresses
    async insertAddress(row: typeof addresses.$inferInsert) {
      const [r] = await db.insert(addresses).values(row).returning()
      return r!
    },
    async addressesOf(userId: string) {
      return db.select().from(addresses).where(and(eq(addresses.userId, userId), isNull(addresses.deletedAt))).orderBy(desc(addresses.isDefault), desc(addresses.id))
    },
    async addressById(id: string) {
      const [r] = await db.select().from(addresses).where(and(eq(addresses.id, id), isNull(addresses.deletedAt)))
      return r ?? null
    },
    async updateAddress(id: string, patch: Partial<typeof addresses.$inferInsert>) {
      const [r] = await db.update(addresses).set(patch).where(eq(addresses.id, id)).returning()
      return r ?? null
    },
    async clearDefault(userId: string) {
      await db.update(addresses).set({ isDefault: false }).where(eq(addresses.userId, userId))
    },

    // shipping rules
    async rulesOf(shopIds: string[]) {
      if (!shopIds.length) return []
      return db.select().from(shippingRules).where(inArray(shippingRules.shopId, shopIds))
    },
    async upsertRules(row: typeof shippingRules.$inferInsert) {
      const { shopId, ...rest } = row
      await db.insert(shippingRules).values(row).onConflictDoUpdate({ target: shippingRules.shopId, set: rest })
    },

    // cart
    async cartOf(userId: string) {
      return db.select().from(cartItems).where(eq(cartItems.userId, userId)).orderBy(asc(cartItems.addedAt))
    },
    async setCartQty(userId: string, skuId: string, qty: number, at: Date) {
      if (qty <= 0) await db.delete(cartItems).where(and(eq(cartItems.userId, userId), eq(cartItems.skuId, skuId)))
      else await db.insert(cartItems).values({ userId, skuId, qty, addedAt: at }).onConflictDoUpdate({ target: [cartItems.userId, cartItems.skuId], set: { qty } })
    },
    async removeFromCart(userId: string, skuIds: string[]) {
      if (skuIds.length) await db.delete(cartItems).where(and(eq(cartItems.userId, userId), inArray(cartItems.skuId, skuIds)))
    },

    // checkouts and orders
    async checkoutByKey(buyerId: string, key: string) {
      const [r] = await db.select().from(checkouts).where(and(eq(checkouts.buyerId, buyerId), eq(checkouts.idempotencyKey, key)))
      return r ?? null
    },
    async checkoutById(id: string) {
      const [r] = await db.select().from(checkouts).where(eq(checkouts.id, id))
      return r ?? null
    },
    async insertCheckout(row: typeof checkouts.$inferInsert) {
      const [r] = await db.insert(checkouts).values(row).onConflictDoNothing().returning()
      return r ?? null
    },
    /** Only for the amount still due: an order cancelled meanwhile lowered it, and such money goes back instead. */
    async markCheckoutPaid(id: string, paymentId: string, at: Date, amountFen: number) {
      const [r] = await db.update(checkouts).set({ status: 'paid', paymentId, paidAt: at })
        .where(and(eq(checkouts.id, id), eq(checkouts.status, 'pending'), eq(checkouts.totalFen, amountFen))).returning()
      return r ?? null
    },
    /**
     * Locks the checkout's row for the rest of the transaction. Everything that changes a checkout's orders' payment
     * state (markPaid, cancel, expiry) takes this lock first, so they serialize per checkout and never deadlock.
     */
    async lockCheckout(id: string) {
      const [r] = await db.select().from(checkouts).where(eq(checkouts.id, id)).for('update')
      return r ?? null
    },
    /** An unpaid order of the checkout was cancelled: the rest costs that much less. False once the checkout is not pending. */
    async lowerCheckoutTotal(id: string, byFen: number) {
      const rows = await db.update(checkouts).set({ totalFen: sql`${checkouts.totalFen} - ${byFen}` })
        .where(and(eq(checkouts.id, id), eq(checkouts.status, 'pending'))).returning({ id: checkouts.id })
      return rows.length > 0
    },
    async setCheckoutTotal(id: string, totalFen: number) {
      await db.update(checkouts).set({ totalFen }).where(eq(checkouts.id, id))
    },
    async setCheckoutStatus(id: string, status: CheckoutRow['status']) {
      await db.update(checkouts).set({ status }).where(eq(checkouts.id, id))
    },
    async insertOrder(row: typeof orders.$inferInsert) {
      await db.insert(orders).values(row)
    },
    async insertLines(rows: Array<typeof orderLines.$inferInsert>) {
      if (rows.length) await db.insert(orderLines).values(rows)
    },
    async insertEvents(rows: Array<typeof orderEvents.$inferInsert>) {
      if (rows.length) await db.insert(orderEvents).values(rows)
    },
    async orderById(id: string) {
      const [r] = await db.select().from(orders).where(eq(orders.id, id))
      return r ?? null
    },
    async ordersOfCheckout(checkoutId: string) {
      return db.select().from(orders).where(eq(orders.checkoutId, checkoutId)).orderBy(asc(orders.id))
    },
    async ordersByIds(ids: string[]) {
      if (!ids.length) return []
      return db.select().from(orders).where(inArray(orders.id, ids))
    },
    async listOrders(opts: { buyerId?: string; shopId?: string; statuses?: OrderStatus[]; checkoutId?: string; beforeId?: string; limit: number }) {
      const conds = []
      if (opts.checkoutId) conds.push(eq(orders.checkoutId, opts.checkoutId))
      if (opts.buyerId) conds.push(eq(orders.buyerId, opts.buyerId))
      if (opts.shopId) conds.push(eq(orders.shopId, opts.shopId))
      if (opts.statuses) conds.push(inArray(orders.status, opts.statuses))
      if (opts.beforeId) conds.push(lt(orders.id, opts.beforeId))
      return db.select().from(orders).where(and(...conds)).orderBy(desc(orders.id)).limit(opts.limit)
    },
    /** Moves an order from one status to another; null when it was no longer in `from` (someone else moved it). */
    async transition(id: string, from: OrderStatus[], patch: Partial<typeof orders.$inferInsert> & { status: OrderStatus }) {
      const [r] = await db.update(orders).set(patch).where(and(eq(orders.id, id), inArray(orders.status, from))).returning()
      return r ?? null
    },
    /**
     * Records where a refund stands: new, or moving on from 'pending'. False when it had already ended (or was already
     * pending), so an end is counted, or undone, once.
     */
    async noteRefund(row: typeof orderRefunds.$inferInsert) {
      const insert = db.insert(orderRefunds).values(row)
      const r = await (row.outcome === 'pending'
        ? insert.onConflictDoNothing()
        : insert.onConflictDoUpdate({ target: orderRefunds.refundId, set: { outcome: row.outcome, at: row.at }, setWhere: eq(orderRefunds.outcome, 'pending') })
      ).returning({ id: orderRefunds.refundId })
      return r.length === 1
    },
    /** Refunds asked for and not answered yet, by order: held against what may still be refunded. */
    async pendingRefundFen(orderIds: string[]) {
      if (!orderIds.length) return new Map<string, number>()
      const rows = await db.select({ orderId: orderRefunds.orderId, fen: sql<number>`sum(${orderRefunds.amountFen})::int` }).from(orderRefunds)
        .where(and(inArray(orderRefunds.orderId, orderIds), eq(orderRefunds.outcome, 'pending'))).groupBy(orderRefunds.orderId)
      return new Map(rows.map((r) => [r.orderId, Number(r.fen)]))
    },
    async addRefund(id: string, amountFen: number) {
      const [r] = await db.update(orders).set({ refundedFen: sql`${orders.refundedFen} + ${amountFen}` })
        .where(and(eq(orders.id, id), sql`${orders.refundedFen} + ${amountFen} <= ${orders.totalFen}`)).returning()
      return r ?? null
    },
    async linesOf(orderIds: string[]) {
      if (!orderIds.length) return []
      return db.select().from(orderLines).where(inArray(orderLines.orderId, orderIds)).orderBy(asc(orderLines.orderId), asc(orderLines.lineNo))
    },
    async eventsOf(orderIds: string[]) {
      if (!orderIds.length) return []
      return db.select().from(orderEvents).where(inArray(orderEvents.orderId, orderIds)).orderBy(asc(orderEvents.id))
    },
    /** Units of a SKU the buyer holds in orders that are not cancelled. */
    async heldByBuyer(buyerId: string, skuId: string) {
      const [r] = await db.select({ n: sql<number>`coalesce(sum(${orderLines.qty}), 0)::int` }).from(orderLines)
        .innerJoin(orders, eq(orders.id, orderLines.orderId))
        .where(and(eq(orders.buyerId, buyerId), eq(orderLines.skuId, skuId), ne(orders.status, 'cancelled'), ne(orders.status, 'refunded')))
      return r?.n ?? 0
    },
    async duePayment(now: Date, limit: number) {
      return db.select().from(orders).where(and(eq(orders.status, 'pending_payment'), lt(orders.payBefore, now))).limit(limit)
    },
    /** Paid orders cancelled between `since` and `before` whose money has not all gone back yet. */
    async cancelledRefundOwed(before: Date, since: Date, limit: number) {
      return db.select().from(orders).where(and(eq(orders.status, 'cancelled'), isNotNull(orders.paidAt), lt(orders.refundedFen, orders.totalFen),
        lt(orders.cancelledAt, before), gt(orders.cancelledAt, since)))
        .orderBy(asc(orders.cancelledAt)).limit(limit)
    },
    async dueAutoConfirm(now: Date, limit: number) {
      return db.select().from(orders).where(and(inArray(orders.status, ['shipped', 'delivered']), lt(orders.autoConfirmAt, now))).limit(limit)
    },

    // reviews and claims
    async insertReview(row: typeof reviews.$inferInsert) {
      const [r] = await db.insert(reviews).values(row).onConflictDoNothing().returning()
      return r ?? null
    },
    async reviewedOrders(orderIds: string[]) {
      if (!orderIds.length) return []
      return (await db.select({ orderId: reviews.orderId }).from(reviews).where(inArray(reviews.orderId, orderIds))).map((r) => r.orderId)
    },
    async reviewsOfProduct(productId: string, limit: number) {
      return db.select().from(reviews).where(eq(reviews.productId, productId)).orderBy(desc(reviews.id)).limit(limit)
    },
    async insertClaim(row: typeof claims.$inferInsert) {
      const [r] = await db.insert(claims).values(row).onConflictDoNothing().returning()
      return r ?? null
    },
    async claimById(id: string) {
      const [r] = await db.select().from(claims).where(eq(claims.id, id))
      return r ?? null
    },
    async claimsOf(orderIds: string[]) {
      if (!orderIds.length) return []
      return db.select().from(claims).where(inArray(claims.orderId, orderIds))
    },
    /** Orders with a claim, newest claim first; by shops and claim status. */
    async ordersWithClaims(opts: { shopIds?: string[]; status?: string; limit: number }) {
      const conds = []
      if (opts.shopIds) {
        if (!opts.shopIds.length) return []
        conds.push(inArray(orders.shopId, opts.shopIds))
      }
      if (opts.status) conds.push(eq(claims.status, opts.status as typeof claims.$inferSelect['status']))
      const rows = await db.select({ order: orders }).from(claims).innerJoin(orders, eq(orders.id, claims.orderId))
        .where(and(...conds)).orderBy(desc(claims.id)).limit(opts.limit)
      return rows.map((r) => r.order)
    },
    async decideClaim(id: string, from: Array<typeof claims.$inferSelect['status']>, patch: Partial<typeof claims.$inferInsert>) {
      const [r] = await db.update(claims).set(patch).where(and(eq(claims.id, id), inArray(claims.status, from))).returning()
      return r ?? null
    },
    /** Puts a claim back as it was, only if it is still exactly as this decision left it (nobody decided on it since). */
    async undoClaimDecision(id: string, decided: { status: typeof claims.$inferSelect['status']; refundFen: number; decidedAt: Date | null }, back: Partial<typeof claims.$inferInsert>) {
      const [r] = await db.update(claims).set(back).where(and(eq(claims.id, id), eq(claims.status, decided.status), eq(claims.refundFen, decided.refundFen),
        decided.decidedAt ? eq(claims.decidedAt, decided.decidedAt) : isNull(claims.decidedAt))).returning()
      return r ?? null
    },

    // ledger
    async insertLedger(rows: Array<typeof ledgerEntries.$inferInsert>) {
      if (rows.length) await db.insert(ledgerEntries).values(rows).onConflictDoNothing()
    },
    /** What buyers paid the shop that is not settled yet (orders paid but not completed), each order less refunds. */
    async unsettledOf(shopId: string) {
      return db.select({ fen: sql<number>`(${orders.totalFen} - ${orders.refundedFen})::int` }).from(orders)
        .where(and(eq(orders.shopId, shopId), inArray(orders.status, ['paid', 'shipped', 'delivered'])))
    },
    async ledgerOf(shopId: string) {
      return db.select().from(ledgerEntries).where(eq(ledgerEntries.shopId, shopId)).orderBy(desc(ledgerEntries.id)).limit(500)
    },

    // flash sales
    async insertFlashSale(row: typeof flashSales.$inferInsert) {
      const [r] = await db.insert(flashSales).values(row).returning()
      return r!
    },
    async flashSaleById(id: string) {
      const [r] = await db.select().from(flashSales).where(eq(flashSales.id, id))
      return r ?? null
    },
    /** The sale's row, locked for the rest of the transaction (against a close giving back units at the same moment). */
    async lockFlashSale(id: string) {
      const [r] = await db.select().from(flashSales).where(eq(flashSales.id, id)).for('update')
      return r ?? null
    },
    async flashSalesOfRoom(roomId: string) {
      return db.select().from(flashSales).where(eq(flashSales.roomId, roomId)).orderBy(desc(flashSales.id))
    },
    async openFlashSales() {
      return db.select().from(flashSales).where(isNull(flashSales.closedAt))
    },
    async endedUnclosedSales(now: Date) {
      return db.select().from(flashSales).where(and(isNull(flashSales.closedAt), lt(flashSales.endsAt, now)))
    },
    /** Closes an open sale once (ending it now if it was meant to run longer); null when it was already closed. */
    async closeFlashSale(id: string, at: Date) {
      const [r] = await db.update(flashSales).set({ closedAt: at, endsAt: sql`least(${flashSales.endsAt}, ${at.toISOString()}::timestamptz)` })
        .where(and(eq(flashSales.id, id), isNull(flashSales.closedAt))).returning()
      return r ?? null
    },
    /** Only one sale at a time may start in a room: its starts wait for each other inside their transactions. */
    async lockRoomSales(roomId: string) {
      await db.execute(sql`select pg_advisory_xact_lock(hashtext(${'flash-sales:' + roomId}))`)
    },
    /** Adds to `sold`; false when that would pass the quantity (the CHECK constraint is the last guard). */
    /** Sells (n > 0, only while the sale is open: a closed sale's rest is back in the SKU) or gives back (n < 0). */
    async addSold(id: string, n: number) {
      const r = await db.update(flashSales).set({ sold: sql`${flashSales.sold} + ${n}` })
        .where(and(eq(flashSales.id, id), sql`${flashSales.sold} + ${n} <= ${flashSales.quantity}`, sql`${flashSales.sold} + ${n} >= 0`, n > 0 ? isNull(flashSales.closedAt) : undefined))
        .returning({ id: flashSales.id })
      return r.length === 1
    },
    /** Adds to a buyer's units in a sale, refusing to pass the limit. */
    async addBuyerQty(saleId: string, buyerId: string, n: number, limit: number) {
      if (n < 0) {
        // Giving units back: a plain UPDATE (an INSERT … ON CONFLICT would check qty >= 0 on the proposed row first).
        await db.update(flashSaleBuyers).set({ qty: sql`greatest(${flashSaleBuyers.qty} + ${n}, 0)` })
          .where(and(eq(flashSaleBuyers.saleId, saleId), eq(flashSaleBuyers.buyerId, buyerId)))
        return true
      }
      const r = await db.insert(flashSaleBuyers).values({ saleId, buyerId, qty: n })
        .onConflictDoUpdate({
          target: [flashSaleBuyers.saleId, flashSaleBuyers.buyerId],
          set: { qty: sql`${flashSaleBuyers.qty} + ${n}` },
          setWhere: sql`${flashSaleBuyers.qty} + ${n} <= ${limit} and ${flashSaleBuyers.qty} + ${n} >= 0`,
        }).returning({ qty: flashSaleBuyers.qty })
      return r.length === 1 && r[0]!.qty <= limit
    },
    async heldInSale(saleId: string, buyerId: string) {
      const [r] = await db.select({ qty: flashSaleBuyers.qty }).from(flashSaleBuyers).where(and(eq(flashSaleBuyers.saleId, saleId), eq(flashSaleBuyers.buyerId, buyerId)))
      return r?.qty ?? 0
    },
    async buyersOf(saleId: string) {
      return db.select().from(flashSaleBuyers).where(eq(flashSaleBuyers.saleId, saleId))
    },
    /** The Idempotency-Keys of a sale's orders: buyer, key, order. */
    async flashKeysOf(saleId: string) {
      return db.select({ buyerId: checkouts.buyerId, key: checkouts.idempotencyKey, orderId: orders.id }).from(orders)
        .innerJoin(checkouts, eq(checkouts.id, orders.checkoutId)).where(eq(orders.flashSaleId, saleId))
    },
    /** Addresses by id, for a batch of grabs: one query, one array parameter (a batch asks for hundreds at once). */
    async addressesByIds(ids: string[]) {
      if (!ids.length) return []
      return db.select().from(addresses).where(and(anyOf(addresses.id, ids), isNull(addresses.deletedAt)))
    },
    /**
     * A batch of flash-sale grabs in ONE statement, hence one transaction without BEGIN/COMMIT round trips: checkouts,
     * orders, lines, events, the buyers' units and the sales' sold counts. The rows travel as one jsonb parameter, so
     * the statement text is the same for every batch. It commits whole or fails whole: a reused idempotency key
     * breaks the checkouts' unique index, selling past the quantity breaks flash_sales' CHECK, and a buyer passing the
     * per-buyer limit makes the last line raise (a failed integer cast naming the reason).
     */
    async insertFlashBatch(batch: FlashBatch) {
      const at = batch.at.toISOString()
      const payBefore = batch.payBefore.toISOString()
      // The sale's row is updated after the batch's rows are inserted, so a concurrent batch is not kept waiting for
      // its lock while they are: an uncorrelated subquery in the UPDATE's WHERE runs before any row is locked, and
      // counting the inserts there makes them happen first. The inserts' foreign-key checks still run at the end of the
      // statement, under the lock (about half the statement's time in a measured batch of 300).
      await db.execute(sql`
        with r as (
          select * from jsonb_to_recordset(${JSON.stringify(batch.rows)}::jsonb) as x(
            "orderId" text, "checkoutId" text, "eventId" text, "buyerId" text, "idempotencyKey" text, "saleId" text, qty int,
            "shippingFen" int, address jsonb, "freshConfirmed" boolean)
        ),
        sa as (
          select * from jsonb_to_recordset(${JSON.stringify(batch.sales)}::jsonb) as x(
            "saleId" text, "shopId" text, "roomId" text, "skuId" text, "productId" text, title text, "skuName" text, "priceFen" int,
            "isFresh" boolean, "coverImageId" text)
        ),
        b as (
          select r.*, sa."shopId", sa."roomId", sa."skuId", sa."productId", sa.title, sa."skuName", sa."priceFen", sa."isFresh", sa."coverImageId",
            sa."priceFen" * r.qty as "itemsFen", sa."priceFen" * r.qty + r."shippingFen" as "totalFen"
          from r join sa using ("saleId")
        ),
        c as (
          insert into checkouts (id, buyer_id, total_fen, idempotency_key, request_hash, pay_before, created_at)
          select "checkoutId", "buyerId", "totalFen", "idempotencyKey", 'flash:' || "saleId" || ':' || qty, ${payBefore}::timestamptz, ${at}::timestamptz from b
          returning 1
        ),
        o as (
          insert into orders (id, checkout_id, shop_id, buyer_id, status, items_fen, shipping_fen, total_fen, address, has_fresh,
            fresh_confirmed_at, flash_sale_id, live_room_id, pay_before, created_at)
          select "orderId", "checkoutId", "shopId", "buyerId", 'pending_payment', "itemsFen", "shippingFen", "totalFen", address, "isFresh",
            case when "isFresh" and "freshConfirmed" then ${at}::timestamptz end, "saleId", "roomId", ${payBefore}::timestamptz, ${at}::timestamptz from b
          returning 1
        ),
        l as (
          insert into order_lines (order_id, line_no, sku_id, product_id, title, sku_name, price_fen, qty, is_fresh, cover_image_id)
          select "orderId", 1, "skuId", "productId", title, "skuName", "priceFen", qty, "isFresh", "coverImageId" from b
          returning 1
        ),
        e as (
          insert into order_events (id, order_id, from_status, to_status, actor_id, reason, at)
          select "eventId", "orderId", null, 'pending_payment', "buyerId", ${batch.reason}::text, ${at}::timestamptz from b
          returning 1
        ),
        per_buyer as (
          select "saleId" as sale_id, "buyerId" as buyer_id, sum(qty)::int as qty, min(f.per_buyer_limit) as lim
          from r join flash_sales f on f.id = r."saleId" group by 1, 2
        ),
        fb as (
          insert into flash_sale_buyers as fsb (sale_id, buyer_id, qty) select sale_id, buyer_id, qty from per_buyer
          on conflict (sale_id, buyer_id) do update set qty = fsb.qty + excluded.qty
          returning fsb.sale_id, fsb.buyer_id, fsb.qty
        ),
        s as (
          update flash_sales f set sold = f.sold + t.n from (select sale_id, sum(qty)::int as n from per_buyer group by 1) t
          where f.id = t.sale_id and f.closed_at is null
            and (select count(*) from c) + (select count(*) from o) + (select count(*) from l) + (select count(*) from e) + (select count(*) from fb) >= 0
          returning 1
        )
        -- Refusing means raising (a failed cast names the cause), so the statement writes nothing; the count makes the text
        -- depend on the data, or the planner would fold the constant cast and raise every time. A sale closed meanwhile
        -- gave its unsold units back to the SKU: its grabs must not be written (nor counted). Every grab counted must have
        -- its order (a grab whose sale is missing from the sales list would otherwise be counted and not written).
        select case
            when exists (select 1 from fb join per_buyer p using (sale_id, buyer_id) where fb.qty > p.lim) then ('flash batch refused: a buyer passes the per-buyer limit; grabs ' || (select count(*) from r))::int
            when (select count(*) from s) < (select count(distinct sale_id) from per_buyer) then ('flash batch refused: a sale closed meanwhile; grabs ' || (select count(*) from r))::int
            when (select count(*) from o) <> (select count(*) from r) then ('flash batch refused: a grab without its sale; grabs ' || (select count(*) from r))::int
            else 0 end as ok`)
    },
  }
}
export type OrdersRepository = ReturnType<typeof ordersRepository>
