// Chat and product-text filter. Advertising law (广告法 Art. 9) forbids superlatives such as 国家级, 最高级, 最佳;
// those are masked by default. Words marked 'block' reject the whole message. The list is editable by admins.

export const DEFAULT_BANNED_WORDS: Array<{ word: string; action: 'mask' | 'block' }> = [
  { word: '国家级', action: 'mask' },
  { word: '最高级', action: 'mask' },
  { word: '最佳', action: 'mask' },
  { word: '最好', action: 'mask' },
  { word: '第一品牌', action: 'mask' },
  { word: '顶级', action: 'mask' },
  { word: '绝对', action: 'mask' },
  { word: '100%有效', action: 'mask' },
  { word: '加微信', action: 'block' },
  { word: '私下交易', action: 'block' },
]

export type FilterResult = { ok: true; text: string; masked: boolean } | { ok: false; word: string }

export function createChatFilter(words: Array<{ word: string; action: 'mask' | 'block' }>) {
  // Longest first, so 最高级 is masked whole rather than leaving a tail.
  const sorted = [...words].filter((w) => w.word.trim()).sort((a, b) => b.word.length - a.word.length)
  const normalize = (s: string) => s.normalize('NFKC').replace(/\s+/g, '')
  return {
    apply(input: string): FilterResult {
      let text = input.trim() // shown as typed (NFKC would turn ，into ,); matching is on a normalized copy
      const squeezed = normalize(text)
      for (const w of sorted) {
        if (w.action === 'block' && squeezed.includes(normalize(w.word))) return { ok: false, word: w.word }
      }
      let masked = false
      for (const w of sorted) {
        if (w.action !== 'mask') continue
        if (text.includes(w.word)) {
          text = text.split(w.word).join('*'.repeat(w.word.length))
          masked = true
        }
      }
      return { ok: true, text, masked }
    },
  }
}
export type ChatFilter = ReturnType<typeof createChatFilter>

/** Token bucket per key: `rate` tokens a second, up to `burst`. In-process: a user's socket lives on one process. */
export function createRateLimiter(rate: number, burst: number, now: () => number = Date.now) {
  const buckets = new Map<string, { tokens: number; at: number }>()
  const sweep = setInterval(() => {
    const t = now()
    for (const [k, b] of buckets) if (t - b.at > 60_000) buckets.delete(k)
  }, 60_000)
  sweep.unref()
  return {
    take(key: string): boolean {
      const t = now()
      const b = buckets.get(key) ?? { tokens: burst, at: t }
      b.tokens = Math.min(burst, b.tokens + ((t - b.at) / 1000) * rate)
      b.at = t
      buckets.set(key, b)
      if (b.tokens < 1) return false
      b.tokens -= 1
      return true
    },
    stop: () => clearInterval(sweep),
  }
}
