import { sql } from 'drizzle-orm'
import { bigint, index, integer, jsonb, pgSequence, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core'

/** Location references for GLNs (orchards, hubs): GLN = company prefix + reference + check digit. */
export const locationRefSeq = pgSequence('location_ref_seq', { startWith: 1 })
/** Serial references for SSCCs (one per shipping carton). */
export const ssccSerialSeq = pgSequence('sscc_serial_seq', { startWith: 1 })

/** EPCIS 2.0 events, append-only. Corrections are new rows carrying an errorDeclaration for an existing eventID. */
export const epcisEvents = pgTable('epcis_events', {
  id: text().primaryKey(),
  eventId: text().notNull(),
  type: text().notNull(),
  eventTime: timestamp({ withTimezone: true }).notNull(),
  recordTime: timestamp({ withTimezone: true }).notNull(),
  action: text(),
  bizStep: text(),
  disposition: text(),
  readPoint: text(),
  bizLocation: text(),
  // MATCH_epc looks at epcList and childEPCs; MATCH_anyEPC at every instance-level EPC (also parentID, input, output).
  instanceEpcs: text().array().notNull().default(sql`'{}'::text[]`),
  epcs: text().array().notNull().default(sql`'{}'::text[]`),
  epcClasses: text().array().notNull().default(sql`'{}'::text[]`),
  isDeclaration: integer().notNull().default(0),
  document: jsonb().$type<Record<string, unknown>>().notNull(),
  chainKey: text().notNull(),
  seq: bigint({ mode: 'number' }).notNull(),
  prevHash: text().notNull(),
  hash: text().notNull(),
  captureId: text(),
  capturedBy: text().notNull(),
}, (t) => [
  uniqueIndex('epcis_events_one_original').on(t.eventId).where(sql`is_declaration = 0`),
  uniqueIndex('epcis_events_chain_seq').on(t.chainKey, t.seq),
  index().on(t.eventTime),
  index().on(t.bizStep),
  index('epcis_events_epcs').using('gin', t.epcs),
  index('epcis_events_epc_classes').using('gin', t.epcClasses),
])

export const epcisChains = pgTable('epcis_chains', {
  key: text().primaryKey(),
  seq: bigint({ mode: 'number' }).notNull(),
  headHash: text().notNull(),
})

export const captureJobs = pgTable('epcis_capture_jobs', {
  id: text().primaryKey(),
  status: text({ enum: ['running', 'success', 'failed'] }).notNull(),
  errorBehaviour: text({ enum: ['rollback', 'proceed'] }).notNull(),
  eventCount: integer().notNull(),
  capturedCount: integer().notNull().default(0),
  errors: jsonb().$type<Array<{ eventIndex: number; eventId: string | null; message: string }>>().notNull().default([]),
  createdBy: text().notNull(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  finishedAt: timestamp({ withTimezone: true }),
})

/** Keys for capturing events from outside (a scale at the hub, a co-op's ERP); only the hash is stored. */
export const apiKeys = pgTable('api_keys', {
  id: text().primaryKey(),
  ownerId: text().notNull(),
  name: text().notNull(),
  keyHash: text().notNull(),
  prefix: text().notNull(),
  locations: text().array().notNull(),
  createdAt: timestamp({ withTimezone: true }).notNull(),
  lastUsedAt: timestamp({ withTimezone: true }),
  revokedAt: timestamp({ withTimezone: true }),
}, (t) => [uniqueIndex('api_keys_hash').on(t.keyHash), index().on(t.ownerId)])
