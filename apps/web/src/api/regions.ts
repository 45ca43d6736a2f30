import type { CountySummary, CountyView, RegionView } from '@hotland/contracts'
import { http } from './http'

export const regionsApi = {
  provinces: () => http<RegionView[]>('/regions/provinces'),
  children: (code: string) => http<RegionView[]>(`/regions/${encodeURIComponent(code)}/children`),
  counties: (query: { q?: string; withProducts?: boolean; limit?: number } = {}) =>
    http<CountySummary[]>('/regions/counties', { query }),
  county: (code: string) => http<CountyView>(`/regions/counties/${encodeURIComponent(code)}`),
}
