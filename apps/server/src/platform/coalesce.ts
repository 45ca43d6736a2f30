/**
 * Turns one-key lookups into one many-key lookup per turn of the event loop: every call made before the next
 * setImmediate shares a single `load` (one query or one MGET instead of one per request). Keys are deduplicated;
 * a failed load fails every caller waiting on it.
 */
export function coalesce<K, V>(load: (keys: K[]) => Promise<Map<K, V>>): (key: K) => Promise<V | null> {
  let waiting = new Map<K, Array<{ resolve(v: V | null): void; reject(err: unknown): void }>>()
  let scheduled = false
  function flush() {
    scheduled = false
    const batch = waiting
    waiting = new Map()
    // Through a promise, so a loader that throws synchronously still rejects its waiters instead of escaping.
    Promise.resolve().then(() => load([...batch.keys()])).then(
      (found) => { for (const [k, ws] of batch) for (const w of ws) w.resolve(found.get(k) ?? null) },
      (err) => { for (const ws of batch.values()) for (const w of ws) w.reject(err) },
    )
  }
  return (key) => new Promise<V | null>((resolve, reject) => {
    const ws = waiting.get(key)
    if (ws) ws.push({ resolve, reject })
    else waiting.set(key, [{ resolve, reject }])
    if (!scheduled) {
      scheduled = true
      setImmediate(flush)
    }
  })
}
