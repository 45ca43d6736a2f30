import type { Clock } from '../clock.ts'
import { systemClock } from '../clock.ts'
import type { KeyValue } from './types.ts'

/** In-process KeyValue: correct only for a single server process. */
export function memoryKeyValue(clock: Clock = systemClock): KeyValue {
  const store = new Map<string, { value: string; expiresAt: number }>()
  const live = (key: string) => {
    const e = store.get(key)
    if (!e) return undefined
    if (e.expiresAt <= clock.now().getTime()) {
      store.delete(key)
      return undefined
    }
    return e
  }
  const sweep = setInterval(() => {
    const now = clock.now().getTime()
    for (const [k, e] of store) if (e.expiresAt <= now) store.delete(k)
  }, 60_000)
  sweep.unref()
  return {
    async incr(key, ttlSeconds) {
      const e = live(key)
      if (e) {
        e.value = String(Number(e.value) + 1)
        return Number(e.value)
      }
      store.set(key, { value: '1', expiresAt: clock.now().getTime() + ttlSeconds * 1000 })
      return 1
    },
    async get(key) {
      return live(key)?.value ?? null
    },
    async set(key, value, ttlSeconds) {
      store.set(key, { value, expiresAt: clock.now().getTime() + ttlSeconds * 1000 })
    },
    async del(key) {
      store.delete(key)
    },
    async close() {
      clearInterval(sweep)
      store.clear()
    },
  }
}
