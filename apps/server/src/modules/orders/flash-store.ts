// Where flash-sale counters live while a sale runs: in this process (embedded mode) or in Redis (several processes).
// The database stays the authority: flash_sales.sold has a CHECK (sold <= quantity), so even a wrong counter here can
// only ever undersell, never oversell. Each reservation is also kept as "pending" until its order row is committed,
// so that a crash between the two can be repaired (stale → confirm or release).
//
// The store also remembers each grab's Idempotency-Key (buyer|key → reservation id, which is the order id), checked in
// the same atomic step as the reservation: a retried grab is answered with its first order without a database read,
// even after the sale sold out. The database's unique (buyer, idempotency key) on checkouts stays the backstop.
import { createHash } from 'node:crypto'
import type { Redis } from 'ioredis'

export type ReserveResult =
  | { ok: true; remaining: number }
  | { ok: false; reason: 'replay'; reservationId: string }
  | { ok: false; reason: 'sold_out' | 'limit' | 'not_running' | 'missing' }

export interface SaleState {
  id: string
  remaining: number
  perBuyerLimit: number
  startsAt: number
  endsAt: number
  buyers: Map<string, number>
  /** Idempotency keys of the sale's committed orders: `${buyerId}|${key}` → order id. */
  keys: Map<string, string>
}

export interface FlashStore {
  /** Sets the sale's counters unless they already exist (or always, with overwrite). */
  load(state: SaleState, overwrite?: boolean): Promise<void>
  has(saleId: string): Promise<boolean>
  /** Reserves units for a buyer, unless the same buyer already used this Idempotency-Key in this sale ('replay'). */
  reserve(saleId: string, buyerId: string, qty: number, reservationId: string, nowMs: number, idemKey: string): Promise<ReserveResult>
  /** The order rows for these reservations are committed. */
  confirm(saleId: string, reservationIds: string[]): Promise<void>
  /**
   * Gives units back. With a reservation id (a grab whose order was never written) the reservation and its
   * Idempotency-Key are forgotten too; without (an unpaid order), the key still answers with that order.
   */
  release(saleId: string, buyerId: string, qty: number, reservationId?: string): Promise<void>
  remaining(saleId: string): Promise<number | null>
  /** Reservations older than `olderThanMs` that were never confirmed: [reservationId, buyerId, qty]. */
  stale(saleId: string, olderThanMs: number, nowMs: number): Promise<Array<{ reservationId: string; buyerId: string; qty: number }>>
  drop(saleId: string): Promise<void>
}

export function memoryFlashStore(): FlashStore {
  type Pending = { buyerId: string; qty: number; at: number; idemKey: string }
  const sales = new Map<string, Omit<SaleState, 'keys'> & { keys: Map<string, string>; pending: Map<string, Pending> }>()
  return {
    async load(state, overwrite = false) {
      if (sales.has(state.id) && !overwrite) return
      sales.set(state.id, { ...state, buyers: new Map(state.buyers), keys: new Map(state.keys), pending: new Map() })
    },
    async has(saleId) {
      return sales.has(saleId)
    },
    async reserve(saleId, buyerId, qty, reservationId, nowMs, idemKey) {
      const s = sales.get(saleId)
      if (!s) return { ok: false, reason: 'missing' }
      const prior = s.keys.get(`${buyerId}|${idemKey}`)
      if (prior) return { ok: false, reason: 'replay', reservationId: prior }
      if (nowMs < s.startsAt || nowMs >= s.endsAt) return { ok: false, reason: 'not_running' }
      const held = s.buyers.get(buyerId) ?? 0
      if (held + qty > s.perBuyerLimit) return { ok: false, reason: 'limit' }
      if (s.remaining < qty) return { ok: false, reason: 'sold_out' }
      s.remaining -= qty
      s.buyers.set(buyerId, held + qty)
      s.keys.set(`${buyerId}|${idemKey}`, reservationId)
      s.pending.set(reservationId, { buyerId, qty, at: nowMs, idemKey })
      return { ok: true, remaining: s.remaining }
    },
    async confirm(saleId, reservationIds) {
      const s = sales.get(saleId)
      if (s) for (const id of reservationIds) s.pending.delete(id)
    },
    async release(saleId, buyerId, qty, reservationId) {
      const s = sales.get(saleId)
      if (!s) return
      if (reservationId) {
        const p = s.pending.get(reservationId)
        if (!p) return // already released (or confirmed): never give the units back twice
        s.pending.delete(reservationId)
        s.keys.delete(`${p.buyerId}|${p.idemKey}`)
      }
      s.remaining += qty
      s.buyers.set(buyerId, Math.max(0, (s.buyers.get(buyerId) ?? 0) - qty))
    },
    async remaining(saleId) {
      return sales.get(saleId)?.remaining ?? null
    },
    async stale(saleId, olderThanMs, nowMs) {
      const s = sales.get(saleId)
      if (!s) return []
      return [...s.pending].filter(([, p]) => nowMs - p.at > olderThanMs).map(([reservationId, p]) => ({ reservationId, buyerId: p.buyerId, qty: p.qty }))
    },
    async drop(saleId) {
      sales.delete(saleId)
    },
  }
}

// Many reservations of one sale in one call (the grabs that arrived in the same turn of the event loop), each exactly
// as if alone, in order. KEYS: 1 sale hash {remaining, limit, startsAt, endsAt}, 2 buyers hash, 3 pending hash
// (reservationId → buyer|qty|at|key), 4 keys hash (buyer|idempotency key → reservationId).
// ARGV: groups of five: buyerId, qty, reservationId, nowMs, idempotency key. Returns pairs: code, value.
const RESERVE = `
if redis.call('EXISTS', KEYS[1]) == 0 then return {-3} end
local s = redis.call('HMGET', KEYS[1], 'remaining', 'limit', 'startsAt', 'endsAt')
local remaining, limit, startsAt, endsAt = tonumber(s[1]), tonumber(s[2]), tonumber(s[3]), tonumber(s[4])
local taken = 0
local out = {}
for i = 1, #ARGV, 5 do
  local buyer, qty, rid, now, key = ARGV[i], tonumber(ARGV[i + 1]), ARGV[i + 2], tonumber(ARGV[i + 3]), ARGV[i + 4]
  local prior = redis.call('HGET', KEYS[4], buyer .. '|' .. key)
  if prior then
    out[#out + 1] = 2; out[#out + 1] = prior
  elseif now < startsAt or now >= endsAt then
    out[#out + 1] = -4; out[#out + 1] = 0
  else
    local held = tonumber(redis.call('HGET', KEYS[2], buyer) or '0')
    if held + qty > limit then
      out[#out + 1] = -2; out[#out + 1] = 0
    elseif remaining < qty then
      out[#out + 1] = -1; out[#out + 1] = 0
    else
      remaining = remaining - qty
      taken = taken + qty
      redis.call('HINCRBY', KEYS[2], buyer, qty)
      redis.call('HSET', KEYS[3], rid, buyer .. '|' .. qty .. '|' .. ARGV[i + 3] .. '|' .. key)
      redis.call('HSET', KEYS[4], buyer .. '|' .. key, rid)
      out[#out + 1] = 1; out[#out + 1] = remaining
    end
  end
end
if taken > 0 then redis.call('HINCRBY', KEYS[1], 'remaining', -taken) end
return out`

// KEYS: sale, buyers, pending, keys; ARGV: buyerId, qty, reservationId ('' = none)
const RELEASE = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
if ARGV[3] ~= '' then
  local p = redis.call('HGET', KEYS[3], ARGV[3])
  if not p then return 0 end
  redis.call('HDEL', KEYS[3], ARGV[3])
  local buyer, key = string.match(p, '^([^|]*)|[^|]*|[^|]*|(.*)$')
  if key then
    if redis.call('HGET', KEYS[4], buyer .. '|' .. key) == ARGV[3] then redis.call('HDEL', KEYS[4], buyer .. '|' .. key) end
  end
end
redis.call('HINCRBY', KEYS[1], 'remaining', tonumber(ARGV[2]))
local left = redis.call('HINCRBY', KEYS[2], ARGV[1], -tonumber(ARGV[2]))
if left < 0 then redis.call('HSET', KEYS[2], ARGV[1], 0) end
return 1`

// Sets a sale's counters, buyers and idempotency keys, unless the sale is already there (ARGV[1] = 1: always).
// KEYS: sale, buyers, pending, keys. ARGV: overwrite, remaining, limit, startsAt, endsAt, ttl seconds, number of buyer
// pairs, then buyer/units pairs, then key/order pairs. Returns 1 if it wrote, 0 if the sale was there.
const LOAD = `
if ARGV[1] == '0' and redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
redis.call('DEL', KEYS[1], KEYS[2], KEYS[3], KEYS[4])
redis.call('HSET', KEYS[1], 'remaining', ARGV[2], 'limit', ARGV[3], 'startsAt', ARGV[4], 'endsAt', ARGV[5])
local pairs = tonumber(ARGV[7])
for i = 8, 7 + 2 * pairs, 2 do redis.call('HSET', KEYS[2], ARGV[i], ARGV[i + 1]) end
for i = 8 + 2 * pairs, #ARGV, 2 do redis.call('HSET', KEYS[4], ARGV[i], ARGV[i + 1]) end
for i = 1, 4 do redis.call('EXPIRE', KEYS[i], tonumber(ARGV[6])) end
return 1`

export function redisFlashStore(redis: Redis, prefix = 'hotland:'): FlashStore {
  const k = (id: string) => [`${prefix}flash:{${id}}`, `${prefix}flash:{${id}}:buyers`, `${prefix}flash:{${id}}:pending`, `${prefix}flash:{${id}}:keys`] as const
  const scripts = new Map([RESERVE, RELEASE, LOAD].map((s) => [s, createHash('sha1').update(s).digest('hex')]))
  /** EVALSHA: the script body crosses the wire once per Redis start, not once per grab. */
  async function run(script: string, keys: readonly string[], args: Array<string | number>): Promise<unknown> {
    try {
      return await redis.evalsha(scripts.get(script)!, keys.length, ...keys, ...args)
    } catch (err) {
      if (!String((err as Error).message).startsWith('NOSCRIPT')) throw err
      return redis.eval(script, keys.length, ...keys, ...args)
    }
  }
  // Reservations wait for the end of this turn of the event loop, then go to Redis as one script call per sale: one
  // write and one reply for the grabs of a whole turn instead of one each.
  type Queued = { args: Array<string | number>; resolve(r: ReserveResult): void; reject(err: unknown): void }
  const queued = new Map<string, Queued[]>()
  let flushQueued = false
  function flushReserves() {
    flushQueued = false
    const all = [...queued]
    queued.clear()
    for (const [saleId, q] of all) {
      run(RESERVE, k(saleId), q.flatMap((x) => x.args)).then((res) => {
        const out = res as Array<number | string>
        q.forEach((x, i) => {
          const code = Number(out[2 * i] ?? -3)
          const v = out[2 * i + 1]
          if (code === 1) x.resolve({ ok: true, remaining: Number(v) })
          else if (code === 2) x.resolve({ ok: false, reason: 'replay', reservationId: String(v) })
          else x.resolve({ ok: false, reason: code === -1 ? 'sold_out' : code === -2 ? 'limit' : code === -3 ? 'missing' : 'not_running' })
        })
      }, (err) => q.forEach((x) => x.reject(err)))
    }
  }
  return {
    async load(state, overwrite = false) {
      // One script, so "unless they already exist" holds across processes: two servers that both found the sale
      // missing (Redis restarted empty) cannot have the second wipe the reservations the first took meanwhile.
      const buyers = [...state.buyers].flat()
      const keys = [...state.keys].flat()
      await run(LOAD, k(state.id), [overwrite ? 1 : 0, state.remaining, state.perBuyerLimit, state.startsAt, state.endsAt, 7 * 86_400, buyers.length / 2, ...buyers, ...keys])
    },
    async has(saleId) {
      return (await redis.exists(k(saleId)[0])) === 1
    },
    reserve(saleId, buyerId, qty, reservationId, nowMs, idemKey) {
      return new Promise<ReserveResult>((resolve, reject) => {
        let q = queued.get(saleId)
        if (!q) queued.set(saleId, (q = []))
        q.push({ args: [buyerId, qty, reservationId, nowMs, idemKey], resolve, reject })
        if (!flushQueued) {
          flushQueued = true
          setImmediate(flushReserves)
        }
      })
    },
    async confirm(saleId, reservationIds) {
      if (reservationIds.length) await redis.hdel(k(saleId)[2], ...reservationIds)
    },
    async release(saleId, buyerId, qty, reservationId) {
      await run(RELEASE, k(saleId), [buyerId, qty, reservationId ?? ''])
    },
    async remaining(saleId) {
      const v = await redis.hget(k(saleId)[0], 'remaining')
      return v === null ? null : Number(v)
    },
    async stale(saleId, olderThanMs, nowMs) {
      const all = await redis.hgetall(k(saleId)[2])
      return Object.entries(all).map(([reservationId, v]) => {
        const [buyerId, qty, at] = v.split('|')
        return { reservationId, buyerId: buyerId!, qty: Number(qty), at: Number(at) }
      }).filter((p) => nowMs - p.at > olderThanMs).map(({ reservationId, buyerId, qty }) => ({ reservationId, buyerId, qty }))
    },
    async drop(saleId) {
      await redis.del(...k(saleId))
    },
  }
}
