import { computed, ref } from 'vue'
import type { AddressView } from '@hotland/contracts'
import { ordersApi } from '@/api/orders'

/** The buyer's addresses and the one in use (the default, unless they picked another). */
export function useAddresses() {
  const addresses = ref<AddressView[]>([])
  const loading = ref(false)
  const chosenId = ref<string | null>(null)
  const chosen = computed(() =>
    addresses.value.find((a) => a.id === chosenId.value) ?? addresses.value.find((a) => a.isDefault) ?? addresses.value[0] ?? null)

  async function load() {
    loading.value = true
    try {
      addresses.value = await ordersApi.addresses()
    } finally {
      loading.value = false
    }
  }
  return { addresses, loading, chosenId, chosen, load }
}

export function addressLine(a: Pick<AddressView, 'provinceName' | 'cityName' | 'countyName' | 'detail'>): string {
  const city = a.cityName && a.cityName !== a.provinceName ? a.cityName : ''
  return `${a.provinceName}${city}${a.countyName} ${a.detail}`
}
