import { describe, expect, it } from 'vitest'
import { sameOriginIfOurs } from './pay'

describe('sameOriginIfOurs', () => {
  it('keeps the sandbox cashier on the origin the buyer is on', () => {
    expect(sameOriginIfOurs('http://localhost:3000/api/payments/sandbox/pay_1/page', 'http://192.168.1.5:5173'))
      .toBe('http://192.168.1.5:5173/api/payments/sandbox/pay_1/page')
  })
  it('tells the sandbox cashier the app\'s language', () => {
    expect(sameOriginIfOurs('http://localhost:3000/api/payments/sandbox/pay_1/page', 'http://a.test', 'en-US')).toBe('http://a.test/api/payments/sandbox/pay_1/page?lang=en-US')
  })
  it('leaves a real provider URL alone', () => {
    expect(sameOriginIfOurs('https://openapi.alipay.com/gateway.do?x=1', 'http://a.test', 'en-US')).toBe('https://openapi.alipay.com/gateway.do?x=1')
    expect(sameOriginIfOurs('https://openapi.alipay.com/gateway.do?x=1', 'http://a.test')).toBe('https://openapi.alipay.com/gateway.do?x=1')
  })
})
