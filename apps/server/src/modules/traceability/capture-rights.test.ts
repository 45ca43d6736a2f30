import { describe, expect, it } from 'vitest'
import { makeGtin14 } from '@hotland/epcis'
import { farmerWithShop, LI_COUNTY, productBody, registerUser } from '../../../test/helpers/app.ts'
import { useTestApp } from '../../../test/helpers/suite.ts'

const t = useTestApp()
const CONTEXT = 'https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld'
let n = 0
/** An observation of a fresh lot at a location (GLN), as a farm device would send it. */
function observation(gln: string | null) {
  n++
  return {
    type: 'ObjectEvent', eventTime: `2026-10-0${(n % 9) + 1}T08:00:00+08:00`, eventTimeZoneOffset: '+08:00', action: 'OBSERVE', bizStep: 'inspecting',
    quantityList: [{ epcClass: `https://id.gs1.org/01/${makeGtin14(0, '6900000', 42)}/10/R${n}${Date.now() % 1e6}`, quantity: 2, uom: 'KGM' }],
    ...(gln ? { readPoint: { id: `https://id.gs1.org/414/${gln}` } } : {}),
  }
}
const doc = (ev: object) => ({ '@context': [CONTEXT], type: 'EPCISDocument', schemaVersion: '2.0', creationDate: '2026-10-01T08:00:00+08:00', epcisBody: { eventList: [ev] } })

async function farmerWithOrchard() {
  const { farmer, shop } = await farmerWithShop(t.built)
  const orchard = (await t.built.app.inject({ method: 'POST', url: `/api/shops/${shop.id}/orchards`, headers: farmer.headers, payload: { name: '果园', countyCode: LI_COUNTY, address: '村' } })).json()
  return { farmer, shop, gln: orchard.gln as string }
}

describe('who may capture EPCIS events where', () => {
  it('lets a farmer capture at the shop\'s orchards only, and only events that say where they happened', async () => {
    const a = await farmerWithOrchard()
    const b = await farmerWithOrchard()
    const post = (u: { headers: Record<string, string> }, ev: object) => t.built.app.inject({ method: 'POST', url: '/epcis/events', headers: u.headers, payload: ev })
    expect((await post(a.farmer, observation(a.gln))).statusCode).toBe(201)
    const foreign = await post(a.farmer, observation(b.gln))
    expect(foreign.statusCode).toBe(403)
    expect(foreign.json().error.code).toBe('TRACE_LOCATION_FORBIDDEN')
    expect((await post(a.farmer, observation(null))).statusCode).toBe(403)
    // A whole document is refused when one event is elsewhere; nothing of it is stored.
    const mixed = await t.built.app.inject({ method: 'POST', url: '/epcis/capture', headers: a.farmer.headers, payload: { ...doc(observation(a.gln)), epcisBody: { eventList: [observation(a.gln), observation(b.gln)] } } })
    expect(mixed.statusCode).toBe(403)
  })

  it('lets the county\'s commissioner capture at any orchard of the county', async () => {
    const a = await farmerWithOrchard()
    const commissioner = await registerUser(t.built, { roles: ['commissioner'] })
    const admin = await registerUser(t.built, { roles: ['platform_admin'] })
    expect((await t.built.app.inject({ method: 'PUT', url: `/api/regions/counties/${LI_COUNTY}/commissioners/${commissioner.id}`, headers: admin.headers })).statusCode).toBeLessThan(300)
    expect((await t.built.app.inject({ method: 'POST', url: '/epcis/events', headers: commissioner.headers, payload: observation(a.gln) })).statusCode).toBe(201)
  })

  it('stops an API key where its owner no longer has rights: no capture, no reading', async () => {
    const a = await farmerWithOrchard()
    const commissioner = await registerUser(t.built, { roles: ['commissioner'] })
    const admin = await registerUser(t.built, { roles: ['platform_admin'] })
    const assignment = `/api/regions/counties/${LI_COUNTY}/commissioners/${commissioner.id}`
    await t.built.app.inject({ method: 'PUT', url: assignment, headers: admin.headers })
    const { key } = (await t.built.app.inject({ method: 'POST', url: '/api/api-keys', headers: commissioner.headers, payload: { name: '县里的系统', locations: [a.gln] } })).json()
    const bearer = { authorization: `Bearer ${key}` }
    expect((await t.built.app.inject({ method: 'POST', url: '/epcis/events', headers: bearer, payload: observation(a.gln) })).statusCode).toBe(201)
    expect((await t.built.app.inject({ method: 'GET', url: '/epcis/events?perPage=1', headers: bearer })).statusCode).toBe(200)
    expect((await t.built.app.inject({ method: 'DELETE', url: assignment, headers: admin.headers })).statusCode).toBeLessThan(300)
    expect((await t.built.app.inject({ method: 'POST', url: '/epcis/events', headers: bearer, payload: observation(a.gln) })).statusCode).toBe(403)
    expect((await t.built.app.inject({ method: 'GET', url: '/epcis/events?perPage=1', headers: bearer })).statusCode).toBe(403)
  })

  it('keeps a farmer from writing about another farm\'s lot, or declaring its events wrong', async () => {
    const { farmer, shop, product } = await (async () => {
      const f = await farmerWithOrchard()
      const p = (await t.built.app.inject({ method: 'POST', url: `/api/shops/${f.shop.id}/products`, headers: f.farmer.headers, payload: productBody() })).json()
      return { ...f, product: p }
    })()
    const orchards = (await t.built.app.inject({ method: 'GET', url: `/api/shops/${shop.id}/orchards`, headers: farmer.headers })).json()
    const lot = (await t.built.app.inject({ method: 'POST', url: `/api/shops/${shop.id}/lots`, headers: farmer.headers, payload: {
      skuId: product.skus[0].id, orchardId: orchards[0].id, harvestDate: '2026-10-08', weightKg: 10, grade: '一级',
      certificate: { promiseConfirmed: true, basis: 'self_test', issuer: '张', contactPhone: '13800000002', issuedOn: '2026-10-08' },
    } })).json()
    const other = await farmerWithOrchard()
    const lotClass = `https://id.gs1.org/01/${lot.gtin}/10/${lot.code}`
    const smear = { ...observation(other.gln), disposition: 'non_conformant', quantityList: [{ epcClass: lotClass, quantity: 1, uom: 'KGM' }] }
    const res = await t.built.app.inject({ method: 'POST', url: '/epcis/events', headers: other.farmer.headers, payload: smear })
    expect(res.statusCode).toBe(403)
    expect(res.json().error.code).toBe('TRACE_LOCATION_FORBIDDEN')
    // The harvest event the platform wrote, declared wrong from the other farm: refused.
    const admin = await registerUser(t.built, { roles: ['platform_admin'] })
    const harvest = (await t.built.app.inject({ method: 'GET', url: `/epcis/events?EQ_bizStep=commissioning&MATCH_anyEPCClass=${encodeURIComponent(lotClass)}`, headers: admin.headers })).json().epcisBody.queryResults.resultsBody.eventList[0]
    const { recordTime: _r, ...original } = harvest
    const declaration = { ...original, readPoint: { id: `https://id.gs1.org/414/${other.gln}` }, bizLocation: { id: `https://id.gs1.org/414/${other.gln}` }, errorDeclaration: { declarationTime: '2026-10-10T08:00:00+08:00', reason: 'incorrect_data' } }
    const declared = await t.built.app.inject({ method: 'POST', url: '/epcis/events', headers: other.farmer.headers, payload: declaration })
    expect(declared.statusCode).toBe(403)
    // The lot's own farmer may.
    const own = await t.built.app.inject({ method: 'POST', url: '/epcis/events', headers: farmer.headers, payload: { ...original, errorDeclaration: { declarationTime: '2026-10-10T08:00:00+08:00', reason: 'incorrect_data' } } })
    expect(own.statusCode).toBe(201)
  })

  it('answers 400, not 500, for NUL characters and out-of-range times', async () => {
    const a = await farmerWithOrchard()
    const nul = await t.built.app.inject({ method: 'POST', url: '/epcis/capture', headers: a.farmer.headers, payload: doc({ ...observation(a.gln), 'example:note': 'a\u0000b', '@context': [{ example: 'https://hotland.example.org/voc/' }] }) })
    expect(nul.statusCode).toBe(400)
    const year0 = await t.built.app.inject({ method: 'POST', url: '/epcis/capture', headers: a.farmer.headers, payload: doc({ ...observation(a.gln), eventTime: '0000-01-01T00:00:00Z' }) })
    expect(year0.statusCode).toBe(400)
    expect(year0.json().error.code).toBe('TRACE_SCHEMA_INVALID')
  })

  it('rejects a GS1 key with a wrong check digit, naming the event', async () => {
    const a = await farmerWithOrchard()
    const ev = { ...observation(a.gln), quantityList: [{ epcClass: 'https://id.gs1.org/01/06900000000013/10/L1', quantity: 1, uom: 'KGM' }] }
    const res = await t.built.app.inject({ method: 'POST', url: '/epcis/capture', headers: a.farmer.headers, payload: doc(ev) })
    expect(res.statusCode).toBe(400)
    expect(res.json().error).toMatchObject({ code: 'TRACE_SCHEMA_INVALID', field: 'body.epcisBody.eventList.0' })
    expect(res.json().error.message).toContain('check digit')
  })

  it('issues API keys only for locations the issuer has rights on; a key captures there and nowhere else; a revoked key is refused', async () => {
    const a = await farmerWithOrchard()
    const b = await farmerWithOrchard()
    const denied = await t.built.app.inject({ method: 'POST', url: '/api/api-keys', headers: a.farmer.headers, payload: { name: '秤', locations: [b.gln] } })
    expect(denied.statusCode).toBe(403)
    expect(denied.json().error.code).toBe('TRACE_LOCATION_FORBIDDEN')
    const created = await t.built.app.inject({ method: 'POST', url: '/api/api-keys', headers: a.farmer.headers, payload: { name: '果园的秤', locations: [a.gln] } })
    expect(created.statusCode).toBe(201)
    const { key, apiKey } = created.json()
    expect(key).toMatch(/^hlk_/)
    expect(JSON.stringify((await t.built.app.inject({ method: 'GET', url: '/api/api-keys', headers: a.farmer.headers })).json())).not.toContain(key)
    const bearer = { authorization: `Bearer ${key}` }
    expect((await t.built.app.inject({ method: 'POST', url: '/epcis/events', headers: bearer, payload: observation(a.gln) })).statusCode).toBe(201)
    expect((await t.built.app.inject({ method: 'POST', url: '/epcis/events', headers: bearer, payload: observation(b.gln) })).statusCode).toBe(403)
    expect((await t.built.app.inject({ method: 'DELETE', url: `/api/api-keys/${apiKey.id}`, headers: a.farmer.headers })).json().revokedAt).not.toBeNull()
    const revoked = await t.built.app.inject({ method: 'POST', url: '/epcis/events', headers: bearer, payload: observation(a.gln) })
    expect(revoked.statusCode).toBe(401)
    expect(revoked.json().error.code).toBe('TRACE_API_KEY_INVALID')
    const badGln = await t.built.app.inject({ method: 'POST', url: '/api/api-keys', headers: a.farmer.headers, payload: { name: 'x', locations: ['123'] } })
    expect(badGln.statusCode).toBe(400)
    expect(badGln.json().error.field).toContain('locations')
  })
})
