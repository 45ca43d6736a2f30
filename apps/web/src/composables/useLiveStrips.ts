import { ref, watch } from 'vue'
import type { LiveRoomView } from '@hotland/contracts'
import { liveApi } from '@/api/live'

/** Live-now and upcoming rooms (optionally of one county) for the home and county pages. Failures just hide the strips. */
export function useLiveStrips(countyCode: () => string | undefined) {
  const live = ref<LiveRoomView[]>([])
  const upcoming = ref<LiveRoomView[]>([])

  async function load() {
    const code = countyCode()
    const [l, u] = await Promise.all([
      liveApi.list({ status: 'live', countyCode: code, limit: 12 }).catch(() => null),
      liveApi.list({ status: 'scheduled', countyCode: code, limit: 12 }).catch(() => null),
    ])
    live.value = l?.items ?? []
    upcoming.value = u?.items ?? []
  }
  watch(countyCode, () => void load(), { immediate: true })
  return { live, upcoming, reload: load }
}
