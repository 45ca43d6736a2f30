// Pure pieces of the live-room socket protocol (no Vue, no WebSocket): frame parsing, the room state reducer,
// like folding and reconnect backoff. useLiveSocket.ts wires them to a real socket.
import type { ChatMessage, FlashSaleView, LiveEvent, LiveFrame, LiveStatus, ProductSummary } from '@hotland/contracts'
import { clockOffset } from '@/lib/clock'

export const CHAT_KEEP = 150

export interface LiveState {
  status: LiveStatus | null
  publishing: boolean | null
  viewers: number
  peak: number
  likes: number
  pinned: ProductSummary | null
  chat: ChatMessage[]
  announcement: { text: string; at: string } | null
  /** The latest "X followed" line, for a short banner. */
  lastFollow: { displayName: string; followerCount: number; seq: number } | null
  followerCount: number | null
  you: { userId: string | null; role: 'anchor' | 'moderator' | null; mutedUntil: string | null }
  /** Error codes the server sent us (LIVE_MUTED, LIVE_RATE_LIMITED …), newest last; the UI consumes them. */
  errors: { code: string; seq: number }[]
  banned: boolean
  /** serverTimeMs − Date.now() at the last frame: add it to Date.now() for the server's clock. */
  clockOffsetMs: number
  helloSeen: boolean
  /** The flash sale (秒杀) the room last heard of: started, sold out or ended; `remaining` follows the grabs. */
  flash: FlashSaleView | null
  /** The latest "X 抢到了" line. */
  lastGrab: { saleId: string; displayName: string; remaining: number; seq: number } | null
}

export function initialLiveState(): LiveState {
  return {
    status: null, publishing: null, viewers: 0, peak: 0, likes: 0, pinned: null, chat: [], announcement: null,
    lastFollow: null, followerCount: null, you: { userId: null, role: null, mutedUntil: null }, errors: [], banned: false,
    clockOffsetMs: 0, helloSeen: false, flash: null, lastGrab: null,
  }
}

/** A server frame ({t, e[]}); also accepts a bare event or {type:'error'} the server may send outside a frame. */
export function parseFrame(raw: unknown): LiveFrame | null {
  if (typeof raw !== 'string') return null
  let data: unknown
  try { data = JSON.parse(raw) } catch { return null }
  if (!data || typeof data !== 'object') return null
  const o = data as Record<string, unknown>
  if (Array.isArray(o.e)) {
    const t = typeof o.t === 'number' && Number.isFinite(o.t) ? o.t : Date.now()
    return { t, e: o.e.filter((x): x is LiveEvent => !!x && typeof x === 'object' && typeof (x as { type?: unknown }).type === 'string') }
  }
  if (typeof o.type === 'string') return { t: Date.now(), e: [o as unknown as LiveEvent] }
  return null
}

let seq = 0

/** Applies one frame's events to the state (mutates and returns it: the caller holds it in a reactive()). */
export function applyFrame(s: LiveState, frame: LiveFrame, now = Date.now()): LiveState {
  s.clockOffsetMs = clockOffset(frame.t, now)
  for (const ev of frame.e) applyEvent(s, ev)
  return s
}

export function applyEvent(s: LiveState, ev: LiveEvent): void {
  switch (ev.type) {
    case 'hello':
      s.helloSeen = true
      s.status = ev.status
      s.viewers = ev.viewers
      s.peak = Math.max(ev.peak, ev.viewers)
      s.likes = ev.likes
      s.pinned = (ev.pinned as ProductSummary | null) ?? null
      // A late viewer sees the notice posted before they came; one already shown (same time) stays as it is.
      if (ev.announcement && ev.announcement.at !== s.announcement?.at) s.announcement = { ...ev.announcement }
      s.you = { ...ev.you }
      break
    case 'chat':
      if (s.chat.some((m) => m.id === ev.message.id)) break
      s.chat.push(ev.message)
      if (s.chat.length > CHAT_KEEP) s.chat.splice(0, s.chat.length - CHAT_KEEP)
      break
    case 'chat.deleted':
      s.chat = s.chat.filter((m) => m.id !== ev.messageId)
      break
    case 'likes':
      s.likes = Math.max(s.likes, ev.total)
      break
    case 'viewers':
      s.viewers = ev.now
      s.peak = Math.max(s.peak, ev.peak, ev.now)
      break
    case 'pin':
      s.pinned = ev.product
      break
    case 'announcement':
      s.announcement = { text: ev.text, at: ev.at }
      break
    case 'follow':
      s.followerCount = ev.followerCount
      s.lastFollow = { displayName: ev.displayName, followerCount: ev.followerCount, seq: ++seq }
      break
    case 'status':
      s.status = ev.status
      s.publishing = ev.publishing
      break
    case 'muted':
      if (s.you.userId && ev.userId === s.you.userId) s.you.mutedUntil = ev.until
      break
    case 'banned':
      if (s.you.userId && ev.userId === s.you.userId) s.banned = true
      break
    case 'flash':
      s.flash = ev.sale
      break
    case 'flash.grabbed':
      s.lastGrab = { saleId: ev.saleId, displayName: ev.displayName, remaining: ev.remaining, seq: ++seq }
      if (s.flash && s.flash.id === ev.saleId && ev.remaining < s.flash.remaining) {
        s.flash = { ...s.flash, remaining: ev.remaining, status: ev.remaining <= 0 ? 'sold_out' : s.flash.status }
      }
      break
    case 'error':
      if (ev.code === 'LIVE_BANNED') s.banned = true
      s.errors.push({ code: ev.code, seq: ++seq })
      if (s.errors.length > 10) s.errors.shift()
      break
  }
}

/** Exponential backoff with jitter: 1 s, 2 s, 4 s … capped at 30 s; `random` in [0, 1). */
export function backoffMs(attempt: number, random = Math.random(), baseMs = 1000, capMs = 30_000): number {
  const exp = Math.min(capMs, baseMs * 2 ** Math.max(0, attempt))
  return Math.round(exp * (0.5 + random / 2))
}

/**
 * Folds many like taps into few messages: the server accepts a count of 1–10 per message and cuts a client off above
 * 20 messages a second, so taps are summed and sent at most every `intervalMs`, 10 at a time; a frantic thumb's
 * excess above `maxPending` is dropped (the heart animation still plays locally).
 */
export class LikeFolder {
  private pending = 0
  private timer: ReturnType<typeof setTimeout> | null = null
  private readonly send: (count: number) => void
  private readonly intervalMs: number
  private readonly maxPerMessage: number
  private readonly maxPending: number
  constructor(send: (count: number) => void, intervalMs = 400, maxPerMessage = 10, maxPending = 60) {
    this.send = send
    this.intervalMs = intervalMs
    this.maxPerMessage = maxPerMessage
    this.maxPending = maxPending
  }

  tap(n = 1): void {
    this.pending = Math.min(this.maxPending, this.pending + n)
    if (!this.timer) this.timer = setTimeout(() => this.flush(), this.intervalMs)
  }

  flush(): void {
    this.timer = null
    if (this.pending <= 0) return
    const count = Math.min(this.maxPerMessage, this.pending)
    this.pending -= count
    this.send(count)
    if (this.pending > 0) this.timer = setTimeout(() => this.flush(), this.intervalMs)
  }

  get waiting(): number {
    return this.pending
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    this.pending = 0
  }
}
