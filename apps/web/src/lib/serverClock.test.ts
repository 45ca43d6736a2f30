import { describe, expect, it, vi } from 'vitest'
import { httpClockOffsetMs, noteServerTime, useServerNow } from './serverClock'

describe('server clock from API answers', () => {
  it('learns how far the phone clock is from the server and ignores a missing or bad header', () => {
    noteServerTime('1700000060000', 1700000000000)
    expect(httpClockOffsetMs.value).toBe(60_000)
    noteServerTime(null, 0)
    noteServerTime('soon', 0)
    expect(httpClockOffsetMs.value).toBe(60_000)
  })
})

describe('the server\'s now for countdowns', () => {
  it('ticks every second with the learned offset, and does not tick when inactive', () => {
    vi.useFakeTimers()
    try {
      httpClockOffsetMs.value = 5000
      const ticking = useServerNow()
      const still = useServerNow(false)
      const start = Date.now()
      expect(ticking.value).toBe(start + 5000)
      vi.advanceTimersByTime(3000)
      expect(ticking.value).toBe(start + 3000 + 5000)
      expect(still.value).toBe(start + 5000)
    } finally {
      httpClockOffsetMs.value = 0
      vi.useRealTimers()
    }
  })
})
