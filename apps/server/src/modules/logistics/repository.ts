import { and, asc, desc, eq, gte, inArray, isNull, lt, or } from 'drizzle-orm'
import type { Db } from '../../platform/db/client.ts'
import { hubBatches, hubOperators, hubs, shipments, shipmentScans } from './tables.ts'

export type HubRow = typeof hubs.$inferSelect
export type ShipmentRow = typeof shipments.$inferSelect
export type ScanRow = typeof shipmentScans.$inferSelect
export type BatchRow = typeof hubBatches.$inferSelect

export function logisticsRepository(db: Db) {
  return {
    async insertHub(row: HubRow) {
      await db.insert(hubs).values(row)
      return row
    },
    async hub(id: string) {
      const [r] = await db.select().from(hubs).where(eq(hubs.id, id))
      return r ?? null
    },
    async hubsByIds(ids: string[]) {
      return ids.length ? db.select().from(hubs).where(inArray(hubs.id, ids)) : []
    },
    async hubs(q: { countyCode?: string; ids?: string[] }) {
      const conds = [q.countyCode ? eq(hubs.countyCode, q.countyCode) : undefined, q.ids ? inArray(hubs.id, q.ids.length ? q.ids : ['-']) : undefined].filter((c) => !!c)
      return db.select().from(hubs).where(conds.length ? and(...conds) : undefined).orderBy(asc(hubs.kind), asc(hubs.id)).limit(200)
    },
    async hubGlns(where: { ids?: string[]; counties?: string[] }) {
      if (where.ids && !where.ids.length) return []
      if (where.counties && !where.counties.length) return []
      return db.select({ gln: hubs.gln }).from(hubs).where(where.ids ? inArray(hubs.id, where.ids) : inArray(hubs.countyCode, where.counties!))
    },
    async hubsByGlns(glns: string[]) {
      return glns.length ? db.select().from(hubs).where(inArray(hubs.gln, glns)) : []
    },
    async addOperator(hubId: string, userId: string, at: Date) {
      await db.insert(hubOperators).values({ hubId, userId, addedAt: at }).onConflictDoNothing()
    },
    async hubIdsOf(userId: string) {
      return (await db.select({ hubId: hubOperators.hubId }).from(hubOperators).where(eq(hubOperators.userId, userId))).map((r) => r.hubId)
    },

    async insertShipment(row: ShipmentRow) {
      const r = await db.insert(shipments).values(row).onConflictDoNothing().returning({ id: shipments.id })
      return r.length === 1
    },
    async shipmentOfOrder(orderId: string) {
      const [r] = await db.select().from(shipments).where(eq(shipments.orderId, orderId))
      return r ?? null
    },
    async shipmentByWaybill(carrierName: string, waybill: string) {
      const [r] = await db.select().from(shipments).where(and(eq(shipments.carrierName, carrierName), eq(shipments.waybill, waybill))).for('update')
      return r ?? null
    },
    async shipmentsByWaybills(carrierName: string, waybills: string[]) {
      return db.select().from(shipments).where(and(eq(shipments.carrierName, carrierName), inArray(shipments.waybill, waybills))).for('update')
    },
    async updateShipment(id: string, patch: Partial<ShipmentRow>) {
      const [r] = await db.update(shipments).set(patch).where(eq(shipments.id, id)).returning()
      return r!
    },
    /**
     * At a county hub: what arrived there, and what its village points took in on the way to it; at a pickup point:
     * what waits to be picked up there.
     */
    async shipmentsAt(hubId: string, status?: ShipmentRow['status']) {
      const points = db.select({ id: hubs.id }).from(hubs).where(eq(hubs.parentHubId, hubId))
      const where = or(
        eq(shipments.hubId, hubId),
        and(eq(shipments.pickupPointId, hubId), isNull(shipments.hubId)),
        and(inArray(shipments.pickupPointId, points), isNull(shipments.hubId)),
      )
      return db.select().from(shipments).where(status ? and(where, eq(shipments.status, status)) : where).orderBy(desc(shipments.id)).limit(200)
    },
    async shipmentsOfShopBetween(shopId: string, from: Date, to: Date) {
      return db.select().from(shipments).where(and(eq(shipments.shopId, shopId), gte(shipments.createdAt, from), lt(shipments.createdAt, to))).orderBy(asc(shipments.id))
    },
    async shipmentsOfBatch(batchId: string) {
      return db.select().from(shipments).where(eq(shipments.batchId, batchId)).orderBy(asc(shipments.id)).for('update')
    },

    async insertScan(row: ScanRow) {
      await db.insert(shipmentScans).values(row)
    },
    async scansOf(shipmentIds: string[]) {
      return shipmentIds.length ? db.select().from(shipmentScans).where(inArray(shipmentScans.shipmentId, shipmentIds)).orderBy(asc(shipmentScans.at), asc(shipmentScans.id)) : []
    },

    async insertBatch(row: BatchRow) {
      await db.insert(hubBatches).values(row)
      return row
    },
    async batch(id: string) {
      const [r] = await db.select().from(hubBatches).where(eq(hubBatches.id, id)).for('update')
      return r ?? null
    },
    async batchesOf(hubId: string) {
      return db.select().from(hubBatches).where(eq(hubBatches.hubId, hubId)).orderBy(desc(hubBatches.id)).limit(50)
    },
    async waybillsOfBatches(ids: string[]) {
      return ids.length ? db.select({ batchId: shipments.batchId, waybill: shipments.waybill }).from(shipments).where(inArray(shipments.batchId, ids)) : []
    },
    async setBatchDeparted(id: string, at: Date) {
      const [r] = await db.update(hubBatches).set({ departedAt: at }).where(and(eq(hubBatches.id, id), isNull(hubBatches.departedAt))).returning()
      return r ?? null
    },
  }
}
export type LogisticsRepository = ReturnType<typeof logisticsRepository>
