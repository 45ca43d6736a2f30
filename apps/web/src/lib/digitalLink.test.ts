import { describe, expect, it } from 'vitest'
import { parseDigitalLink, tracePath, traceRoute } from './digitalLink'

describe('GS1 Digital Link → trace page', () => {
  it('reads gtin, lot and serial from a box link on any host', () => {
    expect(parseDigitalLink('https://hotland.example/01/06971234500012/10/LX2026A/21/000123')).toEqual({
      gtin: '06971234500012', lot: 'LX2026A', serial: '000123',
    })
    expect(parseDigitalLink('/01/06971234500012/10/LX2026A')).toEqual({ gtin: '06971234500012', lot: 'LX2026A', serial: null })
  })

  it('skips the consumer product variant (22) and ignores the query string', () => {
    expect(parseDigitalLink('https://h.example/01/06971234500012/22/RED/10/L1AB/21/7?linkType=all')).toEqual({
      gtin: '06971234500012', lot: 'L1AB', serial: '7',
    })
  })

  it('pads shorter GTINs to 14 digits and keeps a path prefix before /01', () => {
    expect(parseDigitalLink('https://h.example/dl/01/6971234500012/10/L1AB')?.gtin).toBe('06971234500012')
  })

  it('rejects links that are not Digital Links', () => {
    expect(parseDigitalLink('https://h.example/products/prd_1')).toBeNull()
    expect(parseDigitalLink('/01/12345/10/L1')).toBeNull()
    expect(parseDigitalLink('/01/06971234500012/99/x')).toBeNull()
  })

  it('builds the trace route of a box, or of a lot without a serial', () => {
    expect(traceRoute('/01/06971234500012/10/LX2026A/21/000123')).toEqual({
      name: 'trace', params: { gtin: '06971234500012', lot: 'LX2026A', serial: '000123' },
    })
    expect(traceRoute('/01/06971234500012/10/LX2026A')).toEqual({ name: 'trace', params: { gtin: '06971234500012', lot: 'LX2026A' } })
    expect(tracePath('http://127.0.0.1:3000/01/06971234500012/10/LX2026A/21/000123')).toBe('/trace/06971234500012/LX2026A/000123')
  })

  it('has no trace page for a product-only link', () => {
    expect(traceRoute('/01/06971234500012')).toBeNull()
    expect(tracePath('nonsense')).toBeNull()
  })
})
