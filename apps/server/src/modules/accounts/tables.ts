import { sql } from 'drizzle-orm'
import { boolean, check, date, index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core'
import { regions } from '../regions/tables.ts'

export const users = pgTable('users', {
  id: text().primaryKey(),
  phone: text().notNull().unique(),
  passwordHash: text().notNull(),
  displayName: text().notNull(),
  roles: text().array().notNull().default(sql`'{buyer}'::text[]`),
  isDemo: boolean().notNull().default(false),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
})

export const sessions = pgTable('sessions', {
  tokenHash: text().primaryKey(),
  userId: text().notNull().references(() => users.id, { onDelete: 'cascade' }),
  expiresAt: timestamp({ withTimezone: true }).notNull(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
}, (t) => [index().on(t.userId), index().on(t.expiresAt)])

export const otpCodes = pgTable('otp_codes', {
  id: text().primaryKey(),
  phone: text().notNull(),
  purpose: text().notNull(),
  codeHash: text().notNull(),
  attempts: integer().notNull().default(0),
  expiresAt: timestamp({ withTimezone: true }).notNull(),
  consumedAt: timestamp({ withTimezone: true }),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
}, (t) => [index().on(t.phone, t.createdAt)])

export const realNameVerifications = pgTable('real_name_verifications', {
  id: text().primaryKey(),
  userId: text().notNull().references(() => users.id),
  legalName: text().notNull(),
  idNumberSealed: text().notNull(),
  idNumberLast4: text().notNull(),
  birthDate: date({ mode: 'string' }).notNull(),
  guardianConsent: boolean().notNull().default(false),
  countyCode: text().notNull().references(() => regions.code),
  status: text({ enum: ['pending', 'approved', 'rejected'] }).notNull().default('pending'),
  rejectionReason: text(),
  reviewedBy: text().references(() => users.id),
  reviewedAt: timestamp({ withTimezone: true }),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  index().on(t.countyCode, t.status),
  // At most one open (pending or approved) verification per user; rejected ones stay as history.
  uniqueIndex('real_name_verifications_one_open_per_user').on(t.userId).where(sql`status in ('pending', 'approved')`),
  check('real_name_status_valid', sql`${t.status} in ('pending', 'approved', 'rejected')`),
])
