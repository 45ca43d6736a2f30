import type { CreatePaymentBody, PaymentView, RefundView, SandboxCompleteBody } from '@hotland/contracts'
import type { Actor } from '../../platform/auth/actor.ts'
import { hasRole, requireActor } from '../../platform/auth/actor.ts'
import type { Clock } from '../../platform/clock.ts'
import type { Db } from '../../platform/db/client.ts'
import { AppError, conflict, invalid, notFound } from '../../platform/errors.ts'
import { newId } from '../../platform/ids.ts'
import { isSandbox, type SandboxNotification } from './providers/sandbox.ts'
import { type Ack, type PaymentProvider, type WebhookEvent, WebhookRejected } from './providers/types.ts'
import { type PaymentRow, type PaymentsRepository, paymentsRepository, type RefundRow } from './repository.ts'

/** pino-compatible (app.log fits). */
export interface PaymentsLog {
  info(obj: object, msg: string): void
  warn(obj: object, msg: string): void
  error(obj: object, msg: string): void
}

/** What payments needs from the orders module (wired in app.ts). */
export interface CheckoutsPort {
  /** The buyer's own checkout, or null (or a thrown AppError) when it is not theirs / does not exist. */
  forPayment(checkoutId: string, buyerId: string): Promise<{ totalFen: number; subject: string; payable: boolean } | null>
  /**
   * Idempotent: called at least once per captured payment, possibly more (retries, reconciliation). True when the
   * checkout took this payment; false when it refused it (cancelled meanwhile, another amount due, or already paid by
   * another payment): the payment is then sent back in full.
   */
  markPaid(checkoutId: string, amountFen: number, paymentId: string, at: Date): Promise<boolean>
  /**
   * How a refund for one of the checkout's orders ended, when it ended later than the call that asked for it (the
   * provider had not answered yet) — and again until this resolves: must be idempotent per refundId. Succeeded: the
   * order counts the money as refunded; failed: whatever was decided on the strength of it is undone.
   */
  refundSettled(input: { orderId: string; refundId: string; amountFen: number; status: 'succeeded' | 'failed'; reason: string | null }): Promise<void>
}

export interface PaymentsDeps {
  db: Db
  clock: Clock
  log: PaymentsLog
  /** e.g. https://hotland.example — notify and return URLs are built from it. */
  publicUrl: string
  providers: Partial<Record<string, PaymentProvider>>
  checkouts: CheckoutsPort
  /** Where the payments routes are mounted. Default /api/payments. */
  routePrefix?: string
  /** Where the buyer's browser goes after paying. Default `${publicUrl}/orders?checkout=<checkoutId>`. */
  returnUrl?(p: { checkoutId: string; paymentId: string }): string
}

/** What a webhook left behind, for logs and tests. */
export type WebhookOutcome =
  | 'captured' | 'already_captured' | 'duplicate' | 'amount_mismatch' | 'failed' | 'closed' | 'ignored' | 'unknown_payment'
  | 'captured_second_payment'

/** How a notification is delivered by the sandbox: in-process by default; the routes deliver through HTTP. */
export type SandboxDeliver = (n: SandboxNotification) => Promise<void>

const KEPT_HEADERS = /^(content-type|user-agent|x-forwarded-for|wechatpay-.*|x-sandbox-.*)$/
const MAX_STORED_BODY = 64 * 1024
/** A pending refund is asked about again for a week; after that it needs a person (it stays pending, logged). */
const REFUND_RETRY_WINDOW_MS = 7 * 86_400_000
/** How long one process may take to ask the provider again about a refund before another may. */
const REFUND_LEASE_MS = 2 * 60_000
/** The first call's own lease: longer than a provider call may take (fetch gives up after 300 s). */
const FIRST_CALL_LEASE_MS = 10 * 60_000
/** How long payments we retired ourselves are still asked about (providers keep a trade payable about this long). */
const RETIRED_WATCH_MS = 24 * 3600_000
const NOTIFY_LEASE_MS = 60_000

function keptHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [k, v] of Object.entries(headers)) {
    if (v !== undefined && KEPT_HEADERS.test(k.toLowerCase())) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v
  }
  return out
}

class DuplicateRefundKey extends Error {}

export function createPaymentsService(deps: PaymentsDeps) {
  const repo = paymentsRepository(deps.db)
  const inTx = <T>(fn: (r: PaymentsRepository) => Promise<T>) => deps.db.transaction((tx) => fn(paymentsRepository(tx as unknown as Db)))
  const prefix = deps.routePrefix ?? '/api/payments'
  const notifyUrl = (provider: string) => `${deps.publicUrl}${prefix}/webhooks/${provider}`
  const returnUrl = deps.returnUrl ?? ((p) => `${deps.publicUrl}/orders?checkout=${encodeURIComponent(p.checkoutId)}`)

  function view(p: PaymentRow): PaymentView {
    return {
      id: p.id,
      checkoutId: p.checkoutId,
      provider: p.provider as PaymentView['provider'],
      amountFen: p.amountFen,
      status: p.status,
      payUrl: p.payUrl,
      providerTradeNo: p.providerTradeNo,
      createdAt: p.createdAt.toISOString(),
      paidAt: p.paidAt?.toISOString() ?? null,
    }
  }

  function refundView(r: RefundRow): RefundView {
    return { id: r.id, paymentId: r.paymentId, orderId: r.orderId, amountFen: r.amountFen, status: r.status, createdAt: r.createdAt.toISOString() }
  }

  function providerOr404(name: string): PaymentProvider {
    const p = Object.hasOwn(deps.providers, name) ? deps.providers[name] : undefined
    if (!p) throw notFound('PAYMENTS_PROVIDER_UNAVAILABLE', `No payment provider "${name}"`)
    return p
  }

  /**
   * Tells the checkout about a captured payment, once it has succeeded (checkoutNotifiedAt). Safe to call again and
   * again: duplicates, retries and reconciliation all come through here. False when the checkout could not be told.
   */
  async function settleCheckout(paymentId: string): Promise<boolean> {
    const now = deps.clock.now()
    const p = await repo.leaseCheckoutNotify(paymentId, now, new Date(now.getTime() + NOTIFY_LEASE_MS))
    // Not paid, already told, or another request is telling it right now (it answers the provider for itself).
    if (!p?.paidAt) return true
    try {
      const taken = await deps.checkouts.markPaid(p.checkoutId, p.amountFen, p.id, p.paidAt)
      if (!taken) {
        // Money the checkout did not take goes back in full, from this payment (never from the one that paid it). Until
        // the provider has accepted that refund the payment is not marked told, so the reconciler tries again.
        await repo.markNotTaken(p.id)
        const left = p.amountFen - p.refundedFen
        if (left > 0) {
          deps.log.warn({ paymentId: p.id, checkoutId: p.checkoutId }, 'payment not taken by its checkout: refunding it')
          const r = await refund({ checkoutId: p.checkoutId, paymentId: p.id, orderId: null, amountFen: left, idempotencyKey: `not-taken-${p.id}`, reason: 'not taken by its checkout' })
          if (r.status === 'failed') throw new Error(`refund ${r.id} of a payment its checkout refused failed at the provider`)
        }
      }
    } catch (err) {
      await repo.releaseCheckoutNotify(p.id)
      deps.log.error({ err, paymentId: p.id, checkoutId: p.checkoutId }, 'telling the checkout about a payment failed; will retry')
      return false
    }
    await repo.markCheckoutNotified(p.id, deps.clock.now())
    return true
  }

  /** Inbox insert → amount check → conditional capture, in one transaction. */
  async function processEvent(provider: string, ev: WebhookEvent, headers: Record<string, string>, rawBody: string) {
    const webhookId = newId('whk')
    const now = deps.clock.now()
    return inTx(async (r) => {
      const fresh = await r.insertWebhook({
        id: webhookId, provider, eventId: ev.eventId, verified: true, paymentId: ev.paymentId, status: ev.status,
        amountFen: ev.amountFen, providerTradeNo: ev.providerTradeNo, outcome: 'received', headers, rawBody: rawBody.slice(0, MAX_STORED_BODY),
        receivedAt: now,
      })
      if (!fresh) return { outcome: 'duplicate' as WebhookOutcome, payment: await r.byId(ev.paymentId) }
      const p = await r.byId(ev.paymentId)
      let outcome: WebhookOutcome
      let reason: string | undefined
      if (!p || p.provider !== provider) outcome = 'unknown_payment'
      else if (ev.status === 'paid') {
        if (ev.amountFen !== p.amountFen) {
          outcome = 'amount_mismatch'
          reason = `notified ${ev.amountFen} fen, expected ${p.amountFen} fen`
        } else {
          outcome = (await r.capture(p.id, now, ev.providerTradeNo)) ? 'captured' : 'already_captured'
        }
      } else if (ev.status === 'failed' || ev.status === 'closed') {
        outcome = (await r.closePending(p.id, ev.status, now)) ? ev.status : 'ignored'
      } else outcome = 'ignored'
      await r.setWebhookOutcome(webhookId, outcome, reason)
      return { outcome, payment: p ? await r.byId(p.id) : null }
    })
  }

  async function handleWebhook(providerName: string, headers: Record<string, string | string[] | undefined>, rawBody: string): Promise<Ack> {
    const provider = providerOr404(providerName)
    const kept = keptHeaders(headers)
    let ev: WebhookEvent
    try {
      ev = await provider.parseWebhook({ headers, rawBody })
    } catch (err) {
      const reason = err instanceof WebhookRejected ? err.reason : 'unparseable'
      const message = err instanceof Error ? err.message : String(err)
      await repo.insertWebhook({
        id: newId('whk'), provider: providerName, eventId: null, verified: false, outcome: 'rejected', reason: `${reason}: ${message}`.slice(0, 500),
        headers: kept, rawBody: rawBody.slice(0, MAX_STORED_BODY), receivedAt: deps.clock.now(),
      })
      deps.log.warn({ provider: providerName, reason, detail: message }, 'payment webhook rejected')
      throw new AppError('unauthenticated', 'PAYMENTS_BAD_SIGNATURE', 'The notification could not be verified')
    }
    const { outcome, payment } = await processEvent(providerName, ev, kept, rawBody)
    const logCtx = { provider: providerName, eventId: ev.eventId, paymentId: ev.paymentId, status: ev.status, amountFen: ev.amountFen, outcome }
    if (outcome === 'amount_mismatch') deps.log.warn({ ...logCtx, expectedFen: payment?.amountFen }, 'payment webhook amount mismatch: not captured')
    else if (outcome === 'unknown_payment') deps.log.warn(logCtx, 'payment webhook for an unknown payment')
    else deps.log.info(logCtx, 'payment webhook')
    // A captured payment (now or by an earlier copy of this notification) must reach its checkout; if it cannot,
    // answer "not ok" so the provider retries, and the retry — a duplicate — tries again.
    const ok = payment?.paidAt ? await settleCheckout(payment.id) : true
    return provider.ack(ok)
  }

  async function create(actorOrNull: Actor | null, body: CreatePaymentBody): Promise<PaymentView> {
    const actor = requireActor(actorOrNull)
    const providerName = body.provider ?? 'sandbox'
    if (!Object.hasOwn(deps.providers, providerName) || !deps.providers[providerName]) {
      throw invalid('PAYMENTS_PROVIDER_UNAVAILABLE', `Payment provider "${providerName}" is not available`, 'body.provider')
    }
    const provider = deps.providers[providerName]!
    const checkout = await deps.checkouts.forPayment(body.checkoutId, actor.id)
    if (!checkout) throw notFound('PAYMENTS_NOT_PAYABLE', 'Checkout not found')
    if ((await repo.capturedForCheckout(body.checkoutId)).some((c) => c.takenByCheckout)) throw conflict('PAYMENTS_NOT_PAYABLE', 'This checkout is already paid')
    if (!checkout.payable || checkout.totalFen <= 0) throw conflict('PAYMENTS_NOT_PAYABLE', 'This checkout cannot be paid now')

    const open = await repo.openPayment(body.checkoutId, providerName)
    if (open) {
      if (open.buyerId === actor.id && open.amountFen === checkout.totalFen && open.payUrl) return view(open)
      // The checkout changed under an old payment (or it never got its URL): retire it and start again.
      await repo.closePending(open.id, 'closed', deps.clock.now())
    }
    const id = newId('pay')
    let payUrl: string
    try {
      ;({ payUrl } = await provider.create({
        paymentId: id, amountFen: checkout.totalFen, subject: checkout.subject.slice(0, 120) || '热土订单',
        notifyUrl: notifyUrl(providerName), returnUrl: returnUrl({ checkoutId: body.checkoutId, paymentId: id }),
      }))
    } catch (err) {
      deps.log.error({ err, provider: providerName, checkoutId: body.checkoutId }, 'payment provider create failed')
      throw conflict('PAYMENTS_PROVIDER_UNAVAILABLE', 'The payment provider is not available, try again later')
    }
    const row = await repo.insertPayment({
      id, checkoutId: body.checkoutId, buyerId: actor.id, provider: providerName, amountFen: checkout.totalFen, payUrl,
      createdAt: deps.clock.now(),
    })
    if (row) return view(row)
    // Another tap created the open payment at the same moment: use that one.
    const winner = await repo.openPayment(body.checkoutId, providerName)
    if (!winner) throw conflict('PAYMENTS_NOT_PAYABLE', 'This checkout cannot be paid now')
    return view(winner)
  }

  async function get(actorOrNull: Actor | null, id: string): Promise<PaymentView> {
    const actor = requireActor(actorOrNull)
    const p = await repo.byId(id)
    if (!p || (p.buyerId !== actor.id && !hasRole(actor, 'platform_admin'))) throw notFound('PAYMENTS_NOT_FOUND', 'Payment not found')
    return view(p)
  }

  /** Of a checkout's captured payments, the one its checkout took (told and taken; before that, the first not refused). */
  function tookCheckout<P extends { checkoutNotifiedAt: Date | null; takenByCheckout: boolean }>(captured: P[]): P | undefined {
    return captured.find((c) => c.checkoutNotifiedAt && c.takenByCheckout) ?? captured.find((c) => c.takenByCheckout)
  }

  /** The payment that paid a checkout (the one its orders were told about), or null. For the orders module. */
  async function forCheckout(checkoutId: string): Promise<PaymentView | null> {
    const p = tookCheckout(await repo.capturedForCheckout(checkoutId))
    return p ? view(p) : null
  }

  /**
   * Refunds part or all of what a checkout's payment took, for one order. Never more than paid minus already refunded
   * (enforced by a conditional UPDATE, so concurrent refunds cannot overdraw). A failed provider refund gives the
   * amount back and is returned with status 'failed'; `idempotencyKey` makes a retried call return the first refund.
   */
  async function refund(input: { checkoutId: string; orderId: string | null; paymentId?: string; amountFen: number; idempotencyKey?: string; reason?: string }): Promise<RefundView> {
    const captured = await repo.capturedForCheckout(input.checkoutId)
    const p = input.paymentId ? captured.find((c) => c.id === input.paymentId) : tookCheckout(captured)
    if (!p) throw notFound('PAYMENTS_NOT_FOUND', 'No captured payment for this checkout')
    // A retried key answers with its first refund before anything else is checked (what is left may be 0 by then).
    if (input.idempotencyKey) {
      const existing = await repo.refundByKey(p.id, input.idempotencyKey)
      if (existing) return refundView(existing)
    }
    if (!Number.isInteger(input.amountFen) || input.amountFen <= 0) throw invalid('VALIDATION_FAILED', 'Refund amount must be a positive number of fen', 'amountFen')
    const provider = deps.providers[p.provider]
    if (!provider) throw conflict('PAYMENTS_PROVIDER_UNAVAILABLE', `Payment provider "${p.provider}" is not configured`)
    const id = newId('rfd')
    const now = deps.clock.now()
    const reserved = await inTx(async (r) => {
      const ok = await r.reserveRefund(p.id, input.amountFen)
      if (!ok) return null
      // The first call holds the retry lease itself: the reconciler does not ask again while it may still be waiting.
      const row = await r.insertRefund({ id, paymentId: p.id, orderId: input.orderId, amountFen: input.amountFen, idempotencyKey: input.idempotencyKey ?? null, reason: input.reason ?? null, createdAt: now, retryLeaseUntil: new Date(now.getTime() + FIRST_CALL_LEASE_MS) })
      // Same idempotency key racing: roll this one back and return the other.
      if (!row) throw new DuplicateRefundKey()
      return ok
    }).catch((err) => {
      if (err instanceof DuplicateRefundKey) return 'duplicate' as const
      throw err
    })
    if (reserved === 'duplicate') return refundView((await repo.refundByKey(p.id, input.idempotencyKey!))!)
    if (!reserved) {
      const left = (await repo.byId(p.id))!
      throw conflict('ORDERS_REFUND_TOO_LARGE', `At most ${left.amountFen - left.refundedFen} fen can still be refunded`, 'amountFen')
    }
    let result: Awaited<ReturnType<PaymentProvider['refund']>>
    try {
      result = await provider.refund({ payment: { id: p.id, amountFen: p.amountFen, providerTradeNo: p.providerTradeNo }, refundId: id, amountFen: input.amountFen })
    } catch (err) {
      // Unknown whether the provider refunded: keep the amount reserved (never overdraw) and leave it pending.
      deps.log.error({ err, paymentId: p.id, refundId: id }, 'refund call failed; left pending')
      return refundView(await repo.leaveRefundPending(id, 'provider error')) // this call is over: the reconciler asks again
    }
    deps.log.info({ paymentId: p.id, refundId: id, amountFen: input.amountFen, status: result.status }, 'refund')
    if (result.status === 'pending') return refundView(await repo.leaveRefundPending(id, result.reason ?? 'processing'))
    // A refusal: the caller hears it from this answer. A success: the caller counts it at once (with who asked and why);
    // the reconciler's "untold" pass tells the order again later, which it ignores (counted once per refund id) — and
    // which covers a caller that died. Null: settled meanwhile by a retry (its lease ran out while this call waited).
    const settled = result.status === 'failed'
      ? await refuse({ id, paymentId: p.id, amountFen: input.amountFen, orderId: input.orderId }, result.reason, { tellOrder: false })
      : await repo.settleRefund(id, 'succeeded', deps.clock.now())
    if (result.status === 'failed') deps.log.warn({ paymentId: p.id, refundId: id, reason: result.reason }, 'provider refused the refund')
    return refundView(settled ?? (await repo.refundById(id))!)
  }

  /**
   * pending → failed, once: nothing went out, so the amount goes back to the payment and the idempotency key is freed
   * (the same key may try again). Money its checkout never took must then be sent back again (settleCheckout); an order
   * is told by tellOrder, unless the caller heard the refusal itself. Null when the refund was settled meanwhile.
   */
  async function refuse(rf: { id: string; paymentId: string; amountFen: number; orderId: string | null }, reason: string | undefined, opts: { tellOrder: boolean }) {
    return inTx(async (r) => {
      const s = await r.settleRefund(rf.id, 'failed', deps.clock.now(), reason)
      if (!s) return null
      await r.releaseRefund(rf.paymentId, rf.amountFen)
      await r.freeRefundKey(rf.id)
      if (!rf.orderId) await r.unmarkCheckoutNotified(rf.paymentId)
      else if (!opts.tellOrder) await r.markOrderTold(rf.id, deps.clock.now())
      return s
    })
  }

  /** Tells the order how its refund ended (counted once per refund id there), and remembers that it was told. */
  async function tellOrder(rf: RefundRow): Promise<boolean> {
    if (!rf.orderId || rf.status === 'pending') return true
    try {
      await deps.checkouts.refundSettled({ orderId: rf.orderId, refundId: rf.id, amountFen: rf.amountFen, status: rf.status, reason: rf.reason })
    } catch (err) {
      deps.log.error({ err, orderId: rf.orderId, refundId: rf.id }, 'telling the order how its refund ended failed; will retry')
      return false
    }
    await repo.markOrderTold(rf.id, deps.clock.now())
    return true
  }

  /**
   * Asks each provider about payments still pending after `olderThanMs` and captures those it says are paid (missed or
   * out-of-order webhooks); closes those it says are closed; re-tells checkouts about captured payments they missed.
   */
  async function reconcilePending(olderThanMs: number, limit = 100) {
    const summary = { checked: 0, captured: 0, closed: 0, mismatched: 0, errors: 0, notified: 0 }
    const before = new Date(deps.clock.now().getTime() - olderThanMs)
    for (const p of await repo.toReconcile(before, new Date(deps.clock.now().getTime() - RETIRED_WATCH_MS), limit)) {
      const provider = deps.providers[p.provider]
      if (!provider) continue
      summary.checked++
      let q: Awaited<ReturnType<PaymentProvider['query']>>
      try {
        q = await provider.query({ id: p.id, amountFen: p.amountFen, providerTradeNo: p.providerTradeNo })
      } catch (err) {
        summary.errors++
        deps.log.warn({ err, paymentId: p.id, provider: p.provider }, 'reconciliation query failed')
        continue
      }
      if (q.status === 'pending' || (p.status === 'closed' && q.status !== 'paid')) continue
      const ev: WebhookEvent = {
        eventId: `reconcile:${p.id}:${q.status}`, paymentId: p.id, status: q.status,
        amountFen: q.status === 'paid' ? q.paidFen : p.amountFen, providerTradeNo: q.providerTradeNo,
      }
      const { outcome } = await processEvent(p.provider, ev, {}, JSON.stringify({ source: 'reconciliation', query: q }))
      if (outcome === 'captured') summary.captured++
      else if (outcome === 'closed') summary.closed++
      else if (outcome === 'amount_mismatch') {
        summary.mismatched++
        deps.log.warn({ paymentId: p.id, paidFen: q.paidFen, expectedFen: p.amountFen }, 'reconciliation amount mismatch: not captured')
      }
      if (outcome === 'captured') deps.log.info({ paymentId: p.id, provider: p.provider }, 'reconciliation captured a payment')
    }
    const refunds = await retryRefunds(before, limit)
    for (const p of await repo.paidNotNotified(limit)) {
      if (await settleCheckout(p.id)) summary.notified++
    }
    return { ...summary, ...refunds }
  }

  /**
   * Refunds left without a final answer (the provider call threw, or the provider was still processing) are asked for
   * again under the same refund id, which the providers treat as the same refund (Alipay's out_request_no, WeChat's
   * out_refund_no, the sandbox's own record): money cannot go out twice. One process at a time per refund (a lease).
   * A refusal gives the amount back to the payment; the order is told either way (and again until it has heard), and
   * money its checkout never took is sent back again by settleCheckout.
   */
  async function retryRefunds(before: Date, limit: number) {
    const out = { refundsSucceeded: 0, refundsFailed: 0, ordersTold: 0 }
    const now = deps.clock.now()
    const since = new Date(now.getTime() - REFUND_RETRY_WINDOW_MS)
    for (const pending of await repo.unsettledRefunds(before, since, now, limit)) {
      const rf = await repo.leaseRefundRetry(pending.id, now, new Date(now.getTime() + REFUND_LEASE_MS))
      const p = rf && (await repo.byId(rf.paymentId))
      const provider = p && deps.providers[p.provider]
      if (!rf || !p || !provider) continue
      let result: Awaited<ReturnType<PaymentProvider['refund']>>
      try {
        result = await provider.refund({ payment: { id: p.id, amountFen: p.amountFen, providerTradeNo: p.providerTradeNo }, refundId: rf.id, amountFen: rf.amountFen })
      } catch (err) {
        deps.log.warn({ err, paymentId: p.id, refundId: rf.id }, 'refund retry failed; still pending')
        continue
      }
      if (result.status === 'pending') {
        deps.log.warn({ paymentId: p.id, refundId: rf.id, reason: result.reason }, 'refund still pending at the provider')
        continue
      }
      const settled = result.status === 'succeeded'
        ? await repo.settleRefund(rf.id, 'succeeded', deps.clock.now())
        : await refuse(rf, result.reason, { tellOrder: true })
      if (!settled) continue
      if (settled.status === 'succeeded') out.refundsSucceeded++
      else {
        out.refundsFailed++
        deps.log.warn({ paymentId: p.id, refundId: rf.id, orderId: rf.orderId, reason: result.reason }, 'provider refused a refund on retry')
      }
      if (await tellOrder(settled)) out.ordersTold++
    }
    // Orders not yet told how a refund ended (the call failed, or the process died before it): told again.
    for (const rf of await repo.untoldRefunds(limit)) if (await tellOrder(rf)) out.ordersTold++
    return out
  }

  /** Runs reconcilePending every `everyMs` (each process may; captures are conditional). Returns a stop function. */
  function startReconciler(opts: { everyMs?: number; olderThanMs?: number } = {}) {
    let running = false
    const timer = setInterval(() => {
      if (running) return
      running = true
      reconcilePending(opts.olderThanMs ?? 5 * 60_000)
        .catch((err) => deps.log.warn({ err }, 'payment reconciliation failed'))
        .finally(() => { running = false })
    }, opts.everyMs ?? 60_000)
    timer.unref()
    return () => clearInterval(timer)
  }

  function sandboxProvider() {
    const p = deps.providers.sandbox
    if (!isSandbox(p)) throw notFound('PAYMENTS_NOT_FOUND', 'The sandbox provider is not enabled')
    return p
  }

  /**
   * The sandbox "pays" (or declines) and sends its signed notification to our webhook URL — through `deliver` (the
   * routes post it through HTTP; by default it is handed to handleWebhook in-process) — once, twice (duplicate) or
   * after delayMs. `done` settles when every delivery has been made.
   */
  async function completeSandbox(paymentId: string, body: SandboxCompleteBody, deliver?: SandboxDeliver) {
    const sandbox = sandboxProvider()
    const p = await repo.byId(paymentId)
    if (!p || p.provider !== 'sandbox') throw notFound('PAYMENTS_NOT_FOUND', 'Payment not found')
    const settled = await sandbox.complete(p.id, body.outcome)
    const send: SandboxDeliver = deliver ?? (async (n) => { await handleWebhook('sandbox', n.headers, n.rawBody) })
    const times = body.duplicate ? 2 : 1
    const run = async () => {
      // Signed when sent, as a real provider signs each delivery; a duplicate is the very same notification again.
      const n = body.delayMs ? await sandbox.complete(p.id, body.outcome) : settled
      for (let i = 0; i < times; i++) {
        await send(n).catch((err) => deps.log.warn({ err, paymentId: p.id }, 'sandbox webhook delivery failed'))
      }
    }
    let done: Promise<void>
    if (body.delayMs) {
      done = new Promise((resolve) => { setTimeout(() => { run().finally(resolve) }, body.delayMs).unref() })
    } else {
      done = run()
      await done
    }
    return { paymentId: p.id, outcome: body.outcome, notifications: times, delayed: !!body.delayMs, returnUrl: settled.returnUrl, done }
  }

  return {
    create,
    get,
    forCheckout,
    handleWebhook,
    refund,
    reconcilePending,
    startReconciler,
    /** The pay page's buyer-facing completion: only the payment's buyer may pay or decline it. */
    async completeSandboxAsBuyer(actorOrNull: Actor | null, paymentId: string, body: SandboxCompleteBody, deliver?: SandboxDeliver) {
      const actor = requireActor(actorOrNull)
      const p = await repo.byId(paymentId)
      if (!p || p.buyerId !== actor.id) throw notFound('PAYMENTS_NOT_FOUND', 'Payment not found')
      return completeSandbox(paymentId, body, deliver)
    },
    /** For the sandbox pay page. */
    async sandboxPage(paymentId: string) {
      const sandbox = sandboxProvider()
      const p = await repo.byId(paymentId)
      const trade = p?.provider === 'sandbox' ? await sandbox.trade(paymentId) : null
      if (!p || !trade) throw notFound('PAYMENTS_NOT_FOUND', 'Payment not found')
      return { payment: view(p), trade }
    },
    /** Test-friendly: act as the sandbox for a payment, without a buyer session. */
    sandbox: { complete: completeSandbox },
    /** For tests and the admin log: everything the inbox holds about a payment. */
    webhooksOf: (paymentId: string) => repo.webhooksOf(paymentId),
    rejectedWebhooks: (provider: string) => repo.rejectedWebhooks(provider),
    refundsOf: async (paymentId: string) => (await repo.refundsOf(paymentId)).map(refundView),
  }
}
export type PaymentsService = ReturnType<typeof createPaymentsService>
