import { areaList } from '@vant/area-data'

export interface RegionRow {
  code: string
  name: string
  level: 'province' | 'city' | 'county'
  parentCode: string | null
  isFunctionalZone: boolean
}

/** Development zones and other functional areas carry codes xx7x (5th digit 7); they are not counties. */
export function isFunctionalZoneCode(code: string): boolean {
  return code.length === 6 && code[4] === '7'
}

/** Every province, city and county from @vant/area-data, with parents. */
export function allRegions(): RegionRow[] {
  const rows: RegionRow[] = []
  const cities = areaList.city_list as Record<string, string>
  for (const [code, name] of Object.entries(areaList.province_list as Record<string, string>)) {
    rows.push({ code, name, level: 'province', parentCode: null, isFunctionalZone: false })
  }
  for (const [code, name] of Object.entries(cities)) {
    rows.push({ code, name, level: 'city', parentCode: code.slice(0, 2) + '0000', isFunctionalZone: false })
  }
  for (const [code, name] of Object.entries(areaList.county_list as Record<string, string>)) {
    const city = code.slice(0, 4) + '00'
    rows.push({
      code, name, level: 'county',
      parentCode: cities[city] ? city : code.slice(0, 2) + '0000',
      isFunctionalZone: isFunctionalZoneCode(code),
    })
  }
  return rows
}
