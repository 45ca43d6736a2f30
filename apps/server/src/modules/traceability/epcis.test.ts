import { describe, expect, it } from 'vitest'
import { sql } from 'drizzle-orm'
import { makeGln, makeGtin14, makeSscc } from '@hotland/epcis'
import { registerUser } from '../../../test/helpers/app.ts'
import { useTestApp } from '../../../test/helpers/suite.ts'

const t = useTestApp()
const CONTEXT = 'https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld'
const PREFIX = '6900000' // fictitious GS1 company prefix (demo)
let n = 0
/** A fresh lot per test, so every test owns its chain. */
function lot() {
  n++
  const gtin = makeGtin14(0, PREFIX, 1000 + n)
  const lotCode = `L${Date.now().toString(36)}${n}`
  const orchard = `https://id.gs1.org/414/${makeGln(PREFIX, 10 + n)}`
  return {
    gtin, lotCode, orchard,
    box: (s: number) => `https://id.gs1.org/01/${gtin}/10/${lotCode}/21/${s}`,
    cls: `https://id.gs1.org/01/${gtin}/10/${lotCode}`,
    sscc: `https://id.gs1.org/00/${makeSscc(0, PREFIX, 100000 + n)}`,
    chain: `lot:${gtin}:${lotCode}`,
  }
}
const doc = (eventList: object[]) => ({ '@context': [CONTEXT], type: 'EPCISDocument', schemaVersion: '2.0', creationDate: '2026-09-20T08:00:00+08:00', epcisBody: { eventList } })

function journey(l: ReturnType<typeof lot>) {
  return [
    { type: 'ObjectEvent', eventTime: '2026-09-20T08:00:00+08:00', eventTimeZoneOffset: '+08:00', action: 'ADD', bizStep: 'commissioning', disposition: 'active',
      quantityList: [{ epcClass: l.cls, quantity: 500, uom: 'KGM' }], readPoint: { id: l.orchard }, bizLocation: { id: l.orchard },
      ilmd: { 'cbvmda:harvestStartDate': '2026-09-20', 'cbvmda:countryOfOrigin': 'CN', 'example:countyCode': '621226' }, 'example:note': 'harvest', '@context': [{ example: 'https://hotland.example.org/voc/' }] },
    { type: 'ObjectEvent', eventTime: '2026-09-20T10:00:00+08:00', eventTimeZoneOffset: '+08:00', action: 'OBSERVE', bizStep: 'inspecting', disposition: 'conformant',
      quantityList: [{ epcClass: l.cls, quantity: 2, uom: 'KGM' }], readPoint: { id: l.orchard },
      sensorElementList: [{ sensorMetadata: { time: '2026-09-20T10:00:00+08:00' }, sensorReport: [{ type: 'Temperature', value: 18.5, uom: 'CEL' }] }] },
    { type: 'AggregationEvent', eventTime: '2026-09-21T09:00:00+08:00', eventTimeZoneOffset: '+08:00', action: 'ADD', bizStep: 'packing', disposition: 'in_progress',
      parentID: l.sscc, childEPCs: [l.box(1), l.box(2)], readPoint: { id: l.orchard } },
    { type: 'TransformationEvent', eventTime: '2026-09-21T11:00:00+08:00', eventTimeZoneOffset: '+08:00', bizStep: 'repackaging',
      inputEPCList: [l.box(2)], outputEPCList: [l.box(3), l.box(4)] },
    { type: 'TransactionEvent', eventTime: '2026-09-22T08:00:00+08:00', eventTimeZoneOffset: '+08:00', action: 'ADD', bizStep: 'shipping', disposition: 'in_transit',
      bizTransactionList: [{ type: 'po', bizTransaction: 'https://hotland.example.org/orders/ord_1' }, { type: 'bol', bizTransaction: 'https://hotland.example.org/waybills/EMS1234567890' }],
      epcList: [l.box(1)] },
    { type: 'AssociationEvent', eventTime: '2026-09-22T09:00:00+08:00', eventTimeZoneOffset: '+08:00', action: 'ADD', bizStep: 'assembling',
      parentID: `https://id.gs1.org/8004/${PREFIX}TRUCK1`, childEPCs: [l.box(1)] },
  ]
}

describe('EPCIS 2.0 capture and query', () => {
  it('captures a document with all five event types, assigns CBV 2.0 hash eventIDs and answers queries', async () => {
    const farmer = await registerUser(t.built, { roles: ['platform_admin'] }) // rights everywhere; location rights are tested in capture-rights.test.ts
    const l = lot()
    const res = await t.built.app.inject({ method: 'POST', url: '/epcis/capture', headers: farmer.headers, payload: doc(journey(l)) })
    expect(res.statusCode).toBe(202)
    expect(res.headers.location).toBe(`/epcis/capture/${res.json().captureID}`)
    const job = (await t.built.app.inject({ method: 'GET', headers: farmer.headers, url: res.headers.location as string })).json()
    expect(job).toMatchObject({ success: true, eventCount: 6, capturedCount: 6, errors: [] })

    const all = (await t.built.app.inject({ method: 'GET', headers: farmer.headers, url: `/epcis/events?MATCH_anyEPCClass=${encodeURIComponent(l.cls)}` })).json()
    expect(all.type).toBe('EPCISQueryDocument')
    const list = all.epcisBody.queryResults.resultsBody.eventList
    expect(list).toHaveLength(2)
    expect(list[0].eventID).toMatch(/^ni:\/\/\/sha-256;[0-9a-f]{64}\?ver=CBV2\.0$/)
    expect(list[0].recordTime).toBeDefined()
    expect(list[0].ilmd['cbvmda:harvestStartDate']).toBe('2026-09-20')

    const q = async (qs: string) => (await t.built.app.inject({ method: 'GET', headers: farmer.headers, url: `/epcis/events?${qs}` })).json().epcisBody.queryResults.resultsBody.eventList
    expect((await q(`MATCH_anyEPC=${encodeURIComponent(l.box(1))}`)).map((e: { type: string }) => e.type)).toEqual(['AggregationEvent', 'TransactionEvent', 'AssociationEvent'])
    expect((await q(`MATCH_epc=${encodeURIComponent(l.box(1))}`)).map((e: { type: string }) => e.type)).toEqual(['AggregationEvent', 'TransactionEvent', 'AssociationEvent'])
    expect((await q(`MATCH_anyEPC=${encodeURIComponent(l.box(3))}`)).map((e: { type: string }) => e.type)).toEqual(['TransformationEvent'])
    expect(await q(`EQ_bizStep=shipping&MATCH_anyEPC=${encodeURIComponent(l.box(1))}`)).toHaveLength(1)
    expect(await q(`EQ_bizStep=${encodeURIComponent('https://ref.gs1.org/cbv/BizStep-shipping')}&MATCH_anyEPC=${encodeURIComponent(l.box(1))}`)).toHaveLength(1)
    expect(await q(`EQ_disposition=in_transit&MATCH_anyEPC=${encodeURIComponent(l.box(1))}`)).toHaveLength(1)
    expect(await q(`eventType=ObjectEvent&EQ_readPoint=${encodeURIComponent(l.orchard)}`)).toHaveLength(2)
    expect(await q(`EQ_bizLocation=${encodeURIComponent(l.orchard)}`)).toHaveLength(1)
    expect(await q(`MATCH_anyEPCClass=${encodeURIComponent(l.cls)}&GE_eventTime=2026-09-20T01:00:00Z&LT_eventTime=2026-09-20T03:00:00Z`)).toHaveLength(1)
    const sensor = (await q(`EQ_bizStep=inspecting&MATCH_anyEPCClass=${encodeURIComponent(l.cls)}`))[0]
    expect(sensor.sensorElementList[0].sensorReport[0]).toMatchObject({ type: 'Temperature', value: 18.5 })

    const one = await t.built.app.inject({ method: 'GET', headers: farmer.headers, url: `/epcis/events/${encodeURIComponent(list[0].eventID)}` })
    expect(one.json().bizStep).toBe('commissioning')
  })

  it('pages through results with nextPageToken and a Link header', async () => {
    const farmer = await registerUser(t.built, { roles: ['platform_admin'] }) // rights everywhere; location rights are tested in capture-rights.test.ts
    const l = lot()
    await t.built.app.inject({ method: 'POST', url: '/epcis/capture', headers: farmer.headers, payload: doc(journey(l)) })
    const url = `/epcis/events?perPage=2&MATCH_anyEPC=${encodeURIComponent(l.box(1))},${encodeURIComponent(l.box(3))}`
    const first = await t.built.app.inject({ method: 'GET', headers: farmer.headers, url })
    expect(first.json().epcisBody.queryResults.resultsBody.eventList).toHaveLength(2)
    const link = first.headers.link as string
    expect(link).toMatch(/rel="next"/)
    const next = await t.built.app.inject({ method: 'GET', headers: farmer.headers, url: /<([^>]+)>/.exec(link)![1]! })
    expect(next.json().epcisBody.queryResults.resultsBody.eventList).toHaveLength(2)
    expect(next.headers.link).toBeUndefined()
  })

  it('answers 201 for a new event and 409 for a known eventID', async () => {
    const farmer = await registerUser(t.built, { roles: ['platform_admin'] }) // rights everywhere; location rights are tested in capture-rights.test.ts
    const l = lot()
    const ev = { ...journey(l)[0]!, eventID: `urn:uuid:${crypto.randomUUID()}` }
    const a = await t.built.app.inject({ method: 'POST', url: '/epcis/events', headers: farmer.headers, payload: ev })
    expect(a.statusCode).toBe(201)
    expect(a.headers.location).toBe(`/epcis/events/${encodeURIComponent(ev.eventID)}`)
    const b = await t.built.app.inject({ method: 'POST', url: '/epcis/events', headers: farmer.headers, payload: ev })
    expect(b.statusCode).toBe(409)
    expect(b.json().error.code).toBe('TRACE_EVENT_EXISTS')
  })

  it('rejects a bad document with the schema\'s error, and with rollback stores none of a batch', async () => {
    const farmer = await registerUser(t.built, { roles: ['platform_admin'] }) // rights everywhere; location rights are tested in capture-rights.test.ts
    const bad = await t.built.app.inject({ method: 'POST', url: '/epcis/capture', headers: farmer.headers, payload: doc([{ type: 'ObjectEvent', eventTime: 'yesterday', eventTimeZoneOffset: '+08:00', action: 'ADD', epcList: [] }]) })
    expect(bad.statusCode).toBe(400)
    expect(bad.json().error).toMatchObject({ code: 'TRACE_SCHEMA_INVALID', message: expect.stringMatching(/eventTime|date-time/) })

    const l = lot()
    const dup = { ...journey(l)[1]!, eventID: `urn:uuid:${crypto.randomUUID()}` }
    await t.built.app.inject({ method: 'POST', url: '/epcis/events', headers: farmer.headers, payload: dup })
    const rolled = await t.built.app.inject({ method: 'POST', url: '/epcis/capture', headers: farmer.headers, payload: doc([journey(l)[0]!, dup]) })
    expect((await t.built.app.inject({ method: 'GET', headers: farmer.headers, url: rolled.headers.location as string })).json()).toMatchObject({ success: false, capturedCount: 0, errors: [{ eventIndex: 1 }] })
    const proceed = await t.built.app.inject({ method: 'POST', url: '/epcis/capture', headers: { ...farmer.headers, 'gs1-capture-error-behaviour': 'proceed' }, payload: doc([journey(l)[0]!, dup]) })
    expect((await t.built.app.inject({ method: 'GET', headers: farmer.headers, url: proceed.headers.location as string })).json()).toMatchObject({ success: false, capturedCount: 1 })
  })

  it('keeps events append-only: a correction is an errorDeclaration, shown with the original', async () => {
    const farmer = await registerUser(t.built, { roles: ['platform_admin'] }) // rights everywhere; location rights are tested in capture-rights.test.ts
    const l = lot()
    const ev = { ...journey(l)[1]!, eventID: `urn:uuid:${crypto.randomUUID()}` }
    await t.built.app.inject({ method: 'POST', url: '/epcis/events', headers: farmer.headers, payload: ev })
    const decl = { ...ev, errorDeclaration: { declarationTime: '2026-09-23T08:00:00+08:00', reason: 'incorrect_data' } }
    expect((await t.built.app.inject({ method: 'POST', url: '/epcis/events', headers: farmer.headers, payload: decl })).statusCode).toBe(201)
    const got = (await t.built.app.inject({ method: 'GET', headers: farmer.headers, url: `/epcis/events/${encodeURIComponent(ev.eventID)}` })).json()
    expect(got.errorDeclaration).toMatchObject({ reason: 'incorrect_data' })
    expect(got.bizStep).toBe('inspecting')
    const orphan = { ...decl, eventID: `urn:uuid:${crypto.randomUUID()}` }
    expect((await t.built.app.inject({ method: 'POST', url: '/epcis/events', headers: farmer.headers, payload: orphan })).statusCode).toBe(404)
  })

  it('detects any change to stored events through the lot\'s hash chain', async () => {
    const farmer = await registerUser(t.built, { roles: ['platform_admin'] }) // rights everywhere; location rights are tested in capture-rights.test.ts
    const l = lot()
    await t.built.app.inject({ method: 'POST', url: '/epcis/capture', headers: farmer.headers, payload: doc(journey(l).slice(0, 2)) })
    const ok = (await t.built.app.inject({ method: 'GET', headers: farmer.headers, url: `/epcis/chains/${encodeURIComponent(l.chain)}/verify` })).json()
    expect(ok).toMatchObject({ valid: true, length: 2, brokenAt: null })
    await t.h.db.execute(sql`update epcis_events set document = jsonb_set(document, '{disposition}', '"non_conformant"') where chain_key = ${l.chain} and seq = 2`)
    const broken = (await t.built.app.inject({ method: 'GET', headers: farmer.headers, url: `/epcis/chains/${encodeURIComponent(l.chain)}/verify` })).json()
    expect(broken).toMatchObject({ valid: false, brokenAt: { seq: 2 } })
  })

  it('needs a login or API key to capture, and rights on the location; querying is for partners with rights somewhere', async () => {
    const buyer = await registerUser(t.built)
    const l = lot()
    expect((await t.built.app.inject({ method: 'POST', url: '/epcis/capture', payload: doc(journey(l)) })).statusCode).toBe(401)
    const denied = await t.built.app.inject({ method: 'POST', url: '/epcis/capture', headers: buyer.headers, payload: doc(journey(l)) })
    expect(denied.statusCode).toBe(403)
    expect(denied.json().error.code).toBe('TRACE_LOCATION_FORBIDDEN')
    expect((await t.built.app.inject({ method: 'GET', url: '/epcis/events?perPage=1' })).statusCode).toBe(401)
    expect((await t.built.app.inject({ method: 'GET', url: '/epcis/events?perPage=1', headers: buyer.headers })).statusCode).toBe(403)
    const admin = await registerUser(t.built, { roles: ['platform_admin'] })
    expect((await t.built.app.inject({ method: 'GET', url: '/epcis/events?perPage=1', headers: admin.headers })).statusCode).toBe(200)
  })
})
