import { check, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core'
import { sql } from 'drizzle-orm'
import { users } from '../accounts/tables.ts'
import { orders } from '../orders/tables.ts'

/** County distribution centres (县级分拨中心) and village pickup points (村级收寄点), each with a GLN. */
export const hubs = pgTable('hubs', {
  id: text().primaryKey(),
  kind: text({ enum: ['county_hub', 'pickup_point'] }).notNull(),
  name: text().notNull(),
  countyCode: text().notNull(),
  address: text().notNull(),
  contactName: text().notNull(),
  contactPhone: text().notNull(),
  gln: text().notNull(),
  parentHubId: text(),
  createdBy: text().notNull().references(() => users.id),
  createdAt: timestamp({ withTimezone: true }).notNull(),
}, (t) => [uniqueIndex('hubs_gln').on(t.gln), index().on(t.countyCode)])

export const hubOperators = pgTable('hub_operators', {
  hubId: text().notNull().references(() => hubs.id),
  userId: text().notNull().references(() => users.id),
  addedAt: timestamp({ withTimezone: true }).notNull(),
}, (t) => [primaryKey({ columns: [t.hubId, t.userId] }), index().on(t.userId)])

export const hubBatches = pgTable('hub_batches', {
  id: text().primaryKey(),
  hubId: text().notNull().references(() => hubs.id),
  destination: text().notNull(),
  createdBy: text().notNull().references(() => users.id),
  createdAt: timestamp({ withTimezone: true }).notNull(),
  departedAt: timestamp({ withTimezone: true }),
}, (t) => [index().on(t.hubId)])

/** One shipment per order. carrierCode 'hub': Hotland's county logistics, tracked only by hub scans. */
export const shipments = pgTable('shipments', {
  id: text().primaryKey(),
  orderId: text().notNull().references(() => orders.id),
  shopId: text().notNull(),
  carrierCode: text({ enum: ['hub', 'external'] }).notNull(),
  carrierName: text().notNull(),
  waybill: text().notNull(),
  parcels: integer().notNull(),
  /** One SSCC per parcel (shipping carton). */
  ssccs: text().array().notNull(),
  weightGrams: integer(),
  pickupPointId: text().references(() => hubs.id),
  hubId: text().references(() => hubs.id),
  batchId: text().references(() => hubBatches.id),
  status: text({ enum: ['created', 'picked_up', 'at_hub', 'departed', 'out_for_delivery', 'delivered'] }).notNull(),
  receiverCity: text().notNull(),
  createdBy: text().notNull().references(() => users.id),
  createdAt: timestamp({ withTimezone: true }).notNull(),
}, (t) => [
  uniqueIndex('shipments_order').on(t.orderId),
  uniqueIndex('shipments_waybill').on(t.carrierName, t.waybill),
  index().on(t.hubId, t.status),
  index().on(t.shopId, t.createdAt),
  check('shipments_parcels', sql`${t.parcels} between 1 and 20`),
])

export const shipmentScans = pgTable('shipment_scans', {
  id: text().primaryKey(),
  shipmentId: text().notNull().references(() => shipments.id),
  status: text({ enum: ['created', 'picked_up', 'at_hub', 'departed', 'out_for_delivery', 'delivered'] }).notNull(),
  hubId: text().references(() => hubs.id),
  place: text().notNull(),
  note: text().notNull().default(''),
  at: timestamp({ withTimezone: true }).notNull(),
  by: text().notNull().references(() => users.id),
}, (t) => [index().on(t.shipmentId, t.at)])
