import { afterEach, describe, expect, it, vi } from 'vitest'
import { effectScope } from 'vue'
import { parseClock } from './useLiveRoom'
import { useLiveSocket } from './useLiveSocket'
import { fromLocalInput, quickTimes, toLocalInput } from './scheduleTime'

class FakeSocket {
  static all: FakeSocket[] = []
  readyState = 0
  sent: string[] = []
  onopen: (() => void) | null = null
  onmessage: ((e: { data: unknown }) => void) | null = null
  onclose: ((e: { code: number }) => void) | null = null
  onerror: (() => void) | null = null
  url: string
  constructor(url: string) { this.url = url; FakeSocket.all.push(this) }
  send(s: string) { this.sent.push(s) }
  close(code = 1000) { this.readyState = 3; this.onclose?.({ code }) }
  open() { this.readyState = 1; this.onopen?.() }
  frame(e: unknown[], t = Date.now()) { this.onmessage?.({ data: JSON.stringify({ t, e }) }) }
  drop(code = 1006) { this.readyState = 3; this.onclose?.({ code }) }
}
const hello = { type: 'hello', roomId: 'room_1', status: 'live', viewers: 1, peak: 1, likes: 0, pinned: null, you: { userId: 'usr_1', role: null, mutedUntil: null } }

function setup() {
  FakeSocket.all = []
  const scope = effectScope()
  const live = scope.run(() => useLiveSocket(() => 'room_1', { createSocket: (url) => new FakeSocket(url) as unknown as WebSocket, random: () => 0 }))!
  return { live, scope, last: () => FakeSocket.all[FakeSocket.all.length - 1]! }
}

describe('useLiveSocket', () => {
  afterEach(() => { vi.useRealTimers() })

  it('should connect to the room socket on this host and send chat only after hello', () => {
    const { live, last, scope } = setup()
    live.connect()
    expect(last().url).toMatch(/^ws:\/\/.+\/api\/live-rooms\/room_1\/socket$/)
    last().open()
    expect(live.sendChat('早')).toBe(false)
    last().frame([hello])
    expect(live.sendChat('早')).toBe(true)
    expect(JSON.parse(last().sent[0]!)).toEqual({ type: 'chat', text: '早' })
    scope.stop()
  })

  it('should fold likes into one message per interval and count them optimistically', () => {
    vi.useFakeTimers()
    const { live, last, scope } = setup()
    live.connect()
    last().open()
    last().frame([hello])
    for (let i = 0; i < 7; i++) live.like()
    expect(live.myLikes.value).toBe(7)
    vi.advanceTimersByTime(500)
    expect(last().sent.map((s) => JSON.parse(s))).toEqual([{ type: 'like', count: 7 }])
    last().frame([{ type: 'likes', total: 7 }])
    expect(live.myLikes.value).toBe(0)
    scope.stop()
  })

  it('should reconnect with growing delays after drops and reset after a hello', () => {
    vi.useFakeTimers()
    const { live, last, scope } = setup()
    live.connect()
    last().drop()
    expect(live.reconnecting.value).toBe(true)
    expect(FakeSocket.all).toHaveLength(1)
    vi.advanceTimersByTime(500) // attempt 0: 1 s × 0.5 jitter
    expect(FakeSocket.all).toHaveLength(2)
    last().drop()
    vi.advanceTimersByTime(999)
    expect(FakeSocket.all).toHaveLength(2) // attempt 1: 2 s × 0.5
    vi.advanceTimersByTime(1)
    expect(FakeSocket.all).toHaveLength(3)
    last().open()
    last().frame([hello])
    expect(live.reconnecting.value).toBe(false)
    last().drop()
    vi.advanceTimersByTime(500)
    expect(FakeSocket.all).toHaveLength(4)
    scope.stop()
  })

  it('should not reconnect when banned, when the room is gone, or after close', () => {
    vi.useFakeTimers()
    const { live, last, scope } = setup()
    live.connect()
    last().drop(4003)
    vi.advanceTimersByTime(60_000)
    expect(FakeSocket.all).toHaveLength(1)
    live.connect()
    live.close()
    vi.advanceTimersByTime(60_000)
    expect(FakeSocket.all).toHaveLength(2)
    scope.stop()
  })
})

describe('time helpers', () => {
  it('should read clip times as m:ss, h:mm:ss or seconds', () => {
    expect(parseClock('1:30')).toBe(90)
    expect(parseClock('1：02:03')).toBe(3723)
    expect(parseClock('45')).toBe(45)
    expect(parseClock('abc')).toBeNull()
  })
  it('should offer quick start times in the future and round-trip the datetime input', () => {
    const now = new Date(2026, 0, 5, 21, 7)
    const q = quickTimes(now)
    expect(q.map((x) => x.key)).toEqual(['inHour', 'tomorrowMorning'])
    expect(toLocalInput(q[0]!.at)).toBe('2026-01-05T22:10')
    expect(fromLocalInput('2026-01-06T09:00')).toBe(new Date(2026, 0, 6, 9, 0).toISOString())
    expect(fromLocalInput('')).toBeNull()
  })
})
