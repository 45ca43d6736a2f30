// GS1 identification keys and their check digits (GS1 General Specifications §7.9): from the rightmost data digit,
// weights 3, 1, 3, 1, …; check = (10 − sum mod 10) mod 10. The same algorithm serves GTIN, GLN and SSCC.

export function checkDigit(data: string): number {
  if (!/^\d+$/.test(data)) throw new Error('GS1 data must be digits')
  let sum = 0
  for (let i = data.length - 1, w = 3; i >= 0; i--, w = w === 3 ? 1 : 3) sum += Number(data[i]) * w
  return (10 - (sum % 10)) % 10
}

function hasValidCheckDigit(key: string, length: number): boolean {
  return new RegExp(`^\\d{${length}}$`).test(key) && checkDigit(key.slice(0, -1)) === Number(key.at(-1))
}

export const isValidGtin14 = (gtin: string) => hasValidCheckDigit(gtin, 14)
export const isValidGln = (gln: string) => hasValidCheckDigit(gln, 13)
export const isValidSscc = (sscc: string) => hasValidCheckDigit(sscc, 18)

/** Any GTIN-8/12/13/14 as a 14-digit GTIN (left-padded with zeros), or null when its check digit is wrong. */
export function toGtin14(gtin: string): string | null {
  if (!/^(\d{8}|\d{12}|\d{13}|\d{14})$/.test(gtin)) return null
  const g = gtin.padStart(14, '0')
  return isValidGtin14(g) ? g : null
}

/** Builds a GTIN-14: indicator digit + company prefix + item reference, padded to 13 digits, then the check digit. */
export function makeGtin14(indicator: number, companyPrefix: string, itemReference: string | number): string {
  const body = `${indicator}${companyPrefix}${String(itemReference).padStart(12 - companyPrefix.length, '0')}`
  if (body.length !== 13) throw new Error('company prefix and item reference must fill 12 digits')
  return body + checkDigit(body)
}

/** Builds a GLN (13 digits) from a company prefix and a location reference. */
export function makeGln(companyPrefix: string, locationReference: string | number): string {
  const body = `${companyPrefix}${String(locationReference).padStart(12 - companyPrefix.length, '0')}`
  if (body.length !== 12) throw new Error('company prefix and location reference must fill 12 digits')
  return body + checkDigit(body)
}

/** Builds an SSCC (18 digits): extension digit + company prefix + serial reference, then the check digit. */
export function makeSscc(extension: number, companyPrefix: string, serialReference: string | number): string {
  const body = `${extension}${companyPrefix}${String(serialReference).padStart(16 - companyPrefix.length, '0')}`
  if (body.length !== 17) throw new Error('company prefix and serial reference must fill 16 digits')
  return body + checkDigit(body)
}
