import { describe, expect, it } from 'vitest'
import { ApiError } from '@/api/http'
import { Attempt } from './attempt'

function keys() {
  let n = 0
  return () => `key-${++n}`
}

describe('Attempt (Idempotency-Key per checkout attempt)', () => {
  it('reuses the key when the same request is retried after a network failure or a 5xx', async () => {
    const attempt = new Attempt(keys())
    const sent: string[] = []
    const body = { items: [{ skuId: 'sku_1', qty: 2 }] }
    await expect(attempt.run(body, async (k) => { sent.push(k); throw new ApiError(0, 'NETWORK_ERROR', 'offline') })).rejects.toThrow()
    await expect(attempt.run(body, async (k) => { sent.push(k); throw new ApiError(502, 'INTERNAL', 'bad gateway') })).rejects.toThrow()
    await attempt.run(body, async (k) => { sent.push(k); return 'ok' })
    expect(sent).toEqual(['key-1', 'key-1', 'key-1'])
  })

  it('starts a new attempt after a success', async () => {
    const attempt = new Attempt(keys())
    const sent: string[] = []
    const body = { qty: 1 }
    await attempt.run(body, async (k) => { sent.push(k) })
    await attempt.run(body, async (k) => { sent.push(k) })
    expect(sent).toEqual(['key-1', 'key-2'])
  })

  it('starts a new attempt after a definite refusal or when the request changes', async () => {
    const attempt = new Attempt(keys())
    const sent: string[] = []
    await expect(attempt.run({ qty: 1 }, async (k) => { sent.push(k); throw new ApiError(409, 'ORDERS_OUT_OF_STOCK', 'no') })).rejects.toThrow()
    await expect(attempt.run({ qty: 1 }, async (k) => { sent.push(k); throw new ApiError(0, 'NETWORK_ERROR', 'x') })).rejects.toThrow()
    await attempt.run({ qty: 2 }, async (k) => { sent.push(k) })
    expect(sent).toEqual(['key-1', 'key-2', 'key-3'])
  })
})
