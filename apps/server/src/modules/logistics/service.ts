// Hubs and pickup points, shipments, hub scans and outbound batches. Every scan moves the shipment, writes a tracking
// row and an EPCIS event in one transaction; a delivered scan also moves the order to delivered.
import type {
  BatchBody, BatchView, HubBody, HubView, OrderView, ScanBody, ShipmentView, ShipOrderBody, TrackingStatus,
} from '@hotland/contracts'
import type { Actor } from '../../platform/auth/actor.ts'
import { hasRole, requireActor } from '../../platform/auth/actor.ts'
import type { Clock } from '../../platform/clock.ts'
import type { Db } from '../../platform/db/client.ts'
import { conflict, forbidden, invalid, notFound } from '../../platform/errors.ts'
import { newId } from '../../platform/ids.ts'
import { maskPhone } from '../../platform/mask.ts'
import type { EpcisEvent } from '../traceability/normalize.ts'
import { boxEpc, movementEvent, saleEvent, ssccEpc } from '../traceability/events.ts'
import { externalCarrier, hubCarrier, HUB_CARRIER_NAME, type CarrierAdapter, type ScanFact } from './carriers.ts'
import { logisticsRepository, type HubRow, type LogisticsRepository, type ShipmentRow } from './repository.ts'
import type { ShippingLabel } from './labels.ts'

export interface LogisticsDeps {
  db: Db
  clock: Clock
  orders: {
    get(actor: Actor | null, id: string): Promise<OrderView>
    forShipping(id: string): Promise<OrderView>
    shipIn(tx: Db, id: string, actorId: string, body: { carrier: string; waybill: string }): Promise<unknown>
    deliveredIn(tx: Db, id: string, actorId: string, reason: string): Promise<unknown>
  }
  shops: {
    assertCanManage(actor: Actor | null, shopId: string): Promise<{ id: string; name: string; countyCode: string }>
    senderOf(shopId: string): Promise<{ name: string; ownerName: string; ownerPhone: string; countyCode: string; town: string; village: string } | null>
  }
  regions: {
    countyPath(code: string, field: string): Promise<{ provinceName: string; cityName: string; countyName: string }>
    regionText(code: string): Promise<string>
    countyAdminCountiesOf(userId: string): Promise<string[]>
  }
  users: { byPhone(phone: string): Promise<{ id: string } | null> }
  boxes: {
    takeBoxes(tx: Db, skuId: string, n: number, orderId: string, at: Date): Promise<Array<{ lotId: string; serial: string; lotCode: string }>>
    boxesOfOrders(orderIds: string[]): Promise<Map<string, Array<{ serial: string; gtin: string; lotCode: string; digitalLink: string }>>>
  }
  skuGtins(skuIds: string[]): Promise<Map<string, string | null>>
  traceability: { recordIn(tx: Db, events: EpcisEvent[], by: string): Promise<unknown>; newGln(tx?: Db): Promise<string>; newSsccs(tx: Db, n: number): Promise<string[]> }
  renderLabels(labels: ShippingLabel[]): Promise<Buffer>
}

/** Which scans a shipment accepts in each status, at which kind of place, and where it goes. */
const SCANS: Record<ScanBody['kind'], { from: TrackingStatus[]; at: HubRow['kind'] | 'any'; to: TrackingStatus }> = {
  picked_up: { from: ['created'], at: 'pickup_point', to: 'picked_up' },
  arrived: { from: ['created', 'picked_up'], at: 'county_hub', to: 'at_hub' },
  departed: { from: ['at_hub'], at: 'county_hub', to: 'departed' },
  out_for_delivery: { from: ['at_hub', 'departed'], at: 'any', to: 'out_for_delivery' },
  delivered: { from: ['departed', 'out_for_delivery'], at: 'any', to: 'delivered' },
}

export function createLogisticsService(deps: LogisticsDeps) {
  const repo = logisticsRepository(deps.db)
  const now = () => deps.clock.now()
  const inTx = <T>(fn: (r: LogisticsRepository, tx: Db) => Promise<T>) => deps.db.transaction((tx) => fn(logisticsRepository(tx as unknown as Db), tx as unknown as Db))
  const carrierOf = (s: Pick<ShipmentRow, 'carrierCode' | 'carrierName'>): CarrierAdapter => (s.carrierCode === 'hub' ? hubCarrier : externalCarrier(s.carrierName))
  const regionText = (code: string) => deps.regions.regionText(code)

  async function hubView(h: HubRow, mine: Set<string>): Promise<HubView> {
    return {
      id: h.id, kind: h.kind, name: h.name, countyCode: h.countyCode, region: await regionText(h.countyCode), address: h.address, contactName: h.contactName,
      contactPhone: h.contactPhone, gln: h.gln, parentHubId: h.parentHubId, isOperator: mine.has(h.id),
      scanKinds: (Object.keys(SCANS) as Array<ScanBody['kind']>).filter((k) => SCANS[k].at === 'any' || SCANS[k].at === h.kind), createdAt: h.createdAt.toISOString(),
    }
  }
  const myHubs = async (actor: Actor | null) => new Set(actor ? await repo.hubIdsOf(actor.id) : [])

  async function shipmentViews(rows: ShipmentRow[]): Promise<ShipmentView[]> {
    const scans = await repo.scansOf(rows.map((r) => r.id))
    const points = await repo.hubsByIds([...new Set(rows.map((r) => r.pickupPointId).filter((x): x is string => !!x))])
    const boxesOf = await deps.boxes.boxesOfOrders(rows.map((r) => r.orderId))
    return rows.map((s) => {
      const facts: ScanFact[] = scans.filter((x) => x.shipmentId === s.id).map((x) => ({ status: x.status, place: x.place, note: x.note, at: x.at }))
      const boxes = boxesOf.get(s.orderId) ?? []
      const point = points.find((p) => p.id === s.pickupPointId)
      return {
        id: s.id, orderId: s.orderId, carrierCode: s.carrierCode, carrierName: s.carrierName, waybill: s.waybill, parcels: s.parcels, weightGrams: s.weightGrams,
        status: s.status, pickupPoint: point ? { id: point.id, name: point.name } : null, batchId: s.batchId,
        boxes: boxes.map((b) => ({ lot: b.lotCode, serial: b.serial, digitalLink: b.digitalLink })),
        tracking: carrierOf(s).tracking(facts).map((f) => ({ at: f.at.toISOString(), status: f.status, place: f.place, note: f.note })),
        receiverCity: s.receiverCity, createdAt: s.createdAt.toISOString(),
      }
    })
  }

  async function hubOr404(id: string) {
    const h = await repo.hub(id)
    if (!h) throw notFound('LOGISTICS_HUB_NOT_FOUND', 'Hub not found')
    return h
  }

  /** Platform admins anywhere; county admins in their counties. */
  async function assertCountyAdmin(actorOrNull: Actor | null, countyCode: string) {
    const actor = requireActor(actorOrNull)
    if (hasRole(actor, 'platform_admin')) return actor
    if (hasRole(actor, 'county_admin') && (await deps.regions.countyAdminCountiesOf(actor.id)).includes(countyCode)) return actor
    throw forbidden('FORBIDDEN', 'Only the county\'s administrators manage its hubs')
  }

  /** Operators of the hub, and the county's administrators. */
  async function assertOperator(actorOrNull: Actor | null, hub: HubRow) {
    const actor = requireActor(actorOrNull)
    if ((await repo.hubIdsOf(actor.id)).includes(hub.id)) return actor
    return assertCountyAdmin(actor, hub.countyCode)
  }

  /** One scan, in the caller's transaction: status, tracking row, EPCIS event, and the order when delivered. */
  async function applyScan(r: LogisticsRepository, tx: Db, s: ShipmentRow, epcs: string[], hub: HubRow, kind: ScanBody['kind'], note: string, actorId: string, at: Date) {
    const rule = SCANS[kind]
    if (!rule.from.includes(s.status)) throw conflict('LOGISTICS_BAD_SCAN', `Waybill ${s.waybill} is ${s.status}; a ${kind} scan is not possible now`, 'body.kind')
    if (rule.at !== 'any' && hub.kind !== rule.at) throw conflict('LOGISTICS_BAD_SCAN', `A ${kind} scan happens at a ${rule.at === 'county_hub' ? 'county hub' : 'village pickup point'}`, 'body.kind')
    const moved = await r.updateShipment(s.id, { status: rule.to, ...(kind === 'arrived' ? { hubId: hub.id } : {}) })
    // The last mile happens in the buyer's city, whoever records it (the same place the trace page shows).
    const place = kind === 'out_for_delivery' || kind === 'delivered' ? s.receiverCity : hub.name
    await r.insertScan({ id: newId('scn'), shipmentId: s.id, status: rule.to, hubId: hub.id, place, note, at, by: actorId })
    await deps.traceability.recordIn(tx, [movementEvent({ at, step: kind, epcs, orderId: s.orderId, waybill: s.waybill, gln: hub.gln })], actorId)
    if (kind === 'delivered') await deps.orders.deliveredIn(tx, s.orderId, actorId, `delivered (scanned at ${hub.name})`)
    return moved
  }

  /**
   * A parcel is scanned only where it is: picked up at its own pickup point, arriving at that point's county hub,
   * leaving (alone, not while it waits in a batch) and delivered from the hub or point that holds it. An operator of
   * another hub cannot move it, and so cannot mark it delivered.
   */
  async function assertRightPlace(r: LogisticsRepository, s: ShipmentRow, hub: HubRow, kind: ScanBody['kind']) {
    const bad = (why: string) => conflict('LOGISTICS_BAD_SCAN', why, 'body.waybill')
    if (kind === 'picked_up' && s.pickupPointId !== hub.id) throw bad('This parcel was handed to another pickup point')
    if (kind === 'arrived') {
      const point = s.pickupPointId ? await r.hub(s.pickupPointId) : null
      const ok = point && (point.parentHubId ? point.parentHubId === hub.id : point.countyCode === hub.countyCode)
      if (!ok) throw bad('This parcel belongs to another county hub')
    }
    if (kind === 'departed' && s.hubId !== hub.id) throw bad('This parcel is not at this hub')
    if (kind === 'departed' && s.batchId) throw bad('This parcel leaves with its outbound batch')
    if ((kind === 'out_for_delivery' || kind === 'delivered') && hub.id !== s.hubId && hub.id !== s.pickupPointId) throw bad('This parcel is not at this hub')
  }

  /** Read before the transaction: PGlite has one connection, so nothing may query outside the open transaction. */
  async function epcsOf(s: ShipmentRow) {
    const boxes = (await deps.boxes.boxesOfOrders([s.orderId])).get(s.orderId) ?? []
    return [...boxes.map((b) => boxEpc(b.gtin, b.lotCode, b.serial)), ...s.ssccs.map(ssccEpc)]
  }

  async function labelsFor(rows: ShipmentRow[]): Promise<ShippingLabel[]> {
    const out: ShippingLabel[] = []
    for (const s of rows) {
      const [order, sender, boxes] = await Promise.all([deps.orders.forShipping(s.orderId), deps.shops.senderOf(s.shopId), deps.boxes.boxesOfOrders([s.orderId]).then((m) => m.get(s.orderId) ?? [])])
      const senderRegion = sender ? await regionText(sender.countyCode) : ''
      for (let i = 0; i < s.parcels; i++) {
        const box = boxes[i] ?? null
        out.push({
          waybill: s.waybill, carrierName: s.carrierName, orderNo: s.orderId,
          sender: { name: sender?.name ?? '', phone: sender?.ownerPhone ?? '', address: [senderRegion, sender?.town, sender?.village].filter(Boolean).join(' ') },
          // 隐私面单: the receiver's number is masked on the printed label; hub operators see it in the app.
          receiver: { name: order.address.recipient, phone: maskPhone(order.address.phone), address: `${order.address.region} ${order.address.detail}` },
          contents: order.lines.map((l) => `${l.title} ${l.skuName} × ${l.qty}`).join('；'),
          parcelIndex: i + 1, parcelCount: s.parcels, box: box ? { serial: `${box.lotCode}-${box.serial}`, digitalLink: box.digitalLink } : null, printedAt: now(),
        })
      }
    }
    return out
  }

  return {
    // ---- hubs
    async createHub(actorOrNull: Actor | null, body: HubBody) {
      const actor = await assertCountyAdmin(actorOrNull, body.countyCode)
      await deps.regions.countyPath(body.countyCode, 'body.countyCode')
      if (body.parentHubId) {
        const parent = await repo.hub(body.parentHubId)
        if (!parent || parent.kind !== 'county_hub') throw invalid('VALIDATION_FAILED', 'The parent must be a county hub', 'body.parentHubId')
      }
      const row = await inTx(async (r, tx) => r.insertHub({
        id: newId('hub'), kind: body.kind, name: body.name.trim(), countyCode: body.countyCode, address: body.address.trim(), contactName: body.contactName.trim(),
        contactPhone: body.contactPhone, gln: await deps.traceability.newGln(tx), parentHubId: body.parentHubId ?? null, createdBy: actor.id, createdAt: now(),
      }))
      return hubView(row, new Set())
    },

    async hubs(actor: Actor | null, q: { countyCode?: string; mine?: boolean }) {
      const mine = await myHubs(actor)
      const rows = await repo.hubs({ countyCode: q.countyCode, ids: q.mine ? [...mine] : undefined })
      return Promise.all(rows.map((h) => hubView(h, mine)))
    },

    async hub(actor: Actor | null, id: string) {
      return hubView(await hubOr404(id), await myHubs(actor))
    },

    async addOperator(actorOrNull: Actor | null, id: string, phone: string) {
      const hub = await hubOr404(id)
      await assertCountyAdmin(actorOrNull, hub.countyCode)
      const user = await deps.users.byPhone(phone)
      if (!user) throw notFound('NOT_FOUND', 'No account with this phone number')
      await repo.addOperator(hub.id, user.id, now())
      return hubView(hub, await myHubs(actorOrNull))
    },

    // ---- shipping
    async shipOrder(actorOrNull: Actor | null, orderId: string, body: ShipOrderBody, opts: { at?: Date } = {}) {
      const order = await deps.orders.forShipping(orderId)
      await deps.shops.assertCanManage(actorOrNull, order.shopId)
      const actor = requireActor(actorOrNull)
      let carrier: CarrierAdapter
      let point: HubRow | null = null
      if (body.pickupPointId) {
        point = await repo.hub(body.pickupPointId)
        if (!point || point.kind !== 'pickup_point') throw notFound('LOGISTICS_HUB_NOT_FOUND', 'No such village pickup point')
        carrier = hubCarrier
      } else {
        if (!body.carrier) throw invalid('LOGISTICS_CARRIER_REQUIRED', 'Choose a village pickup point, or give the courier and waybill', 'body.carrier')
        if (!body.waybill) throw invalid('LOGISTICS_CARRIER_REQUIRED', 'The courier\'s waybill number is needed', 'body.waybill')
        carrier = externalCarrier(body.carrier.trim())
      }
      const at = opts.at ?? now()
      const waybill = body.waybill ?? carrier.newWaybill(at)!
      const path = await deps.regions.countyPath(order.address.countyCode, 'address.countyCode')
      const gtins = await deps.skuGtins(order.lines.map((l) => l.skuId))
      const sender = await deps.shops.senderOf(order.shopId)
      const shipment = await inTx(async (r, tx) => {
        await deps.orders.shipIn(tx, order.id, actor.id, { carrier: carrier.name, waybill })
        const row: ShipmentRow = {
          id: newId('shm'), orderId: order.id, shopId: order.shopId, carrierCode: carrier.code, carrierName: carrier.name, waybill, parcels: body.parcels ?? 1,
          ssccs: await deps.traceability.newSsccs(tx, body.parcels ?? 1), weightGrams: body.weightGrams ?? null, pickupPointId: point?.id ?? null, hubId: null,
          batchId: null, status: 'created', receiverCity: path.cityName || path.provinceName, createdBy: actor.id, createdAt: at,
        }
        if (!(await r.insertShipment(row))) throw conflict('LOGISTICS_WAYBILL_TAKEN', `Waybill ${waybill} is already used`, 'body.waybill')
        await r.insertScan({ id: newId('scn'), shipmentId: row.id, status: 'created', hubId: null, place: sender?.name ?? '', note: point ? `交给 ${point.name}` : `交给 ${carrier.name}`, at, by: actor.id })
        // Traced boxes of each SKU go with the order, oldest packed first; units without a packed box ship untraced.
        const epcs: string[] = []
        for (const line of order.lines) {
          const taken = await deps.boxes.takeBoxes(tx, line.skuId, line.qty, order.id, at)
          const gtin = gtins.get(line.skuId)
          if (gtin) epcs.push(...taken.map((b) => boxEpc(gtin, b.lotCode, b.serial)))
        }
        const events: EpcisEvent[] = []
        if (epcs.length) events.push(saleEvent({ at: order.paidAt ? new Date(order.paidAt) : at, epcs, orderId: order.id, shopGln: null }))
        events.push(movementEvent({ at, step: 'shipped', epcs: [...epcs, ...row.ssccs.map(ssccEpc)], orderId: order.id, waybill, gln: point?.gln ?? null }))
        await deps.traceability.recordIn(tx, events, actor.id)
        return row
      })
      return (await shipmentViews([shipment]))[0]!
    },

    async shipmentOfOrder(actorOrNull: Actor | null, orderId: string) {
      const s = await repo.shipmentOfOrder(orderId)
      const actor = requireActor(actorOrNull)
      // Buyer and shop (orders.get checks), or an operator of a hub the parcel passes.
      const mine = await repo.hubIdsOf(actor.id)
      if (!s || !(mine.includes(s.hubId ?? '') || mine.includes(s.pickupPointId ?? ''))) await deps.orders.get(actor, orderId)
      if (!s) throw notFound('LOGISTICS_SHIPMENT_NOT_FOUND', 'The order has not been shipped yet')
      return (await shipmentViews([s]))[0]!
    },

    async hubShipments(actor: Actor | null, hubId: string, status?: TrackingStatus) {
      const hub = await hubOr404(hubId)
      await assertOperator(actor, hub)
      return shipmentViews(await repo.shipmentsAt(hub.id, status))
    },

    async scan(actorOrNull: Actor | null, hubId: string, body: ScanBody, opts: { at?: Date } = {}) {
      const hub = await hubOr404(hubId)
      const actor = await assertOperator(actorOrNull, hub)
      const at = opts.at ?? now()
      const found = await repo.shipmentByWaybill(HUB_CARRIER_NAME, body.waybill)
      if (!found) throw notFound('LOGISTICS_SHIPMENT_NOT_FOUND', `No county-logistics parcel with waybill ${body.waybill}`)
      const epcs = await epcsOf(found)
      const moved = await inTx(async (r, tx) => {
        const s = (await r.shipmentByWaybill(HUB_CARRIER_NAME, body.waybill))!
        await assertRightPlace(r, s, hub, body.kind)
        return applyScan(r, tx, s, epcs, hub, body.kind, (body.note ?? '').trim(), actor.id, at)
      })
      return (await shipmentViews([moved]))[0]!
    },

    async createBatch(actorOrNull: Actor | null, hubId: string, body: BatchBody, opts: { at?: Date } = {}): Promise<BatchView> {
      const hub = await hubOr404(hubId)
      const actor = await assertOperator(actorOrNull, hub)
      if (hub.kind !== 'county_hub') throw invalid('VALIDATION_FAILED', 'Outbound batches leave from a county hub', 'params.id')
      return inTx(async (r) => {
        const rows = await r.shipmentsByWaybills(HUB_CARRIER_NAME, body.waybills)
        body.waybills.forEach((w, i) => {
          const s = rows.find((x) => x.waybill === w)
          if (!s) throw notFound('LOGISTICS_SHIPMENT_NOT_FOUND', `No parcel with waybill ${w} (waybills[${i}])`)
          if (s.hubId !== hub.id || s.status !== 'at_hub' || s.batchId) throw conflict('LOGISTICS_BAD_SCAN', `Waybill ${w} is not waiting at this hub (waybills[${i}])`, `body.waybills[${i}]`)
        })
        const batch = await r.insertBatch({ id: newId('bat'), hubId: hub.id, destination: body.destination.trim(), createdBy: actor.id, createdAt: opts.at ?? now(), departedAt: null })
        for (const s of rows) await r.updateShipment(s.id, { batchId: batch.id })
        return { id: batch.id, hubId: hub.id, destination: batch.destination, waybills: body.waybills, createdAt: batch.createdAt.toISOString(), departedAt: null }
      })
    },

    async batches(actor: Actor | null, hubId: string): Promise<BatchView[]> {
      const hub = await hubOr404(hubId)
      await assertOperator(actor, hub)
      const rows = await repo.batchesOf(hub.id)
      const wb = await repo.waybillsOfBatches(rows.map((b) => b.id))
      return rows.map((b) => ({
        id: b.id, hubId: b.hubId, destination: b.destination, waybills: wb.filter((w) => w.batchId === b.id).map((w) => w.waybill),
        createdAt: b.createdAt.toISOString(), departedAt: b.departedAt?.toISOString() ?? null,
      }))
    },

    /** The batch leaves: one departed scan (and EPCIS event) per parcel in it, all or none. */
    async departBatch(actorOrNull: Actor | null, batchId: string, opts: { at?: Date } = {}): Promise<BatchView> {
      const b0 = await repo.batch(batchId)
      if (!b0) throw notFound('NOT_FOUND', 'No such batch')
      const hub = await hubOr404(b0.hubId)
      const actor = await assertOperator(actorOrNull, hub)
      const at = opts.at ?? now()
      const epcs = new Map<string, string[]>()
      for (const s of await repo.shipmentsOfBatch(batchId)) epcs.set(s.id, await epcsOf(s))
      return inTx(async (r, tx) => {
        const b = await r.setBatchDeparted(batchId, at)
        if (!b) throw conflict('LOGISTICS_BAD_SCAN', 'This batch has already left')
        const rows = await r.shipmentsOfBatch(batchId)
        for (const s of rows) {
          if (s.status === 'at_hub') await applyScan(r, tx, s, epcs.get(s.id) ?? [], hub, 'departed', `→ ${b.destination}`, actor.id, at)
        }
        return { id: b.id, hubId: b.hubId, destination: b.destination, waybills: rows.map((s) => s.waybill), createdAt: b.createdAt.toISOString(), departedAt: at.toISOString() }
      })
    },

    // ---- labels
    async orderLabel(actor: Actor | null, orderId: string) {
      const s = await repo.shipmentOfOrder(orderId)
      if (!s) throw notFound('LOGISTICS_SHIPMENT_NOT_FOUND', 'Ship the order first; the label carries its waybill')
      await deps.shops.assertCanManage(actor, s.shopId)
      return deps.renderLabels(await labelsFor([s]))
    },

    /** Every label of a shop's shipments created on a day (China time). */
    async dayLabels(actor: Actor | null, shopId: string, date: string) {
      await deps.shops.assertCanManage(actor, shopId)
      const from = new Date(`${date}T00:00:00+08:00`)
      if (Number.isNaN(from.getTime())) throw invalid('VALIDATION_FAILED', 'Not a date', 'query.date')
      const rows = await repo.shipmentsOfShopBetween(shopId, from, new Date(from.getTime() + 86_400_000))
      if (!rows.length) throw notFound('LOGISTICS_NO_ORDERS', `No shipments on ${date}`)
      return deps.renderLabels(await labelsFor(rows))
    },

    // ---- for other modules
    /** GLNs of the hubs a user operates, or of every hub in some counties (EPCIS capture rights). */
    async hubGlnsOf(userId: string) {
      return (await repo.hubGlns({ ids: await repo.hubIdsOf(userId) })).map((r) => r.gln)
    },
    async hubGlnsInCounties(codes: string[]) {
      return (await repo.hubGlns({ counties: codes })).map((r) => r.gln)
    },
    async tracePlaces(orderId: string) {
      const s = await repo.shipmentOfOrder(orderId)
      if (!s) return null
      const hubIds = [...new Set((await repo.scansOf([s.id])).map((x) => x.hubId).filter((x): x is string => !!x))]
      const hubs = await repo.hubsByIds(hubIds)
      return {
        hubs: await Promise.all(hubs.filter((h) => h.kind === 'county_hub').map(async (h) => ({ name: h.name, region: await regionText(h.countyCode) }))),
        receiverCity: s.receiverCity, shippedAt: s.createdAt, status: s.status,
      }
    },
    /** Place names for GLNs seen in EPCIS events (trace page journey). */
    async placeNames(glns: string[]) {
      return new Map((await repo.hubsByGlns([...new Set(glns)])).map((h) => [h.gln, h.name]))
    },
    async hubGlnSet(glns: string[]) {
      return new Set((await repo.hubsByGlns([...new Set(glns)])).map((h) => h.gln))
    },
  }
}
export type LogisticsService = ReturnType<typeof createLogisticsService>
