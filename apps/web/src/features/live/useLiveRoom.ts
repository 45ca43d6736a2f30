import { computed, onBeforeUnmount, ref, shallowRef, watch } from 'vue'
import type { ClipView, LiveRoomView } from '@hotland/contracts'
import { liveApi } from '@/api/live'
import { useLiveSocket } from './useLiveSocket'
import { httpClockOffsetMs } from '@/lib/serverClock'

/** A live room page's data: the room (HTTP), its socket while not ended, chat history, clips after it ends. */
export function useLiveRoom(roomId: () => string) {
  const room = shallowRef<LiveRoomView | null>(null)
  const loading = ref(true)
  const error = ref<unknown>(null)
  const clips = ref<ClipView[]>([])
  const socket = useLiveSocket(roomId)
  /** Bumped when the socket says a stream (re)started: the player retries at once instead of waiting its backoff. */
  const streamSignal = ref(0)
  const now = ref(Date.now())
  const tick = setInterval(() => { now.value = Date.now() }, 1000)
  onBeforeUnmount(() => clearInterval(tick))

  async function load() {
    error.value = null
    try {
      const r = await liveApi.get(roomId())
      room.value = r
      if (r.status === 'ended') {
        socket.close()
        clips.value = await liveApi.clips(r.id).catch(() => [])
      } else {
        if (!socket.connected.value && !socket.reconnecting.value) {
          socket.connect()
          const history = await liveApi.chat(r.id).catch(() => [])
          const known = new Set(socket.state.chat.map((m) => m.id))
          socket.state.chat.unshift(...history.filter((m) => !known.has(m.id)))
        }
      }
    } catch (err) {
      error.value = err
    } finally {
      loading.value = false
    }
  }

  // The socket knows first when the room goes live, the anchor starts or stops publishing, or the room ends.
  watch(() => [socket.state.status, socket.state.publishing] as const, async ([status, publishing], [prevStatus, prevPub]) => {
    const r = room.value
    if (!r || status === null) return
    if (status !== r.status || (publishing !== null && publishing !== r.isPublishing)) {
      await load()
      if (publishing && !prevPub) streamSignal.value++
      if (status === 'live' && prevStatus !== 'live') streamSignal.value++
    }
  })
  watch(() => socket.state.followerCount, (n) => {
    if (n !== null && room.value) room.value = { ...room.value, followerCount: n }
  })

  /** Server-clock-aware now (ms). */
  // The socket's frames set the offset; before the first one, the API answers' x-server-time does.
  const serverNow = computed(() => now.value + (socket.state.clockOffsetMs || httpClockOffsetMs.value))
  const pinned = computed(() => {
    if (socket.state.helloSeen || socket.state.pinned) return socket.state.pinned
    const r = room.value
    return r?.pinnedProductId ? r.featuredProducts.find((p) => p.id === r.pinnedProductId) ?? null : null
  })

  return { room, loading, error, clips, socket, streamSignal, serverNow, pinned, load }
}

/** "01:02:03" / "02:03" for a countdown or a duration, in whole seconds. */
export function clockText(totalSeconds: number): string {
  const s = Math.max(0, Math.floor(totalSeconds))
  const h = Math.floor(s / 3600)
  const m = Math.floor((s % 3600) / 60)
  const sec = s % 60
  const two = (n: number) => String(n).padStart(2, '0')
  return h > 0 ? `${h}:${two(m)}:${two(sec)}` : `${two(m)}:${two(sec)}`
}

/** 12345 → "1.2万" in Chinese, "12.3k" in English. */
export function countText(n: number, locale: string): string {
  if (n < 10_000) return String(n)
  if (locale.startsWith('zh')) return `${(n / 10_000).toFixed(n < 100_000 ? 1 : 0).replace(/\.0$/, '')}万`
  return `${(n / 1000).toFixed(n < 100_000 ? 1 : 0).replace(/\.0$/, '')}k`
}

/** "1:30" → 90, "1:02:03" → 3723, "45" → 45; null when not a time. */
export function parseClock(text: string): number | null {
  const t = text.trim().replace(/：/g, ':')
  if (!/^\d+(:\d{1,2}){0,2}$/.test(t)) return null
  return t.split(':').reduce((acc, part) => acc * 60 + Number(part), 0)
}
