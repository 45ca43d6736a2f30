import { afterEach, describe, expect, it, vi } from 'vitest'
import type { ChatMessage, ProductSummary } from '@hotland/contracts'
import { applyFrame, backoffMs, CHAT_KEEP, initialLiveState, LikeFolder, parseFrame } from './liveProtocol'

const msg = (id: string, text = 'hi'): ChatMessage => ({ id, userId: 'usr_1', displayName: '李女士', text, role: null, at: '2026-01-01T00:00:00Z' })
const hello = { type: 'hello', roomId: 'room_1', status: 'live', viewers: 3, peak: 5, likes: 10, pinned: null, announcement: null, you: { userId: 'usr_me', role: null, mutedUntil: null } }

describe('parseFrame', () => {
  it('should read a batched frame with the server time', () => {
    expect(parseFrame(JSON.stringify({ t: 1000, e: [hello] }))).toEqual({ t: 1000, e: [hello] })
  })
  it('should wrap a bare error message into a frame', () => {
    const f = parseFrame('{"type":"error","code":"LIVE_MUTED","message":"x"}')
    expect(f?.e[0]).toMatchObject({ type: 'error', code: 'LIVE_MUTED' })
  })
  it('should ignore binary, broken JSON and events without a type', () => {
    expect(parseFrame(new ArrayBuffer(2))).toBeNull()
    expect(parseFrame('{nope')).toBeNull()
    expect(parseFrame('{"t":1,"e":[{"x":1},null]}')).toEqual({ t: 1, e: [] })
  })
})

describe('applyFrame', () => {
  it('should show a viewer who comes late the announcement posted before', () => {
    const s = applyFrame(initialLiveState(), { t: 5000, e: [{ ...hello, announcement: { text: '今晚八点发货', at: '2026-11-29T10:00:00.000Z' } } as never] }, 5000)
    expect(s.announcement).toEqual({ text: '今晚八点发货', at: '2026-11-29T10:00:00.000Z' })
  })

  it('should take counts, role and pin from hello and the clock offset from t', () => {
    const s = applyFrame(initialLiveState(), { t: 5000, e: [hello as never] }, 4000)
    expect(s).toMatchObject({ helloSeen: true, status: 'live', viewers: 3, peak: 5, likes: 10, clockOffsetMs: 1000 })
    expect(s.you.userId).toBe('usr_me')
  })
  it('should append chat once, drop deleted messages and keep only the newest', () => {
    const s = initialLiveState()
    applyFrame(s, { t: 0, e: [{ type: 'chat', message: msg('m1') }, { type: 'chat', message: msg('m1') }, { type: 'chat', message: msg('m2') }] })
    expect(s.chat.map((m) => m.id)).toEqual(['m1', 'm2'])
    applyFrame(s, { t: 0, e: [{ type: 'chat.deleted', messageId: 'm1' }] })
    expect(s.chat.map((m) => m.id)).toEqual(['m2'])
    applyFrame(s, { t: 0, e: Array.from({ length: CHAT_KEEP + 5 }, (_, i) => ({ type: 'chat' as const, message: msg(`x${i}`) })) })
    expect(s.chat).toHaveLength(CHAT_KEEP)
    expect(s.chat[s.chat.length - 1]?.id).toBe(`x${CHAT_KEEP + 4}`)
  })
  it('should never let the like total go backwards and keep the peak at least the current count', () => {
    const s = initialLiveState()
    applyFrame(s, { t: 0, e: [{ type: 'likes', total: 50 }, { type: 'likes', total: 40 }, { type: 'viewers', now: 9, peak: 7 }] })
    expect(s.likes).toBe(50)
    expect(s).toMatchObject({ viewers: 9, peak: 9 })
  })
  it('should follow pins, announcements, status and my own mute and ban', () => {
    const s = applyFrame(initialLiveState(), { t: 0, e: [hello as never] })
    const product = { id: 'prd_1', title: '苹果' } as ProductSummary
    applyFrame(s, { t: 0, e: [
      { type: 'pin', product }, { type: 'announcement', text: '今晚发货', at: 'a1' }, { type: 'status', status: 'live', publishing: true },
      { type: 'muted', userId: 'usr_other', until: 'x' }, { type: 'muted', userId: 'usr_me', until: '2030-01-01T00:00:00Z' },
    ] })
    expect(s.pinned?.id).toBe('prd_1')
    expect(s.announcement?.text).toBe('今晚发货')
    expect(s.publishing).toBe(true)
    expect(s.you.mutedUntil).toBe('2030-01-01T00:00:00Z')
    applyFrame(s, { t: 0, e: [{ type: 'pin', product: null }, { type: 'banned', userId: 'usr_me' }] })
    expect(s.pinned).toBeNull()
    expect(s.banned).toBe(true)
  })
  it('should queue error codes for the UI', () => {
    const s = applyFrame(initialLiveState(), { t: 0, e: [{ type: 'error', code: 'LIVE_RATE_LIMITED', message: '' }] })
    expect(s.errors.map((e) => e.code)).toEqual(['LIVE_RATE_LIMITED'])
  })
})

describe('backoffMs', () => {
  it('should double from 1 s with jitter between half and full, capped at 30 s', () => {
    expect(backoffMs(0, 0)).toBe(500)
    expect(backoffMs(0, 0.999)).toBeLessThanOrEqual(1000)
    expect(backoffMs(3, 0)).toBe(4000)
    expect(backoffMs(20, 0.999)).toBeLessThanOrEqual(30_000)
    expect(backoffMs(20, 0)).toBe(15_000)
  })
})

describe('LikeFolder', () => {
  afterEach(() => { vi.useRealTimers() })
  it('should fold many taps into messages of at most 10, one per interval', () => {
    vi.useFakeTimers()
    const sent: number[] = []
    const f = new LikeFolder((n) => sent.push(n), 400)
    for (let i = 0; i < 23; i++) f.tap()
    expect(sent).toEqual([])
    vi.advanceTimersByTime(400)
    expect(sent).toEqual([10])
    vi.advanceTimersByTime(800)
    expect(sent).toEqual([10, 10, 3])
    vi.advanceTimersByTime(2000)
    expect(sent).toEqual([10, 10, 3])
  })
  it('should drop taps above the pending cap so a frantic thumb cannot flood the socket', () => {
    vi.useFakeTimers()
    const sent: number[] = []
    const f = new LikeFolder((n) => sent.push(n), 100, 10, 30)
    f.tap(500)
    vi.advanceTimersByTime(10_000)
    expect(sent.reduce((a, b) => a + b, 0)).toBe(30)
  })
})

describe('flash sale events', () => {
  it('keeps the latest sale and follows grabs down to sold out', () => {
    const s = initialLiveState()
    const sale = {
      id: 'fs_1', roomId: 'r', skuId: 'k', productId: 'p', title: '花牛苹果', skuName: '5kg', coverUrl: null, priceFen: 2990,
      originalPriceFen: 4980, quantity: 2, remaining: 2, perBuyerLimit: 1, startsAt: '2026-06-01T12:00:00Z', endsAt: '2026-06-01T12:10:00Z',
      status: 'running' as const, isFresh: true,
    }
    applyFrame(s, { t: 1000, e: [{ type: 'flash', sale }] }, 400)
    expect(s.clockOffsetMs).toBe(600)
    expect(s.flash?.remaining).toBe(2)
    applyFrame(s, { t: 2000, e: [{ type: 'flash.grabbed', saleId: 'fs_1', displayName: '王**', remaining: 1 }] })
    expect(s.lastGrab).toMatchObject({ displayName: '王**', remaining: 1 })
    expect(s.flash?.remaining).toBe(1)
    // an older count arriving late does not bring units back
    applyFrame(s, { t: 2100, e: [{ type: 'flash.grabbed', saleId: 'fs_1', displayName: '李**', remaining: 0 }, { type: 'flash.grabbed', saleId: 'fs_1', displayName: '赵**', remaining: 1 }] })
    expect(s.flash).toMatchObject({ remaining: 0, status: 'sold_out' })
  })
})
