import { createDecipheriv, type KeyObject, randomBytes } from 'node:crypto'
import { type Clock, systemClock } from '../../../platform/clock.ts'
import { privateKeyOf, publicKeyOf, rsaSign, rsaVerify } from './keys.ts'
import {
  type Ack, type CreateInput, type FetchLike, type PaymentProvider, type PaymentRef, type QueryResult, type RefundInput,
  type RefundResult, type WebhookEvent, type WebhookInput, WebhookRejected, header,
} from './types.ts'

export interface WechatPayOptions {
  /** 商户号 */
  mchId: string
  /** The AppID bound to the merchant (公众号/小程序/移动应用). */
  appId: string
  /** The merchant API private key (apiclient_key.pem), for signing our API requests. */
  merchantPrivateKey: string | KeyObject
  /** Serial number of the merchant API certificate (sent as serial_no). */
  merchantSerialNo: string
  /** APIv3 key: 32 characters, decrypts notification resources. */
  apiV3Key: string
  /** WeChat Pay platform public key (平台证书 public key or 微信支付公钥) that signs notifications and responses. */
  platformPublicKey: string | KeyObject
  /** When set, a notification whose Wechatpay-Serial differs is rejected (e.g. PUB_KEY_ID_… or a certificate serial). */
  platformSerial?: string
  /** Default https://api.mch.weixin.qq.com */
  baseUrl?: string
  /** H5 payments need the payer's IP; the interface has none, so this is used (default 127.0.0.1). */
  payerClientIp?: string
  /** Notifications older (or further in the future) than this are rejected. Default 5 minutes. */
  maxSkewMs?: number
  fetch?: FetchLike
  clock?: Clock
}

/** AEAD_AES_256_GCM as WeChat Pay v3 uses it: the 16-byte tag is appended to the ciphertext, base64 together. */
export function decryptWechatResource(apiV3Key: string, r: { ciphertext: string; nonce: string; associated_data?: string }): string {
  const key = Buffer.from(apiV3Key, 'utf8')
  if (key.length !== 32) throw new Error('The APIv3 key must be 32 bytes')
  const data = Buffer.from(r.ciphertext, 'base64')
  if (data.length < 17) throw new Error('Ciphertext too short')
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(r.nonce, 'utf8'))
  decipher.setAuthTag(data.subarray(data.length - 16))
  decipher.setAAD(Buffer.from(r.associated_data ?? '', 'utf8'))
  return Buffer.concat([decipher.update(data.subarray(0, data.length - 16)), decipher.final()]).toString('utf8')
}

interface Transaction {
  out_trade_no?: string
  transaction_id?: string
  trade_state?: string
  amount?: { total?: number; payer_total?: number; currency?: string }
}

function tradeStatus(state: string | undefined): WebhookEvent['status'] {
  switch (state) {
    case 'SUCCESS': return 'paid'
    case 'CLOSED': case 'REVOKED': return 'closed'
    case 'PAYERROR': return 'failed'
    case 'NOTPAY': case 'USERPAYING': return 'pending'
    default: return 'other'
  }
}

export function createWechatPayProvider(opts: WechatPayOptions): PaymentProvider {
  const privateKey = privateKeyOf(opts.merchantPrivateKey)
  const platformKey = publicKeyOf(opts.platformPublicKey)
  const baseUrl = (opts.baseUrl ?? 'https://api.mch.weixin.qq.com').replace(/\/$/, '')
  const clock = opts.clock ?? systemClock
  const maxSkewMs = opts.maxSkewMs ?? 5 * 60_000
  const doFetch: FetchLike = opts.fetch ?? ((url, init) => fetch(url, init))

  function verifySigned(h: WebhookInput['headers'], body: string): void {
    const ts = header(h, 'wechatpay-timestamp')
    const nonce = header(h, 'wechatpay-nonce')
    const signature = header(h, 'wechatpay-signature')
    const serial = header(h, 'wechatpay-serial')
    if (!ts || !nonce || !signature || !serial) throw new WebhookRejected('missing_signature', 'Wechatpay-* signature headers missing')
    if (!/^\d{1,12}$/.test(ts)) throw new WebhookRejected('bad_timestamp', 'Wechatpay-Timestamp is not a number')
    if (Math.abs(clock.now().getTime() - Number(ts) * 1000) > maxSkewMs) throw new WebhookRejected('stale', `Timestamp ${ts} is outside ±${maxSkewMs / 1000}s`)
    if (opts.platformSerial && serial !== opts.platformSerial) throw new WebhookRejected('unknown_serial', `Unknown Wechatpay-Serial ${serial}`)
    // WeChat probes endpoints with "WECHATPAY/SIGNTEST/…" signatures; they fail verification like any forgery, as they must.
    if (!rsaVerify(`${ts}\n${nonce}\n${body}\n`, signature, platformKey)) throw new WebhookRejected('bad_signature', 'WeChat Pay signature does not verify')
  }

  async function call(method: 'GET' | 'POST', path: string, body?: object): Promise<{ status: number; json: Record<string, unknown> }> {
    const text = body ? JSON.stringify(body) : ''
    const ts = Math.floor(clock.now().getTime() / 1000).toString()
    const nonce = randomBytes(16).toString('hex')
    const signature = rsaSign(`${method}\n${path}\n${ts}\n${nonce}\n${text}\n`, privateKey)
    const res = await doFetch(baseUrl + path, {
      method,
      headers: {
        accept: 'application/json',
        'content-type': 'application/json',
        authorization: `WECHATPAY2-SHA256-RSA2048 mchid="${opts.mchId}",nonce_str="${nonce}",signature="${signature}",timestamp="${ts}",serial_no="${opts.merchantSerialNo}"`,
      },
      ...(body ? { body: text } : {}),
    })
    const resText = await res.text()
    if (res.status < 300) {
      // Successful responses are signed like notifications.
      const h = (n: string) => res.headers.get(n) ?? undefined
      verifySigned({
        'wechatpay-timestamp': h('wechatpay-timestamp'), 'wechatpay-nonce': h('wechatpay-nonce'),
        'wechatpay-signature': h('wechatpay-signature'), 'wechatpay-serial': h('wechatpay-serial'),
      }, resText)
    }
    return { status: res.status, json: resText ? JSON.parse(resText) as Record<string, unknown> : {} }
  }

  return {
    name: 'wechat',

    async create(input: CreateInput) {
      const r = await call('POST', '/v3/pay/transactions/h5', {
        appid: opts.appId, mchid: opts.mchId, description: input.subject.slice(0, 127), out_trade_no: input.paymentId,
        notify_url: input.notifyUrl, amount: { total: input.amountFen, currency: 'CNY' },
        scene_info: { payer_client_ip: opts.payerClientIp ?? '127.0.0.1', h5_info: { type: 'Wap' } },
      })
      if (r.status >= 300 || typeof r.json.h5_url !== 'string') throw new Error(`WeChat Pay create failed: ${r.status} ${String(r.json.code ?? '')}`)
      return { payUrl: `${r.json.h5_url}&redirect_url=${encodeURIComponent(input.returnUrl)}` }
    },

    async query(payment: PaymentRef): Promise<QueryResult> {
      const r = await call('GET', `/v3/pay/transactions/out-trade-no/${encodeURIComponent(payment.id)}?mchid=${encodeURIComponent(opts.mchId)}`)
      if (r.status === 404) return { status: 'pending', paidFen: 0, providerTradeNo: null }
      if (r.status >= 300) throw new Error(`WeChat Pay query failed: ${r.status} ${String(r.json.code ?? '')}`)
      const t = r.json as Transaction
      const s = tradeStatus(t.trade_state)
      return {
        status: s === 'paid' ? 'paid' : s === 'closed' || s === 'failed' ? 'closed' : 'pending',
        paidFen: s === 'paid' ? t.amount?.total ?? 0 : 0,
        providerTradeNo: t.transaction_id ?? null,
      }
    },

    async refund(input: RefundInput): Promise<RefundResult> {
      const r = await call('POST', '/v3/refund/domestic/refunds', {
        out_trade_no: input.payment.id, out_refund_no: input.refundId,
        amount: { refund: input.amountFen, total: input.payment.amountFen, currency: 'CNY' },
      })
      const reason = `${String(r.json.code ?? r.status)} ${String(r.json.message ?? '')}`.trim()
      // 5xx, 429 and SYSTEM_ERROR/FREQUENCY_LIMITED mean "try again with the same out_refund_no": not a refusal, so the
      // refund stays pending and is asked again under the same id (a new id could refund the money twice).
      if (r.status >= 500 || r.status === 429 || r.json.code === 'SYSTEM_ERROR' || r.json.code === 'FREQUENCY_LIMITED') {
        throw new Error(`WeChat Pay refund not answered: ${reason}`)
      }
      if (r.status >= 300) return { status: 'failed', reason }
      const s = r.json.status
      if (s === 'SUCCESS') return { status: 'succeeded' }
      // ABNORMAL: WeChat could not pay it out (the buyer's card was closed…) and a merchant must act in its console;
      // it did not fail back to us, so it stays pending (and logged by each retry) rather than being sent again.
      if (s === 'PROCESSING' || s === 'ABNORMAL') return { status: 'pending', reason: String(s) }
      return { status: 'failed', reason: String(s) }
    },

    async parseWebhook({ headers, rawBody }: WebhookInput): Promise<WebhookEvent> {
      verifySigned(headers, rawBody)
      let note: { id?: string; event_type?: string; resource?: { algorithm?: string; ciphertext?: string; nonce?: string; associated_data?: string } }
      try {
        note = JSON.parse(rawBody)
      } catch {
        throw new WebhookRejected('malformed', 'Body is not JSON')
      }
      const res = note.resource
      if (!note.id || !res?.ciphertext || !res.nonce) throw new WebhookRejected('malformed', 'id or resource missing')
      if (res.algorithm !== 'AEAD_AES_256_GCM') throw new WebhookRejected('unsupported_algorithm', `resource.algorithm ${res.algorithm}`)
      let plain: string
      try {
        plain = decryptWechatResource(opts.apiV3Key, { ciphertext: res.ciphertext, nonce: res.nonce, associated_data: res.associated_data })
      } catch {
        throw new WebhookRejected('undecryptable', 'resource does not decrypt with the APIv3 key')
      }
      const t = JSON.parse(plain) as Transaction & { mchid?: string }
      if (t.mchid && t.mchid !== opts.mchId) throw new WebhookRejected('wrong_merchant', `Notification for merchant ${t.mchid}`)
      if (!t.out_trade_no) throw new WebhookRejected('malformed', 'out_trade_no missing')
      const isTransaction = !note.event_type || note.event_type.startsWith('TRANSACTION.')
      return {
        eventId: note.id,
        paymentId: t.out_trade_no,
        status: isTransaction ? tradeStatus(t.trade_state) : 'other',
        amountFen: t.amount?.total ?? 0,
        providerTradeNo: t.transaction_id ?? null,
      }
    },

    ack(ok: boolean): Ack {
      return ok
        ? { status: 200, contentType: 'application/json; charset=utf-8', body: JSON.stringify({ code: 'SUCCESS', message: '成功' }) }
        : { status: 500, contentType: 'application/json; charset=utf-8', body: JSON.stringify({ code: 'FAIL', message: '失败' }) }
    },
  }
}
