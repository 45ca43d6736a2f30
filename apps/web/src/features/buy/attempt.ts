import { ApiError } from '@/api/http'

/**
 * One checkout (or grab) attempt = one Idempotency-Key. Retrying the same request (a network drop, a 5xx, a double tap)
 * reuses the key, so the server answers with the order it already made instead of making a second one. After a success
 * or a definite refusal (4xx), or when the buyer changes what they are buying, the next call is a new attempt.
 */
export class Attempt {
  private key: string | null = null
  private fingerprint: string | null = null
  private readonly newKey: () => string

  constructor(newKey: () => string = () => crypto.randomUUID()) {
    this.newKey = newKey
  }

  /** The key the next call of `run(body)` would send. */
  keyFor(body: unknown): string {
    const fp = JSON.stringify(body)
    if (this.key === null || fp !== this.fingerprint) {
      this.key = this.newKey()
      this.fingerprint = fp
    }
    return this.key
  }

  async run<T>(body: unknown, send: (key: string) => Promise<T>): Promise<T> {
    const key = this.keyFor(body)
    try {
      const result = await send(key)
      this.reset()
      return result
    } catch (err) {
      if (!isRetryable(err)) this.reset()
      throw err
    }
  }

  reset(): void {
    this.key = null
    this.fingerprint = null
  }
}

/** A failure after which the same request may have reached the server: retry with the same key. */
export function isRetryable(err: unknown): boolean {
  return !(err instanceof ApiError) || err.status === 0 || err.status >= 500 || err.status === 429
}
