import { ref, watch } from 'vue'
import type { ProductView } from '@hotland/contracts'
import { catalogApi } from '@/api/catalog'

export function useProduct(id: () => string) {
  const product = ref<ProductView | null>(null)
  const loading = ref(true)
  const error = ref<unknown>(null)

  async function reload() {
    loading.value = true
    error.value = null
    try {
      product.value = await catalogApi.get(id())
    } catch (err) {
      error.value = err
      product.value = null
    } finally {
      loading.value = false
    }
  }
  watch(id, () => void reload(), { immediate: true })
  return { product, loading, error, reload }
}
