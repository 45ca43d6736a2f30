import { catalogApi } from '@/api/catalog'
import { useResource } from '@/composables/useResource'

export function useProduct(id: () => string) {
  const { data: product, loading, error, reload } = useResource(() => catalogApi.get(id()), id)
  return { product, loading, error, reload }
}
