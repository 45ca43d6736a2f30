import { createVerify } from 'node:crypto'
import Fastify from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { openTestDb } from '../../../test/helpers/db.ts'
import type { Actor } from '../../platform/auth/actor.ts'
import { systemClock } from '../../platform/clock.ts'
import type { DbHandle } from '../../platform/db/client.ts'
import { installErrorHandler } from '../../platform/http/error-handler.ts'
import { installValidators } from '../../platform/http/validation.ts'
import { newId } from '../../platform/ids.ts'
import { eq } from 'drizzle-orm'
import { paymentSandboxTrades } from './tables.ts'
import { createAlipayProvider } from './providers/alipay.ts'
import { createSandboxProvider } from './providers/sandbox.ts'
import type { FetchLike, PaymentProvider } from './providers/types.ts'
import { createWechatPayProvider } from './providers/wechat.ts'
import { paymentsRoutes } from './routes.ts'
import { createPaymentsService, type PaymentsService } from './service.ts'
import {
  ALIPAY_APP_ID, WECHAT_APIV3_KEY, WECHAT_MCH_ID, WECHAT_SERIAL, alipayNotification, rsaPair, wechatNotification, wechatSignedResponse,
} from './test-fixtures.ts'

const PUBLIC_URL = 'https://hotland.test'
const alipayKeys = rsaPair() // Alipay's key pair (we hold the public half)
const appKeys = rsaPair() // our application's key pair for Alipay
const wechatPlatform = rsaPair()
const wechatMerchant = rsaPair()
const forger = rsaPair()

interface LogLine { level: 'info' | 'warn' | 'error'; obj: Record<string, unknown>; msg: string }
const logLines: LogLine[] = []
const log = {
  info: (obj: object, msg: string) => void logLines.push({ level: 'info', obj: obj as Record<string, unknown>, msg }),
  warn: (obj: object, msg: string) => void logLines.push({ level: 'warn', obj: obj as Record<string, unknown>, msg }),
  error: (obj: object, msg: string) => void logLines.push({ level: 'error', obj: obj as Record<string, unknown>, msg }),
}

/** The orders module, faked: checkouts with a total, recording every markPaid. */
const checkouts = new Map<string, { buyerId: string; totalFen: number; payable: boolean }>()
const markPaidCalls: Array<{ checkoutId: string; amountFen: number; paymentId: string }> = []
/** Checkouts that refuse any payment (as one cancelled meanwhile would). */
const refusing = new Set<string>()
let failMarkPaid = 0
const refundSettledCalls: Array<{ orderId: string; refundId: string; amountFen: number; status: 'succeeded' | 'failed'; reason: string | null }> = []
let failRefundSettled = 0
const fakeCheckouts = {
  async forPayment(checkoutId: string, buyerId: string) {
    const c = checkouts.get(checkoutId)
    if (!c || c.buyerId !== buyerId) return null
    return { totalFen: c.totalFen, subject: '花牛苹果 5kg（测试）', payable: c.payable }
  },
  async markPaid(checkoutId: string, amountFen: number, paymentId: string) {
    if (failMarkPaid > 0) {
      failMarkPaid--
      throw new Error('orders database hiccup')
    }
    if (refusing.has(checkoutId)) return false
    markPaidCalls.push({ checkoutId, amountFen, paymentId })
    return true
  },
  async refundSettled(input: { orderId: string; refundId: string; amountFen: number; status: 'succeeded' | 'failed'; reason: string | null }) {
    if (failRefundSettled > 0) {
      failRefundSettled--
      throw new Error('orders database hiccup')
    }
    refundSettledCalls.push(input)
  },
}

const wechatFetch: FetchLike = async (url) => {
  if (url.endsWith('/v3/pay/transactions/h5')) return wechatSignedResponse(wechatPlatform.privateKey, 200, { h5_url: 'https://wx.tenpay.com/cgi-bin/mmpayweb-bin/checkmweb?prepay_id=wx1&package=1' })
  return wechatSignedResponse(wechatPlatform.privateKey, 404, { code: 'ORDER_NOT_EXIST', message: '订单不存在' })
}

let h: DbHandle
let payments: PaymentsService
let providers: Record<string, PaymentProvider>
const app = Fastify({ logger: false }).withTypeProvider<TypeBoxTypeProvider>()

beforeAll(async () => {
  h = await openTestDb()
  providers = {
    sandbox: createSandboxProvider({ db: h.db, baseUrl: `${PUBLIC_URL}/api/payments` }),
    alipay: createAlipayProvider({ appId: ALIPAY_APP_ID, privateKey: appKeys.privatePem, alipayPublicKey: alipayKeys.publicPem, gateway: 'https://openapi-sandbox.dl.alipaydev.com/gateway.do' }),
    wechat: createWechatPayProvider({
      mchId: WECHAT_MCH_ID, appId: 'wxd678efh567hg6787', merchantPrivateKey: wechatMerchant.privatePem, merchantSerialNo: '5157F09EFDC096DE15EBE81A47057A7232F1B8E1',
      apiV3Key: WECHAT_APIV3_KEY, platformPublicKey: wechatPlatform.publicPem, platformSerial: WECHAT_SERIAL, fetch: wechatFetch,
    }),
  }
  payments = createPaymentsService({ db: h.db, clock: systemClock, log, publicUrl: PUBLIC_URL, providers, checkouts: fakeCheckouts })
  installErrorHandler(app)
  installValidators(app)
  app.decorateRequest('actor', null)
  app.addHook('onRequest', async (req) => {
    const id = req.headers['x-test-actor']
    req.actor = typeof id === 'string' ? ({ id, roles: ['buyer'], displayName: 'buyer' } satisfies Actor) : null
  })
  await app.register(paymentsRoutes, { prefix: '/api/payments', payments })
  await app.ready()
})
afterAll(async () => {
  await app.close()
  await h?.close()
})

function newCheckout(totalFen = 5980) {
  const buyerId = newId('usr')
  const checkoutId = newId('chk')
  checkouts.set(checkoutId, { buyerId, totalFen, payable: true })
  return { buyerId, checkoutId, headers: { 'x-test-actor': buyerId } }
}

async function pay(provider: 'sandbox' | 'alipay' | 'wechat', totalFen = 5980) {
  const c = newCheckout(totalFen)
  const res = await app.inject({ method: 'POST', url: '/api/payments', headers: c.headers, payload: { checkoutId: c.checkoutId, provider } })
  expect(res.statusCode, res.body).toBe(201)
  return { ...c, payment: res.json() as { id: string; status: string; payUrl: string; amountFen: number } }
}

const paidCallsFor = (checkoutId: string) => markPaidCalls.filter((m) => m.checkoutId === checkoutId)
const statusOf = async (id: string, headers: Record<string, string>) => (await app.inject({ method: 'GET', url: `/api/payments/${id}`, headers })).json().status
const postAlipay = (body: string) => app.inject({ method: 'POST', url: '/api/payments/webhooks/alipay', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: body })
const postWechat = (n: { body: string; headers: Record<string, string> }) => app.inject({ method: 'POST', url: '/api/payments/webhooks/wechat', headers: n.headers, payload: n.body })

describe('creating a payment', () => {
  it('creates a pending sandbox payment for the buyer\'s own checkout and reuses it on a second tap', async () => {
    const { checkoutId, headers, payment } = await pay('sandbox')
    expect(payment).toMatchObject({ status: 'pending', amountFen: 5980, payUrl: `${PUBLIC_URL}/api/payments/sandbox/${payment.id}/page` })
    const again = await app.inject({ method: 'POST', url: '/api/payments', headers, payload: { checkoutId, provider: 'sandbox' } })
    expect(again.json().id).toBe(payment.id)
  })

  it('refuses a stranger\'s checkout, anonymous callers and unconfigured providers', async () => {
    const { checkoutId } = newCheckout()
    const stranger = await app.inject({ method: 'POST', url: '/api/payments', headers: { 'x-test-actor': newId('usr') }, payload: { checkoutId } })
    expect(stranger.statusCode).toBe(404)
    expect((await app.inject({ method: 'POST', url: '/api/payments', payload: { checkoutId } })).statusCode).toBe(401)
    const c = newCheckout()
    checkouts.get(c.checkoutId)!.payable = false
    const closed = await app.inject({ method: 'POST', url: '/api/payments', headers: c.headers, payload: { checkoutId: c.checkoutId } })
    expect(closed.statusCode).toBe(409)
    expect(closed.json().error.code).toBe('PAYMENTS_NOT_PAYABLE')
  })

  it('builds a signed alipay.trade.wap.pay URL that verifies with the app public key', async () => {
    const { payment } = await pay('alipay', 1234)
    const url = new URL(payment.payUrl)
    const params = Object.fromEntries(url.searchParams)
    expect(params).toMatchObject({ method: 'alipay.trade.wap.pay', app_id: ALIPAY_APP_ID, sign_type: 'RSA2', notify_url: `${PUBLIC_URL}/api/payments/webhooks/alipay` })
    expect(JSON.parse(params.biz_content!)).toMatchObject({ out_trade_no: payment.id, total_amount: '12.34', product_code: 'QUICK_WAP_WAY' })
    const { sign, ...rest } = params
    const content = Object.keys(rest).sort().map((k) => `${k}=${rest[k]}`).join('&')
    expect(createVerify('RSA-SHA256').update(content).verify(appKeys.publicKey, sign!, 'base64')).toBe(true)
  })

  it('gets a WeChat H5 URL through a signed API call and hides payments from other users', async () => {
    const { payment, headers } = await pay('wechat')
    expect(payment.payUrl).toContain('https://wx.tenpay.com/')
    expect(payment.payUrl).toContain('redirect_url=')
    expect((await app.inject({ method: 'GET', url: `/api/payments/${payment.id}`, headers })).statusCode).toBe(200)
    expect((await app.inject({ method: 'GET', url: `/api/payments/${payment.id}`, headers: { 'x-test-actor': newId('usr') } })).statusCode).toBe(404)
  })
})

describe('Alipay notifications', () => {
  it('captures a valid notification once, answers `success`, and tells the checkout once across retries', async () => {
    const { payment, checkoutId, headers } = await pay('alipay')
    const body = alipayNotification(alipayKeys.privateKey, { paymentId: payment.id, amountYuan: '59.80' })
    const first = await postAlipay(body)
    expect(first.statusCode).toBe(200)
    expect(first.body).toBe('success')
    expect(first.headers['content-type']).toMatch(/^text\/plain/)
    // Alipay retries the same notification (same notify_id) until it sees `success`; a replay looks the same.
    for (let i = 0; i < 3; i++) expect((await postAlipay(body)).body).toBe('success')
    expect(await statusOf(payment.id, headers)).toBe('paid')
    expect(paidCallsFor(checkoutId)).toEqual([{ checkoutId, amountFen: 5980, paymentId: payment.id }])
    const inbox = await payments.webhooksOf(payment.id)
    expect(inbox).toHaveLength(1)
    expect(inbox[0]).toMatchObject({ verified: true, outcome: 'captured' })
  })

  it('rejects a forged notification with 401, logs it, and captures nothing', async () => {
    const { payment, checkoutId, headers } = await pay('alipay')
    const forged = alipayNotification(forger.privateKey, { paymentId: payment.id, amountYuan: '59.80', notifyId: 'forged-1' })
    const res = await postAlipay(forged)
    expect(res.statusCode).toBe(401)
    expect(res.json().error.code).toBe('PAYMENTS_BAD_SIGNATURE')
    // A genuine notification tampered with after signing fails the same way.
    const tampered = alipayNotification(alipayKeys.privateKey, { paymentId: payment.id, amountYuan: '0.01' }).replace('total_amount=0.01', 'total_amount=59.80')
    expect((await postAlipay(tampered)).statusCode).toBe(401)
    expect(await statusOf(payment.id, headers)).toBe('pending')
    expect(paidCallsFor(checkoutId)).toHaveLength(0)
    expect(logLines.some((l) => l.level === 'warn' && l.msg === 'payment webhook rejected' && l.obj.reason === 'bad_signature')).toBe(true)
    const rejected = await payments.rejectedWebhooks('alipay')
    expect(rejected.filter((r) => r.rawBody.includes(payment.id))).toHaveLength(2)
    expect(rejected[0]).toMatchObject({ verified: false, eventId: null, outcome: 'rejected' })
  })

  it('does not capture a notification whose amount differs from the payment', async () => {
    const { payment, checkoutId, headers } = await pay('alipay')
    const res = await postAlipay(alipayNotification(alipayKeys.privateKey, { paymentId: payment.id, amountYuan: '0.01' }))
    expect(res.body).toBe('success')
    expect(await statusOf(payment.id, headers)).toBe('pending')
    expect(paidCallsFor(checkoutId)).toHaveLength(0)
    expect((await payments.webhooksOf(payment.id))[0]).toMatchObject({ outcome: 'amount_mismatch', amountFen: 1 })
    expect(logLines.some((l) => l.level === 'warn' && l.obj.paymentId === payment.id && l.obj.outcome === 'amount_mismatch')).toBe(true)
  })

  it('captures once when paid arrives after closed, and a late paid after a refund changes nothing', async () => {
    const { payment, checkoutId, headers } = await pay('alipay')
    await postAlipay(alipayNotification(alipayKeys.privateKey, { paymentId: payment.id, amountYuan: '59.80', tradeStatus: 'TRADE_CLOSED' }))
    expect(await statusOf(payment.id, headers)).toBe('closed')
    await postAlipay(alipayNotification(alipayKeys.privateKey, { paymentId: payment.id, amountYuan: '59.80' }))
    expect(await statusOf(payment.id, headers)).toBe('paid')
    expect(paidCallsFor(checkoutId)).toHaveLength(1)
    // Refund it in full (the fake gateway accepts), then a late TRADE_SUCCESS with a new notify_id arrives.
    providers.alipay = { ...providers.alipay!, refund: async () => ({ status: 'succeeded' }) }
    try {
      const r = await payments.refund({ checkoutId, orderId: newId('ord'), amountFen: 5980 })
      expect(r.status).toBe('succeeded')
    } finally {
      providers.alipay = createAlipayProvider({ appId: ALIPAY_APP_ID, privateKey: appKeys.privatePem, alipayPublicKey: alipayKeys.publicPem })
    }
    const late = await postAlipay(alipayNotification(alipayKeys.privateKey, { paymentId: payment.id, amountYuan: '59.80' }))
    expect(late.body).toBe('success')
    expect(await statusOf(payment.id, headers)).toBe('refunded')
    expect(paidCallsFor(checkoutId)).toHaveLength(1)
    expect((await payments.webhooksOf(payment.id)).map((w) => w.outcome)).toEqual(['closed', 'captured', 'already_captured'])
  })

  it('captures once when many copies of a notification arrive at the same moment', async () => {
    const { payment, checkoutId, headers } = await pay('alipay')
    const body = alipayNotification(alipayKeys.privateKey, { paymentId: payment.id, amountYuan: '59.80' })
    const other = alipayNotification(alipayKeys.privateKey, { paymentId: payment.id, amountYuan: '59.80' }) // a second notify_id
    const results = await Promise.all([...Array(10).fill(body), ...Array(10).fill(other)].map((b) => postAlipay(b)))
    expect(results.every((r) => r.body === 'success')).toBe(true)
    expect(await statusOf(payment.id, headers)).toBe('paid')
    expect(paidCallsFor(checkoutId)).toHaveLength(1)
    expect((await payments.webhooksOf(payment.id)).map((w) => w.outcome).sort()).toEqual(['already_captured', 'captured'])
  })

  it('keeps asking the provider to retry until the checkout has been told', async () => {
    const { payment, checkoutId } = await pay('alipay')
    const body = alipayNotification(alipayKeys.privateKey, { paymentId: payment.id, amountYuan: '59.80' })
    failMarkPaid = 1
    expect((await postAlipay(body)).body).toBe('failure')
    expect(paidCallsFor(checkoutId)).toHaveLength(0)
    expect((await postAlipay(body)).body).toBe('success') // the retry: a duplicate, which finishes the job
    expect((await postAlipay(body)).body).toBe('success')
    expect(paidCallsFor(checkoutId)).toHaveLength(1)
  })
})

describe('WeChat Pay v3 notifications', () => {
  it('verifies the headers, decrypts the resource, captures once and answers SUCCESS', async () => {
    const { payment, checkoutId, headers } = await pay('wechat')
    const n = wechatNotification(wechatPlatform.privateKey, { paymentId: payment.id, totalFen: 5980 })
    const res = await postWechat(n)
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({ code: 'SUCCESS', message: '成功' })
    expect((await postWechat(n)).statusCode).toBe(200)
    expect(await statusOf(payment.id, headers)).toBe('paid')
    expect(paidCallsFor(checkoutId)).toHaveLength(1)
  })

  it('rejects a stale timestamp, a forged signature, an unknown serial and a resource sealed with another key', async () => {
    const { payment, checkoutId, headers } = await pay('wechat')
    const now = Math.floor(Date.now() / 1000)
    const cases = [
      wechatNotification(wechatPlatform.privateKey, { paymentId: payment.id, totalFen: 5980, timestamp: now - 6 * 60 }),
      wechatNotification(forger.privateKey, { paymentId: payment.id, totalFen: 5980 }),
      wechatNotification(wechatPlatform.privateKey, { paymentId: payment.id, totalFen: 5980, serial: 'PUB_KEY_ID_SOMEONE_ELSE' }),
      wechatNotification(wechatPlatform.privateKey, { paymentId: payment.id, totalFen: 5980, apiV3Key: 'x'.repeat(32) }),
    ]
    for (const n of cases) {
      const res = await postWechat(n)
      expect(res.statusCode).toBe(401)
      expect(res.json().error.code).toBe('PAYMENTS_BAD_SIGNATURE')
    }
    const reasons = (await payments.rejectedWebhooks('wechat')).filter((w) => w.rawBody).map((w) => w.reason!.split(':')[0])
    expect(reasons).toEqual(expect.arrayContaining(['stale', 'bad_signature', 'unknown_serial', 'undecryptable']))
    expect(await statusOf(payment.id, headers)).toBe('pending')
    expect(paidCallsFor(checkoutId)).toHaveLength(0)
  })

  it('answers 404 for an unknown provider', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/payments/webhooks/paypal', headers: { 'content-type': 'application/json' }, payload: '{}' })
    expect(res.statusCode).toBe(404)
  })
})

describe('the sandbox', () => {
  it('serves a phone-sized zh-CN pay page with big confirm and fail buttons', async () => {
    const { payment } = await pay('sandbox', 12345)
    const res = await app.inject({ method: 'GET', url: `/api/payments/sandbox/${payment.id}/page` })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toMatch(/^text\/html/)
    expect(res.body).toContain('lang="zh-CN"')
    expect(res.body).toContain('确认支付')
    expect(res.body).toContain('模拟失败')
    expect(res.body).toContain('¥123.45')
    // 返回商城 before paying tells the shop's page the payment was not made
    expect(res.body).toMatch(/href="[^"]*\/orders\?checkout=chk_\w+&amp;result=unpaid"/)
  })

  it('speaks English when asked by ?lang= or by a browser that prefers English, Chinese otherwise', async () => {
    const { payment } = await pay('sandbox', 12345)
    const page = (query = '', acceptLanguage?: string) => app.inject({ method: 'GET', url: `/api/payments/sandbox/${payment.id}/page${query}`, headers: acceptLanguage ? { 'accept-language': acceptLanguage } : {} })
    const en = await page('?lang=en-US')
    expect(en.body).toContain('lang="en-US"')
    expect(en.body).toContain('Pay now')
    expect(en.body).toContain('Simulate failure')
    expect(en.body).not.toMatch(/确认支付|模拟失败|返回商城/)
    expect((await page('', 'en-GB,en;q=0.9')).body).toContain('Pay now')
    expect((await page('', 'zh-CN,zh;q=0.9,en;q=0.8')).body).toContain('确认支付')
    expect((await page('', 'ja,en;q=0.9')).body).toContain('Pay now')
    expect((await page('?lang=zh-CN', 'en-US')).body).toContain('确认支付')
    expect((await page('?lang=fr')).json().error).toMatchObject({ field: 'querystring.lang' })
  })

  it('sends the buyer back with result=declined after a simulated failure, so the shop can say so at once', async () => {
    const { payment } = await pay('sandbox', 12345)
    const html = (await app.inject({ method: 'GET', url: `/api/payments/sandbox/${payment.id}/page` })).body
    const script = html.slice(html.indexOf('<script>') + 8, html.indexOf('</script>'))
    // Run the page's own script against stand-ins for the DOM and fetch, press 模拟失败, and see where it goes.
    const elements: Record<string, { checked?: boolean; value?: string; disabled?: boolean; textContent?: string; href?: string; onclick?: () => void; getAttribute?: (n: string) => string }> = {
      duplicate: { checked: false }, delay: { value: '0' }, msg: {}, pay: {}, decline: {}, back: { getAttribute: () => html.match(/id="back" href="([^"]*)"/)![1]! },
    }
    const location = { href: '', hostname: 'hotland.test', origin: 'https://hotland.test' }
    const posted: unknown[] = []
    const fetch = async (_url: string, init: { body: string }) => { posted.push(JSON.parse(init.body)); return { ok: true, json: async () => ({}) } }
    const document = { getElementById: (id: string) => elements[id], querySelectorAll: () => [elements.pay, elements.decline] }
    let later: (() => void) | undefined
    new Function('document', 'fetch', 'location', 'setTimeout', script)(document, fetch, location, (f: () => void) => { later = f })
    elements.decline!.onclick!()
    await new Promise((r) => setTimeout(r, 10))
    expect(posted).toEqual([{ outcome: 'decline', duplicate: false }])
    expect(elements.back!.href).toMatch(/&result=declined$/) // 返回商城 during the pause says declined, not unpaid
    later!()
    expect(location.href).toMatch(/\/orders\?checkout=chk_\w+&result=declined$/)
  })

  it('pays through a signed webhook sent to our webhook URL over HTTP', async () => {
    const { payment, checkoutId, headers } = await pay('sandbox')
    const res = await app.inject({ method: 'POST', url: `/api/payments/sandbox/${payment.id}/complete`, headers, payload: { outcome: 'pay' } })
    expect(res.statusCode, res.body).toBe(202)
    expect(res.json()).toMatchObject({ notifications: 1, delayed: false })
    expect(await statusOf(payment.id, headers)).toBe('paid')
    expect(paidCallsFor(checkoutId)).toHaveLength(1)
    const [w] = await payments.webhooksOf(payment.id)
    expect(w).toMatchObject({ verified: true, outcome: 'captured' })
    expect(w!.headers['x-sandbox-signature']).toBeTruthy()
    // Only the buyer may press the buttons.
    expect((await app.inject({ method: 'POST', url: `/api/payments/sandbox/${payment.id}/complete`, headers: { 'x-test-actor': newId('usr') }, payload: { outcome: 'pay' } })).statusCode).toBe(404)
  })

  it('declines: the payment fails, nothing is captured', async () => {
    const { payment, checkoutId, headers } = await pay('sandbox')
    await app.inject({ method: 'POST', url: `/api/payments/sandbox/${payment.id}/complete`, headers, payload: { outcome: 'decline' } })
    expect(await statusOf(payment.id, headers)).toBe('failed')
    expect(paidCallsFor(checkoutId)).toHaveLength(0)
  })

  it('duplicate: the same notification arrives twice, is stored once and captured once', async () => {
    const { payment, checkoutId, headers } = await pay('sandbox')
    const res = await app.inject({ method: 'POST', url: `/api/payments/sandbox/${payment.id}/complete`, headers, payload: { outcome: 'pay', duplicate: true } })
    expect(res.json().notifications).toBe(2)
    expect(paidCallsFor(checkoutId)).toHaveLength(1)
    expect(await payments.webhooksOf(payment.id)).toHaveLength(1)
    expect(logLines.filter((l) => l.obj.paymentId === payment.id && l.obj.outcome === 'duplicate')).toHaveLength(1)
  })

  it('delay: the payment stays pending until the notification arrives', async () => {
    const { payment, checkoutId, headers } = await pay('sandbox')
    const res = await app.inject({ method: 'POST', url: `/api/payments/sandbox/${payment.id}/complete`, headers, payload: { outcome: 'pay', delayMs: 300 } })
    expect(res.json()).toMatchObject({ delayed: true })
    expect(await statusOf(payment.id, headers)).toBe('pending')
    await expect.poll(() => paidCallsFor(checkoutId).length, { timeout: 5000 }).toBe(1)
    expect(await statusOf(payment.id, headers)).toBe('paid')
  })
})

describe('reconciliation', () => {
  it('refunds a payment its checkout refused in full, and tries again until the provider accepts the refund', async () => {
    const { payment, checkoutId, headers } = await pay('sandbox')
    refusing.add(checkoutId)
    const sandbox = providers.sandbox!
    const realRefund = sandbox.refund.bind(sandbox)
    sandbox.refund = async () => ({ status: 'failed', reason: 'merchant balance too low' })
    try {
      await (await payments.sandbox.complete(payment.id, { outcome: 'pay' })).done
      expect(await statusOf(payment.id, headers)).toBe('paid') // captured, refund refused: not forgotten
      expect((await payments.reconcilePending(0)).notified).toBe(0)
    } finally {
      sandbox.refund = realRefund
    }
    expect((await payments.reconcilePending(0)).notified).toBe(1)
    expect(await statusOf(payment.id, headers)).toBe('refunded')
    expect((await payments.refundsOf(payment.id)).map((r) => [r.status, r.orderId, r.amountFen])).toEqual([['failed', null, 5980], ['failed', null, 5980], ['succeeded', null, 5980]])
    expect(paidCallsFor(checkoutId)).toHaveLength(0)
  })

  it('captures a payment whose webhook never arrived, once', async () => {
    const { payment, checkoutId, headers } = await pay('sandbox')
    // The sandbox settles the trade, but the notification is lost on the way.
    const lost = await payments.sandbox.complete(payment.id, { outcome: 'pay' }, async () => {})
    await lost.done
    expect(await statusOf(payment.id, headers)).toBe('pending')
    const summary = await payments.reconcilePending(0)
    expect(summary.captured).toBeGreaterThanOrEqual(1)
    expect(await statusOf(payment.id, headers)).toBe('paid')
    expect(paidCallsFor(checkoutId)).toHaveLength(1)
    await payments.reconcilePending(0)
    // The webhook finally turns up late: still one capture.
    const late = await payments.sandbox.complete(payment.id, { outcome: 'pay' })
    await late.done
    expect(paidCallsFor(checkoutId)).toHaveLength(1)
    expect((await payments.webhooksOf(payment.id)).map((w) => w.outcome)).toEqual(['captured', 'already_captured'])
  })

  it('finds money paid at the provider on a payment we retired when its checkout\'s amount changed, and sends it back', async () => {
    const { payment: old, checkoutId, headers } = await pay('sandbox', 9780)
    checkouts.get(checkoutId)!.totalFen = 5980 // one order of the checkout was cancelled: less is due
    const fresh = await app.inject({ method: 'POST', url: '/api/payments', headers, payload: { checkoutId, provider: 'sandbox' } })
    expect(fresh.json()).toMatchObject({ amountFen: 5980 })
    expect(await statusOf(old.id, headers)).toBe('closed')
    // The buyer still had the old cashier open and paid there; that webhook is lost.
    refusing.add(checkoutId)
    await (await payments.sandbox.complete(old.id, { outcome: 'pay' }, async () => {})).done
    const summary = await payments.reconcilePending(0)
    expect(summary.captured).toBeGreaterThanOrEqual(1)
    expect(await statusOf(old.id, headers)).toBe('refunded')
  })

  it('leaves payments younger than the threshold alone and closes those the provider closed', async () => {
    const young = await pay('sandbox')
    await (await payments.sandbox.complete(young.payment.id, { outcome: 'pay' }, async () => {})).done
    await payments.reconcilePending(60 * 60_000)
    expect(await statusOf(young.payment.id, young.headers)).toBe('pending')
    const declined = await pay('sandbox')
    await (await payments.sandbox.complete(declined.payment.id, { outcome: 'decline' }, async () => {})).done
    await payments.reconcilePending(0)
    expect(await statusOf(declined.payment.id, declined.headers)).toBe('closed')
  })
})

describe('refunds', () => {
  it('allows partial refunds but never more than was paid', async () => {
    const { payment, checkoutId, headers } = await pay('sandbox', 1000)
    await payments.sandbox.complete(payment.id, { outcome: 'pay' })
    const orderId = newId('ord')
    expect((await payments.refund({ checkoutId, orderId, amountFen: 300 })).status).toBe('succeeded')
    expect(await statusOf(payment.id, headers)).toBe('partially_refunded')
    await expect(payments.refund({ checkoutId, orderId, amountFen: 701 })).rejects.toMatchObject({ code: 'ORDERS_REFUND_TOO_LARGE' })
    // Racing refunds: only what is left can go out.
    const results = await Promise.allSettled([1, 2, 3, 4].map(() => payments.refund({ checkoutId, orderId, amountFen: 300 })))
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(2)
    const refunds = await payments.refundsOf(payment.id)
    expect(refunds.filter((r) => r.status === 'succeeded').reduce((s, r) => s + r.amountFen, 0)).toBe(900)
    expect((await payments.refund({ checkoutId, orderId, amountFen: 100 })).status).toBe('succeeded')
    expect(await statusOf(payment.id, headers)).toBe('refunded')
    await expect(payments.refund({ checkoutId, orderId, amountFen: 1 })).rejects.toMatchObject({ code: 'ORDERS_REFUND_TOO_LARGE' })
  })

  it('returns the first refund for a repeated idempotency key, and refuses unpaid checkouts', async () => {
    const { payment, checkoutId } = await pay('sandbox', 1000)
    await expect(payments.refund({ checkoutId, orderId: newId('ord'), amountFen: 100 })).rejects.toMatchObject({ code: 'PAYMENTS_NOT_FOUND' })
    await payments.sandbox.complete(payment.id, { outcome: 'pay' })
    const orderId = newId('ord')
    const a = await payments.refund({ checkoutId, orderId, amountFen: 400, idempotencyKey: 'claim-1' })
    const b = await payments.refund({ checkoutId, orderId, amountFen: 400, idempotencyKey: 'claim-1' })
    expect(b.id).toBe(a.id)
    expect(await payments.refundsOf(payment.id)).toHaveLength(1)
  })

  it('asks again, under the same refund id, for a refund whose answer was lost, and the money goes out once', async () => {
    const { payment, checkoutId, headers } = await pay('sandbox', 1000)
    await payments.sandbox.complete(payment.id, { outcome: 'pay' })
    const real = providers.sandbox!
    // The provider refunds, but its answer is lost on the way back.
    providers.sandbox = Object.assign(Object.create(real), { refund: async (input: Parameters<PaymentProvider['refund']>[0]) => { await real.refund(input); throw new Error('socket hang up') } })
    try {
      expect((await payments.refund({ checkoutId, orderId: newId('ord'), amountFen: 600 })).status).toBe('pending')
    } finally {
      providers.sandbox = real
    }
    expect((await payments.reconcilePending(60 * 60_000)).refundsSucceeded).toBe(0) // too young to ask again
    expect((await payments.reconcilePending(0)).refundsSucceeded).toBe(1)
    expect((await payments.reconcilePending(0)).refundsSucceeded).toBe(0)
    expect((await payments.refundsOf(payment.id)).map((r) => [r.status, r.amountFen])).toEqual([['succeeded', 600]])
    const [trade] = await h.db.select().from(paymentSandboxTrades).where(eq(paymentSandboxTrades.paymentId, payment.id))
    expect(trade!.refundedFen).toBe(600)
    expect(await statusOf(payment.id, headers)).toBe('partially_refunded')
  })

  it('gives back a refund the provider refused when asked again, and tells the order it was not refunded', async () => {
    const { payment, checkoutId, headers } = await pay('sandbox', 1000)
    await payments.sandbox.complete(payment.id, { outcome: 'pay' })
    const real = providers.sandbox!
    const orderId = newId('ord')
    providers.sandbox = Object.assign(Object.create(real), { refund: async () => { throw new Error('gateway timeout') } })
    try {
      expect((await payments.refund({ checkoutId, orderId, amountFen: 1000, idempotencyKey: `cancel-${orderId}-0` })).status).toBe('pending')
      providers.sandbox = Object.assign(Object.create(real), { refund: async () => ({ status: 'failed', reason: 'trade closed' }) })
      expect((await payments.reconcilePending(0)).refundsFailed).toBe(1)
    } finally {
      providers.sandbox = real
    }
    expect(refundSettledCalls).toContainEqual(expect.objectContaining({ orderId, amountFen: 1000, status: 'failed', reason: 'trade closed' }))
    expect(await statusOf(payment.id, headers)).toBe('paid')
    // The same key may try again, and this time the money goes back.
    expect((await payments.refund({ checkoutId, orderId, amountFen: 1000, idempotencyKey: `cancel-${orderId}-0` })).status).toBe('succeeded')
    expect((await payments.refundsOf(payment.id)).map((r) => r.status)).toEqual(['failed', 'succeeded'])
  })

  it('sends back money its checkout refused even when the first refund was lost and then refused', async () => {
    const { payment, checkoutId, headers } = await pay('sandbox')
    refusing.add(checkoutId)
    const real = providers.sandbox!
    providers.sandbox = Object.assign(Object.create(real), { refund: async () => { throw new Error('gateway timeout') } })
    try {
      await (await payments.sandbox.complete(payment.id, { outcome: 'pay' })).done
      providers.sandbox = Object.assign(Object.create(real), { refund: async () => ({ status: 'failed', reason: 'busy' }) })
      await payments.reconcilePending(0)
    } finally {
      providers.sandbox = real
    }
    expect(await statusOf(payment.id, headers)).toBe('paid') // nothing went back yet, and it is not forgotten
    await payments.reconcilePending(0)
    expect(await statusOf(payment.id, headers)).toBe('refunded')
  })

  it('debits the sandbox once for one refund id, even when the same refund is asked twice at the same moment', async () => {
    const { payment } = await pay('sandbox', 1000)
    await payments.sandbox.complete(payment.id, { outcome: 'pay' })
    const sandbox = providers.sandbox!
    const input = { payment: { id: payment.id, amountFen: 1000, providerTradeNo: null }, refundId: newId('rfd'), amountFen: 300 }
    const both = await Promise.all([sandbox.refund(input), sandbox.refund(input)])
    expect(both.map((r) => r.status)).toEqual(['succeeded', 'succeeded'])
    const [trade] = await h.db.select().from(paymentSandboxTrades).where(eq(paymentSandboxTrades.paymentId, payment.id))
    expect(trade!.refundedFen).toBe(300)
    // a refusal leaves nothing behind: the same id asked again for a possible amount goes through
    const big = { ...input, refundId: newId('rfd'), amountFen: 800 }
    expect((await sandbox.refund(big)).status).toBe('failed') // 800 of the 700 left
    expect((await sandbox.refund({ ...big, amountFen: 700 })).status).toBe('succeeded') // the refused try left no record behind
    const [after] = await h.db.select().from(paymentSandboxTrades).where(eq(paymentSandboxTrades.paymentId, payment.id))
    expect(after!.refundedFen).toBe(1000)
  })

  it('keeps a refund the provider did not answer pending — under one refund id, asked again by one process at a time, the order told once it went through', async () => {
    const { payment, checkoutId } = await pay('sandbox', 1000)
    await payments.sandbox.complete(payment.id, { outcome: 'pay' })
    const real = providers.sandbox!
    const orderId = newId('ord')
    const seen: string[] = []
    providers.sandbox = Object.assign(Object.create(real), { refund: async (input: Parameters<PaymentProvider['refund']>[0]) => { seen.push(input.refundId); throw new Error('SYSTEM_ERROR: call again') } })
    let first
    try {
      first = await payments.refund({ checkoutId, orderId, amountFen: 400, idempotencyKey: `cancel-${orderId}-0` })
      expect(first.status).toBe('pending')
      // the same key again (another process's job): the same refund, still pending — not a second one
      expect(await payments.refund({ checkoutId, orderId, amountFen: 400, idempotencyKey: `cancel-${orderId}-0` })).toMatchObject({ id: first.id, status: 'pending' })
      // two reconcilers at once: one asks the provider
      await Promise.all([payments.reconcilePending(0), payments.reconcilePending(0)])
      expect(seen).toEqual([first.id, first.id])
    } finally {
      providers.sandbox = real
    }
    // the lease runs out; the provider answers now; the order is told, and told again if that failed
    vi.setSystemTime(Date.now() + 3 * 60_000)
    failRefundSettled = 2 // the tell right after the provider's answer, and the pass's second try for untold ones
    try {
      expect((await payments.reconcilePending(0)).refundsSucceeded).toBe(1)
    } finally {
      vi.useRealTimers()
    }
    expect(refundSettledCalls.filter((c) => c.refundId === first.id)).toEqual([])
    await payments.reconcilePending(0)
    expect(refundSettledCalls.filter((c) => c.refundId === first.id)).toEqual([{ orderId, refundId: first.id, amountFen: 400, status: 'succeeded', reason: null }])
    await payments.reconcilePending(0)
    expect(refundSettledCalls.filter((c) => c.refundId === first.id)).toHaveLength(1)
    const [trade] = await h.db.select().from(paymentSandboxTrades).where(eq(paymentSandboxTrades.paymentId, payment.id))
    expect(trade!.refundedFen).toBe(400)
  })

  it('gives the amount back when the provider refuses a refund', async () => {
    const { payment, checkoutId, headers } = await pay('sandbox', 1000)
    await payments.sandbox.complete(payment.id, { outcome: 'pay' })
    const real = providers.sandbox!
    providers.sandbox = Object.assign(Object.create(real), { refund: async () => ({ status: 'failed', reason: 'insufficient merchant balance' }) })
    try {
      expect((await payments.refund({ checkoutId, orderId: newId('ord'), amountFen: 1000 })).status).toBe('failed')
    } finally {
      providers.sandbox = real
    }
    expect(await statusOf(payment.id, headers)).toBe('paid')
    expect((await payments.refund({ checkoutId, orderId: newId('ord'), amountFen: 1000 })).status).toBe('succeeded')
  })
})
