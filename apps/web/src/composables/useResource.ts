import { ref, watch, type Ref } from 'vue'

/**
 * Loads one thing for a page: data, loading, error and reload. With `key`, it reloads whenever the key changes
 * (a route param); without, once on creation. On failure the old data is cleared, so a page never shows a stale item.
 */
export function useResource<T>(load: () => Promise<T>, key?: () => unknown) {
  const data = ref<T | null>(null) as Ref<T | null>
  const loading = ref(true)
  const error = ref<unknown>(null)
  async function reload() {
    loading.value = true
    error.value = null
    try {
      data.value = await load()
    } catch (err) {
      error.value = err
      data.value = null
    } finally {
      loading.value = false
    }
  }
  if (key) watch(key, () => void reload(), { immediate: true })
  else void reload()
  return { data, loading, error, reload }
}
