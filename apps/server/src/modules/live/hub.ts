// In-process fan-out for live rooms. Each server process keeps one RoomHub per room that has local viewers.
// Events from any process arrive through the EventBus; every tick (≤ 100 ms) a hub sends ONE frame to each viewer,
// serialized once for the whole room. Chat above a per-viewer cap is sampled; pins, announcements, status and a
// viewer's own messages are never dropped. Likes and viewer counts are folded into totals.
import type { ChatMessage, LiveEvent, LiveFrame } from '@hotland/contracts'
import { writeSync } from 'node:fs'
import type { EventBus } from '../../platform/bus/types.ts'

export interface HubSocket {
  /** Frames go out as UTF-8 Buffers sent as text (`{ binary: false }`): encoded once per frame, not once per viewer. */
  send(data: Buffer, options: { binary: false }): void
  close(code?: number, reason?: string): void
  readonly bufferedAmount: number
  /** 1 = OPEN (as in the WebSocket API); after a close frame nothing more may be written raw. */
  readonly readyState?: number
}

export interface Viewer {
  socket: HubSocket
  userId: string | null
  /**
   * The TCP socket under an uncompressed WebSocket, when there is one. The hub then writes each tick's frame as
   * bytes built once for the room (header + payload), one `write` per viewer instead of a framed `send`: at 10,000
   * viewers × 10 ticks/s the per-send framing and the two-buffer writev were most of the server's CPU.
   */
  raw?: RawSocket | null
  /** `raw`'s descriptor, read once (reading it from the handle is a call into C++ per frame). */
  fd?: number
  /** False for the room's own anchor on the console: 1 人在看 should not be the farmer watching herself. */
  counted?: boolean
}

/** The parts of a `net.Socket` the hub uses; `_handle.fd` is the OS socket (absent on non-fd handles). */
export interface RawSocket {
  write(data: Buffer): boolean
  readonly writableLength: number
  readonly _handle?: { fd?: number } | null
}

/** What a WebSocket server hands us; `_socket`/`_extensions` are `ws` internals, read once per connection. */
export function rawSocketOf(ws: unknown): Viewer['raw'] {
  const w = ws as { _socket?: RawSocket; _extensions?: Record<string, unknown> }
  if (!w._socket || typeof w._socket.write !== 'function') return null
  // With permessage-deflate the frames must go through ws's compressor.
  if (w._extensions && Object.keys(w._extensions).length > 0) return null
  return w._socket
}

/** Shared counters across processes (Redis) or in one process (memory). */
export interface RoomCounters {
  addLikes(roomId: string, n: number): Promise<number>
  likes(roomId: string): Promise<number>
  setLocalViewers(roomId: string, n: number): Promise<number>
  /** Starts the like counter from the stored total if no process has one yet (after a restart). */
  seedLikes(roomId: string, total: number): Promise<void>
}

export interface HubOptions {
  bus: EventBus
  counters: RoomCounters
  tickMs: number
  chatCapPerTick: number
  /** A viewer whose socket buffers more than this misses chat and counts (never pins/status) until it drains. */
  slowSocketBytes: number
  /** Viewers per flush group (default 1,000): a busy room is flushed group by group across the tick. */
  groupSize?: number
  onStats?(roomId: string, stats: { viewers: number; likes: number }): void
  log?: { warn(obj: unknown, msg: string): void }
}

const PRIORITY: ReadonlySet<LiveEvent['type']> = new Set(['pin', 'announcement', 'status', 'chat.deleted', 'muted', 'banned', 'follow', 'error'])

/**
 * Viewers of a busy room are split into groups of at most `groupSize`, each flushed at its own moment of the tick
 * (group i at i/10 of it). Writing a frame to 10,000 sockets takes ~60 ms of the event loop; in one go, the last
 * viewers got each event that much later than the first, and chat arriving meanwhile waited behind it. In groups of
 * 1,000 each flush is ~6 ms. Every group still gets one frame per tick, serialized once for the group.
 */
const MAX_GROUPS = 10

/** A slice of a room's viewers with its own pending events and its own moment in the tick. */
class Group {
  readonly viewers = new Set<Viewer>()
  priority: LiveEvent[] = []
  chat: ChatMessage[] = []
  counts: LiveEvent[] = []
  timer: NodeJS.Timeout | null = null
  lastFlushAt = 0
  /** The moment the group's current or last flush was planned for. */
  slotAt = 0
  readonly index: number
  constructor(index: number) {
    this.index = index
  }
}

class RoomHub {
  readonly viewers = new Set<Viewer>()
  /** Viewers that count in 人在看 (all but the anchor's own console). */
  private counted = 0
  private readonly groups: Group[] = []
  private readonly groupOf = new Map<Viewer, Group>()
  private pendingLikes = 0
  private countsTimer: NodeJS.Timeout
  private lastViewers = -1
  private lastLikes = -1
  private peak = 0
  unsubscribe: (() => Promise<void>) | null = null

  readonly roomId: string
  private readonly opts: HubOptions

  constructor(roomId: string, opts: HubOptions) {
    this.roomId = roomId
    this.opts = opts
    // Counts change constantly; they are refreshed once a second, not per event.
    this.countsTimer = setInterval(() => void this.refreshCounts(), 1000)
    this.countsTimer.unref()
  }

  add(viewer: Viewer) {
    const size = this.opts.groupSize ?? 1000
    let g = this.groups.find((x) => x.viewers.size < size)
    if (!g && this.groups.length < MAX_GROUPS) this.groups.push((g = new Group(this.groups.length)))
    g ??= this.groups.reduce((a, b) => (b.viewers.size < a.viewers.size ? b : a))
    g.viewers.add(viewer)
    this.groupOf.set(viewer, g)
    this.viewers.add(viewer)
    if (viewer.counted !== false) this.counted++
  }

  remove(viewer: Viewer) {
    this.groupOf.get(viewer)?.viewers.delete(viewer)
    this.groupOf.delete(viewer)
    if (this.viewers.delete(viewer) && viewer.counted !== false) this.counted--
  }

  enqueue(events: LiveEvent[]) {
    for (const g of this.groups) {
      if (!g.viewers.size) continue
      for (const e of events) {
        if (e.type === 'chat') g.chat.push(e.message)
        else if (e.type === 'likes' || e.type === 'viewers') continue // totals are local, see refreshCounts
        else g.priority.push(e)
      }
      this.schedule(g)
    }
  }

  addLikes(n: number) {
    this.pendingLikes += n
  }

  /**
   * Ticks are spaced from the start of the group's previous flush, not from the first event after it: in a busy room
   * an event arrives right after every flush, and waiting a whole tick from there added the flush time to each period.
   * A room of several groups keeps each group on its own slot of the tick, so the flushes never bunch up.
   */
  private schedule(g: Group) {
    if (g.timer) return
    const tick = this.opts.tickMs
    const now = Date.now()
    let at: number
    if (this.groups.length === 1) at = Math.max(now, g.lastFlushAt + tick)
    else {
      // The group's next slot after the one it last flushed on: a flush that ran late does not skip the next slot.
      const offset = Math.floor((g.index * tick) / MAX_GROUPS)
      at = Math.max(now, g.slotAt + 1)
      at += (((offset - at) % tick) + tick) % tick
    }
    g.slotAt = at
    g.timer = setTimeout(() => this.flush(g), at - now)
  }

  private lastRefreshAt = 0

  /** A join refreshes the counts at once unless they were refreshed within the last second (a filling room). */
  refreshSoon() {
    if (Date.now() - this.lastRefreshAt >= 1000) void this.refreshCounts()
  }

  async refreshCounts() {
    this.lastRefreshAt = Date.now()
    try {
      const likes = this.pendingLikes
      this.pendingLikes = 0
      const total = likes ? await this.opts.counters.addLikes(this.roomId, likes) : await this.opts.counters.likes(this.roomId)
      const viewers = await this.opts.counters.setLocalViewers(this.roomId, this.counted)
      this.peak = Math.max(this.peak, viewers)
      const extra: LiveEvent[] = []
      if (total !== this.lastLikes) extra.push({ type: 'likes', total })
      if (viewers !== this.lastViewers) extra.push({ type: 'viewers', now: viewers, peak: this.peak })
      this.lastLikes = total
      this.lastViewers = viewers
      if (extra.length) {
        for (const g of this.groups) {
          if (!g.viewers.size) continue
          g.counts = extra
          this.schedule(g)
        }
      }
      this.opts.onStats?.(this.roomId, { viewers, likes: total })
    } catch (err) {
      this.opts.log?.warn({ err, roomId: this.roomId }, 'live counters unavailable')
    }
  }
  get currentViewers() {
    return Math.max(this.lastViewers, this.counted)
  }

  /** Sends a group its pending events: one frame, serialized once, to each of its viewers. */
  flush(g: Group) {
    g.timer = null
    g.lastFlushAt = Date.now()
    const { priority, counts, chat } = g
    g.priority = []
    g.counts = []
    g.chat = []
    if (!priority.length && !counts.length && !chat.length) return

    const cap = this.opts.chatCapPerTick
    let kept = chat
    let dropped: ChatMessage[] = []
    if (chat.length > cap) {
      // Keep a uniform random sample of `cap` messages, in their original order.
      const idx = chat.map((_, i) => i)
      for (let i = idx.length - 1; i > 0; i--) {
        const j = Math.floor(Math.random() * (i + 1))
        ;[idx[i], idx[j]] = [idx[j]!, idx[i]!]
      }
      const keep = new Set(idx.slice(0, cap))
      kept = chat.filter((_, i) => keep.has(i))
      dropped = chat.filter((_, i) => !keep.has(i))
    }
    const t = Date.now()
    const events: LiveEvent[] = [...priority, ...counts, ...kept.map((message) => ({ type: 'chat' as const, message }))]
    // Serialized and UTF-8 encoded once for the group; every viewer's socket gets the same bytes.
    const common = frame({ t, e: events })
    const essential = priority.length ? frame({ t, e: priority }) : null
    const droppedBy = new Map<string, ChatMessage[]>()
    for (const m of dropped) {
      const list = droppedBy.get(m.userId)
      if (list) list.push(m)
      else droppedBy.set(m.userId, [m])
    }

    const anyDropped = droppedBy.size > 0
    for (const v of g.viewers) {
      const own = anyDropped && v.userId ? droppedBy.get(v.userId) : undefined
      // Under a raw socket the stream's queue is all there is (no extension buffers in ws's sender).
      const buffered = v.raw ? v.raw.writableLength : v.socket.bufferedAmount
      if (buffered > this.opts.slowSocketBytes) {
        // A slow phone on weak 4G: skip chat and counts, but never the pin, status or its own messages.
        if (own) send(v, frame({ t, e: [...priority, ...own.map((message) => ({ type: 'chat' as const, message }))] }))
        else if (essential) send(v, essential)
        continue
      }
      if (own) send(v, frame({ t, e: [...events, ...own.map((message) => ({ type: 'chat' as const, message }))] }))
      else send(v, common)
    }

    // Banned users are told, then disconnected.
    for (const e of priority) {
      if (e.type !== 'banned') continue
      for (const v of g.viewers) if (v.userId === e.userId) v.socket.close(4003, 'banned')
    }
  }

  stop() {
    for (const g of this.groups) if (g.timer) clearTimeout(g.timer)
    clearInterval(this.countsTimer)
  }
}

const TEXT = { binary: false } as const

/** One serialized frame: its JSON bytes, and (built on first raw send, then shared) the same bytes as a WebSocket text frame. */
class Frame {
  readonly payload: Buffer
  private onWire: Buffer | null = null
  constructor(f: LiveFrame) {
    this.payload = Buffer.from(JSON.stringify(f))
  }
  get wire(): Buffer {
    this.onWire ??= textFrame(this.payload)
    return this.onWire
  }
}

/** RFC 6455 §5.2: FIN + text opcode, unmasked (server to client), 7/16/64-bit length. */
export function textFrame(payload: Buffer): Buffer {
  const n = payload.length
  const head = n < 126 ? 2 : n < 65536 ? 4 : 10
  const b = Buffer.allocUnsafe(head + n)
  b[0] = 0x81
  if (n < 126) b[1] = n
  else if (n < 65536) {
    b[1] = 126
    b.writeUInt16BE(n, 2)
  } else {
    b[1] = 127
    b.writeBigUInt64BE(BigInt(n), 2)
  }
  payload.copy(b, head)
  return b
}

function frame(f: LiveFrame): Frame {
  return new Frame(f)
}

function send(v: Viewer, f: Frame) {
  try {
    const raw = v.raw
    if (!raw) v.socket.send(f.payload, TEXT)
    // Not after a close frame, and never once destroyed: `_handle` is cleared in the same turn the descriptor is
    // closed, so the descriptor read from it (or cached beside it) is still this connection's.
    else if (v.socket.readyState === 1 && raw._handle) writeRaw(raw, f.wire, v.fd)
  } catch {
    // the socket closed between the check and the send; its close handler removes it
  }
}

/**
 * Writes bytes to the socket with one plain write(2) when nothing is queued on it, else through the stream.
 * `net.Socket.write` costs a stream round (write request object, callbacks, bookkeeping) around the same syscall; at
 * 100,000 frames a second that overhead was as large as the kernel's. Order is kept: a direct write happens only when
 * the stream holds nothing, and whatever the kernel did not take (a full socket buffer) goes into the stream, so
 * every later write queues behind it.
 */
export function writeRaw(raw: RawSocket, wire: Buffer, fd = raw._handle?.fd) {
  if (fd !== undefined && fd >= 0 && raw.writableLength === 0) {
    let written = 0
    try {
      written = writeSync(fd, wire)
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EAGAIN') throw err
    }
    if (written < wire.length) raw.write(written ? wire.subarray(written) : wire)
    return
  }
  raw.write(wire)
}

export function createLiveHub(opts: HubOptions) {
  const hubs = new Map<string, RoomHub>()
  const channel = (roomId: string) => `live:room:${roomId}`

  async function hubFor(roomId: string): Promise<RoomHub> {
    let hub = hubs.get(roomId)
    if (hub) return hub
    hub = new RoomHub(roomId, opts)
    hubs.set(roomId, hub)
    const h = hub
    h.unsubscribe = await opts.bus.subscribe(channel(roomId), (message) => {
      try {
        h.enqueue(JSON.parse(message) as LiveEvent[])
      } catch (err) {
        opts.log?.warn({ err }, 'bad live bus message')
      }
    })
    return hub
  }

  return {
    async join(roomId: string, viewer: Viewer, hello: LiveEvent) {
      const hub = await hubFor(roomId)
      hub.add(viewer)
      send(viewer, frame({ t: Date.now(), e: [hello] }))
      hub.refreshSoon()
    },

    async leave(roomId: string, viewer: Viewer) {
      const hub = hubs.get(roomId)
      if (!hub) return
      hub.remove(viewer)
      if (hub.viewers.size === 0) {
        hubs.delete(roomId)
        hub.stop()
        await opts.counters.setLocalViewers(roomId, 0).catch(() => 0)
        await hub.unsubscribe?.()
      }
    },

    /** Sends events to every viewer of the room in every process. */
    async publish(roomId: string, events: LiveEvent[]) {
      await opts.bus.publish(channel(roomId), JSON.stringify(events))
    },

    /** Sends events only to one viewer, in the next tick of its own frame stream. */
    direct(viewer: Viewer, events: LiveEvent[]) {
      send(viewer, frame({ t: Date.now(), e: events }))
    },

    like(roomId: string, n: number) {
      hubs.get(roomId)?.addLikes(n)
    },

    localViewers(roomId: string) {
      return hubs.get(roomId)?.currentViewers ?? 0
    },

    async close() {
      for (const [roomId, hub] of hubs) {
        hub.stop()
        for (const v of hub.viewers) v.socket.close(1001, 'server shutting down')
        await opts.counters.setLocalViewers(roomId, 0).catch(() => 0)
        await hub.unsubscribe?.()
      }
      hubs.clear()
    },
  }
}
export type LiveHub = ReturnType<typeof createLiveHub>
