// Where flash-sale counters live while a sale runs: in this process (embedded mode) or in Redis (several processes).
// The database stays the authority: flash_sales.sold has a CHECK (sold <= quantity), so even a wrong counter here can
// only ever undersell, never oversell. Each reservation is also kept as "pending" until its order row is committed,
// so that a crash between the two can be repaired (recoverStale).
import type { Redis } from 'ioredis'

export type ReserveResult = { ok: true; remaining: number } | { ok: false; reason: 'sold_out' | 'limit' | 'not_running' | 'missing' }

export interface SaleState {
  id: string
  remaining: number
  perBuyerLimit: number
  startsAt: number
  endsAt: number
  buyers: Map<string, number>
}

export interface FlashStore {
  /** Sets the sale's counters unless they already exist (or always, with overwrite). */
  load(state: SaleState, overwrite?: boolean): Promise<void>
  reserve(saleId: string, buyerId: string, qty: number, reservationId: string, nowMs: number): Promise<ReserveResult>
  /** The order row for this reservation is committed. */
  confirm(saleId: string, reservationId: string): Promise<void>
  /** Gives units back (unpaid order, failed write). */
  release(saleId: string, buyerId: string, qty: number, reservationId?: string): Promise<void>
  remaining(saleId: string): Promise<number | null>
  /** Reservations older than `olderThanMs` that were never confirmed: [reservationId, buyerId, qty]. */
  stale(saleId: string, olderThanMs: number, nowMs: number): Promise<Array<{ reservationId: string; buyerId: string; qty: number }>>
  drop(saleId: string): Promise<void>
}

export function memoryFlashStore(): FlashStore {
  const sales = new Map<string, SaleState & { pending: Map<string, { buyerId: string; qty: number; at: number }> }>()
  return {
    async load(state, overwrite = false) {
      if (sales.has(state.id) && !overwrite) return
      sales.set(state.id, { ...state, buyers: new Map(state.buyers), pending: new Map() })
    },
    async reserve(saleId, buyerId, qty, reservationId, nowMs) {
      const s = sales.get(saleId)
      if (!s) return { ok: false, reason: 'missing' }
      if (nowMs < s.startsAt || nowMs >= s.endsAt) return { ok: false, reason: 'not_running' }
      const held = s.buyers.get(buyerId) ?? 0
      if (held + qty > s.perBuyerLimit) return { ok: false, reason: 'limit' }
      if (s.remaining < qty) return { ok: false, reason: 'sold_out' }
      s.remaining -= qty
      s.buyers.set(buyerId, held + qty)
      s.pending.set(reservationId, { buyerId, qty, at: nowMs })
      return { ok: true, remaining: s.remaining }
    },
    async confirm(saleId, reservationId) {
      sales.get(saleId)?.pending.delete(reservationId)
    },
    async release(saleId, buyerId, qty, reservationId) {
      const s = sales.get(saleId)
      if (!s) return
      if (reservationId) s.pending.delete(reservationId)
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

// KEYS: 1 sale hash {remaining, limit, startsAt, endsAt}, 2 buyers hash, 3 pending hash (reservationId → buyer|qty|at)
// ARGV: buyerId, qty, reservationId, nowMs
const RESERVE = `
if redis.call('EXISTS', KEYS[1]) == 0 then return {-3, 0} end
local s = redis.call('HMGET', KEYS[1], 'remaining', 'limit', 'startsAt', 'endsAt')
local now = tonumber(ARGV[4])
if now < tonumber(s[3]) or now >= tonumber(s[4]) then return {-4, 0} end
local qty = tonumber(ARGV[2])
local held = tonumber(redis.call('HGET', KEYS[2], ARGV[1]) or '0')
if held + qty > tonumber(s[2]) then return {-2, 0} end
if tonumber(s[1]) < qty then return {-1, 0} end
local left = redis.call('HINCRBY', KEYS[1], 'remaining', -qty)
redis.call('HINCRBY', KEYS[2], ARGV[1], qty)
redis.call('HSET', KEYS[3], ARGV[3], ARGV[1] .. '|' .. ARGV[2] .. '|' .. ARGV[4])
return {1, left}`

// KEYS: sale, buyers, pending; ARGV: buyerId, qty, reservationId ('' = none)
const RELEASE = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
if ARGV[3] ~= '' then
  if redis.call('HDEL', KEYS[3], ARGV[3]) == 0 then return 0 end
end
redis.call('HINCRBY', KEYS[1], 'remaining', tonumber(ARGV[2]))
local left = redis.call('HINCRBY', KEYS[2], ARGV[1], -tonumber(ARGV[2]))
if left < 0 then redis.call('HSET', KEYS[2], ARGV[1], 0) end
return 1`

export function redisFlashStore(redis: Redis, prefix = 'hotland:'): FlashStore {
  const k = (id: string) => [`${prefix}flash:{${id}}`, `${prefix}flash:{${id}}:buyers`, `${prefix}flash:{${id}}:pending`] as const
  return {
    async load(state, overwrite = false) {
      const [sale, buyers, pending] = k(state.id)
      if (!overwrite && (await redis.exists(sale))) return
      const m = redis.multi().del(sale, buyers, pending)
        .hset(sale, { remaining: state.remaining, limit: state.perBuyerLimit, startsAt: state.startsAt, endsAt: state.endsAt })
      if (state.buyers.size) m.hset(buyers, Object.fromEntries(state.buyers))
      m.expire(sale, 7 * 86_400).expire(buyers, 7 * 86_400).expire(pending, 7 * 86_400)
      await m.exec()
    },
    async reserve(saleId, buyerId, qty, reservationId, nowMs) {
      const [code, left] = (await redis.eval(RESERVE, 3, ...k(saleId), buyerId, qty, reservationId, nowMs)) as [number, number]
      if (code === 1) return { ok: true, remaining: left }
      return { ok: false, reason: code === -1 ? 'sold_out' : code === -2 ? 'limit' : code === -3 ? 'missing' : 'not_running' }
    },
    async confirm(saleId, reservationId) {
      await redis.hdel(k(saleId)[2], reservationId)
    },
    async release(saleId, buyerId, qty, reservationId) {
      await redis.eval(RELEASE, 3, ...k(saleId), buyerId, qty, reservationId ?? '')
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
