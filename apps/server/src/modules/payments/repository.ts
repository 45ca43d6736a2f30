import { and, asc, eq, gt, inArray, isNotNull, isNull, lt, ne, or, sql } from 'drizzle-orm'
import type { Db } from '../../platform/db/client.ts'
import { paymentRefunds, paymentSandboxKeys, paymentSandboxRefunds, paymentSandboxTrades, payments, paymentWebhooks } from './tables.ts'

export type PaymentRow = typeof payments.$inferSelect
export type RefundRow = typeof paymentRefunds.$inferSelect
export type WebhookRow = typeof paymentWebhooks.$inferSelect
export type SandboxTradeRow = typeof paymentSandboxTrades.$inferSelect

/** Statuses from which a verified "paid" may still capture: never captured before (paidAt is null as well). */
const CAPTURABLE = ['pending', 'failed', 'closed'] as const

export function paymentsRepository(db: Db) {
  return {
    async insertPayment(row: typeof payments.$inferInsert): Promise<PaymentRow | null> {
      const [r] = await db.insert(payments).values(row).onConflictDoNothing().returning()
      return r ?? null
    },
    async byId(id: string) {
      const [r] = await db.select().from(payments).where(eq(payments.id, id))
      return r ?? null
    },
    async openPayment(checkoutId: string, provider: string) {
      const [r] = await db.select().from(payments)
        .where(and(eq(payments.checkoutId, checkoutId), eq(payments.provider, provider), eq(payments.status, 'pending')))
      return r ?? null
    },
    async capturedForCheckout(checkoutId: string) {
      return db.select().from(payments).where(and(eq(payments.checkoutId, checkoutId), isNotNull(payments.paidAt))).orderBy(asc(payments.paidAt), asc(payments.id))
    },
    async closePending(id: string, status: 'failed' | 'closed', at: Date) {
      const [r] = await db.update(payments).set({ status, closedAt: at }).where(and(eq(payments.id, id), eq(payments.status, 'pending'))).returning()
      return r ?? null
    },
    /** The one capture: succeeds for exactly one caller, however many notifications race. */
    async capture(id: string, at: Date, providerTradeNo: string | null) {
      const [r] = await db.update(payments)
        .set(providerTradeNo ? { status: 'paid', paidAt: at, providerTradeNo } : { status: 'paid', paidAt: at })
        .where(and(eq(payments.id, id), isNull(payments.paidAt), inArray(payments.status, [...CAPTURABLE])))
        .returning()
      return r ?? null
    },
    async markCheckoutNotified(id: string, at: Date) {
      await db.update(payments).set({ checkoutNotifiedAt: at, checkoutNotifyLeaseUntil: null }).where(and(eq(payments.id, id), isNull(payments.checkoutNotifiedAt)))
    },
    /** The checkout refused this payment: it is being sent back (recorded before the refund, so a retry refunds it too). */
    async markNotTaken(id: string) {
      await db.update(payments).set({ takenByCheckout: false }).where(eq(payments.id, id))
    },
    /** Takes the right to tell the checkout, for one caller at a time; a crashed holder's lease simply runs out. */
    async leaseCheckoutNotify(id: string, now: Date, until: Date) {
      const [r] = await db.update(payments).set({ checkoutNotifyLeaseUntil: until })
        .where(and(eq(payments.id, id), isNotNull(payments.paidAt), isNull(payments.checkoutNotifiedAt),
          or(isNull(payments.checkoutNotifyLeaseUntil), lt(payments.checkoutNotifyLeaseUntil, now))))
        .returning()
      return r ?? null
    },
    async releaseCheckoutNotify(id: string) {
      await db.update(payments).set({ checkoutNotifyLeaseUntil: null }).where(eq(payments.id, id))
    },
    async paidNotNotified(limit: number) {
      return db.select().from(payments).where(and(isNotNull(payments.paidAt), isNull(payments.checkoutNotifiedAt))).orderBy(asc(payments.paidAt)).limit(limit)
    },
    /**
     * Payments to ask their provider about: pending ones older than `before`, and ones we closed ourselves since
     * `closedSince` without having seen them paid (retired when their checkout's amount changed: still payable at the
     * provider, so money paid there must be found and sent back even if its webhook is lost).
     */
    async toReconcile(before: Date, closedSince: Date, limit: number) {
      return db.select().from(payments).where(or(
        and(eq(payments.status, 'pending'), lt(payments.createdAt, before)),
        and(eq(payments.status, 'closed'), isNull(payments.paidAt), gt(payments.closedAt, closedSince), lt(payments.createdAt, before)),
      )).orderBy(asc(payments.createdAt)).limit(limit)
    },

    /** Reserves a refund amount atomically: never more than what was paid minus what is already refunded. */
    async reserveRefund(id: string, amountFen: number) {
      const [r] = await db.update(payments)
        .set({
          refundedFen: sql`${payments.refundedFen} + ${amountFen}`,
          status: sql`case when ${payments.refundedFen} + ${amountFen} >= ${payments.amountFen} then 'refunded' else 'partially_refunded' end`,
        })
        .where(and(eq(payments.id, id), isNotNull(payments.paidAt), sql`${payments.amountFen} - ${payments.refundedFen} >= ${amountFen}`))
        .returning()
      return r ?? null
    },
    /** Gives back a reservation whose refund the provider refused. */
    async releaseRefund(id: string, amountFen: number) {
      const [r] = await db.update(payments)
        .set({
          refundedFen: sql`${payments.refundedFen} - ${amountFen}`,
          status: sql`case when ${payments.refundedFen} - ${amountFen} <= 0 then 'paid' else 'partially_refunded' end`,
        })
        .where(and(eq(payments.id, id), sql`${payments.refundedFen} >= ${amountFen}`))
        .returning()
      return r ?? null
    },
    async insertRefund(row: typeof paymentRefunds.$inferInsert): Promise<RefundRow | null> {
      const [r] = await db.insert(paymentRefunds).values(row).onConflictDoNothing().returning()
      return r ?? null
    },
    /** A refund the provider refused frees its idempotency key, so the same key can try again. */
    async freeRefundKey(id: string) {
      await db.update(paymentRefunds).set({ idempotencyKey: sql`${paymentRefunds.idempotencyKey} || '#failed:' || ${paymentRefunds.id}` })
        .where(and(eq(paymentRefunds.id, id), isNotNull(paymentRefunds.idempotencyKey)))
    },
    /** The first call is over without a final answer: it stays pending and the reconciler may ask again at once. */
    async leaveRefundPending(id: string, reason: string) {
      const [r] = await db.update(paymentRefunds).set({ reason, retryLeaseUntil: null }).where(eq(paymentRefunds.id, id)).returning()
      return r!
    },
    async refundById(id: string) {
      const [r] = await db.select().from(paymentRefunds).where(eq(paymentRefunds.id, id))
      return r ?? null
    },
    async refundByKey(paymentId: string, key: string) {
      const [r] = await db.select().from(paymentRefunds).where(and(eq(paymentRefunds.paymentId, paymentId), eq(paymentRefunds.idempotencyKey, key)))
      return r ?? null
    },
    /**
     * Refunds still without a final answer, asked between `since` and `before` (the provider call threw, or the provider
     * was still processing), not leased by another process right now. Older ones need a person (logged, not retried).
     */
    async unsettledRefunds(before: Date, since: Date, now: Date, limit: number) {
      return db.select().from(paymentRefunds).where(and(eq(paymentRefunds.status, 'pending'), lt(paymentRefunds.createdAt, before), gt(paymentRefunds.createdAt, since),
        or(isNull(paymentRefunds.retryLeaseUntil), lt(paymentRefunds.retryLeaseUntil, now))))
        .orderBy(sql`${paymentRefunds.retryLeaseUntil} asc nulls first`, asc(paymentRefunds.createdAt)).limit(limit)
    },
    /** Takes the right to ask the provider again about a pending refund, for one process at a time. */
    async leaseRefundRetry(id: string, now: Date, until: Date) {
      const [r] = await db.update(paymentRefunds).set({ retryLeaseUntil: until })
        .where(and(eq(paymentRefunds.id, id), eq(paymentRefunds.status, 'pending'), or(isNull(paymentRefunds.retryLeaseUntil), lt(paymentRefunds.retryLeaseUntil, now))))
        .returning()
      return r ?? null
    },
    /** Settled refunds for an order that the order has not acknowledged yet. */
    async untoldRefunds(limit: number) {
      return db.select().from(paymentRefunds).where(and(isNotNull(paymentRefunds.orderId), isNull(paymentRefunds.orderToldAt), ne(paymentRefunds.status, 'pending')))
        .orderBy(asc(paymentRefunds.settledAt)).limit(limit)
    },
    async markOrderTold(id: string, at: Date) {
      await db.update(paymentRefunds).set({ orderToldAt: at }).where(and(eq(paymentRefunds.id, id), isNull(paymentRefunds.orderToldAt)))
    },
    /** pending → succeeded/failed once: of two processes retrying the same refund, only one settles it. */
    async settleRefund(id: string, status: 'succeeded' | 'failed', at: Date, reason?: string) {
      const [r] = await db.update(paymentRefunds).set({ status, settledAt: at, reason: reason ?? null })
        .where(and(eq(paymentRefunds.id, id), eq(paymentRefunds.status, 'pending'))).returning()
      return r ?? null
    },
    /** The checkout's money went back only in part: it must be told (refunded) again. */
    async unmarkCheckoutNotified(id: string) {
      await db.update(payments).set({ checkoutNotifiedAt: null, checkoutNotifyLeaseUntil: null }).where(eq(payments.id, id))
    },
    async refundsOf(paymentId: string) {
      return db.select().from(paymentRefunds).where(eq(paymentRefunds.paymentId, paymentId)).orderBy(asc(paymentRefunds.id))
    },

    /** Inbox: false when (provider, eventId) was already stored — a duplicate or a replay. */
    async insertWebhook(row: typeof paymentWebhooks.$inferInsert): Promise<boolean> {
      const r = await db.insert(paymentWebhooks).values(row).onConflictDoNothing().returning({ id: paymentWebhooks.id })
      return r.length === 1
    },
    async setWebhookOutcome(id: string, outcome: string, reason?: string) {
      await db.update(paymentWebhooks).set({ outcome, reason: reason ?? null }).where(eq(paymentWebhooks.id, id))
    },
    async webhooksOf(paymentId: string) {
      return db.select().from(paymentWebhooks).where(eq(paymentWebhooks.paymentId, paymentId)).orderBy(asc(paymentWebhooks.id))
    },
    async rejectedWebhooks(provider: string, limit = 50) {
      return db.select().from(paymentWebhooks).where(and(eq(paymentWebhooks.provider, provider), eq(paymentWebhooks.verified, false)))
        .orderBy(asc(paymentWebhooks.id)).limit(limit)
    },

    // ---- sandbox provider state
    async sandboxKeys() {
      const [r] = await db.select().from(paymentSandboxKeys).where(eq(paymentSandboxKeys.id, 'default'))
      return r ?? null
    },
    async insertSandboxKeys(privateKeyPem: string, publicKeyPem: string) {
      await db.insert(paymentSandboxKeys).values({ id: 'default', privateKeyPem, publicKeyPem }).onConflictDoNothing()
    },
    async sandboxTrade(paymentId: string) {
      const [r] = await db.select().from(paymentSandboxTrades).where(eq(paymentSandboxTrades.paymentId, paymentId))
      return r ?? null
    },
    async upsertSandboxTrade(row: typeof paymentSandboxTrades.$inferInsert) {
      const [r] = await db.insert(paymentSandboxTrades).values(row).onConflictDoUpdate({
        target: paymentSandboxTrades.paymentId,
        set: { notifyUrl: row.notifyUrl, returnUrl: row.returnUrl, subject: row.subject },
      }).returning()
      return r!
    },
    /** pending → paid/closed once; false when the trade was already settled. */
    async settleSandboxTrade(paymentId: string, status: 'paid' | 'closed', at: Date) {
      const r = await db.update(paymentSandboxTrades).set({ status, updatedAt: at })
        .where(and(eq(paymentSandboxTrades.paymentId, paymentId), eq(paymentSandboxTrades.status, 'pending'))).returning()
      return r.length === 1
    },
    /**
     * The sandbox's refund, once per refund id (asked again, it answers as before, like a real provider's
     * out_request_no). Run inside a transaction: the refund's record is inserted first, so a second call with the same
     * id waits on it and then finds it; the trade is debited only by the call that inserted it, and a refusal rolls the
     * record back with it (the caller throws `SandboxRefundRefused`).
     */
    async refundSandboxTrade(paymentId: string, refundId: string, amountFen: number, at: Date): Promise<'done' | 'again' | 'refused'> {
      const [mine] = await db.insert(paymentSandboxRefunds).values({ refundId, paymentId, amountFen, createdAt: at }).onConflictDoNothing().returning()
      if (!mine) {
        const [done] = await db.select().from(paymentSandboxRefunds).where(eq(paymentSandboxRefunds.refundId, refundId))
        return done && done.paymentId === paymentId && done.amountFen === amountFen ? 'again' : 'refused'
      }
      const r = await db.update(paymentSandboxTrades).set({ refundedFen: sql`${paymentSandboxTrades.refundedFen} + ${amountFen}`, updatedAt: at })
        .where(and(eq(paymentSandboxTrades.paymentId, paymentId), eq(paymentSandboxTrades.status, 'paid'),
          sql`${paymentSandboxTrades.amountFen} - ${paymentSandboxTrades.refundedFen} >= ${amountFen}`)).returning()
      return r.length === 1 ? 'done' : 'refused'
    },
  }
}
export type PaymentsRepository = ReturnType<typeof paymentsRepository>
