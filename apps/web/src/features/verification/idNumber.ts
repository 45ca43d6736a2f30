/** Birth date (YYYY-MM-DD) encoded in digits 7–14 of an 18-character resident ID number, or null. */
export function birthDateFromId(id: string): string | null {
  const m = /^\d{6}(\d{4})(\d{2})(\d{2})\d{3}[\dXx]$/.exec(id.trim())
  if (!m) return null
  const [, y, mo, d] = m
  const date = new Date(`${y}-${mo}-${d}T00:00:00Z`)
  if (Number.isNaN(date.getTime()) || date.getUTCMonth() + 1 !== Number(mo)) return null
  return `${y}-${mo}-${d}`
}

/** Full years between a YYYY-MM-DD birth date and `today`. */
export function ageOn(birthDate: string, today: Date = new Date()): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(birthDate)
  if (!m) return null
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  let age = today.getFullYear() - y
  if (today.getMonth() + 1 < mo || (today.getMonth() + 1 === mo && today.getDate() < d)) age -= 1
  return age
}

/** GB 11643 check character (weights 7,9,10,5,8,4,2,1,6,3,7,9,10,5,8,4,2). */
export function idChecksumOk(id: string): boolean {
  const v = id.trim().toUpperCase()
  if (!/^\d{17}[\dX]$/.test(v)) return false
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
  const sum = w.reduce((s, wi, i) => s + wi * Number(v[i]), 0)
  return '10X98765432'[sum % 11] === v[17]
}
