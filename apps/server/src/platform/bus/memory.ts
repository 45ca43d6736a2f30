import type { EventBus } from './types.ts'

export function memoryBus(): EventBus {
  const handlers = new Map<string, Set<(m: string) => void>>()
  return {
    async publish(channel, message) {
      // Deliver asynchronously, as Redis would: a publisher never runs subscribers inside its own call stack.
      const set = handlers.get(channel)
      if (set) queueMicrotask(() => set.forEach((h) => h(message)))
    },
    async subscribe(channel, handler) {
      let set = handlers.get(channel)
      if (!set) handlers.set(channel, (set = new Set()))
      set.add(handler)
      return async () => {
        set.delete(handler)
        if (!set.size) handlers.delete(channel)
      }
    },
    async close() {
      handlers.clear()
    },
  }
}
