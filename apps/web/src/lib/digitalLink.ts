// GS1 Digital Link URIs on the boxes: {host}/01/{gtin}[/22/{cpv}][/10/{lot}][/21/{serial}] → our trace page route.
// Used by the buyer's order page (each box's "查看溯源") and by the farmer's lot pages (the boxes just packed).

export interface DigitalLinkKey { gtin: string; lot: string | null; serial: string | null }

/** The primary key and qualifiers of a Digital Link (absolute URL or path), or null when it is not one. GTIN-8/12/13 are padded to 14. */
export function parseDigitalLink(link: string): DigitalLinkKey | null {
  let path = link.trim()
  try {
    path = new URL(path, 'http://x.invalid').pathname
  } catch {
    return null
  }
  const parts = path.split('/').filter(Boolean).map((p) => {
    try { return decodeURIComponent(p) } catch { return p }
  })
  const at = parts.indexOf('01')
  if (at < 0) return null
  const gtinRaw = parts[at + 1] ?? ''
  if (!/^(\d{8}|\d{12,14})$/.test(gtinRaw)) return null
  const key: DigitalLinkKey = { gtin: gtinRaw.padStart(14, '0'), lot: null, serial: null }
  for (let i = at + 2; i + 1 < parts.length; i += 2) {
    const ai = parts[i]
    const value = parts[i + 1] as string
    if (ai === '10') key.lot = value
    else if (ai === '21') key.serial = value
    else if (ai !== '22') return null
  }
  return key
}

export interface TraceRoute { name: 'trace'; params: { gtin: string; lot: string; serial?: string } }

/** The web route of a box's (or a lot's) trace page, or null when the link has no lot (a product-only link). */
export function traceRoute(link: string | DigitalLinkKey): TraceRoute | null {
  const key = typeof link === 'string' ? parseDigitalLink(link) : link
  if (!key || !key.lot) return null
  const params: TraceRoute['params'] = { gtin: key.gtin, lot: key.lot }
  if (key.serial) params.serial = key.serial
  return { name: 'trace', params }
}

/** Path form of traceRoute, for places that need a plain href. */
export function tracePath(link: string | DigitalLinkKey): string | null {
  const r = traceRoute(link)
  if (!r) return null
  const e = encodeURIComponent
  return `/trace/${e(r.params.gtin)}/${e(r.params.lot)}${r.params.serial ? `/${e(r.params.serial)}` : ''}`
}
