import { describe, expect, it } from 'vitest'
import { sql } from 'drizzle-orm'
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs'
import { parseDigitalLink } from '@hotland/epcis'
import { registerUser, type TestUser } from '../../../test/helpers/app.ts'
import { anchorWithRoom } from '../../../test/helpers/live.ts'
import { buyerWithAddress, fakeRefunds, order } from '../../../test/helpers/orders.ts'
import { useTestApp } from '../../../test/helpers/suite.ts'

const t = useTestApp()
const LI = '621226'

const certificate = { promiseConfirmed: true, basis: 'self_test', issuer: '张大叔', contactPhone: '13800000002', issuedOn: '2026-10-08' }
const chinaDate = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10)

async function pdfText(pdf: Buffer) {
  const doc = await getDocument({ data: new Uint8Array(pdf), verbosity: 0, isEvalSupported: false }).promise
  const pages: string[] = []
  for (let i = 1; i <= doc.numPages; i++) {
    const c = await (await doc.getPage(i)).getTextContent()
    pages.push(c.items.map((x) => ('str' in x ? x.str : '')).join('').replace(/\s+/g, ''))
  }
  return pages
}

/** A county admin with a county hub and a village pickup point, and one operator who scans at both. */
async function countyLogistics() {
  const admin = await registerUser(t.built, { roles: ['county_admin'] })
  await t.built.services.regions.assignCountyAdmin(admin.id, LI, admin.id)
  const mk = async (payload: object) => {
    const r = await t.built.app.inject({ method: 'POST', url: '/api/hubs', headers: admin.headers, payload })
    expect(r.statusCode).toBe(201)
    return r.json()
  }
  const hub = await mk({ kind: 'county_hub', name: '礼县电商物流分拨中心', countyCode: LI, address: '城关镇物流园 1 号', contactName: '王主任', contactPhone: '13700000001' })
  const point = await mk({ kind: 'pickup_point', name: '龙槐村收寄点', countyCode: LI, address: '龙槐村村委会', contactName: '李会计', contactPhone: '13700000002', parentHubId: hub.id })
  expect(hub.scanKinds).toEqual(['arrived', 'departed', 'out_for_delivery', 'delivered'])
  expect(point.scanKinds).toEqual(['picked_up', 'out_for_delivery', 'delivered'])
  const operator = await registerUser(t.built, { displayName: '分拨员小王' })
  for (const h of [hub, point]) {
    expect((await t.built.app.inject({ method: 'POST', url: `/api/hubs/${h.id}/operators`, headers: admin.headers, payload: { phone: operator.phone } })).statusCode).toBe(200)
  }
  return { admin, hub, point, operator }
}

const scan = (u: TestUser, hubId: string, waybill: string, kind: string) =>
  t.built.app.inject({ method: 'POST', url: `/api/hubs/${hubId}/scans`, headers: u.headers, payload: { waybill, kind } })

describe('from orchard to doorstep', () => {
  it('records a lot, packs boxes into stock, ships through the county hub and shows the box\'s journey, clips and an unchanged chain', async () => {
    fakeRefunds(t.built)
    const { farmer, shop, product, room } = await anchorWithRoom(t.built)
    const sku = product.skus[0]
    const api = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: object, who: TestUser = farmer) => t.built.app.inject({ method, url, headers: who.headers, payload })

    // Orchard (with a GLN), lot with its certificate, a conformant inspection, packing.
    const orchard = (await api('POST', `/api/shops/${shop.id}/orchards`, { name: '南坡果园', countyCode: LI, address: '永兴镇龙槐村南坡', story: '海拔 1600 米，昼夜温差大' })).json()
    expect(orchard.gln).toMatch(/^\d{13}$/)
    const lotRes = await api('POST', `/api/shops/${shop.id}/lots`, { skuId: sku.id, orchardId: orchard.id, harvestDate: '2026-10-08', weightKg: 20, grade: '一级', certificate })
    expect(lotRes.statusCode).toBe(201)
    const lot = lotRes.json()
    expect(lot).toMatchObject({ gtin: sku.gtin, certificate: { basis: 'self_test', issuer: '张大叔' }, blocked: false, boxesPacked: 0 })
    expect((await api('POST', `/api/lots/${lot.id}/inspections`, { kind: '农药残留速测', result: 'conformant', inspectedOn: '2026-10-08', inspector: '礼县农检站' })).statusCode).toBe(201)
    const stockBefore = (await api('GET', `/api/products/${product.id}`)).json().skus[0].stock
    const packed = await api('POST', `/api/lots/${lot.id}/pack`, { boxes: 3, kgPerBox: 5 })
    expect(packed.statusCode).toBe(201)
    expect(packed.json().boxes.map((b: { serial: string }) => b.serial)).toEqual(['0001', '0002', '0003'])
    expect(parseDigitalLink(packed.json().boxes[0].digitalLink)).toMatchObject({ gtin: sku.gtin, lot: lot.code, serial: '0001' })
    expect((await api('GET', `/api/products/${product.id}`)).json().skus[0].stock).toBe(stockBefore + 3)
    expect((await api('GET', `/api/lots/${lot.id}/boxes`)).json().map((b: { serial: string; orderId: string | null }) => [b.serial, b.orderId])).toEqual([['0001', null], ['0002', null], ['0003', null]])
    const tooMuch = await api('POST', `/api/lots/${lot.id}/pack`, { boxes: 2, kgPerBox: 5 }) // 15 of 20 kg packed
    expect(tooMuch.statusCode).toBe(409)
    expect(tooMuch.json().error.code).toBe('LOTS_TOO_HEAVY')

    // A clip of the live (picking) linked to the lot.
    await t.h.db.execute(sql`insert into live_recordings (id, room_id, file, started_at, duration_seconds, retain_until) values (${`rec_${lot.id}`}, ${room.id}, 'demo.mp4', now(), 60, now() + interval '3 years')`)
    const clip = (await api('POST', `/api/live-rooms/${room.id}/clips`, { startSeconds: 5, endSeconds: 20, title: '采摘' })).json()
    expect((await api('GET', `/api/shops/${shop.id}/clips`)).json().map((c: { id: string }) => c.id)).toContain(clip.id)
    expect((await api('PUT', `/api/lots/${lot.id}/clips`, { clips: [{ clipId: clip.id, purpose: 'harvest' }] })).json().clips).toHaveLength(1)

    // A buyer in Shanghai orders two boxes and pays; the farmer hands them to the village pickup point.
    const { point, hub, operator } = await countyLogistics()
    const { buyer, addressId } = await buyerWithAddress(t.built)
    const co = (await order(t.built, buyer, addressId, [{ skuId: sku.id, qty: 2 }])).json()
    const orderId = co.orders[0].id
    expect(await t.built.services.orders.markPaid(co.checkoutId, co.totalFen, 'pay_journey', new Date())).toBe(true)
    const noCarrier = await api('POST', `/api/orders/${orderId}/shipment`, { parcels: 2 })
    expect(noCarrier.statusCode).toBe(400)
    expect(noCarrier.json().error).toMatchObject({ code: 'LOGISTICS_CARRIER_REQUIRED', field: 'body.carrier' })
    const shipped = await api('POST', `/api/orders/${orderId}/shipment`, { pickupPointId: point.id, parcels: 2, weightGrams: 10500 })
    expect(shipped.statusCode).toBe(201)
    const shipment = shipped.json()
    expect(shipment).toMatchObject({ carrierCode: 'hub', status: 'created', parcels: 2, receiverCity: expect.any(String) })
    expect(shipment.waybill).toMatch(/^HL\d{12}$/)
    expect(shipment.boxes.map((b: { serial: string }) => b.serial)).toEqual(['0001', '0002'])
    expect((await api('GET', `/api/orders/${orderId}`)).json().status).toBe('shipped')

    // Labels: one A6 page per parcel with the waybill and receiver; the day's batch; none on an empty day.
    const label = await api('GET', `/api/orders/${orderId}/label.pdf`)
    expect(label.headers['content-type']).toBe('application/pdf')
    const pages = await pdfText(label.rawPayload)
    expect(pages).toHaveLength(2)
    expect(pages[0]).toContain(shipment.waybill)
    expect(pages[0]).toContain('李女士')
    expect(pages[0]).toContain('139****5678') // 隐私面单: the receiver's number masked on paper
    expect(pages[0]).toContain(`${lot.code}-0001`) // which box goes in this parcel
    expect(pages[1]).toContain('第2/2件')
    expect((await pdfText((await api('GET', `/api/shops/${shop.id}/labels.pdf?date=${chinaDate(new Date())}`)).rawPayload)).length).toBe(2)
    const none = await api('GET', `/api/shops/${shop.id}/labels.pdf?date=2020-01-01`)
    expect(none.json().error.code).toBe('LOGISTICS_NO_ORDERS')
    expect(none.headers['content-disposition']).toBeUndefined()
    expect((await api('GET', `/api/orders/${orderId}/label.pdf`, undefined, buyer)).statusCode).toBe(403)

    // Hub scans: picked up in the village, at the county hub, out of order refused, consolidated and departed, delivered.
    expect((await scan(operator, point.id, shipment.waybill, 'picked_up')).json().status).toBe('picked_up')
    // The county hub sees what its village points took in, before it arrives.
    expect((await api('GET', `/api/hubs/${hub.id}/shipments?status=picked_up`, undefined, operator)).json().map((x: { waybill: string }) => x.waybill)).toContain(shipment.waybill)
    const early = await scan(operator, hub.id, shipment.waybill, 'delivered')
    expect(early.statusCode).toBe(409)
    expect(early.json().error.code).toBe('LOGISTICS_BAD_SCAN')
    expect((await scan(buyer, hub.id, shipment.waybill, 'arrived')).statusCode).toBe(403)
    expect((await scan(operator, hub.id, shipment.waybill, 'arrived')).json().status).toBe('at_hub')
    expect((await api('GET', `/api/hubs/${hub.id}/shipments?status=at_hub`, undefined, operator)).json().map((s: { waybill: string }) => s.waybill)).toContain(shipment.waybill)
    const batch = await api('POST', `/api/hubs/${hub.id}/batches`, { destination: '西安转运中心', waybills: [shipment.waybill] }, operator)
    expect(batch.statusCode).toBe(201)
    expect((await api('POST', `/api/batches/${batch.json().id}/depart`, undefined, operator)).json().departedAt).not.toBeNull()
    expect((await api('POST', `/api/batches/${batch.json().id}/depart`, undefined, operator)).statusCode).toBe(409)
    expect((await scan(operator, hub.id, shipment.waybill, 'out_for_delivery')).statusCode).toBe(200)
    expect((await scan(operator, hub.id, shipment.waybill, 'delivered')).json().status).toBe('delivered')
    expect((await api('GET', `/api/orders/${orderId}`, undefined, buyer)).json().status).toBe('delivered')
    // 待收货 (status=shipped) still lists it until the buyer confirms.
    expect((await api('GET', '/api/orders/mine?status=shipped', undefined, buyer)).json().items.map((o: { id: string }) => o.id)).toContain(orderId)

    // The buyer's order page shows the real tracking; a stranger sees nothing.
    const tracking = (await api('GET', `/api/orders/${orderId}/shipment`, undefined, buyer)).json().tracking
    expect(tracking.map((x: { status: string }) => x.status)).toEqual(['created', 'picked_up', 'at_hub', 'departed', 'out_for_delivery', 'delivered'])
    expect(tracking.at(-1).place).toBe(shipment.receiverCity) // signed for in the buyer's city, as on the trace page
    expect((await api('GET', `/api/orders/${orderId}/shipment`, undefined, await registerUser(t.built))).statusCode).toBe(404) // as for the order itself: not yours, not found

    // The QR on box 0001: a phone is sent to the trace page, which shows the whole journey and the clip.
    const qr = await t.built.app.inject({ method: 'GET', url: new URL(shipment.boxes[0].digitalLink).pathname })
    expect(qr.statusCode).toBe(307)
    expect(qr.headers.location).toMatch(new RegExp(`/trace/${sku.gtin}/${lot.code}/0001$`))
    const view = (await t.built.app.inject({ method: 'GET', url: `/api/trace/${sku.gtin}/${lot.code}/0001` })).json()
    expect(view.journey.map((j: { step: string }) => j.step)).toEqual(['harvested', 'inspected', 'packed', 'sold', 'shipped', 'picked_up', 'at_hub', 'departed', 'out_for_delivery', 'delivered'])
    expect(view.journey.find((j: { step: string }) => j.step === 'at_hub').place).toBe('礼县电商物流分拨中心')
    expect(view.journey[0].place).toBe('南坡果园')
    expect(view.places.map((p: { kind: string }) => p.kind)).toEqual(['origin', 'hub', 'destination'])
    expect(view).toMatchObject({ boxFound: true, verified: { valid: true }, orchard: { story: '海拔 1600 米，昼夜温差大' }, certificate: { issuer: '张大叔' } })
    expect(view.clips[0]).toMatchObject({ purpose: 'harvest', title: '采摘', startSeconds: 5, endSeconds: 20, videoUrl: expect.stringContaining('#t=5,20') })
    expect(JSON.stringify(view)).not.toContain('13912345678') // the receiver's phone never reaches the public page
    expect(view.certificate.contactPhone).toBe('138****0002') // the farmer's, printed on the paper certificate, masked online

    // Any change to a stored event of the lot shows: the badge turns off.
    await t.h.db.execute(sql`update epcis_events set document = jsonb_set(document, '{bizStep}', '"receiving"') where chain_key = ${`lot:${sku.gtin}:${lot.code}`} and biz_step = 'inspecting'`)
    expect((await t.built.app.inject({ method: 'GET', url: `/api/trace/${sku.gtin}/${lot.code}/0001` })).json().verified.valid).toBe(false)
  })

  it('blocks a lot that failed an inspection from being packed', async () => {
    const { farmer, shop, product } = await anchorWithRoom(t.built)
    const orchard = (await t.built.app.inject({ method: 'POST', url: `/api/shops/${shop.id}/orchards`, headers: farmer.headers, payload: { name: '北坡', countyCode: LI, address: '北坡' } })).json()
    const lot = (await t.built.app.inject({ method: 'POST', url: `/api/shops/${shop.id}/lots`, headers: farmer.headers, payload: { skuId: product.skus[0].id, orchardId: orchard.id, harvestDate: '2026-10-09', weightKg: 50, grade: '二级', certificate } })).json()
    const failed = await t.built.app.inject({ method: 'POST', url: `/api/lots/${lot.id}/inspections`, headers: farmer.headers, payload: { kind: '农药残留速测', result: 'nonconformant', inspectedOn: '2026-10-09', inspector: '乡农技站' } })
    expect(failed.json().blocked).toBe(true)
    const pack = await t.built.app.inject({ method: 'POST', url: `/api/lots/${lot.id}/pack`, headers: farmer.headers, payload: { boxes: 1, kgPerBox: 5 } })
    expect(pack.statusCode).toBe(409)
    expect(pack.json().error.code).toBe('LOTS_BLOCKED')
  })

  it('rejects bad lot input naming the field, and keeps other shops out', async () => {
    const { farmer, shop, product } = await anchorWithRoom(t.built)
    const other = await anchorWithRoom(t.built)
    const orchard = (await t.built.app.inject({ method: 'POST', url: `/api/shops/${shop.id}/orchards`, headers: farmer.headers, payload: { name: '东坡', countyCode: LI, address: '东坡' } })).json()
    const body = { skuId: product.skus[0].id, orchardId: orchard.id, harvestDate: '2026-10-09', weightKg: 50, grade: '一级', certificate }
    const noPromise = await t.built.app.inject({ method: 'POST', url: `/api/shops/${shop.id}/lots`, headers: farmer.headers, payload: { ...body, certificate: { ...certificate, promiseConfirmed: false } } })
    expect(noPromise.statusCode).toBe(400)
    expect(noPromise.json().error.field).toContain('promiseConfirmed')
    const badBasis = await t.built.app.inject({ method: 'POST', url: `/api/shops/${shop.id}/lots`, headers: farmer.headers, payload: { ...body, certificate: { ...certificate, basis: 'trust_me' } } })
    expect(badBasis.json().error.field).toContain('basis')
    const foreignSku = await t.built.app.inject({ method: 'POST', url: `/api/shops/${shop.id}/lots`, headers: farmer.headers, payload: { ...body, skuId: other.product.skus[0].id } })
    expect(foreignSku.json().error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'body.skuId' })
    expect((await t.built.app.inject({ method: 'POST', url: `/api/shops/${shop.id}/lots`, headers: other.farmer.headers, payload: body })).statusCode).toBe(403)
    expect((await t.built.app.inject({ method: 'GET', url: `/api/shops/${shop.id}/lots`, headers: farmer.headers })).json()).toHaveLength(0)
  })
})
