/**
 * The region of an address in one line: province, city, county, each once. A municipality's city level repeats the
 * province (上海市 › 上海市 › 黄浦区) or is a placeholder (北京市 › 市辖区): it is left out.
 */
export function regionLine(p: { provinceName: string; cityName: string; countyName: string }, separator = ''): string {
  const city = p.cityName === p.provinceName || p.cityName === '市辖区' ? '' : p.cityName
  return [p.provinceName, city, p.countyName].filter(Boolean).join(separator)
}
