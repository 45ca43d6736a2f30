// GS1 Digital Link URIs: https://{host}/01/{GTIN-14}[/22/{CPV}][/10/{lot}][/21/{serial}] — qualifiers in the order
// 22 → 10 → 21. linkType gs1:traceability (the consumer trace page) or gs1:epcis (events).
import { isValidGtin14, toGtin14 } from './gs1.ts'

export interface DigitalLink {
  gtin: string
  cpv?: string
  lot?: string
  serial?: string
  linkType?: string
}

// GS1 AI 82 character set for lot, serial and CPV values (GS1 General Specifications, Figure 7.11-1), up to 20 chars.
const AI82 = /^[!"%&'()*+,\-./0-9:;<=>?A-Z_a-z]{1,20}$/

const enc = (v: string) => encodeURIComponent(v).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)

export class DigitalLinkError extends Error {}

export function formatDigitalLink(base: string, link: DigitalLink): string {
  const gtin = toGtin14(link.gtin)
  if (!gtin) throw new DigitalLinkError(`Invalid GTIN: ${link.gtin}`)
  let path = `/01/${gtin}`
  for (const [ai, v] of [['22', link.cpv], ['10', link.lot], ['21', link.serial]] as const) {
    if (v === undefined) continue
    if (!AI82.test(v)) throw new DigitalLinkError(`Invalid value for AI ${ai}: ${v}`)
    path += `/${ai}/${enc(v)}`
  }
  const query = link.linkType ? `?linkType=${enc(link.linkType)}` : ''
  return `${base.replace(/\/$/, '')}${path}${query}`
}


/** Parses the path (and linkType) of a Digital Link URI; throws DigitalLinkError naming what is wrong. */
export function parseDigitalLink(uri: string): DigitalLink {
  const u = new URL(uri, 'https://id.invalid')
  const parts = u.pathname.split('/').filter(Boolean)
  const at = parts.indexOf('01')
  if (at < 0 || at + 1 >= parts.length) throw new DigitalLinkError('No GTIN (AI 01) in the path')
  const gtin = decodeURIComponent(parts[at + 1]!)
  if (!/^\d{14}$/.test(gtin) || !isValidGtin14(gtin)) throw new DigitalLinkError(`Invalid GTIN-14: ${gtin}`)
  const out: DigitalLink = { gtin }
  const order = ['22', '10', '21']
  let last = -1
  for (let i = at + 2; i < parts.length; i += 2) {
    const ai = parts[i]!
    const value = parts[i + 1]
    const pos = order.indexOf(ai)
    if (pos < 0) throw new DigitalLinkError(`Unsupported qualifier AI ${ai}`)
    if (pos <= last) throw new DigitalLinkError('Qualifiers must come in the order 22, 10, 21')
    if (value === undefined) throw new DigitalLinkError(`AI ${ai} has no value`)
    const v = decodeURIComponent(value)
    if (!AI82.test(v)) throw new DigitalLinkError(`Invalid value for AI ${ai}`)
    last = pos
    if (ai === '22') out.cpv = v
    if (ai === '10') out.lot = v
    if (ai === '21') out.serial = v
  }
  const linkType = u.searchParams.get('linkType')
  if (linkType) out.linkType = linkType
  return out
}
