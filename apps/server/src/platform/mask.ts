export function maskPhone(phone: string): string {
  return phone.length === 11 ? `${phone.slice(0, 3)}****${phone.slice(7)}` : '****'
}
/** Shows only the last 4 characters. */
export function maskTail(value: string, keep = 4): string {
  return '*'.repeat(Math.max(0, value.length - keep)) + value.slice(-keep)
}
