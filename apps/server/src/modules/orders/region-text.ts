/** The region line of a delivery address: 上海市黄浦区, not 上海市上海市黄浦区 (a municipality's city level repeats it). */
export function regionText(p: { provinceName: string; cityName: string; countyName: string }): string {
  const city = p.cityName === p.provinceName || p.cityName === '市辖区' ? '' : p.cityName
  return `${p.provinceName}${city}${p.countyName}`
}
