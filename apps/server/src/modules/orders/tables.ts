import { sql } from 'drizzle-orm'
import { boolean, check, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core'
import { users } from '../accounts/tables.ts'
import { products, skus } from '../catalog/tables.ts'
import { regions } from '../regions/tables.ts'
import { shops } from '../shops/tables.ts'

export const addresses = pgTable('addresses', {
  id: text().primaryKey(),
  userId: text().notNull().references(() => users.id),
  recipient: text().notNull(),
  phone: text().notNull(),
  countyCode: text().notNull().references(() => regions.code),
  detail: text().notNull(),
  isDefault: boolean().notNull().default(false),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  deletedAt: timestamp({ withTimezone: true }),
}, (t) => [index().on(t.userId)])

export const shippingRules = pgTable('shipping_rules', {
  shopId: text().primaryKey().references(() => shops.id),
  baseFeeFen: integer().notNull(),
  freeAboveFen: integer(),
  provinceFees: jsonb().$type<Array<{ provinceCode: string; feeFen: number }>>().notNull().default([]),
  excludedProvinces: text().array().notNull().default(sql`'{}'::text[]`),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
})

export const cartItems = pgTable('cart_items', {
  userId: text().notNull().references(() => users.id),
  skuId: text().notNull().references(() => skus.id),
  qty: integer().notNull(),
  addedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.userId, t.skuId] }), check('cart_qty_positive', sql`${t.qty} > 0`)])

export const checkouts = pgTable('checkouts', {
  id: text().primaryKey(),
  buyerId: text().notNull().references(() => users.id),
  totalFen: integer().notNull(),
  status: text({ enum: ['pending', 'paid', 'cancelled'] }).notNull().default('pending'),
  idempotencyKey: text().notNull(),
  requestHash: text().notNull(),
  payBefore: timestamp({ withTimezone: true }).notNull(),
  paymentId: text(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  paidAt: timestamp({ withTimezone: true }),
}, (t) => [uniqueIndex('checkouts_idempotency').on(t.buyerId, t.idempotencyKey)])

export const orders = pgTable('orders', {
  id: text().primaryKey(),
  checkoutId: text().notNull().references(() => checkouts.id),
  shopId: text().notNull().references(() => shops.id),
  buyerId: text().notNull().references(() => users.id),
  status: text({ enum: ['pending_payment', 'paid', 'shipped', 'delivered', 'completed', 'cancelled', 'refunded'] }).notNull(),
  itemsFen: integer().notNull(),
  shippingFen: integer().notNull(),
  totalFen: integer().notNull(),
  refundedFen: integer().notNull().default(0),
  address: jsonb().$type<{ recipient: string; phone: string; region: string; detail: string; countyCode: string }>().notNull(),
  note: text().notNull().default(''),
  hasFresh: boolean().notNull(),
  freshConfirmedAt: timestamp({ withTimezone: true }),
  flashSaleId: text(),
  liveRoomId: text(),
  carrier: text(),
  waybill: text(),
  payBefore: timestamp({ withTimezone: true }),
  autoConfirmAt: timestamp({ withTimezone: true }),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  paidAt: timestamp({ withTimezone: true }),
  shippedAt: timestamp({ withTimezone: true }),
  deliveredAt: timestamp({ withTimezone: true }),
  completedAt: timestamp({ withTimezone: true }),
  cancelledAt: timestamp({ withTimezone: true }),
  // 电子商务法 Art. 31: kept at least 3 years after completion (ORDER_RETENTION_YEARS); nothing deletes before this.
  retainUntil: timestamp({ withTimezone: true }),
}, (t) => [
  index().on(t.buyerId, t.id),
  index().on(t.shopId, t.status, t.id),
  index().on(t.checkoutId),
  index('orders_pending_pay_before').on(t.payBefore).where(sql`status = 'pending_payment'`),
  index('orders_shipped_auto_confirm').on(t.autoConfirmAt).where(sql`status in ('shipped', 'delivered')`),
  index('orders_cancelled_refund_owed').on(t.cancelledAt).where(sql`status = 'cancelled' and paid_at is not null and refunded_fen < total_fen`),
  check('orders_refund_not_more_than_total', sql`${t.refundedFen} >= 0 and ${t.refundedFen} <= ${t.totalFen}`),
])

export const orderLines = pgTable('order_lines', {
  orderId: text().notNull().references(() => orders.id),
  lineNo: integer().notNull(),
  skuId: text().notNull().references(() => skus.id),
  productId: text().notNull().references(() => products.id),
  title: text().notNull(),
  skuName: text().notNull(),
  priceFen: integer().notNull(),
  qty: integer().notNull(),
  isFresh: boolean().notNull(),
  coverImageId: text(),
}, (t) => [primaryKey({ columns: [t.orderId, t.lineNo] }), index().on(t.skuId)])

export const orderEvents = pgTable('order_events', {
  id: text().primaryKey(),
  orderId: text().notNull().references(() => orders.id),
  fromStatus: text(),
  toStatus: text().notNull(),
  actorId: text(),
  reason: text().notNull().default(''),
  at: timestamp({ withTimezone: true }).notNull().defaultNow(),
}, (t) => [index().on(t.orderId, t.id)])

export const reviews = pgTable('reviews', {
  id: text().primaryKey(),
  orderId: text().notNull().unique().references(() => orders.id),
  shopId: text().notNull().references(() => shops.id),
  productId: text().notNull().references(() => products.id),
  buyerId: text().notNull().references(() => users.id),
  rating: integer().notNull(),
  text: text().notNull().default(''),
  imageIds: text().array().notNull().default(sql`'{}'::text[]`),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
}, (t) => [index().on(t.productId, t.id), check('reviews_rating_range', sql`${t.rating} between 1 and 5`)])

export const claims = pgTable('claims', {
  id: text().primaryKey(),
  orderId: text().notNull().unique().references(() => orders.id),
  buyerId: text().notNull().references(() => users.id),
  reason: text({ enum: ['damaged', 'rotten', 'missing', 'other'] }).notNull(),
  description: text().notNull(),
  imageIds: text().array().notNull(),
  requestedFen: integer().notNull(),
  status: text({ enum: ['open', 'refunded', 'rejected', 'escalated'] }).notNull().default('open'),
  refundFen: integer().notNull().default(0),
  resolution: text(),
  decidedBy: text(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  decidedAt: timestamp({ withTimezone: true }),
  /** When the buyer asked an arbiter; an arbiter's decision is final, so a claim is escalated at most once. */
  escalatedAt: timestamp({ withTimezone: true }),
})

/**
 * The order's refunds by id: pending ones (asked, the provider has not answered: held against what may still be
 * refunded), then how each ended, once (payments may tell again until it hears back): succeeded ones are counted in
 * orders.refunded_fen, failed ones undid what had been decided on their strength.
 */
export const orderRefunds = pgTable('order_refunds', {
  refundId: text().primaryKey(),
  orderId: text().notNull().references(() => orders.id),
  amountFen: integer().notNull(),
  outcome: text({ enum: ['pending', 'succeeded', 'failed'] }).notNull(),
  at: timestamp({ withTimezone: true }).notNull().defaultNow(),
}, (t) => [index().on(t.orderId)])

export const ledgerEntries = pgTable('ledger_entries', {
  id: text().primaryKey(),
  shopId: text().notNull().references(() => shops.id),
  orderId: text().notNull().references(() => orders.id),
  kind: text({ enum: ['sale', 'fee', 'refund', 'fee_refund'] }).notNull(),
  amountFen: integer().notNull(),
  at: timestamp({ withTimezone: true }).notNull().defaultNow(),
}, (t) => [index().on(t.shopId, t.id), uniqueIndex('ledger_one_sale_per_order').on(t.orderId, t.kind).where(sql`kind in ('sale', 'fee')`)])

export const flashSales = pgTable('flash_sales', {
  id: text().primaryKey(),
  roomId: text().notNull(),
  shopId: text().notNull().references(() => shops.id),
  skuId: text().notNull().references(() => skus.id),
  productId: text().notNull().references(() => products.id),
  priceFen: integer().notNull(),
  quantity: integer().notNull(),
  // Units held by orders (paid or waiting for payment). The database refuses to sell more than the quantity.
  sold: integer().notNull().default(0),
  perBuyerLimit: integer().notNull(),
  startsAt: timestamp({ withTimezone: true }).notNull(),
  endsAt: timestamp({ withTimezone: true }).notNull(),
  closedAt: timestamp({ withTimezone: true }),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
}, (t) => [index().on(t.roomId), check('flash_sales_sold_range', sql`${t.sold} >= 0 and ${t.sold} <= ${t.quantity}`)])

export const flashSaleBuyers = pgTable('flash_sale_buyers', {
  saleId: text().notNull().references(() => flashSales.id),
  buyerId: text().notNull().references(() => users.id),
  qty: integer().notNull(),
}, (t) => [primaryKey({ columns: [t.saleId, t.buyerId] }), check('flash_sale_buyers_qty', sql`${t.qty} >= 0`)])
