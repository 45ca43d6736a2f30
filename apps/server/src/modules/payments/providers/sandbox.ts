import { generateKeyPairSync, type KeyObject, randomBytes } from 'node:crypto'
import { type Clock, systemClock } from '../../../platform/clock.ts'
import type { Db } from '../../../platform/db/client.ts'
import { paymentsRepository } from '../repository.ts'
import { privateKeyOf, publicKeyOf, rsaSign, rsaVerify } from './keys.ts'
import {
  type Ack, type CreateInput, type PaymentProvider, type PaymentRef, type QueryResult, type RefundInput, type RefundResult,
  type WebhookEvent, type WebhookInput, WebhookRejected, header,
} from './types.ts'

class SandboxRefundRefused extends Error {}

export interface SandboxOptions {
  db: Db
  /** Base of the payments routes as the browser sees them, e.g. https://hotland.example/api/payments */
  baseUrl: string
  clock?: Clock
  /** Notifications older or newer than this are refused, like WeChat's. Default 5 minutes. */
  maxSkewMs?: number
}

/** A signed notification ready to POST: what a real provider's servers would send us. */
export interface SandboxNotification {
  notifyUrl: string
  returnUrl: string
  headers: Record<string, string>
  rawBody: string
}

export interface SandboxProvider extends PaymentProvider {
  readonly kind: 'sandbox'
  /** The buyer confirmed (pay) or a failure was simulated (decline): settles the trade once and returns its notification. */
  complete(paymentId: string, outcome: 'pay' | 'decline'): Promise<SandboxNotification>
  /** The trade as the sandbox sees it (for its pay page). */
  trade(paymentId: string): Promise<{ amountFen: number; subject: string; status: 'pending' | 'paid' | 'closed'; returnUrl: string } | null>
  publicKeyPem(): Promise<string>
}

export function isSandbox(p: PaymentProvider | undefined): p is SandboxProvider {
  return !!p && (p as Partial<SandboxProvider>).kind === 'sandbox'
}

/**
 * The built-in provider. Its "servers" are this process: trades live in payment_sandbox_trades, its RSA key pair in
 * payment_sandbox_keys (generated at first use, shared by every process on the database). Notifications are JSON,
 * signed RSA-SHA256 over `${timestamp}\n${nonce}\n${body}\n` in headers, as WeChat Pay v3 does.
 */
export function createSandboxProvider(opts: SandboxOptions): SandboxProvider {
  const repo = paymentsRepository(opts.db)
  const clock = opts.clock ?? systemClock
  const maxSkewMs = opts.maxSkewMs ?? 5 * 60_000
  let keys: Promise<{ privateKey: KeyObject; publicKey: KeyObject; publicPem: string }> | undefined

  function loadKeys() {
    keys ??= (async () => {
      let row = await repo.sandboxKeys()
      if (!row) {
        const pair = generateKeyPairSync('rsa', { modulusLength: 2048 })
        // Two processes may race here: the first insert wins and both read it back.
        await repo.insertSandboxKeys(pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), pair.publicKey.export({ type: 'spki', format: 'pem' }).toString())
        row = await repo.sandboxKeys()
      }
      return { privateKey: privateKeyOf(row!.privateKeyPem), publicKey: publicKeyOf(row!.publicKeyPem), publicPem: row!.publicKeyPem }
    })()
    keys.catch(() => { keys = undefined })
    return keys
  }

  return {
    name: 'sandbox',
    kind: 'sandbox',

    async create(input: CreateInput) {
      await repo.upsertSandboxTrade({
        paymentId: input.paymentId, tradeNo: `SBX${clock.now().getTime()}${randomBytes(4).toString('hex').toUpperCase()}`,
        amountFen: input.amountFen, subject: input.subject, notifyUrl: input.notifyUrl, returnUrl: input.returnUrl,
        createdAt: clock.now(), updatedAt: clock.now(),
      })
      return { payUrl: `${opts.baseUrl}/sandbox/${input.paymentId}/page` }
    },

    async query(payment: PaymentRef): Promise<QueryResult> {
      const t = await repo.sandboxTrade(payment.id)
      if (!t) return { status: 'pending', paidFen: 0, providerTradeNo: null }
      return { status: t.status, paidFen: t.status === 'paid' ? t.amountFen : 0, providerTradeNo: t.tradeNo }
    },

    async refund(input: RefundInput): Promise<RefundResult> {
      // One transaction: a refusal must not leave the refund's record behind (a retry would then find it "done").
      const outcome = await opts.db.transaction(async (tx) => {
        const o = await paymentsRepository(tx as unknown as Db).refundSandboxTrade(input.payment.id, input.refundId, input.amountFen, clock.now())
        if (o === 'refused') throw new SandboxRefundRefused()
        return o
      }).catch((err) => {
        if (err instanceof SandboxRefundRefused) return 'refused' as const
        throw err
      })
      return outcome === 'refused' ? { status: 'failed', reason: 'sandbox trade not paid or refund exceeds what is left' } : { status: 'succeeded' }
    },

    async complete(paymentId, outcome) {
      const t = await repo.sandboxTrade(paymentId)
      if (!t) throw new Error(`No sandbox trade for ${paymentId}`)
      await repo.settleSandboxTrade(paymentId, outcome === 'pay' ? 'paid' : 'closed', clock.now())
      // A settled trade keeps its outcome: paying after a decline re-sends the decline, as a real provider would.
      const settled = (await repo.sandboxTrade(paymentId))!
      const status = settled.status === 'paid' ? 'paid' : 'failed'
      const rawBody = JSON.stringify({
        id: `sbx_evt_${settled.tradeNo}_${status}`,
        eventType: status === 'paid' ? 'TRANSACTION.SUCCESS' : 'TRANSACTION.FAILED',
        paymentId, tradeNo: settled.tradeNo, status, amountFen: settled.amountFen,
        createdAt: settled.updatedAt.toISOString(),
      })
      const { privateKey } = await loadKeys()
      const ts = Math.floor(clock.now().getTime() / 1000).toString()
      const nonce = randomBytes(12).toString('hex')
      return {
        notifyUrl: settled.notifyUrl,
        returnUrl: settled.returnUrl,
        rawBody,
        headers: {
          'content-type': 'application/json',
          'x-sandbox-timestamp': ts,
          'x-sandbox-nonce': nonce,
          'x-sandbox-signature': rsaSign(`${ts}\n${nonce}\n${rawBody}\n`, privateKey),
        },
      }
    },

    async trade(paymentId) {
      const t = await repo.sandboxTrade(paymentId)
      return t ? { amountFen: t.amountFen, subject: t.subject, status: t.status, returnUrl: t.returnUrl } : null
    },

    async publicKeyPem() {
      return (await loadKeys()).publicPem
    },

    async parseWebhook({ headers, rawBody }: WebhookInput): Promise<WebhookEvent> {
      const ts = header(headers, 'x-sandbox-timestamp')
      const nonce = header(headers, 'x-sandbox-nonce')
      const signature = header(headers, 'x-sandbox-signature')
      if (!ts || !nonce || !signature) throw new WebhookRejected('missing_signature', 'x-sandbox-* signature headers missing')
      if (!/^\d{1,12}$/.test(ts) || Math.abs(clock.now().getTime() - Number(ts) * 1000) > maxSkewMs) {
        throw new WebhookRejected('stale', `Timestamp ${ts} is outside ±${maxSkewMs / 1000}s`)
      }
      const { publicKey } = await loadKeys()
      if (!rsaVerify(`${ts}\n${nonce}\n${rawBody}\n`, signature, publicKey)) throw new WebhookRejected('bad_signature', 'Sandbox signature does not verify')
      let n: { id?: unknown; paymentId?: unknown; status?: unknown; amountFen?: unknown; tradeNo?: unknown }
      try {
        n = JSON.parse(rawBody)
      } catch {
        throw new WebhookRejected('malformed', 'Body is not JSON')
      }
      if (typeof n.id !== 'string' || typeof n.paymentId !== 'string' || !Number.isInteger(n.amountFen)) {
        throw new WebhookRejected('malformed', 'id, paymentId or amountFen missing')
      }
      const status = n.status === 'paid' ? 'paid' : n.status === 'failed' ? 'failed' : n.status === 'closed' ? 'closed' : 'other'
      return { eventId: n.id, paymentId: n.paymentId, status, amountFen: n.amountFen as number, providerTradeNo: typeof n.tradeNo === 'string' ? n.tradeNo : null }
    },

    ack(ok: boolean): Ack {
      return { status: ok ? 200 : 500, contentType: 'application/json; charset=utf-8', body: JSON.stringify({ code: ok ? 'SUCCESS' : 'FAIL', message: ok ? '成功' : '失败' }) }
    },
  }
}
