import { areaList } from '@vant/area-data'

/** Development/functional zones (codes …7x) are not counties; the server refuses them. */
export function isFunctionalZone(code: string): boolean {
  return /^\d{4}7\d$/.test(code)
}

const countyList: Record<string, string> = Object.fromEntries(
  Object.entries(areaList.county_list).filter(([code]) => !isFunctionalZone(code)),
)

/** areaList for van-area without functional zones. */
export const countyAreaList = { ...areaList, county_list: countyList }

export interface CountyOption { code: string; name: string; cityName: string; provinceName: string }

export function countyInfo(code: string): CountyOption | null {
  const name = countyList[code]
  if (!name) return null
  return {
    code,
    name,
    cityName: areaList.city_list[`${code.slice(0, 4)}00`] ?? '',
    provinceName: areaList.province_list[`${code.slice(0, 2)}0000`] ?? '',
  }
}

/**
 * Counties whose name contains the query (e.g. "礼县", "礼"), exact names first; then the counties of cities whose name
 * contains it ("成都" → 锦江区, 青羊区 …), since people often know the city before the county.
 */
export function searchCounties(q: string, limit = 30): CountyOption[] {
  const query = q.trim()
  if (!query) return []
  const byName: CountyOption[] = []
  const byCity: CountyOption[] = []
  for (const code of Object.keys(countyList)) {
    const info = countyInfo(code)
    if (!info) continue
    if (info.name.includes(query)) byName.push(info)
    else if (info.cityName.includes(query)) byCity.push(info)
    if (byName.length >= limit) break
  }
  byName.sort((a, b) => Number(b.name === query) - Number(a.name === query))
  return [...byName, ...byCity].slice(0, limit)
}
