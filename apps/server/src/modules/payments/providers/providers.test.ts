import { describe, expect, it } from 'vitest'
import { fixedClock, systemClock } from '../../../platform/clock.ts'
import { ALIPAY_APP_ID, WECHAT_APIV3_KEY, WECHAT_MCH_ID, alipayNotification, alipaySignedResponse, rsaPair, wechatNotification, wechatSignedResponse } from '../test-fixtures.ts'
import { createAlipayProvider } from './alipay.ts'
import { fenToYuan, type FetchLike, yuanToFen } from './types.ts'
import { createWechatPayProvider } from './wechat.ts'

const alipayKeys = rsaPair()
const appKeys = rsaPair()
const bare = (pem: string) => pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, '')

describe('money conversion', () => {
  it('converts yuan strings to fen without floating point and back', () => {
    expect(yuanToFen('59.80')).toBe(5980)
    expect(yuanToFen('0.07')).toBe(7)
    expect(yuanToFen('1.1')).toBe(110)
    expect(yuanToFen('100')).toBe(10000)
    expect(yuanToFen('1.005')).toBeNull()
    expect(yuanToFen('-1')).toBeNull()
    expect(fenToYuan(5980)).toBe('59.80')
    expect(fenToYuan(7)).toBe('0.07')
  })
})

describe('Alipay adapter', () => {
  it('accepts bare base64 keys as the Alipay console hands them out and verifies a notification', async () => {
    const p = createAlipayProvider({ appId: ALIPAY_APP_ID, privateKey: bare(appKeys.privatePem), alipayPublicKey: bare(alipayKeys.publicPem) })
    const ev = await p.parseWebhook({ headers: {}, rawBody: alipayNotification(alipayKeys.privateKey, { paymentId: 'pay_1', amountYuan: '12.34', notifyId: 'n-1', tradeNo: 'T1' }) })
    expect(ev).toEqual({ eventId: 'n-1', paymentId: 'pay_1', status: 'paid', amountFen: 1234, providerTradeNo: 'T1' })
    expect(p.ack(true)).toEqual({ status: 200, contentType: 'text/plain; charset=utf-8', body: 'success' })
  })

  it('rejects a notification for another app id even when Alipay signed it', async () => {
    const p = createAlipayProvider({ appId: ALIPAY_APP_ID, privateKey: appKeys.privatePem, alipayPublicKey: alipayKeys.publicPem })
    await expect(p.parseWebhook({ headers: {}, rawBody: alipayNotification(alipayKeys.privateKey, { paymentId: 'pay_1', amountYuan: '1.00', appId: '2021999999999999' }) }))
      .rejects.toMatchObject({ reason: 'wrong_app' })
  })

  it('queries a trade and trusts only a correctly signed response', async () => {
    let inner: object = { code: '10000', msg: 'Success', trade_status: 'TRADE_SUCCESS', total_amount: '59.80', trade_no: 'T9', out_trade_no: 'pay_1' }
    let signer = alipayKeys.privateKey
    const fetch: FetchLike = async () => alipaySignedResponse(signer, 'alipay.trade.query', inner)
    const p = createAlipayProvider({ appId: ALIPAY_APP_ID, privateKey: appKeys.privatePem, alipayPublicKey: alipayKeys.publicPem, fetch })
    expect(await p.query({ id: 'pay_1', amountFen: 5980, providerTradeNo: null })).toEqual({ status: 'paid', paidFen: 5980, providerTradeNo: 'T9' })
    inner = { code: '40004', msg: 'Business Failed', sub_code: 'ACQ.TRADE_NOT_EXIST', sub_msg: '交易不存在' }
    expect((await p.query({ id: 'pay_1', amountFen: 5980, providerTradeNo: null })).status).toBe('pending')
    signer = rsaPair().privateKey
    inner = { code: '10000', msg: 'Success', trade_status: 'TRADE_SUCCESS', total_amount: '59.80', trade_no: 'T9' }
    await expect(p.query({ id: 'pay_1', amountFen: 5980, providerTradeNo: null })).rejects.toThrow(/signature/)
  })

  it('refunds under out_request_no; a system error is no answer (thrown, the refund stays pending), a business refusal is one', async () => {
    let inner: object = { code: '10000', msg: 'Success', fund_change: 'N', refund_fee: '10.00' }
    const sent: string[] = []
    const fetch: FetchLike = async (_url, init) => { sent.push(decodeURIComponent(init.body ?? '')); return alipaySignedResponse(alipayKeys.privateKey, 'alipay.trade.refund', inner) }
    const p = createAlipayProvider({ appId: ALIPAY_APP_ID, privateKey: appKeys.privatePem, alipayPublicKey: alipayKeys.publicPem, fetch })
    const input = { payment: { id: 'pay_1', amountFen: 5980, providerTradeNo: null }, refundId: 'rfd_1', amountFen: 1000 }
    expect(await p.refund(input)).toEqual({ status: 'succeeded' }) // fund_change N: a repeat of an accepted request
    expect(sent[0]).toContain('"out_request_no":"rfd_1"')
    inner = { code: '40004', msg: 'Business Failed', sub_code: 'ACQ.SYSTEM_ERROR', sub_msg: '系统错误' }
    await expect(p.refund(input)).rejects.toThrow(/ACQ.SYSTEM_ERROR/)
    inner = { code: '20000', msg: 'Service Currently Unavailable', sub_code: 'isp.unknow-error', sub_msg: '系统繁忙' }
    await expect(p.refund(input)).rejects.toThrow(/unknow-error/)
    inner = { code: '40004', msg: 'Business Failed', sub_code: 'ACQ.TRADE_STATUS_ERROR', sub_msg: '交易状态不合法' }
    expect(await p.refund(input)).toEqual({ status: 'failed', reason: 'ACQ.TRADE_STATUS_ERROR 交易状态不合法' })
  })
})

describe('WeChat Pay v3 adapter', () => {
  const platform = rsaPair()
  const merchant = rsaPair()
  const clock = fixedClock('2026-11-28T12:00:00Z')
  const now = Math.floor(clock.now().getTime() / 1000)
  const p = createWechatPayProvider({
    mchId: WECHAT_MCH_ID, appId: 'wx1', merchantPrivateKey: merchant.privatePem, merchantSerialNo: 'S1', apiV3Key: WECHAT_APIV3_KEY,
    platformPublicKey: platform.publicPem, clock,
  })

  it('decrypts the AES-256-GCM resource of a signed notification', async () => {
    const n = wechatNotification(platform.privateKey, { paymentId: 'pay_2', totalFen: 990, id: 'EV-1', timestamp: now - 60 })
    expect(await p.parseWebhook({ headers: n.headers, rawBody: n.body })).toEqual({
      eventId: 'EV-1', paymentId: 'pay_2', status: 'paid', amountFen: 990, providerTradeNo: '4200000000000000000000000001',
    })
  })

  it('rejects notifications older than 5 minutes and a body changed after signing', async () => {
    const stale = wechatNotification(platform.privateKey, { paymentId: 'pay_2', totalFen: 990, timestamp: now - 301 })
    await expect(p.parseWebhook({ headers: stale.headers, rawBody: stale.body })).rejects.toMatchObject({ reason: 'stale' })
    const n = wechatNotification(platform.privateKey, { paymentId: 'pay_2', totalFen: 990, timestamp: now })
    await expect(p.parseWebhook({ headers: n.headers, rawBody: n.body.replace('支付成功', '支付成功 ') })).rejects.toMatchObject({ reason: 'bad_signature' })
  })

  it('maps refund notifications and closed trades to non-capturing statuses', async () => {
    const refund = wechatNotification(platform.privateKey, { paymentId: 'pay_2', totalFen: 990, timestamp: now, eventType: 'REFUND.SUCCESS' })
    expect((await p.parseWebhook({ headers: refund.headers, rawBody: refund.body })).status).toBe('other')
    const closed = wechatNotification(platform.privateKey, { paymentId: 'pay_2', totalFen: 990, timestamp: now, tradeState: 'CLOSED' })
    expect((await p.parseWebhook({ headers: closed.headers, rawBody: closed.body })).status).toBe('closed')
  })

  it('refunds under out_refund_no; 5xx, 429 and SYSTEM_ERROR are no answer, ABNORMAL stays pending, a business refusal fails', async () => {
    let answer: { status: number; json: object } = { status: 200, json: { status: 'SUCCESS' } }
    const fetch: FetchLike = async () => wechatSignedResponse(platform.privateKey, answer.status, answer.json)
    const w = createWechatPayProvider({
      mchId: WECHAT_MCH_ID, appId: 'wx1', merchantPrivateKey: merchant.privatePem, merchantSerialNo: 'S1', apiV3Key: WECHAT_APIV3_KEY,
      platformPublicKey: platform.publicPem, clock: systemClock, fetch, // the fixture signs responses with the real time
    })
    const input = { payment: { id: 'pay_2', amountFen: 990, providerTradeNo: null }, refundId: 'rfd_2', amountFen: 990 }
    expect(await w.refund(input)).toEqual({ status: 'succeeded' })
    answer = { status: 200, json: { status: 'PROCESSING' } }
    expect((await w.refund(input)).status).toBe('pending')
    answer = { status: 200, json: { status: 'ABNORMAL' } }
    expect((await w.refund(input)).status).toBe('pending')
    for (const a of [{ status: 500, json: { code: 'SYSTEM_ERROR', message: '系统超时' } }, { status: 429, json: { code: 'FREQUENCY_LIMITED', message: '频率超限' } }]) {
      answer = a
      await expect(w.refund(input)).rejects.toThrow(/not answered/)
    }
    answer = { status: 403, json: { code: 'NOT_ENOUGH', message: '基本账户余额不足' } }
    expect(await w.refund(input)).toEqual({ status: 'failed', reason: 'NOT_ENOUGH 基本账户余额不足' })
  })
})
