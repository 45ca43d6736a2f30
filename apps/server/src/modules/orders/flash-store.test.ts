import { afterAll, describe, expect, it } from 'vitest'
import { randomBytes } from 'node:crypto'
import { Redis } from 'ioredis'
import { memoryFlashStore, redisFlashStore, type FlashStore, type SaleState } from './flash-store.ts'

// The counter stores' contract where it matters across processes; the Redis store runs with TEST_REDIS_URL (.ci/run).
const redisUrl = process.env.TEST_REDIS_URL
const clients: Redis[] = []
afterAll(async () => { await Promise.all(clients.map((c) => c.quit())) })

function state(remaining: number, buyers: Array<[string, number]> = [], keys: Array<[string, string]> = []): SaleState {
  const now = Date.now()
  return { id: `fls_${randomBytes(6).toString('hex')}`, remaining, perBuyerLimit: 2, startsAt: now - 1000, endsAt: now + 60_000, buyers: new Map(buyers), keys: new Map(keys) }
}

const stores: Array<[string, (() => FlashStore) | null]> = [
  ['memory', () => memoryFlashStore()],
  ['redis', redisUrl ? () => {
    const r = new Redis(redisUrl)
    clients.push(r)
    return redisFlashStore(r, `test:${randomBytes(4).toString('hex')}:`)
  } : null],
]

describe.each(stores)('%s flash store', (_name, make) => {
  it.skipIf(!make)('a load that finds the sale already there keeps the reservations taken since, even when two loads race', async () => {
    const store = make!()
    const first = state(10, [['usr_a', 1]], [['usr_a|key-a-0001', 'ord_a']])
    // Two processes that both found the sale missing load it at the same moment: only the first load may write.
    await Promise.all([store.load(first), store.load({ ...first, remaining: 7, buyers: new Map(), keys: new Map() })])
    expect(await store.remaining(first.id)).toBe(10)
    expect(await store.reserve(first.id, 'usr_b', 1, 'ord_b', Date.now(), 'key-b-0001')).toEqual({ ok: true, remaining: 9 })
    await store.load({ ...first, remaining: 10 })
    expect(await store.remaining(first.id)).toBe(9)
    // What the first load carried is there: the buyer's units count toward the limit, the key answers with its order.
    expect(await store.reserve(first.id, 'usr_a', 2, 'ord_c', Date.now(), 'key-a-0002')).toEqual({ ok: false, reason: 'limit' })
    expect(await store.reserve(first.id, 'usr_a', 1, 'ord_d', Date.now(), 'key-a-0001')).toEqual({ ok: false, reason: 'replay', reservationId: 'ord_a' })
  })

  it.skipIf(!make)('an overwriting load replaces the counters, buyers and keys', async () => {
    const store = make!()
    const s = state(5, [['usr_a', 2]], [['usr_a|key-a-0001', 'ord_a']])
    await store.load(s)
    await store.load({ ...s, remaining: 3, buyers: new Map(), keys: new Map() }, true)
    expect(await store.remaining(s.id)).toBe(3)
    expect(await store.reserve(s.id, 'usr_a', 2, 'ord_b', Date.now(), 'key-a-0001')).toEqual({ ok: true, remaining: 1 })
  })
})
