import { describe, expect, it } from 'vitest'
import { formatDigitalLink, isValidGtin14, makeSscc } from '@hotland/epcis'
import { farmerWithShop, LI_COUNTY, productBody } from '../../../test/helpers/app.ts'
import { useTestApp } from '../../../test/helpers/suite.ts'

const t = useTestApp()
const CONTEXT = 'https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld'

async function productWithGtin() {
  const { farmer, shop } = await farmerWithShop(t.built)
  const p = (await t.built.app.inject({ method: 'POST', url: `/api/shops/${shop.id}/products`, headers: farmer.headers, payload: productBody() })).json()
  return { farmer, shop, product: p, gtin: p.skus[0].gtin as string }
}

describe('GTINs and GS1 Digital Link', () => {
  it('gives every new SKU a GTIN-14 under the company prefix, with a valid check digit', async () => {
    const { gtin } = await productWithGtin()
    const { gtin: other } = await productWithGtin()
    expect(gtin).toMatch(/^06900000\d{6}$/)
    expect(isValidGtin14(gtin)).toBe(true)
    expect(other).not.toBe(gtin)
  })

  it('sends a phone that scans the box to its trace page (a bare GTIN to the product page), and answers linkType=all with a linkset', async () => {
    const { product, gtin } = await productWithGtin()
    const scan = await t.built.app.inject({ method: 'GET', url: `/01/${gtin}/10/L1/21/7`, headers: { accept: 'text/html' } })
    expect(scan.statusCode).toBe(307)
    expect(scan.headers.location).toMatch(new RegExp(`/trace/${gtin}/L1/7$`))
    const bare = await t.built.app.inject({ method: 'GET', url: `/01/${gtin}` })
    expect(bare.headers.location).toMatch(new RegExp(`/products/${product.id}$`))
    const pip = await t.built.app.inject({ method: 'GET', url: `/01/${gtin}/10/L1/21/7?linkType=gs1:pip` })
    expect(pip.headers.location).toMatch(new RegExp(`/products/${product.id}$`))
    const all = await t.built.app.inject({ method: 'GET', url: `/01/${gtin}/10/L1?linkType=all` })
    expect(all.headers['content-type']).toContain('application/linkset+json')
    expect(all.json().linkset[0]).toMatchObject({
      anchor: expect.stringContaining(`/01/${gtin}/10/L1`), 'https://gs1.org/voc/epcis': [expect.objectContaining({ type: 'application/ld+json' })],
      'https://gs1.org/voc/traceability': [expect.objectContaining({ href: expect.stringContaining(`/trace/${gtin}/L1`) })],
      'https://gs1.org/voc/defaultLink': [expect.objectContaining({ href: expect.stringContaining(`/trace/${gtin}/L1`) })],
    })
  })

  it('returns the events of a box and of its lot for linkType=gs1:epcis or Accept: application/ld+json', async () => {
    const { farmer, shop, gtin } = await productWithGtin()
    const orchard = (await t.built.app.inject({ method: 'POST', url: `/api/shops/${shop.id}/orchards`, headers: farmer.headers, payload: { name: '南坡果园', countyCode: LI_COUNTY, address: '南坡村' } })).json()
    const at = { readPoint: { id: `https://id.gs1.org/414/${orchard.gln}` } }
    const lotClass = formatDigitalLink('https://id.gs1.org', { gtin, lot: 'L2026A' })
    const box = formatDigitalLink('https://id.gs1.org', { gtin, lot: 'L2026A', serial: '1' })
    const doc = { '@context': [CONTEXT], type: 'EPCISDocument', schemaVersion: '2.0', creationDate: '2026-09-21T08:00:00+08:00', epcisBody: { eventList: [
      { type: 'ObjectEvent', eventTime: '2026-09-20T08:00:00+08:00', eventTimeZoneOffset: '+08:00', action: 'ADD', bizStep: 'commissioning', quantityList: [{ epcClass: lotClass, quantity: 100, uom: 'KGM' }], ...at },
      { type: 'AggregationEvent', eventTime: '2026-09-21T08:00:00+08:00', eventTimeZoneOffset: '+08:00', action: 'ADD', bizStep: 'packing', parentID: `https://id.gs1.org/00/${makeSscc(0, '6900000', 1234567)}`, childEPCs: [box], ...at },
    ] } }
    expect((await t.built.app.inject({ method: 'POST', url: '/epcis/capture', headers: farmer.headers, payload: doc })).statusCode).toBe(202)
    const viaParam = await t.built.app.inject({ method: 'GET', url: `/01/${gtin}/10/L2026A/21/1?linkType=gs1:epcis` })
    expect(viaParam.json().epcisBody.queryResults.resultsBody.eventList.map((e: { bizStep: string }) => e.bizStep)).toEqual(['commissioning', 'packing'])
    const viaAccept = await t.built.app.inject({ method: 'GET', url: `/01/${gtin}/10/L2026A/21/1`, headers: { accept: 'application/ld+json' } })
    expect(viaAccept.json().epcisBody.queryResults.resultsBody.eventList).toHaveLength(2)
  })

  it('refuses a lot or serial outside the GS1 character set with 400 naming it', async () => {
    const { gtin } = await productWithGtin()
    const res = await t.built.app.inject({ method: 'GET', url: `/01/${gtin}/10/${encodeURIComponent('中')}?linkType=all` })
    expect(res.statusCode).toBe(400)
    expect(res.json().error.field).toBe('params.lot')
  })

  it('refuses a GTIN with a wrong check digit (400) and an unknown one (404)', async () => {
    const { gtin } = await productWithGtin()
    const wrong = gtin.slice(0, 13) + ((Number(gtin[13]) + 1) % 10)
    const bad = await t.built.app.inject({ method: 'GET', url: `/01/${wrong}` })
    expect(bad.statusCode).toBe(400)
    expect(bad.json().error.field).toBe('params.gtin')
    expect((await t.built.app.inject({ method: 'GET', url: '/01/09506000134352' })).statusCode).toBe(404)
  })
})
