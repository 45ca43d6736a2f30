import { Redis } from 'ioredis'
import type { KeyValue } from './types.ts'

// INCR and EXPIRE in one script so a crash between them cannot leave a counter without a TTL.
const INCR_WITH_TTL = `local n = redis.call('INCR', KEYS[1]) if n == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end return n`

export function redisKeyValue(redis: Redis, prefix = 'hotland:'): KeyValue {
  return {
    async incr(key, ttlSeconds) {
      return Number(await redis.eval(INCR_WITH_TTL, 1, prefix + key, ttlSeconds))
    },
    async get(key) {
      return redis.get(prefix + key)
    },
    async set(key, value, ttlSeconds) {
      await redis.set(prefix + key, value, 'EX', ttlSeconds)
    },
    async del(key) {
      await redis.del(prefix + key)
    },
    async close() {},
  }
}

export function openRedis(url: string, log?: { warn(obj: unknown, msg: string): void }): Redis {
  const redis = new Redis(url, { maxRetriesPerRequest: 3, lazyConnect: false })
  // Without a listener ioredis prints "Unhandled error event" for every failed reconnect while Redis is down.
  let last = 0
  redis.on('error', (err) => {
    if (Date.now() - last > 10_000) log?.warn({ err: String(err) }, 'redis unavailable; retrying')
    last = Date.now()
  })
  return redis
}
