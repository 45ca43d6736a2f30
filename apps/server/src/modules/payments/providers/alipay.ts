import type { KeyObject } from 'node:crypto'
import { type Clock, systemClock } from '../../../platform/clock.ts'
import { privateKeyOf, publicKeyOf, rsaSign, rsaVerify } from './keys.ts'
import {
  type Ack, type CreateInput, type FetchLike, type PaymentProvider, type PaymentRef, type QueryResult, type RefundInput,
  type RefundResult, type WebhookEvent, type WebhookInput, WebhookRejected, fenToYuan, yuanToFen,
} from './types.ts'

export interface AlipayOptions {
  /** 开放平台应用 APPID */
  appId: string
  /** The application's RSA2 private key (PEM or bare base64, PKCS#8 or PKCS#1). */
  privateKey: string | KeyObject
  /** Alipay's public key (支付宝公钥, PEM or bare base64) that signs notifications and responses. */
  alipayPublicKey: string | KeyObject
  /** Default https://openapi.alipay.com/gateway.do (sandbox: https://openapi-sandbox.dl.alipaydev.com/gateway.do). */
  gateway?: string
  /** For query()/refund(); default globalThis.fetch. */
  fetch?: FetchLike
  clock?: Clock
}

/** 'yyyy-MM-dd HH:mm:ss' in China time, as Alipay wants its timestamp. */
function chinaTime(d: Date): string {
  return new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ')
}

/** The exact text of `"<key>":{…}` in a response, which is what Alipay signs. */
function extractObjectText(json: string, key: string): string | null {
  const start = json.indexOf(`"${key}"`)
  if (start < 0) return null
  const brace = json.indexOf('{', start + key.length + 2)
  if (brace < 0) return null
  let depth = 0
  let inString = false
  for (let i = brace; i < json.length; i++) {
    const c = json[i]
    if (inString) {
      if (c === '\\') i++
      else if (c === '"') inString = false
    } else if (c === '"') inString = true
    else if (c === '{') depth++
    else if (c === '}' && --depth === 0) return json.slice(brace, i + 1)
  }
  return null
}

export function createAlipayProvider(opts: AlipayOptions): PaymentProvider {
  const privateKey = privateKeyOf(opts.privateKey)
  const publicKey = publicKeyOf(opts.alipayPublicKey)
  const gateway = opts.gateway ?? 'https://openapi.alipay.com/gateway.do'
  const clock = opts.clock ?? systemClock
  const doFetch: FetchLike = opts.fetch ?? ((url, init) => fetch(url, init))

  function signedParams(method: string, biz: Record<string, unknown>, extra: Record<string, string> = {}) {
    const params: Record<string, string> = {
      app_id: opts.appId, method, format: 'JSON', charset: 'utf-8', sign_type: 'RSA2', timestamp: chinaTime(clock.now()),
      version: '1.0', ...extra, biz_content: JSON.stringify(biz),
    }
    // Requests are signed over the non-empty parameters, sign_type included.
    const content = Object.keys(params).filter((k) => params[k] !== '').sort().map((k) => `${k}=${params[k]}`).join('&')
    params.sign = rsaSign(content, privateKey)
    return params
  }

  const encode = (params: Record<string, string>) =>
    Object.entries(params).map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&')

  async function call(method: string, biz: Record<string, unknown>): Promise<Record<string, unknown>> {
    const res = await doFetch(`${gateway}?charset=utf-8`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded;charset=utf-8' },
      body: encode(signedParams(method, biz)),
    })
    const text = await res.text()
    const key = method.replace(/\./g, '_') + '_response'
    const signed = extractObjectText(text, key)
    const parsed = JSON.parse(text) as Record<string, unknown>
    if (!signed) throw new Error(`Alipay ${method}: no ${key} in the response`)
    const body = parsed[key] as Record<string, unknown>
    // Errors about the request itself (e.g. a bad app id) come back unsigned; everything else must verify.
    if (typeof parsed.sign === 'string') {
      if (!rsaVerify(signed, parsed.sign, publicKey)) throw new Error(`Alipay ${method}: response signature does not verify`)
    } else if (body.code === '10000') {
      throw new Error(`Alipay ${method}: unsigned success response`)
    }
    return body
  }

  return {
    name: 'alipay',

    async create(input: CreateInput) {
      const params = signedParams('alipay.trade.wap.pay', {
        out_trade_no: input.paymentId, total_amount: fenToYuan(input.amountFen), subject: input.subject.slice(0, 256),
        product_code: 'QUICK_WAP_WAY', quit_url: input.returnUrl,
      }, { notify_url: input.notifyUrl, return_url: input.returnUrl })
      return { payUrl: `${gateway}?${encode(params)}` }
    },

    async query(payment: PaymentRef): Promise<QueryResult> {
      const r = await call('alipay.trade.query', { out_trade_no: payment.id })
      if (r.code !== '10000') {
        // The trade exists only once the buyer has opened the cashier page.
        if (r.sub_code === 'ACQ.TRADE_NOT_EXIST') return { status: 'pending', paidFen: 0, providerTradeNo: null }
        throw new Error(`Alipay query failed: ${String(r.sub_code ?? r.code)} ${String(r.sub_msg ?? r.msg ?? '')}`)
      }
      const tradeNo = typeof r.trade_no === 'string' ? r.trade_no : null
      const paid = r.trade_status === 'TRADE_SUCCESS' || r.trade_status === 'TRADE_FINISHED'
      if (paid) return { status: 'paid', paidFen: yuanToFen(String(r.total_amount)) ?? 0, providerTradeNo: tradeNo }
      return { status: r.trade_status === 'TRADE_CLOSED' ? 'closed' : 'pending', paidFen: 0, providerTradeNo: tradeNo }
    },

    async refund(input: RefundInput): Promise<RefundResult> {
      const r = await call('alipay.trade.refund', {
        out_trade_no: input.payment.id, refund_amount: fenToYuan(input.amountFen), out_request_no: input.refundId,
      })
      // 10000 with fund_change N is a repeat of an accepted out_request_no: already refunded.
      if (r.code === '10000') return { status: 'succeeded' }
      const reason = `${String(r.sub_code ?? r.code)} ${String(r.sub_msg ?? r.msg ?? '')}`.trim()
      // "Service unavailable" and system errors mean "call again with the same out_request_no": not a refusal, so the
      // refund stays pending and is asked again under the same id (a new id could refund the money twice).
      if (r.code === '20000' || r.sub_code === 'ACQ.SYSTEM_ERROR' || String(r.sub_code ?? '').startsWith('isp.')) {
        throw new Error(`Alipay refund not answered: ${reason}`)
      }
      return { status: 'failed', reason }
    },

    async parseWebhook({ rawBody }: WebhookInput): Promise<WebhookEvent> {
      const form = new URLSearchParams(rawBody)
      const params: Record<string, string> = {}
      for (const [k, v] of form) params[k] = v
      const sign = params.sign
      if (!sign) throw new WebhookRejected('missing_signature', 'No sign parameter')
      if (params.sign_type && params.sign_type !== 'RSA2') throw new WebhookRejected('unsupported_sign_type', `sign_type ${params.sign_type}`)
      // Notifications are verified over every parameter except sign and sign_type, as received.
      const content = Object.keys(params).filter((k) => k !== 'sign' && k !== 'sign_type').sort().map((k) => `${k}=${params[k]}`).join('&')
      if (!rsaVerify(content, sign, publicKey)) throw new WebhookRejected('bad_signature', 'Alipay signature does not verify')
      if (params.app_id !== opts.appId) throw new WebhookRejected('wrong_app', `Notification for app ${params.app_id ?? '?'}`)
      const eventId = params.notify_id
      const paymentId = params.out_trade_no
      const amountFen = params.total_amount === undefined ? null : yuanToFen(params.total_amount)
      if (!eventId || !paymentId || amountFen === null) throw new WebhookRejected('malformed', 'notify_id, out_trade_no or total_amount missing')
      const ts = params.trade_status
      const status: WebhookEvent['status'] = ts === 'TRADE_SUCCESS' || ts === 'TRADE_FINISHED' ? 'paid'
        : ts === 'TRADE_CLOSED' ? 'closed' : ts === 'WAIT_BUYER_PAY' ? 'pending' : 'other'
      return { eventId, paymentId, status, amountFen, providerTradeNo: params.trade_no ?? null }
    },

    ack(ok: boolean): Ack {
      return { status: 200, contentType: 'text/plain; charset=utf-8', body: ok ? 'success' : 'failure' }
    },
  }
}
