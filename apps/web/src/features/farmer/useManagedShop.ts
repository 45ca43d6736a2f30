import { shopsApi } from '@/api/shops'
import { useResource } from '@/composables/useResource'

/** The shop being managed (the caller must be a member; myRole tells owner vs operator). */
export function useManagedShop(shopId: () => string) {
  const { data: shop, loading, error, reload } = useResource(() => shopsApi.get(shopId()), shopId)
  return { shop, loading, error, reload }
}
