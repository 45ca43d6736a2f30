import { ref, shallowRef } from 'vue'
import type { Page } from '@hotland/contracts'

/**
 * Cursor pagination for van-list: `loadMore` fetches the next page, `reset` starts over (e.g. a filter changed).
 * Late answers from a previous filter are dropped (generation counter).
 */
export function useCursorList<T>(fetchPage: (cursor: string | undefined) => Promise<Page<T>>) {
  const items = shallowRef<T[]>([])
  const loading = ref(false)
  const finished = ref(false)
  const error = ref<unknown>(null)
  const initialLoaded = ref(false)
  let cursor: string | undefined
  let generation = 0

  async function loadMore() {
    if (finished.value) { loading.value = false; return }
    const gen = generation
    loading.value = true
    error.value = null
    try {
      const page = await fetchPage(cursor)
      if (gen !== generation) return
      items.value = [...items.value, ...page.items]
      cursor = page.nextCursor ?? undefined
      finished.value = page.nextCursor === null || page.items.length === 0
    } catch (err) {
      if (gen !== generation) return
      error.value = err
    } finally {
      if (gen === generation) {
        loading.value = false
        initialLoaded.value = true
      }
    }
  }

  function reset() {
    generation += 1
    items.value = []
    cursor = undefined
    finished.value = false
    error.value = null
    loading.value = false
    initialLoaded.value = false
  }

  return { items, loading, finished, error, initialLoaded, loadMore, reset }
}
