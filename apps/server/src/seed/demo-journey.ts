// One full demo journey, orchard to doorstep: 张大叔's orchard and a harvest lot with its 承诺达标合格证 and a pesticide
// rapid test, a live that was recorded (a labelled synthetic demo video) with 采摘 and 装箱 clips, ten packed boxes,
// Li County's hub and a village pickup point, and a box bought by 李女士 that went through every scan to delivered.
// Times are spread over the last four days so the trace page reads like a real journey.
import { copyFileSync, mkdirSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { and, eq } from 'drizzle-orm'
import type { Actor } from '../platform/auth/actor.ts'
import type { Db } from '../platform/db/client.ts'
import type { Services } from '../app.ts'
import { newId } from '../platform/ids.ts'
import { liveRecordings, liveRooms } from '../modules/live/tables.ts'
import { checkouts, orderEvents, orders } from '../modules/orders/tables.ts'
import { payments } from '../modules/payments/tables.ts'

const DEMO_VIDEO = resolve(dirname(fileURLToPath(import.meta.url)), '../../assets/demo/orchard-live-demo.mp4')

export interface JourneyInput {
  db: Db
  services: Services
  recordDir: string
  actor(k: 'farmer' | 'countyAdmin' | 'buyerA' | 'hubOperator'): Actor
  phones: { hubOperator: string }
  shopId: string
  product: { id: string; skus: Array<{ id: string }> }
  countyCode: string
  /** Cover of the recorded live (the clips' poster on the trace page). */
  coverImageId: string
}

export async function seedDemoJourney(j: JourneyInput) {
  const { services: s, actor } = j
  const hours = (h: number) => new Date(Date.now() - h * 3600_000)
  const sku = j.product.skus[1]! // 80mm 5kg

  // A live four days ago, recorded: the replay is the bundled demo video (copied, so retention never deletes the asset).
  const room = await s.live.schedule(actor('farmer'), j.shopId, { title: '【演示】果园现摘：花牛苹果采摘和装箱', coverImageId: j.coverImageId, scheduledAt: hours(96).toISOString(), productIds: [j.product.id] }, { isDemo: true })
  await j.db.update(liveRooms).set({ status: 'ended', startedAt: hours(96), endedAt: hours(95.5), peakViewers: 1283, likeCount: 20417 }).where(eq(liveRooms.id, room.id))
  mkdirSync(j.recordDir, { recursive: true })
  const file = join(j.recordDir, `${room.id}-demo.mp4`)
  copyFileSync(DEMO_VIDEO, file)
  await j.db.insert(liveRecordings).values({ id: newId('rec'), roomId: room.id, file, startedAt: hours(96), durationSeconds: 24, retainUntil: new Date(Date.now() + 3 * 365 * 86_400_000) })
  const picking = await s.live.addClip(actor('farmer'), room.id, { startSeconds: 0, endSeconds: 12, title: '采摘' })
  const packing = await s.live.addClip(actor('farmer'), room.id, { startSeconds: 12, endSeconds: 24, title: '装箱' })

  const orchard = await s.harvest.addOrchard(actor('farmer'), j.shopId, {
    name: '龙槐村南坡果园（演示）', countyCode: j.countyCode, address: '永兴镇龙槐村南坡 3 号地',
    story: '【演示】海拔 1600 米的南坡，二十年树龄的花牛苹果树。不打膨大剂，果子在树上自然长够日子才摘。',
  })
  const harvestDay = hours(96).toISOString().slice(0, 10)
  const lot = await s.harvest.createLot(actor('farmer'), j.shopId, {
    skuId: sku.id, orchardId: orchard.id, harvestDate: harvestDay, weightKg: 300, grade: '一级 80mm', imageIds: [],
    certificate: { promiseConfirmed: true, basis: 'self_test', issuer: '张大叔（演示）', contactPhone: '13800000002', issuedOn: harvestDay },
  }, { at: hours(95.8) })
  await s.harvest.addInspection(actor('farmer'), lot.id, {
    kind: '农药残留速测', result: 'conformant', inspectedOn: harvestDay, inspector: '礼县农产品质量安全检测站（演示）', note: '有机磷和氨基甲酸酯类抑制率 < 50%', imageIds: [],
  }, { at: hours(95) })
  await s.harvest.pack(actor('farmer'), lot.id, { boxes: 10, kgPerBox: 5 }, { at: hours(72) })
  await s.harvest.setClips(actor('farmer'), lot.id, { clips: [{ clipId: picking.id, purpose: 'harvest' }, { clipId: packing.id, purpose: 'packing' }] })

  // Li County's logistics: the county hub, the village pickup point, and the demo hub operator who scans at both.
  const hub = await s.logistics.createHub(actor('countyAdmin'), {
    kind: 'county_hub', name: '礼县电商物流分拨中心（演示）', countyCode: j.countyCode, address: '城关镇物流园 1 号', contactName: '王主任', contactPhone: '13700000001',
  })
  const point = await s.logistics.createHub(actor('countyAdmin'), {
    kind: 'pickup_point', name: '龙槐村收寄点（演示）', countyCode: j.countyCode, address: '永兴镇龙槐村村委会', contactName: '李会计', contactPhone: '13700000002', parentHubId: hub.id,
  })
  for (const h of [hub, point]) await s.logistics.addOperator(actor('countyAdmin'), h.id, j.phones.hubOperator)

  // 李女士 in Shanghai bought one box, paid, and it went village → county hub → Xi'an → her door.
  const address = await s.cart.addAddress(actor('buyerA'), { recipient: '李女士', phone: '13900000004', countyCode: '310101', detail: '人民路 1 号 101 室（演示地址）', isDefault: true })
  const co = await s.orders.checkout(actor('buyerA'), { items: [{ skuId: sku.id, qty: 1 }], addressId: address.id, freshConfirmed: true, note: '' }, `demo-journey-${lot.id}`)
  // Paid through the sandbox provider like any buyer, so the order has a real payment: a claim on it can be refunded.
  const payment = await s.payments.create(actor('buyerA'), { checkoutId: co.checkoutId, provider: 'sandbox' })
  await s.payments.sandbox.complete(payment.id, { outcome: 'pay' })
  if ((await s.orders.get(actor('buyerA'), co.orders[0]!.id)).status !== 'paid') throw new Error('demo journey: the sandbox payment did not pay the order')
  const orderId = co.orders[0]!.id
  const shipment = await s.logistics.shipOrder(actor('farmer'), orderId, { pickupPointId: point.id, parcels: 1, weightGrams: 5400 }, { at: hours(70) })
  const op = actor('hubOperator')
  await s.logistics.scan(op, point.id, { waybill: shipment.waybill, kind: 'picked_up', note: '' }, { at: hours(68) })
  await s.logistics.scan(op, hub.id, { waybill: shipment.waybill, kind: 'arrived', note: '' }, { at: hours(60) })
  const batch = await s.logistics.createBatch(op, hub.id, { destination: '西安转运中心', waybills: [shipment.waybill] }, { at: hours(52) })
  await s.logistics.departBatch(op, batch.id, { at: hours(50) })
  await s.logistics.scan(op, hub.id, { waybill: shipment.waybill, kind: 'out_for_delivery', note: '上海黄浦派送站' }, { at: hours(8) })
  await s.logistics.scan(op, hub.id, { waybill: shipment.waybill, kind: 'delivered', note: '本人签收' }, { at: hours(5) })

  // The order's own history was written "now"; date it like its tracking so the order page and the journey agree.
  await j.db.update(checkouts).set({ createdAt: hours(71.5) }).where(eq(checkouts.id, co.checkoutId))
  await j.db.update(payments).set({ createdAt: hours(71.2), paidAt: hours(71) }).where(eq(payments.id, payment.id))
  await j.db.update(orders).set({ createdAt: hours(71.5), paidAt: hours(71), shippedAt: hours(70), deliveredAt: hours(5), autoConfirmAt: new Date(hours(5).getTime() + 10 * 86_400_000) }).where(eq(orders.id, orderId))
  const when: Record<string, Date> = { pending_payment: hours(71.5), paid: hours(71), shipped: hours(70), delivered: hours(5) }
  for (const [to, at] of Object.entries(when)) await j.db.update(orderEvents).set({ at }).where(and(eq(orderEvents.orderId, orderId), eq(orderEvents.toStatus, to)))
  return { lot, box: shipment.boxes[0]! }
}
