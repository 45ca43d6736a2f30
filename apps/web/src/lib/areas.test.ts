import { describe, expect, it } from 'vitest'
import { searchCounties } from './areas'

describe('searchCounties', () => {
  it('finds a county by its name, the exact name first', () => {
    const found = searchCounties('礼县')
    expect(found[0]).toMatchObject({ code: '621226', name: '礼县', cityName: '陇南市', provinceName: '甘肃省' })
  })

  it('finds the counties of a city when the query names the city: 成都 → 锦江区 …', () => {
    const names = searchCounties('成都').map((c) => c.name)
    expect(names).toContain('锦江区')
    expect(names).toContain('青羊区')
    expect(searchCounties('成都').every((c) => c.cityName === '成都市')).toBe(true)
  })

  it('puts counties named like the query before counties of a city named like it', () => {
    const found = searchCounties('南')
    const firstByCity = found.findIndex((c) => !c.name.includes('南'))
    expect(firstByCity === -1 || found.slice(firstByCity).every((c) => !c.name.includes('南'))).toBe(true)
  })

  it('finds nothing for an empty query', () => {
    expect(searchCounties('  ')).toEqual([])
  })
})
