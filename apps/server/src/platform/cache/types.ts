/** Small key-value port for counters and short-lived state (rate limits, throttles). Memory or Redis. */
export interface KeyValue {
  /** Increments a counter; the first increment starts its time-to-live. Returns the new count. */
  incr(key: string, ttlSeconds: number): Promise<number>
  get(key: string): Promise<string | null>
  set(key: string, value: string, ttlSeconds: number): Promise<void>
  del(key: string): Promise<void>
  close(): Promise<void>
}
