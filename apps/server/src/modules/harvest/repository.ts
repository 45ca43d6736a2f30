import { and, asc, count, desc, eq, inArray, isNull, notExists, sql } from 'drizzle-orm'
import type { Db } from '../../platform/db/client.ts'
import { harvestLots, lotBoxes, lotClips, lotInspections, orchards } from './tables.ts'

export type OrchardRow = typeof orchards.$inferSelect
export type LotRow = typeof harvestLots.$inferSelect
export type InspectionRow = typeof lotInspections.$inferSelect
export type BoxRow = typeof lotBoxes.$inferSelect

export function harvestRepository(db: Db) {
  return {
    async insertOrchard(row: OrchardRow) {
      await db.insert(orchards).values(row)
      return row
    },
    async orchard(id: string) {
      const [r] = await db.select().from(orchards).where(eq(orchards.id, id))
      return r ?? null
    },
    async orchardsByIds(ids: string[]) {
      return ids.length ? db.select().from(orchards).where(inArray(orchards.id, ids)) : []
    },
    async orchardsOf(shopId: string) {
      return db.select().from(orchards).where(eq(orchards.shopId, shopId)).orderBy(asc(orchards.id))
    },
    async updateOrchard(id: string, patch: Partial<OrchardRow>) {
      const [r] = await db.update(orchards).set(patch).where(eq(orchards.id, id)).returning()
      return r!
    },
    async orchardsInCounties(codes: string[]) {
      return codes.length ? db.select({ gln: orchards.gln }).from(orchards).where(inArray(orchards.countyCode, codes)) : []
    },
    async orchardGlnsOfShops(shopIds: string[]) {
      return shopIds.length ? db.select({ gln: orchards.gln }).from(orchards).where(inArray(orchards.shopId, shopIds)) : []
    },

    async insertLot(row: LotRow) {
      await db.insert(harvestLots).values(row)
      return row
    },
    async lot(id: string) {
      const [r] = await db.select().from(harvestLots).where(eq(harvestLots.id, id))
      return r ?? null
    },
    async lotByCode(skuIds: string[], code: string) {
      if (!skuIds.length) return null
      const [r] = await db.select().from(harvestLots).where(and(inArray(harvestLots.skuId, skuIds), eq(harvestLots.code, code)))
      return r ?? null
    },
    async lotsOf(shopId: string) {
      return db.select().from(harvestLots).where(eq(harvestLots.shopId, shopId)).orderBy(desc(harvestLots.id)).limit(200)
    },
    /** Locks the lot row for packing and takes `n` serials; false if the weight would exceed the lot. */
    async reserveSerials(lotId: string, n: number, kg: number) {
      const [r] = await db.update(harvestLots)
        .set({ nextSerial: sql`${harvestLots.nextSerial} + ${n}`, packedKg: sql`${harvestLots.packedKg} + ${kg}` })
        .where(and(eq(harvestLots.id, lotId), sql`${harvestLots.packedKg} + ${kg} <= ${harvestLots.weightKg} + 0.001`))
        .returning({ next: harvestLots.nextSerial })
      return r ? r.next - n : null
    },

    async insertInspection(row: InspectionRow) {
      await db.insert(lotInspections).values(row)
    },
    async inspectionsOf(lotIds: string[]) {
      return lotIds.length ? db.select().from(lotInspections).where(inArray(lotInspections.lotId, lotIds)).orderBy(asc(lotInspections.id)) : []
    },

    async insertBoxes(rows: BoxRow[]) {
      if (rows.length) await db.insert(lotBoxes).values(rows)
    },
    async boxCounts(lotIds: string[]) {
      if (!lotIds.length) return []
      return db.select({ lotId: lotBoxes.lotId, packed: count(), shipped: count(lotBoxes.orderId) }).from(lotBoxes)
        .where(inArray(lotBoxes.lotId, lotIds)).groupBy(lotBoxes.lotId)
    },
    async box(lotId: string, serial: string) {
      const [r] = await db.select().from(lotBoxes).where(and(eq(lotBoxes.lotId, lotId), eq(lotBoxes.serial, serial)))
      return r ?? null
    },
    /** Oldest unshipped boxes of a SKU, locked so two shipments cannot take the same box. */
    async takeBoxes(skuId: string, n: number, orderId: string, at: Date) {
      // Never a box of a lot that failed an inspection.
      const blocked = db.select({ one: sql`1` }).from(lotInspections).where(and(eq(lotInspections.lotId, lotBoxes.lotId), eq(lotInspections.result, 'nonconformant')))
      const free = await db.select({ lotId: lotBoxes.lotId, serial: lotBoxes.serial }).from(lotBoxes)
        .where(and(eq(lotBoxes.skuId, skuId), isNull(lotBoxes.orderId), notExists(blocked))).orderBy(asc(lotBoxes.packedAt), asc(lotBoxes.serial)).limit(n).for('update', { skipLocked: true })
      for (const b of free) {
        await db.update(lotBoxes).set({ orderId, shippedAt: at }).where(and(eq(lotBoxes.lotId, b.lotId), eq(lotBoxes.serial, b.serial)))
      }
      return free
    },
    async boxesOfLot(lotId: string) {
      return db.select().from(lotBoxes).where(eq(lotBoxes.lotId, lotId)).orderBy(asc(lotBoxes.serial))
    },
    async boxesOfOrders(orderIds: string[]) {
      if (!orderIds.length) return []
      return db.select().from(lotBoxes).where(inArray(lotBoxes.orderId, orderIds)).orderBy(asc(lotBoxes.lotId), asc(lotBoxes.serial))
    },
    async lotsByIds(ids: string[]) {
      return ids.length ? db.select().from(harvestLots).where(inArray(harvestLots.id, ids)) : []
    },

    async unshippedBoxCount(lotId: string) {
      const [r] = await db.select({ n: count() }).from(lotBoxes).where(and(eq(lotBoxes.lotId, lotId), isNull(lotBoxes.orderId)))
      return Number(r?.n ?? 0)
    },
    async hasNonconformant(lotId: string) {
      const [r] = await db.select({ n: count() }).from(lotInspections).where(and(eq(lotInspections.lotId, lotId), eq(lotInspections.result, 'nonconformant')))
      return Number(r?.n ?? 0) > 0
    },
    async setClips(lotId: string, rows: Array<{ clipId: string; purpose: 'harvest' | 'packing' | 'other' }>) {
      await db.delete(lotClips).where(eq(lotClips.lotId, lotId))
      if (rows.length) await db.insert(lotClips).values(rows.map((r, position) => ({ lotId, clipId: r.clipId, purpose: r.purpose, position })))
    },
    async clipsOf(lotIds: string[]) {
      return lotIds.length ? db.select().from(lotClips).where(inArray(lotClips.lotId, lotIds)).orderBy(asc(lotClips.position)) : []
    },
  }
}
export type HarvestRepository = ReturnType<typeof harvestRepository>
