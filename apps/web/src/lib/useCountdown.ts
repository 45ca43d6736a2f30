import { computed, onBeforeUnmount, ref } from 'vue'

/** A seconds countdown (e.g. "resend code in 60s"). */
export function useCountdown(seconds = 60) {
  const left = ref(0)
  let timer: ReturnType<typeof setInterval> | null = null

  function stop() {
    if (timer) clearInterval(timer)
    timer = null
  }
  function start(from = seconds) {
    stop()
    left.value = from
    timer = setInterval(() => {
      left.value -= 1
      if (left.value <= 0) {
        left.value = 0
        stop()
      }
    }, 1000)
  }
  onBeforeUnmount(stop)
  return { left, running: computed(() => left.value > 0), start, stop }
}
