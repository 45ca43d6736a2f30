import { describe, expect, it } from 'vitest'
import { checkDigit, isValidGln, isValidGtin14, isValidSscc, makeGln, makeGtin14, makeSscc, toGtin14 } from './gs1.ts'
import { DigitalLinkError, formatDigitalLink, parseDigitalLink } from './digital-link.ts'

describe('GS1 check digits', () => {
  it('computes the check digit of published examples', () => {
    expect(checkDigit('629104150021')).toBe(3) // GTIN-13 6291041500213 (GS1 General Specifications example)
    expect(checkDigit('0950600013435')).toBe(2) // GTIN-14 09506000134352
    expect(isValidSscc('106141411234567897')).toBe(true) // SSCC (00) 106141411234567897 from GS1's examples
    expect(isValidGtin14('09506000134352')).toBe(true)
    expect(isValidGtin14('09506000134353')).toBe(false)
  })

  it('builds GTINs, GLNs and SSCCs that validate, and rejects a changed digit', () => {
    const gtin = makeGtin14(0, '6900000', 42) // 690… is China's GS1 prefix range; 6900000 is a fictitious company prefix
    expect(gtin).toHaveLength(14)
    expect(isValidGtin14(gtin)).toBe(true)
    expect(isValidGtin14(gtin.slice(0, 5) + ((Number(gtin[5]) + 1) % 10) + gtin.slice(6))).toBe(false)
    const gln = makeGln('6900000', 7)
    expect(isValidGln(gln)).toBe(true)
    const sscc = makeSscc(0, '6900000', 123456)
    expect(sscc).toHaveLength(18)
    expect(isValidSscc(sscc)).toBe(true)
  })

  it('pads GTIN-8/12/13 to GTIN-14 and refuses a bad one', () => {
    expect(toGtin14('6291041500213')).toBe('06291041500213')
    expect(toGtin14('6291041500214')).toBeNull()
    expect(toGtin14('12345')).toBeNull()
  })
})

describe('GS1 Digital Link', () => {
  const base = 'https://hotland.example.org'
  it('formats qualifiers in the order 22 → 10 → 21 and round-trips', () => {
    const uri = formatDigitalLink(base, { gtin: '09506000134352', serial: 'BOX-0001', lot: '2026礼'.replace('礼', 'L'), cpv: '5KG' })
    expect(uri).toBe('https://hotland.example.org/01/09506000134352/22/5KG/10/2026L/21/BOX-0001')
    expect(parseDigitalLink(uri)).toEqual({ gtin: '09506000134352', cpv: '5KG', lot: '2026L', serial: 'BOX-0001' })
    const typed = formatDigitalLink(base, { gtin: '9506000134352', lot: 'A1', linkType: 'gs1:epcis' })
    expect(parseDigitalLink(typed)).toEqual({ gtin: '09506000134352', lot: 'A1', linkType: 'gs1:epcis' })
  })

  it('escapes reserved characters in values', () => {
    const uri = formatDigitalLink(base, { gtin: '09506000134352', lot: 'A/B%1' })
    expect(uri).toContain('/10/A%2FB%251')
    expect(parseDigitalLink(uri).lot).toBe('A/B%1')
  })

  it('rejects a wrong check digit, qualifiers out of order and values outside the GS1 character set', () => {
    expect(() => parseDigitalLink('/01/09506000134353')).toThrow(DigitalLinkError)
    expect(() => parseDigitalLink('/01/09506000134352/21/S1/10/L1')).toThrow(/order/)
    expect(() => parseDigitalLink('/01/09506000134352/99/X')).toThrow(/Unsupported/)
    expect(() => formatDigitalLink(base, { gtin: '09506000134352', lot: '批次一' })).toThrow(/AI 10/)
    expect(() => parseDigitalLink('/10/L1')).toThrow(/No GTIN/)
  })
})
