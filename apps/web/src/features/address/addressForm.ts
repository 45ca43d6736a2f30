/** The address form's fields, named as the server names them (`error.field` 'body.phone' → 'phone'). */
export type AddressField = 'recipient' | 'phone' | 'countyCode' | 'detail'
export interface AddressInput { recipient: string; phone: string; countyCode: string; detail: string }

/** A mainland mobile number, as the server's PhoneSchema has it. */
export const MOBILE = /^1[3-9]\d{9}$/

/**
 * What is wrong with each field, as an i18n key; empty when the address can be saved. Mirrors the server's
 * AddressBodySchema (recipient 1–30, mobile, a county, detail 2–120), with blank-after-trim counting as empty.
 */
export function addressProblems(a: AddressInput): Partial<Record<AddressField, string>> {
  const out: Partial<Record<AddressField, string>> = {}
  if (!a.recipient.trim()) out.recipient = 'buy.address.needRecipient'
  const phone = a.phone.trim()
  if (!phone) out.phone = 'buy.address.needPhone'
  else if (!MOBILE.test(phone)) out.phone = 'buy.address.badPhone'
  if (!a.countyCode) out.countyCode = 'buy.address.needCounty'
  const detail = a.detail.trim()
  if (!detail) out.detail = 'buy.address.needDetail'
  else if (detail.length < 2) out.detail = 'buy.address.shortDetail'
  return out
}
