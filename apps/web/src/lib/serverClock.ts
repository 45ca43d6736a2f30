import { computed, getCurrentInstance, onBeforeUnmount, ref, type ComputedRef } from 'vue'
import { clockOffset } from './clock'

/**
 * serverNow ≈ Date.now() + offset, learned from the `x-server-time` header of every API answer. The live room's socket
 * frames give a finer offset once they arrive; until then (and on pages without a socket) this one is used.
 */
export const httpClockOffsetMs = ref(0)

export function noteServerTime(header: string | null, localNowMs = Date.now()) {
  const t = header ? Number(header) : NaN
  if (Number.isFinite(t) && t > 0) httpClockOffsetMs.value = clockOffset(t, localNowMs)
}

/**
 * The server's now, ticking every second while the calling component lives (for countdowns such as the time left to
 * pay). `active` false: no timer at all (a page that shows no countdown).
 */
export function useServerNow(active = true): ComputedRef<number> {
  const local = ref(Date.now())
  if (active) {
    const tick = setInterval(() => { local.value = Date.now() }, 1000)
    if (getCurrentInstance()) onBeforeUnmount(() => clearInterval(tick))
  }
  return computed(() => local.value + httpClockOffsetMs.value)
}
