import { ref, watch } from 'vue'
import type { ShopView } from '@hotland/contracts'
import { shopsApi } from '@/api/shops'

export function useShop(id: () => string) {
  const shop = ref<ShopView | null>(null)
  const loading = ref(true)
  const error = ref<unknown>(null)
  const following = ref(false)

  async function reload() {
    loading.value = true
    error.value = null
    try {
      shop.value = await shopsApi.get(id())
    } catch (err) {
      error.value = err
      shop.value = null
    } finally {
      loading.value = false
    }
  }

  /** Follow or unfollow; the server answers with the updated shop (count + followedByMe). */
  async function toggleFollow() {
    if (!shop.value) return
    following.value = true
    try {
      shop.value = shop.value.followedByMe ? await shopsApi.unfollow(shop.value.id) : await shopsApi.follow(shop.value.id)
    } finally {
      following.value = false
    }
  }

  watch(id, () => void reload(), { immediate: true })
  return { shop, loading, error, reload, following, toggleFollow }
}
