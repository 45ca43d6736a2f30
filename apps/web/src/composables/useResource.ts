import { ref, watch, type Ref } from 'vue'

/**
 * Loads one thing for a page: data, loading, error and reload. With `key`, it reloads whenever the key changes
 * (a route param); without, once on creation. On failure the old data is cleared, so a page never shows a stale item,
 * and an answer that arrives after a newer load started is ignored.
 */
export function useResource<T>(load: () => Promise<T>, key?: () => unknown) {
  const data = ref<T | null>(null) as Ref<T | null>
  const loading = ref(true)
  const error = ref<unknown>(null)
  // Only the latest load may answer: a slow earlier one (the previous route param or tab) is dropped.
  let seq = 0
  async function reload() {
    const mine = ++seq
    loading.value = true
    error.value = null
    try {
      const value = await load()
      if (mine === seq) data.value = value
    } catch (err) {
      if (mine !== seq) return
      error.value = err
      data.value = null
    } finally {
      if (mine === seq) loading.value = false
    }
  }
  if (key) watch(key, () => void reload(), { immediate: true })
  else void reload()
  return { data, loading, error, reload }
}
