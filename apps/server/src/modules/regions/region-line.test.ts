import { describe, expect, it } from 'vitest'
import { regionLine } from './region-line.ts'

describe('the region line of an address', () => {
  it('names province, city and county once each', () => {
    expect(regionLine({ provinceName: '甘肃省', cityName: '陇南市', countyName: '礼县' })).toBe('甘肃省陇南市礼县')
    expect(regionLine({ provinceName: '上海市', cityName: '上海市', countyName: '黄浦区' })).toBe('上海市黄浦区')
    expect(regionLine({ provinceName: '北京市', cityName: '市辖区', countyName: '东城区' })).toBe('北京市东城区')
    expect(regionLine({ provinceName: '上海市', cityName: '上海市', countyName: '黄浦区' }, ' ')).toBe('上海市 黄浦区')
  })
})
