import { computed, ref, watch } from 'vue'
import type { Category, CountySummary } from '@hotland/contracts'
import { catalogApi } from '@/api/catalog'
import { regionsApi } from '@/api/regions'

const COUNTY_KEY = 'hotland.home.county'

interface SavedCounty { code: string; name: string }

function readSaved(): SavedCounty | null {
  try {
    const v = JSON.parse(localStorage.getItem(COUNTY_KEY) ?? 'null') as SavedCounty | null
    return v && typeof v.code === 'string' && typeof v.name === 'string' ? v : null
  } catch {
    return null
  }
}

/** Home filters (county, category, keyword) and the counties that have something on sale. */
export function useHomeFilters() {
  const county = ref<SavedCounty | null>(readSaved())
  const category = ref<Category | ''>('')
  const keyword = ref('')
  const counties = ref<CountySummary[]>([])
  const countiesLoading = ref(false)
  const countiesError = ref<unknown>(null)

  watch(county, (v) => {
    try {
      if (v) localStorage.setItem(COUNTY_KEY, JSON.stringify(v))
      else localStorage.removeItem(COUNTY_KEY)
    } catch { /* storage blocked */ }
  })

  async function loadCounties() {
    countiesLoading.value = true
    countiesError.value = null
    try {
      counties.value = await regionsApi.counties({ withProducts: true, limit: 100 })
    } catch (err) {
      countiesError.value = err
    } finally {
      countiesLoading.value = false
    }
  }

  const filterKey = computed(() => `${county.value?.code ?? ''}|${category.value}|${keyword.value.trim()}`)

  function fetchPage(cursor: string | undefined) {
    return catalogApi.list({
      countyCode: county.value?.code,
      category: category.value || undefined,
      q: keyword.value.trim() || undefined,
      cursor,
      limit: 20,
    })
  }

  return { county, category, keyword, counties, countiesLoading, countiesError, loadCounties, filterKey, fetchPage }
}
