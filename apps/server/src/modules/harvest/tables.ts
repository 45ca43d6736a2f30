import { sql } from 'drizzle-orm'
import { check, date, doublePrecision, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core'
import { shops } from '../shops/tables.ts'
import { skus } from '../catalog/tables.ts'
import { users } from '../accounts/tables.ts'

/** An orchard plot of a shop; its GLN is the readPoint/bizLocation of harvest and packing events. */
export const orchards = pgTable('orchards', {
  id: text().primaryKey(),
  shopId: text().notNull().references(() => shops.id),
  name: text().notNull(),
  countyCode: text().notNull(),
  address: text().notNull(),
  story: text().notNull().default(''),
  gln: text().notNull(),
  createdAt: timestamp({ withTimezone: true }).notNull(),
}, (t) => [index().on(t.shopId), uniqueIndex('orchards_gln').on(t.gln)])

/** A harvest lot with its 承诺达标合格证 (one certificate per lot, as issued with the produce). */
export const harvestLots = pgTable('harvest_lots', {
  id: text().primaryKey(),
  code: text().notNull(),
  shopId: text().notNull().references(() => shops.id),
  orchardId: text().notNull().references(() => orchards.id),
  skuId: text().notNull().references(() => skus.id),
  harvestDate: date().notNull(),
  weightKg: doublePrecision().notNull(),
  grade: text().notNull(),
  imageIds: text().array().notNull().default(sql`'{}'::text[]`),
  certBasis: text({ enum: ['self_test', 'commissioned_test', 'quality_control', 'self_promise'] }).notNull(),
  certIssuer: text().notNull(),
  certPhone: text().notNull(),
  certIssuedOn: date().notNull(),
  certFileImageId: text(),
  packedKg: doublePrecision().notNull().default(0),
  nextSerial: integer().notNull().default(1),
  createdBy: text().notNull().references(() => users.id),
  createdAt: timestamp({ withTimezone: true }).notNull(),
}, (t) => [
  uniqueIndex('harvest_lots_sku_code').on(t.skuId, t.code),
  index().on(t.shopId),
  check('harvest_lots_packed_within_weight', sql`${t.packedKg} <= ${t.weightKg} + 0.001`),
])

export const lotInspections = pgTable('lot_inspections', {
  id: text().primaryKey(),
  lotId: text().notNull().references(() => harvestLots.id),
  kind: text().notNull(),
  result: text({ enum: ['conformant', 'nonconformant'] }).notNull(),
  inspectedOn: date().notNull(),
  inspector: text().notNull(),
  note: text().notNull().default(''),
  imageIds: text().array().notNull().default(sql`'{}'::text[]`),
  createdBy: text().notNull().references(() => users.id),
  createdAt: timestamp({ withTimezone: true }).notNull(),
}, (t) => [index().on(t.lotId)])

/** One packed box: a serial within its lot. `orderId` is set when the box leaves in a shipment. */
export const lotBoxes = pgTable('lot_boxes', {
  lotId: text().notNull().references(() => harvestLots.id),
  serial: text().notNull(),
  skuId: text().notNull(),
  kg: doublePrecision().notNull(),
  orderId: text(),
  packedAt: timestamp({ withTimezone: true }).notNull(),
  shippedAt: timestamp({ withTimezone: true }),
}, (t) => [primaryKey({ columns: [t.lotId, t.serial] }), index().on(t.skuId, t.orderId), index().on(t.orderId)])

export const lotClips = pgTable('lot_clips', {
  lotId: text().notNull().references(() => harvestLots.id),
  clipId: text().notNull(),
  purpose: text({ enum: ['harvest', 'packing', 'other'] }).notNull(),
  position: integer().notNull(),
}, (t) => [primaryKey({ columns: [t.lotId, t.clipId] })])
