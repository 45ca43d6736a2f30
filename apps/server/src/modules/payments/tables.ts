import { sql } from 'drizzle-orm'
import { boolean, check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core'

// checkoutId / buyerId / orderId are plain text on purpose: payments learns about checkouts only through the
// `checkouts` dependency (orders module), so its tables stay usable on their own (and in its tests).

export const payments = pgTable('payments', {
  id: text().primaryKey(),
  checkoutId: text().notNull(),
  buyerId: text().notNull(),
  provider: text().notNull(),
  amountFen: integer().notNull(),
  status: text({ enum: ['pending', 'paid', 'failed', 'closed', 'refunded', 'partially_refunded'] }).notNull().default('pending'),
  payUrl: text(),
  providerTradeNo: text(),
  refundedFen: integer().notNull().default(0),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  paidAt: timestamp({ withTimezone: true }),
  closedAt: timestamp({ withTimezone: true }),
  /** Set once checkouts.markPaid() has returned; null on a paid payment means "tell the checkout again". */
  checkoutNotifiedAt: timestamp({ withTimezone: true }),
  /** False when its checkout refused it (cancelled, less due, or paid by another payment): it is sent back in full. */
  takenByCheckout: boolean().notNull().default(true),
  /** While set and in the future, one caller is telling the checkout; others leave it to them (no pile-up of calls). */
  checkoutNotifyLeaseUntil: timestamp({ withTimezone: true }),
}, (t) => [
  index().on(t.checkoutId),
  index().on(t.status, t.createdAt),
  // One open payment per checkout and provider: concurrent "pay" taps reuse it.
  uniqueIndex('payments_one_pending').on(t.checkoutId, t.provider).where(sql`status = 'pending'`),
  check('payments_amount_positive', sql`amount_fen > 0`),
  check('payments_refund_within_amount', sql`refunded_fen >= 0 and refunded_fen <= amount_fen`),
])

/**
 * Every notification that reached us. Verified ones carry the provider's event id, unique per provider, so a retried
 * or replayed notification is stored once and captured at most once. Rejected (forged, stale) ones are kept too, with
 * verified = false, no event id and the reason, for the log.
 */
export const paymentWebhooks = pgTable('payment_webhooks', {
  id: text().primaryKey(),
  provider: text().notNull(),
  eventId: text(),
  verified: boolean().notNull(),
  paymentId: text(),
  status: text(),
  amountFen: integer(),
  providerTradeNo: text(),
  outcome: text().notNull(),
  reason: text(),
  headers: jsonb().$type<Record<string, string>>().notNull().default({}),
  rawBody: text().notNull(),
  receivedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  uniqueIndex('payment_webhooks_event').on(t.provider, t.eventId),
  index().on(t.paymentId),
])

export const paymentRefunds = pgTable('payment_refunds', {
  id: text().primaryKey(),
  paymentId: text().notNull().references(() => payments.id),
  /** The order the refund is for; null when the checkout never took the payment (it all goes back). */
  orderId: text(),
  amountFen: integer().notNull(),
  status: text({ enum: ['pending', 'succeeded', 'failed'] }).notNull().default('pending'),
  idempotencyKey: text(),
  reason: text(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  settledAt: timestamp({ withTimezone: true }),
  /** One process at a time asks the provider again about a pending refund; a crashed holder's lease runs out. */
  retryLeaseUntil: timestamp({ withTimezone: true }),
  /** When the order learned how its refund ended (succeeded: counted; failed: undone); until then it is told again. */
  orderToldAt: timestamp({ withTimezone: true }),
}, (t) => [
  index().on(t.paymentId),
  index('payment_refunds_untold').on(t.settledAt).where(sql`order_id is not null and order_told_at is null and status <> 'pending'`),
  index().on(t.orderId),
  index('payment_refunds_unsettled').on(t.createdAt).where(sql`status = 'pending'`),
  uniqueIndex('payment_refunds_idempotency').on(t.paymentId, t.idempotencyKey),
  check('payment_refunds_amount_positive', sql`amount_fen > 0`),
])

/** The sandbox provider's own state: its signing key pair and its "trades", so query() answers like a real provider. */
export const paymentSandboxKeys = pgTable('payment_sandbox_keys', {
  id: text().primaryKey(),
  privateKeyPem: text().notNull(),
  publicKeyPem: text().notNull(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
})

export const paymentSandboxTrades = pgTable('payment_sandbox_trades', {
  paymentId: text().primaryKey(),
  tradeNo: text().notNull(),
  amountFen: integer().notNull(),
  subject: text().notNull(),
  status: text({ enum: ['pending', 'paid', 'closed'] }).notNull().default('pending'),
  refundedFen: integer().notNull().default(0),
  notifyUrl: text().notNull(),
  returnUrl: text().notNull(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
})

/** Refunds the sandbox has made, by our refund id: asked again for the same refund, it answers as a real provider does. */
export const paymentSandboxRefunds = pgTable('payment_sandbox_refunds', {
  refundId: text().primaryKey(),
  paymentId: text().notNull(),
  amountFen: integer().notNull(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
})
