import { ref } from 'vue'
import type { ShopView } from '@hotland/contracts'
import { shopsApi } from '@/api/shops'

export function useMyShops() {
  const shops = ref<ShopView[]>([])
  const loading = ref(false)
  const error = ref<unknown>(null)
  async function reload() {
    loading.value = true
    error.value = null
    try {
      shops.value = await shopsApi.mine()
    } catch (err) {
      error.value = err
    } finally {
      loading.value = false
    }
  }
  return { shops, loading, error, reload }
}
