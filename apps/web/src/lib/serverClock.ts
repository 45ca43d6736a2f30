import { ref } from 'vue'
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
