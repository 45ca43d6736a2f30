import { sql } from 'drizzle-orm'
import { boolean, index, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core'
import { users } from '../accounts/tables.ts'
import { regions } from '../regions/tables.ts'

export const shops = pgTable('shops', {
  id: text().primaryKey(),
  name: text().notNull().unique(),
  story: text().notNull().default(''),
  countyCode: text().notNull().references(() => regions.code),
  town: text().notNull().default(''),
  village: text().notNull().default(''),
  coverImageId: text(),
  ownerId: text().notNull().references(() => users.id),
  isDemo: boolean().notNull().default(false),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
}, (t) => [index().on(t.countyCode, t.id), index().on(t.ownerId)])

export const shopMembers = pgTable('shop_members', {
  shopId: text().notNull().references(() => shops.id),
  userId: text().notNull().references(() => users.id),
  role: text({ enum: ['owner', 'operator'] }).notNull(),
  joinedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  primaryKey({ columns: [t.shopId, t.userId] }),
  index().on(t.userId),
  uniqueIndex('shop_members_one_owner').on(t.shopId).where(sql`role = 'owner'`),
])

export const shopTransfers = pgTable('shop_transfers', {
  id: text().primaryKey(),
  shopId: text().notNull().references(() => shops.id),
  fromUserId: text().notNull().references(() => users.id),
  toUserId: text().notNull().references(() => users.id),
  status: text({ enum: ['pending', 'accepted', 'declined', 'cancelled'] }).notNull().default('pending'),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  decidedAt: timestamp({ withTimezone: true }),
}, (t) => [
  index().on(t.shopId),
  uniqueIndex('shop_transfers_one_pending').on(t.shopId).where(sql`status = 'pending'`),
])

export const shopAudit = pgTable('shop_audit', {
  id: text().primaryKey(),
  shopId: text().notNull().references(() => shops.id),
  actorId: text().notNull().references(() => users.id),
  action: text().notNull(),
  detail: jsonb().$type<Record<string, unknown>>().notNull().default({}),
  at: timestamp({ withTimezone: true }).notNull().defaultNow(),
}, (t) => [index().on(t.shopId, t.id)])

export const shopFollows = pgTable('shop_follows', {
  shopId: text().notNull().references(() => shops.id),
  userId: text().notNull().references(() => users.id),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.shopId, t.userId] }), index().on(t.userId)])

export const shopPayoutAccounts = pgTable('shop_payout_accounts', {
  shopId: text().primaryKey().references(() => shops.id),
  accountName: text().notNull(),
  bankName: text().notNull(),
  accountNumberSealed: text().notNull(),
  accountNumberLast4: text().notNull(),
  updatedBy: text().notNull().references(() => users.id),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
})
