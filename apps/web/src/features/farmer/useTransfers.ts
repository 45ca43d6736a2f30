import { computed, ref } from 'vue'
import type { TransferView } from '@hotland/contracts'
import { shopsApi } from '@/api/shops'

/** Shop succession: the owner proposes a member; that member accepts or declines; the owner may cancel. */
export function useTransfers(shopId: () => string) {
  const transfers = ref<TransferView[]>([])
  const loading = ref(false)
  const error = ref<unknown>(null)
  const pending = computed(() => transfers.value.find((x) => x.status === 'pending') ?? null)

  async function reload() {
    loading.value = true
    error.value = null
    try {
      transfers.value = await shopsApi.transfers(shopId())
    } catch (err) {
      error.value = err
    } finally {
      loading.value = false
    }
  }
  async function propose(toUserId: string) {
    await shopsApi.proposeTransfer(shopId(), toUserId)
    await reload()
  }
  async function accept(id: string) {
    await shopsApi.acceptTransfer(shopId(), id)
    await reload()
  }
  async function decline(id: string) {
    await shopsApi.declineTransfer(shopId(), id)
    await reload()
  }
  async function cancel(id: string) {
    await shopsApi.cancelTransfer(shopId(), id)
    await reload()
  }
  return { transfers, pending, loading, error, reload, propose, accept, decline, cancel }
}
