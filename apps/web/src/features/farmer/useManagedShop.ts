import { ref, watch } from 'vue'
import type { ShopView } from '@hotland/contracts'
import { shopsApi } from '@/api/shops'

/** The shop being managed (the caller must be a member; myRole tells owner vs operator). */
export function useManagedShop(shopId: () => string) {
  const shop = ref<ShopView | null>(null)
  const loading = ref(true)
  const error = ref<unknown>(null)
  async function reload() {
    loading.value = true
    error.value = null
    try {
      shop.value = await shopsApi.get(shopId())
    } catch (err) {
      error.value = err
    } finally {
      loading.value = false
    }
  }
  watch(shopId, () => void reload(), { immediate: true })
  return { shop, loading, error, reload }
}
