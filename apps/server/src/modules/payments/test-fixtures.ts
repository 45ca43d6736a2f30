// Signed notifications in the providers' real formats, built independently of the adapters (node:crypto only).
import { createCipheriv, createSign, generateKeyPairSync, type KeyObject, randomBytes } from 'node:crypto'

export function rsaPair() {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
  return { privateKey, publicKey, privatePem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString() }
}

const sign = (msg: string, key: KeyObject) => createSign('RSA-SHA256').update(msg, 'utf8').sign(key, 'base64')

export const ALIPAY_APP_ID = '2021000000000001'

/** An Alipay asynchronous notification (form POST body), signed RSA2 over the sorted params without sign/sign_type. */
export function alipayNotification(key: KeyObject, o: { paymentId: string; amountYuan: string; notifyId?: string; tradeStatus?: string; appId?: string; tradeNo?: string }) {
  const params: Record<string, string> = {
    gmt_create: '2026-11-28 20:00:01', charset: 'utf-8', seller_email: 'hotland@example.com', subject: '花牛苹果 5kg',
    buyer_id: '2088102177846880', invoice_amount: o.amountYuan, notify_id: o.notifyId ?? `2026112800222200002${randomBytes(4).toString('hex')}`,
    fund_bill_list: '[{"amount":"' + o.amountYuan + '","fundChannel":"ALIPAYACCOUNT"}]', notify_type: 'trade_status_sync',
    trade_status: o.tradeStatus ?? 'TRADE_SUCCESS', receipt_amount: o.amountYuan, app_id: o.appId ?? ALIPAY_APP_ID,
    buyer_pay_amount: o.amountYuan, seller_id: '2088102177649450', gmt_payment: '2026-11-28 20:00:05', notify_time: '2026-11-28 20:00:06',
    version: '1.0', out_trade_no: o.paymentId, total_amount: o.amountYuan, trade_no: o.tradeNo ?? '2026112822001446880500012345',
    auth_app_id: o.appId ?? ALIPAY_APP_ID, buyer_logon_id: 'csq***@sandbox.com', point_amount: '0.00',
  }
  const content = Object.keys(params).sort().map((k) => `${k}=${params[k]}`).join('&')
  return new URLSearchParams({ ...params, sign: sign(content, key), sign_type: 'RSA2' }).toString()
}

export const WECHAT_MCH_ID = '1900000109'
export const WECHAT_APIV3_KEY = 'hotlandTestApiV3Key0123456789abc'.slice(0, 32)
export const WECHAT_SERIAL = 'PUB_KEY_ID_0114232134912410000000000000'

/** A WeChat Pay v3 notification: JSON body with an AES-256-GCM resource, and the Wechatpay-* signature headers. */
export function wechatNotification(key: KeyObject, o: {
  paymentId: string; totalFen: number; id?: string; tradeState?: string; timestamp?: number; apiV3Key?: string; serial?: string; eventType?: string
}) {
  const plain = JSON.stringify({
    mchid: WECHAT_MCH_ID, appid: 'wxd678efh567hg6787', out_trade_no: o.paymentId, transaction_id: '4200000000000000000000000001',
    trade_type: 'MWEB', trade_state: o.tradeState ?? 'SUCCESS', trade_state_desc: '支付成功', bank_type: 'OTHERS', attach: '',
    success_time: '2026-11-28T20:00:05+08:00', payer: { openid: 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o' },
    amount: { total: o.totalFen, payer_total: o.totalFen, currency: 'CNY', payer_currency: 'CNY' },
  })
  const nonce = randomBytes(6).toString('hex')
  const aad = 'transaction'
  const cipher = createCipheriv('aes-256-gcm', Buffer.from(o.apiV3Key ?? WECHAT_APIV3_KEY, 'utf8'), Buffer.from(nonce, 'utf8'))
  cipher.setAAD(Buffer.from(aad, 'utf8'))
  const ciphertext = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final(), cipher.getAuthTag()]).toString('base64')
  const body = JSON.stringify({
    id: o.id ?? `EV-${randomBytes(8).toString('hex')}`, create_time: '2026-11-28T20:00:06+08:00', resource_type: 'encrypt-resource',
    event_type: o.eventType ?? 'TRANSACTION.SUCCESS', summary: '支付成功',
    resource: { original_type: 'transaction', algorithm: 'AEAD_AES_256_GCM', ciphertext, associated_data: aad, nonce },
  })
  const ts = (o.timestamp ?? Math.floor(Date.now() / 1000)).toString()
  const headerNonce = randomBytes(16).toString('hex')
  return {
    body,
    headers: {
      'content-type': 'application/json',
      'wechatpay-timestamp': ts,
      'wechatpay-nonce': headerNonce,
      'wechatpay-signature': sign(`${ts}\n${headerNonce}\n${body}\n`, key),
      'wechatpay-serial': o.serial ?? WECHAT_SERIAL,
    },
  }
}

/** Signs a WeChat Pay API response the way the platform does (for fake fetch). */
export function wechatSignedResponse(key: KeyObject, status: number, json: object) {
  const body = JSON.stringify(json)
  const ts = Math.floor(Date.now() / 1000).toString()
  const nonce = randomBytes(16).toString('hex')
  const headers: Record<string, string> = {
    'wechatpay-timestamp': ts, 'wechatpay-nonce': nonce, 'wechatpay-serial': WECHAT_SERIAL,
    'wechatpay-signature': sign(`${ts}\n${nonce}\n${body}\n`, key),
  }
  return { status, text: async () => body, headers: { get: (n: string) => headers[n.toLowerCase()] ?? null } }
}

/** An Alipay gateway response with the `<method>_response` object signed as its exact text. */
export function alipaySignedResponse(key: KeyObject, method: string, inner: object) {
  const innerText = JSON.stringify(inner)
  const body = `{"${method.replace(/\./g, '_')}_response":${innerText},"sign":"${sign(innerText, key)}"}`
  return { status: 200, text: async () => body, headers: { get: () => null } }
}
