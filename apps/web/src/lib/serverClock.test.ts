import { describe, expect, it } from 'vitest'
import { httpClockOffsetMs, noteServerTime } from './serverClock'

describe('server clock from API answers', () => {
  it('learns how far the phone clock is from the server and ignores a missing or bad header', () => {
    noteServerTime('1700000060000', 1700000000000)
    expect(httpClockOffsetMs.value).toBe(60_000)
    noteServerTime(null, 0)
    noteServerTime('soon', 0)
    expect(httpClockOffsetMs.value).toBe(60_000)
  })
})
