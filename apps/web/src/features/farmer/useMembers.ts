import { ref } from 'vue'
import type { AuditEntry, ShopMemberView } from '@hotland/contracts'
import { shopsApi } from '@/api/shops'

export function useMembers(shopId: () => string) {
  const members = ref<ShopMemberView[]>([])
  const audit = ref<AuditEntry[]>([])
  const loading = ref(true)
  const error = ref<unknown>(null)

  async function reload() {
    loading.value = true
    error.value = null
    try {
      const [m, a] = await Promise.all([shopsApi.members(shopId()), shopsApi.audit(shopId()).catch(() => [] as AuditEntry[])])
      members.value = m
      audit.value = a
    } catch (err) {
      error.value = err
    } finally {
      loading.value = false
    }
  }
  async function reloadAudit() {
    audit.value = await shopsApi.audit(shopId()).catch(() => audit.value)
  }
  async function add(phone: string) {
    members.value = await shopsApi.addMember(shopId(), { phone })
    await reloadAudit()
  }
  async function remove(userId: string) {
    members.value = await shopsApi.removeMember(shopId(), userId)
    await reloadAudit()
  }
  return { members, audit, loading, error, reload, reloadAudit, add, remove }
}
