import { and, arrayOverlaps, asc, eq, gte, inArray, lt, sql } from 'drizzle-orm'
import type { Db } from '../../platform/db/client.ts'
import { captureJobs, epcisChains, epcisEvents } from './tables.ts'

export type EventRow = typeof epcisEvents.$inferSelect

export interface EventQuery {
  eventType?: string[]
  geEventTime?: Date
  ltEventTime?: Date
  bizStep?: string[]
  disposition?: string[]
  bizLocation?: string[]
  readPoint?: string[]
  epc?: string[]
  anyEpc?: string[]
  anyEpcClass?: string[]
  /** Leave these bizSteps out (the trace page skips the lot's other boxes' packing). */
  notBizStep?: string[]
  afterId?: string
  limit: number
}

export function traceabilityRepository(db: Db) {
  return {
    async nextLocationRef(): Promise<number> {
      const r = await db.execute(sql`select nextval('location_ref_seq') as n`)
      return Number((r as unknown as { rows: Array<{ n: string }> }).rows[0]!.n)
    },
    async nextSsccSerial(): Promise<number> {
      const r = await db.execute(sql`select nextval('sscc_serial_seq') as n`)
      return Number((r as unknown as { rows: Array<{ n: string }> }).rows[0]!.n)
    },
    async originalByEventId(eventId: string) {
      const [r] = await db.select().from(epcisEvents).where(and(eq(epcisEvents.eventId, eventId), eq(epcisEvents.isDeclaration, 0)))
      return r ?? null
    },
    async declarationsOf(eventIds: string[]) {
      if (!eventIds.length) return []
      return db.select().from(epcisEvents).where(and(inArray(epcisEvents.eventId, eventIds), eq(epcisEvents.isDeclaration, 1))).orderBy(asc(epcisEvents.id))
    },
    /** Locks the chain head (creating it at genesis) for the rest of the transaction. */
    async lockChain(key: string, genesis: string) {
      await db.insert(epcisChains).values({ key, seq: 0, headHash: genesis }).onConflictDoNothing()
      const rows = await db.execute(sql`select seq, head_hash from epcis_chains where key = ${key} for update`)
      const row = (rows as unknown as { rows: Array<{ seq: string | number; head_hash: string }> }).rows[0]!
      return { seq: Number(row.seq), headHash: row.head_hash }
    },
    async advanceChain(key: string, seq: number, headHash: string) {
      await db.update(epcisChains).set({ seq, headHash }).where(eq(epcisChains.key, key))
    },
    async insertEvent(row: typeof epcisEvents.$inferInsert) {
      const r = await db.insert(epcisEvents).values(row).onConflictDoNothing().returning({ id: epcisEvents.id })
      return r.length === 1
    },
    async query(q: EventQuery) {
      const c = [eq(epcisEvents.isDeclaration, 0)]
      if (q.eventType?.length) c.push(inArray(epcisEvents.type, q.eventType))
      if (q.geEventTime) c.push(gte(epcisEvents.eventTime, q.geEventTime))
      if (q.ltEventTime) c.push(lt(epcisEvents.eventTime, q.ltEventTime))
      if (q.bizStep?.length) c.push(inArray(epcisEvents.bizStep, q.bizStep))
      if (q.disposition?.length) c.push(inArray(epcisEvents.disposition, q.disposition))
      if (q.bizLocation?.length) c.push(inArray(epcisEvents.bizLocation, q.bizLocation))
      if (q.readPoint?.length) c.push(inArray(epcisEvents.readPoint, q.readPoint))
      if (q.epc?.length) c.push(arrayOverlaps(epcisEvents.instanceEpcs, q.epc))
      if (q.anyEpc?.length) c.push(arrayOverlaps(epcisEvents.epcs, q.anyEpc))
      if (q.anyEpcClass?.length) c.push(arrayOverlaps(epcisEvents.epcClasses, q.anyEpcClass))
      if (q.notBizStep?.length) c.push(sql`coalesce(${epcisEvents.bizStep}, '') not in (${sql.join(q.notBizStep.map((b) => sql`${b}`), sql`, `)})`)
      if (q.afterId) c.push(sql`${epcisEvents.id} > ${q.afterId}`)
      return db.select().from(epcisEvents).where(and(...c)).orderBy(asc(epcisEvents.id)).limit(q.limit)
    },
    async chainKeysOf(eventIds: string[]) {
      if (!eventIds.length) return []
      return (await db.selectDistinct({ key: epcisEvents.chainKey }).from(epcisEvents).where(inArray(epcisEvents.eventId, eventIds))).map((r) => r.key)
    },
    async chain(key: string) {
      return db.select().from(epcisEvents).where(eq(epcisEvents.chainKey, key)).orderBy(asc(epcisEvents.seq))
    },
    async chainHead(key: string) {
      const [r] = await db.select().from(epcisChains).where(eq(epcisChains.key, key))
      return r ?? null
    },
    async insertJob(row: typeof captureJobs.$inferInsert) {
      await db.insert(captureJobs).values(row)
    },
    async finishJob(id: string, patch: Partial<typeof captureJobs.$inferInsert>) {
      await db.update(captureJobs).set(patch).where(eq(captureJobs.id, id))
    },
    async job(id: string) {
      const [r] = await db.select().from(captureJobs).where(eq(captureJobs.id, id))
      return r ?? null
    },
  }
}
export type TraceabilityRepository = ReturnType<typeof traceabilityRepository>
