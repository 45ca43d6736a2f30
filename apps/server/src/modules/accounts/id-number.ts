// Resident identity card number (GB 11643-1999): 6-digit region, 8-digit birth date, 3-digit sequence, check character.
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const CHECK = '10X98765432'

export function idNumberCheckChar(first17: string): string {
  let sum = 0
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!
  return CHECK[sum % 11]!
}

export function isValidIdNumber(id: string): boolean {
  if (!/^\d{17}[\dX]$/.test(id)) return false
  return idNumberCheckChar(id.slice(0, 17)) === id[17]
}

/** YYYY-MM-DD from the number's birth-date digits. */
export function birthDateOfIdNumber(id: string): string {
  return `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`
}

/** Whole years between birthDate (YYYY-MM-DD) and `now`, using China's calendar date (UTC+8). */
export function ageOn(birthDate: string, now: Date): number {
  const local = new Date(now.getTime() + 8 * 3600_000)
  const [y, m, d] = birthDate.split('-').map(Number) as [number, number, number]
  let age = local.getUTCFullYear() - y
  const beforeBirthday = local.getUTCMonth() + 1 < m || (local.getUTCMonth() + 1 === m && local.getUTCDate() < d)
  if (beforeBirthday) age--
  return age
}

export function isRealDate(ymd: string): boolean {
  const [y, m, d] = ymd.split('-').map(Number) as [number, number, number]
  const dt = new Date(Date.UTC(y, m - 1, d))
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d
}
