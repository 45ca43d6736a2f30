import { sql } from 'drizzle-orm'
import { boolean, check, doublePrecision, index, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core'
import { users } from '../accounts/tables.ts'
import { products } from '../catalog/tables.ts'
import { shops } from '../shops/tables.ts'

export const liveRooms = pgTable('live_rooms', {
  id: text().primaryKey(),
  shopId: text().notNull().references(() => shops.id),
  anchorId: text().notNull().references(() => users.id),
  title: text().notNull(),
  coverImageId: text(),
  scheduledAt: timestamp({ withTimezone: true }).notNull(),
  status: text({ enum: ['scheduled', 'live', 'ended'] }).notNull().default('scheduled'),
  startedAt: timestamp({ withTimezone: true }),
  endedAt: timestamp({ withTimezone: true }),
  // The RTMP key: its HMAC to check a publish, and sealed (encrypted) so the anchor can see it again.
  streamKeyHash: text().notNull(),
  streamKeySealed: text().notNull(),
  streamKeyRotatedAt: timestamp({ withTimezone: true }).notNull(),
  pinnedProductId: text().references(() => products.id),
  /** The latest announcement, so viewers who come later see it too. */
  announcement: text(),
  announcedAt: timestamp({ withTimezone: true }),
  peakViewers: integer().notNull().default(0),
  likeCount: integer().notNull().default(0),
  isDemo: boolean().notNull().default(false),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  index().on(t.status, t.scheduledAt),
  index().on(t.shopId, t.id),
  check('live_rooms_status_valid', sql`${t.status} in ('scheduled', 'live', 'ended')`),
])

export const liveRoomProducts = pgTable('live_room_products', {
  roomId: text().notNull().references(() => liveRooms.id, { onDelete: 'cascade' }),
  productId: text().notNull().references(() => products.id),
  position: integer().notNull(),
}, (t) => [primaryKey({ columns: [t.roomId, t.productId] })])

export const liveModerators = pgTable('live_moderators', {
  roomId: text().notNull().references(() => liveRooms.id, { onDelete: 'cascade' }),
  userId: text().notNull().references(() => users.id),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.roomId, t.userId] })])

export const liveMutes = pgTable('live_mutes', {
  roomId: text().notNull().references(() => liveRooms.id, { onDelete: 'cascade' }),
  userId: text().notNull().references(() => users.id),
  until: timestamp({ withTimezone: true }).notNull(),
  by: text().notNull().references(() => users.id),
}, (t) => [primaryKey({ columns: [t.roomId, t.userId] })])

export const liveBans = pgTable('live_bans', {
  roomId: text().notNull().references(() => liveRooms.id, { onDelete: 'cascade' }),
  userId: text().notNull().references(() => users.id),
  by: text().notNull().references(() => users.id),
  at: timestamp({ withTimezone: true }).notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.roomId, t.userId] })])

export const liveMessages = pgTable('live_messages', {
  id: text().primaryKey(),
  roomId: text().notNull().references(() => liveRooms.id, { onDelete: 'cascade' }),
  userId: text().notNull().references(() => users.id),
  text: text().notNull(),
  deletedAt: timestamp({ withTimezone: true }),
  deletedBy: text(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
}, (t) => [index().on(t.roomId, t.id)])

export const liveRecordings = pgTable('live_recordings', {
  id: text().primaryKey(),
  roomId: text().notNull().references(() => liveRooms.id, { onDelete: 'cascade' }),
  file: text().notNull(),
  startedAt: timestamp({ withTimezone: true }).notNull(),
  durationSeconds: doublePrecision().notNull().default(0),
  retainUntil: timestamp({ withTimezone: true }).notNull(),
  deletedAt: timestamp({ withTimezone: true }),
}, (t) => [index().on(t.roomId), index().on(t.retainUntil)])

export const liveClips = pgTable('live_clips', {
  id: text().primaryKey(),
  roomId: text().notNull().references(() => liveRooms.id, { onDelete: 'cascade' }),
  recordingId: text().references(() => liveRecordings.id),
  title: text().notNull(),
  startSeconds: doublePrecision().notNull(),
  endSeconds: doublePrecision().notNull(),
  createdBy: text().notNull().references(() => users.id),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
}, (t) => [index().on(t.roomId), check('live_clips_range', sql`${t.endSeconds} > ${t.startSeconds}`)])

export const bannedWords = pgTable('banned_words', {
  word: text().primaryKey(),
  action: text({ enum: ['mask', 'block'] }).notNull().default('mask'),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
})

export const notices = pgTable('notices', {
  id: text().primaryKey(),
  userId: text().notNull().references(() => users.id),
  kind: text({ enum: ['live.started'] }).notNull(),
  title: text().notNull(),
  roomId: text().references(() => liveRooms.id, { onDelete: 'cascade' }),
  readAt: timestamp({ withTimezone: true }),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
}, (t) => [index().on(t.userId, t.id)])
