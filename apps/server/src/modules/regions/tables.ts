import { boolean, index, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core'
import { users } from '../accounts/tables.ts'

export const regions = pgTable('regions', {
  code: text().primaryKey(),
  name: text().notNull(),
  level: text({ enum: ['province', 'city', 'county'] }).notNull(),
  parentCode: text(),
  isFunctionalZone: boolean().notNull().default(false),
}, (t) => [index().on(t.parentCode), index().on(t.level)])

export const countyProfiles = pgTable('county_profiles', {
  code: text().primaryKey().references(() => regions.code),
  formerlyPoor: boolean().notNull().default(false),
  povertyExitYear: integer(),
  povertySource: text(),
  brandName: text(),
  introduction: text(),
  coverImageId: text(),
  isDemo: boolean().notNull().default(false),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
})

export const countyCommissioners = pgTable('county_commissioners', {
  countyCode: text().notNull().references(() => regions.code),
  userId: text().notNull().references(() => users.id),
  assignedBy: text().notNull().references(() => users.id),
  assignedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.countyCode, t.userId] }), index().on(t.userId)])

export const countyAdmins = pgTable('county_admins', {
  countyCode: text().notNull().references(() => regions.code),
  userId: text().notNull().references(() => users.id),
  assignedBy: text().notNull().references(() => users.id),
  assignedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.countyCode, t.userId] }), index().on(t.userId)])
