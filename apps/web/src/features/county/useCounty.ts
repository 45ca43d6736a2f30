import { ref, watch } from 'vue'
import type { CountyView, ShopView } from '@hotland/contracts'
import { regionsApi } from '@/api/regions'
import { shopsApi } from '@/api/shops'

export function useCounty(code: () => string) {
  const county = ref<CountyView | null>(null)
  const shops = ref<ShopView[]>([])
  const loading = ref(true)
  const error = ref<unknown>(null)

  async function reload() {
    loading.value = true
    error.value = null
    try {
      const [c, page] = await Promise.all([
        regionsApi.county(code()),
        shopsApi.list({ countyCode: code(), limit: 20 }).catch(() => ({ items: [] as ShopView[], nextCursor: null })),
      ])
      county.value = c
      shops.value = page.items
    } catch (err) {
      error.value = err
      county.value = null
    } finally {
      loading.value = false
    }
  }
  watch(code, () => void reload(), { immediate: true })
  return { county, shops, loading, error, reload }
}
