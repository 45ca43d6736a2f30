import { randomBytes } from 'node:crypto'
import type { Redis } from 'ioredis'
import type { RoomCounters } from './hub.ts'

export function memoryCounters(): RoomCounters {
  const likes = new Map<string, number>()
  const viewers = new Map<string, number>()
  return {
    async addLikes(roomId, n) {
      const v = (likes.get(roomId) ?? 0) + n
      likes.set(roomId, v)
      return v
    },
    async likes(roomId) {
      return likes.get(roomId) ?? 0
    },
    async setLocalViewers(roomId, n) {
      viewers.set(roomId, n)
      return n
    },
    async seedLikes(roomId, total) {
      if (!likes.has(roomId)) likes.set(roomId, total)
    },
  }
}

// Each process writes its own viewer count into a hash field with a heartbeat; the total is the sum of fresh fields,
// so a crashed process stops counting after a few seconds.
const SUM_FRESH = `
local now = tonumber(ARGV[3])
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2] .. ':' .. now)
redis.call('EXPIRE', KEYS[1], 60)
local total = 0
local all = redis.call('HGETALL', KEYS[1])
for i = 1, #all, 2 do
  local v = all[i + 1]
  local sep = string.find(v, ':')
  local count = tonumber(string.sub(v, 1, sep - 1))
  local at = tonumber(string.sub(v, sep + 1))
  if now - at < 5000 then total = total + count else redis.call('HDEL', KEYS[1], all[i]) end
end
return total`

export function redisCounters(redis: Redis, prefix = 'hotland:'): RoomCounters {
  const processId = randomBytes(6).toString('hex')
  return {
    async addLikes(roomId, n) {
      return redis.incrby(`${prefix}live:likes:${roomId}`, n)
    },
    async likes(roomId) {
      return Number((await redis.get(`${prefix}live:likes:${roomId}`)) ?? 0)
    },
    async seedLikes(roomId, total) {
      await redis.set(`${prefix}live:likes:${roomId}`, total, 'NX')
    },
    async setLocalViewers(roomId, n) {
      return Number(await redis.eval(SUM_FRESH, 1, `${prefix}live:viewers:${roomId}`, processId, n, Date.now()))
    },
  }
}
