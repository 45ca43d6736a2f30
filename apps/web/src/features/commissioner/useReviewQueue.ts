import type { VerificationView } from '@hotland/contracts'
import { accountsApi } from '@/api/accounts'
import { useCursorList } from '@/components/useCursorList'

/** Pending real-name requests in the commissioner's counties; decided ones leave the queue. */
export function useReviewQueue(countyCode: () => string | undefined = () => undefined) {
  const list = useCursorList<VerificationView>((cursor) =>
    accountsApi.listVerifications({ status: 'pending', countyCode: countyCode(), cursor, limit: 20 }))

  function drop(id: string) {
    list.items.value = list.items.value.filter((v) => v.id !== id)
  }
  async function approve(id: string) {
    await accountsApi.approveVerification(id)
    drop(id)
  }
  async function reject(id: string, reason: string) {
    await accountsApi.rejectVerification(id, { reason })
    drop(id)
  }
  return { ...list, approve, reject }
}
