import type { Redis } from 'ioredis'
import type { EventBus } from './types.ts'

/** Redis pub/sub. A subscriber connection cannot run other commands, so it is a duplicate of the main client. */
export function redisBus(redis: Redis, prefix = 'hotland:'): EventBus {
  const sub = redis.duplicate()
  sub.on('error', () => {}) // the main client reports outages; this one reconnects and resubscribes by itself
  const handlers = new Map<string, Set<(m: string) => void>>()
  sub.on('message', (channel: string, message: string) => {
    handlers.get(channel)?.forEach((h) => h(message))
  })
  return {
    async publish(channel, message) {
      await redis.publish(prefix + channel, message)
    },
    async subscribe(channel, handler) {
      const key = prefix + channel
      let set = handlers.get(key)
      if (!set) {
        handlers.set(key, (set = new Set()))
        await sub.subscribe(key)
      }
      set.add(handler)
      return async () => {
        set.delete(handler)
        if (!set.size) {
          handlers.delete(key)
          await sub.unsubscribe(key).catch(() => {})
        }
      }
    },
    async close() {
      handlers.clear()
      await sub.quit().catch(() => {})
    },
  }
}
