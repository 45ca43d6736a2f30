import { describe, expect, it } from 'vitest'
import { CHENG_COUNTY, LI_COUNTY, registerUser, type TestUser } from '../../../test/helpers/app.ts'
import { anchorWithRoom } from '../../../test/helpers/live.ts'
import { buyerWithAddress, fakeRefunds, order } from '../../../test/helpers/orders.ts'
import { useTestApp } from '../../../test/helpers/suite.ts'

const t = useTestApp()
const certificate = { promiseConfirmed: true, basis: 'self_test', issuer: '张', contactPhone: '13800000002', issuedOn: '2026-10-08' }

async function countyHubs(county: string) {
  const admin = await registerUser(t.built, { roles: ['county_admin'] })
  await t.built.services.regions.assignCountyAdmin(admin.id, county, admin.id)
  const mk = async (payload: object) => (await t.built.app.inject({ method: 'POST', url: '/api/hubs', headers: admin.headers, payload })).json()
  const hub = await mk({ kind: 'county_hub', name: `分拨中心${county}`, countyCode: county, address: '物流园', contactName: '王', contactPhone: '13700000001' })
  const point = await mk({ kind: 'pickup_point', name: `收寄点${county}`, countyCode: county, address: '村委会', contactName: '李', contactPhone: '13700000002', parentHubId: hub.id })
  const operator = await registerUser(t.built)
  for (const h of [hub, point]) await t.built.app.inject({ method: 'POST', url: `/api/hubs/${h.id}/operators`, headers: admin.headers, payload: { phone: operator.phone } })
  return { hub, point, operator }
}

/** A paid order of one packed box, and the farmer. */
async function paidOrder() {
  fakeRefunds(t.built)
  const { farmer, shop, product } = await anchorWithRoom(t.built)
  const sku = product.skus[0]
  const orchard = (await t.built.app.inject({ method: 'POST', url: `/api/shops/${shop.id}/orchards`, headers: farmer.headers, payload: { name: '果园', countyCode: LI_COUNTY, address: '村' } })).json()
  const lot = (await t.built.app.inject({ method: 'POST', url: `/api/shops/${shop.id}/lots`, headers: farmer.headers, payload: { skuId: sku.id, orchardId: orchard.id, harvestDate: '2026-10-08', weightKg: 50, grade: '一级', certificate } })).json()
  await t.built.app.inject({ method: 'POST', url: `/api/lots/${lot.id}/pack`, headers: farmer.headers, payload: { boxes: 2, kgPerBox: 5 } })
  const { buyer, addressId } = await buyerWithAddress(t.built)
  const co = (await order(t.built, buyer, addressId, [{ skuId: sku.id, qty: 1 }])).json()
  await t.built.services.orders.markPaid(co.checkoutId, co.totalFen, `pay_${co.checkoutId}`, new Date())
  return { farmer, shop, sku, lot, buyer, orderId: co.orders[0].id as string }
}

const scan = (u: TestUser, hubId: string, waybill: string, kind: string) =>
  t.built.app.inject({ method: 'POST', url: `/api/hubs/${hubId}/scans`, headers: u.headers, payload: { waybill, kind } })

describe('where a parcel may be scanned', () => {
  it('lets only its own county\'s hub take it in and only the hub holding it deliver it', async () => {
    const li = await countyHubs(LI_COUNTY)
    const cheng = await countyHubs(CHENG_COUNTY)
    const { farmer, orderId, buyer } = await paidOrder()
    const s = (await t.built.app.inject({ method: 'POST', url: `/api/orders/${orderId}/shipment`, headers: farmer.headers, payload: { pickupPointId: li.point.id, parcels: 1 } })).json()
    expect((await scan(cheng.operator, cheng.hub.id, s.waybill, 'arrived')).json().error.code).toBe('LOGISTICS_BAD_SCAN')
    expect((await scan(li.operator, li.hub.id, s.waybill, 'arrived')).statusCode).toBe(200)
    expect((await scan(li.operator, li.hub.id, s.waybill, 'departed')).statusCode).toBe(200)
    expect((await scan(cheng.operator, cheng.hub.id, s.waybill, 'delivered')).statusCode).toBe(409)
    expect((await t.built.app.inject({ method: 'GET', url: `/api/orders/${orderId}`, headers: buyer.headers })).json().status).toBe('shipped')
  })

  it('keeps a batched parcel with its batch: no departing alone, and the batch still leaves', async () => {
    const li = await countyHubs(LI_COUNTY)
    const { farmer, orderId } = await paidOrder()
    const s = (await t.built.app.inject({ method: 'POST', url: `/api/orders/${orderId}/shipment`, headers: farmer.headers, payload: { pickupPointId: li.point.id, parcels: 1 } })).json()
    await scan(li.operator, li.hub.id, s.waybill, 'arrived')
    const batch = (await t.built.app.inject({ method: 'POST', url: `/api/hubs/${li.hub.id}/batches`, headers: li.operator.headers, payload: { destination: '西安', waybills: [s.waybill] } })).json()
    expect((await scan(li.operator, li.hub.id, s.waybill, 'departed')).json().error.code).toBe('LOGISTICS_BAD_SCAN')
    expect((await t.built.app.inject({ method: 'POST', url: `/api/batches/${batch.id}/depart`, headers: li.operator.headers })).statusCode).toBe(200)
  })

  it('ships through the short form (carrier + waybill) with a shipment and the boxes, like the full one', async () => {
    const { farmer, orderId, buyer } = await paidOrder()
    const res = await t.built.app.inject({ method: 'POST', url: `/api/orders/${orderId}/ship`, headers: farmer.headers, payload: { carrier: '顺丰', waybill: 'SF1234567890' } })
    expect(res.json().status).toBe('shipped')
    const s = (await t.built.app.inject({ method: 'GET', url: `/api/orders/${orderId}/shipment`, headers: buyer.headers })).json()
    expect(s).toMatchObject({ carrierCode: 'external', carrierName: '顺丰', waybill: 'SF1234567890', boxes: [{ serial: '0001' }] })
    expect(s.tracking.map((x: { status: string }) => x.status)).toEqual(['created']) // the rest is on the courier's site
  })
})

describe('a lot that fails an inspection after packing', () => {
  it('takes its unshipped boxes off sale and never ships them', async () => {
    const { farmer, sku, lot, orderId, buyer } = await paidOrder()
    expect((await t.built.app.inject({ method: 'GET', url: `/api/lots/${lot.id}`, headers: farmer.headers })).json().boxesPacked).toBe(2)
    const skuStock = async () => Number(((await t.h.db.execute(`select stock from skus where id = '${sku.id}'`)) as unknown as { rows: Array<{ stock: number }> }).rows[0]!.stock)
    const stockBefore = await skuStock()
    await t.built.app.inject({ method: 'POST', url: `/api/lots/${lot.id}/inspections`, headers: farmer.headers, payload: { kind: '速测', result: 'nonconformant', inspectedOn: '2026-10-09', inspector: '站' } })
    expect(await skuStock()).toBe(stockBefore - 2)
    const s = (await t.built.app.inject({ method: 'POST', url: `/api/orders/${orderId}/shipment`, headers: farmer.headers, payload: { carrier: '中通', waybill: 'ZT1234567890', parcels: 1 } })).json()
    expect(s.boxes).toEqual([])
    expect((await t.built.app.inject({ method: 'GET', url: `/api/orders/${orderId}/shipment`, headers: buyer.headers })).json().boxes).toEqual([])
  })

  it('refuses a clip linked twice, naming the field', async () => {
    const { farmer, lot } = await paidOrder()
    const res = await t.built.app.inject({ method: 'PUT', url: `/api/lots/${lot.id}/clips`, headers: farmer.headers, payload: { clips: [{ clipId: 'clip_01JZZZZZZZZZZZZZZZZZZZZZZZ', purpose: 'harvest' }, { clipId: 'clip_01JZZZZZZZZZZZZZZZZZZZZZZZ', purpose: 'packing' }] } })
    expect(res.statusCode).toBe(400)
    expect(res.json().error.field).toBe('body.clips.1.clipId')
  })
})
