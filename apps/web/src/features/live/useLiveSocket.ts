import { getCurrentScope, onScopeDispose, reactive, ref } from 'vue'
import { liveSocketUrl } from '@/api/live'
import { applyFrame, backoffMs, initialLiveState, LikeFolder, parseFrame, type LiveState } from './liveProtocol'

/** Close codes after which reconnecting is pointless (banned, room gone). */
const FINAL_CLOSE_CODES = new Set([4003, 4004])
const PING_MS = 25_000

export interface LiveSocketOptions {
  /** For tests: build the socket. */
  createSocket?: (url: string) => WebSocket
  random?: () => number
}

/**
 * One WebSocket per viewer: room state from the server's frames, chat and likes out, and reconnection with backoff
 * when the network drops (weak 4G). Sends only after the server's 'hello'.
 */
export function useLiveSocket(roomId: () => string, opts: LiveSocketOptions = {}) {
  const state = reactive<LiveState>(initialLiveState())
  const connected = ref(false)
  const reconnecting = ref(false)
  const createSocket = opts.createSocket ?? ((url: string) => new WebSocket(url))
  const random = opts.random ?? Math.random

  let ws: WebSocket | null = null
  let attempt = 0
  let retryTimer: ReturnType<typeof setTimeout> | null = null
  let pingTimer: ReturnType<typeof setInterval> | null = null
  let stopped = true
  /** Likes sent but not yet reflected in a 'likes' total, shown optimistically. */
  const myLikes = ref(0)

  const likes = new LikeFolder((count) => {
    if (!sendRaw({ type: 'like', count })) return
  })

  function sendRaw(msg: object): boolean {
    if (!ws || ws.readyState !== 1 || !state.helloSeen) return false
    ws.send(JSON.stringify(msg))
    return true
  }

  function clearTimers() {
    if (retryTimer) clearTimeout(retryTimer)
    if (pingTimer) clearInterval(pingTimer)
    retryTimer = null
    pingTimer = null
  }

  function connect() {
    stopped = false
    clearTimers()
    state.helloSeen = false
    const sock = createSocket(liveSocketUrl(roomId(), 'socket'))
    ws = sock
    sock.onopen = () => {
      if (ws !== sock) return
      connected.value = true
      pingTimer = setInterval(() => sendRaw({ type: 'ping' }), PING_MS)
    }
    sock.onmessage = (ev: MessageEvent) => {
      if (ws !== sock) return
      const frame = parseFrame(ev.data)
      if (!frame) return
      const before = state.likes
      applyFrame(state, frame)
      if (frame.e.some((e) => e.type === 'hello')) {
        attempt = 0
        reconnecting.value = false
      }
      if (state.likes > before) myLikes.value = Math.max(0, myLikes.value - (state.likes - before))
    }
    sock.onclose = (ev: CloseEvent) => {
      if (ws !== sock) return
      connected.value = false
      state.helloSeen = false
      ws = null
      if (pingTimer) clearInterval(pingTimer)
      pingTimer = null
      if (stopped || FINAL_CLOSE_CODES.has(ev.code) || state.banned) return
      scheduleReconnect()
    }
    sock.onerror = () => { /* onclose follows */ }
  }

  function scheduleReconnect() {
    reconnecting.value = true
    const delay = backoffMs(attempt++, random())
    retryTimer = setTimeout(connect, delay)
  }

  function close() {
    stopped = true
    clearTimers()
    likes.dispose()
    const s = ws
    ws = null
    connected.value = false
    reconnecting.value = false
    if (s && (s.readyState === 0 || s.readyState === 1)) s.close(1000)
  }

  /** Reconnect now (e.g. the phone came back online). */
  function kick() {
    if (stopped || (ws && ws.readyState <= 1)) return
    attempt = 0
    connect()
  }

  function sendChat(text: string): boolean {
    return sendRaw({ type: 'chat', text })
  }

  function like(n = 1) {
    myLikes.value += n
    likes.tap(n)
  }

  const onOnline = () => kick()
  if (typeof window !== 'undefined') window.addEventListener('online', onOnline)
  if (getCurrentScope()) {
    onScopeDispose(() => {
      if (typeof window !== 'undefined') window.removeEventListener('online', onOnline)
      close()
    })
  }

  return { state, connected, reconnecting, myLikes, connect, close, kick, sendChat, like }
}
