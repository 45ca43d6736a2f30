import { and, asc, count, desc, eq, gt, inArray, isNull, lt, lte, ne, sql } from 'drizzle-orm'
import type { Db } from '../../platform/db/client.ts'
import {
  bannedWords, liveBans, liveClips, liveMessages, liveModerators, liveMutes, liveRecordings, liveRoomProducts, liveRooms, notices,
} from './tables.ts'

export type RoomRow = typeof liveRooms.$inferSelect
export type MessageRow = typeof liveMessages.$inferSelect

export function liveRepository(db: Db) {
  return {
    async insertRoom(row: typeof liveRooms.$inferInsert) {
      const [r] = await db.insert(liveRooms).values(row).returning()
      return r!
    },
    async roomById(id: string) {
      const [r] = await db.select().from(liveRooms).where(eq(liveRooms.id, id))
      return r ?? null
    },
    async updateRoom(id: string, patch: Partial<typeof liveRooms.$inferInsert>) {
      const [r] = await db.update(liveRooms).set(patch).where(eq(liveRooms.id, id)).returning()
      return r ?? null
    },
    /** scheduled → live, once; returns null if the room was not scheduled. */
    async markLive(id: string, at: Date) {
      const [r] = await db.update(liveRooms).set({ status: 'live', startedAt: at })
        .where(and(eq(liveRooms.id, id), eq(liveRooms.status, 'scheduled'))).returning()
      return r ?? null
    },
    async markEnded(id: string, at: Date) {
      const [r] = await db.update(liveRooms).set({ status: 'ended', endedAt: at })
        .where(and(eq(liveRooms.id, id), ne(liveRooms.status, 'ended'))).returning()
      return r ?? null
    },
    async saveStats(id: string, peakViewers: number, likeCount: number) {
      await db.update(liveRooms).set({
        peakViewers: sql`greatest(${liveRooms.peakViewers}, ${peakViewers})`,
        likeCount: sql`greatest(${liveRooms.likeCount}, ${likeCount})`,
      }).where(eq(liveRooms.id, id))
    },
    async listRooms(opts: { status?: RoomRow['status']; shopIds?: string[]; beforeId?: string; limit: number }) {
      const conds = []
      if (opts.status) conds.push(eq(liveRooms.status, opts.status))
      if (opts.shopIds) {
        if (!opts.shopIds.length) return []
        conds.push(inArray(liveRooms.shopId, opts.shopIds))
      }
      if (opts.beforeId) conds.push(lt(liveRooms.id, opts.beforeId))
      return db.select().from(liveRooms).where(and(...conds)).orderBy(desc(liveRooms.id)).limit(opts.limit)
    },
    async publishableRooms() {
      return db.select({ id: liveRooms.id, streamKeyHash: liveRooms.streamKeyHash }).from(liveRooms).where(ne(liveRooms.status, 'ended'))
    },

    async setRoomProducts(roomId: string, productIds: string[]) {
      await db.delete(liveRoomProducts).where(eq(liveRoomProducts.roomId, roomId))
      if (productIds.length) await db.insert(liveRoomProducts).values(productIds.map((productId, position) => ({ roomId, productId, position })))
    },
    async roomProductIds(roomIds: string[]) {
      if (!roomIds.length) return []
      return db.select().from(liveRoomProducts).where(inArray(liveRoomProducts.roomId, roomIds)).orderBy(asc(liveRoomProducts.position))
    },

    async isModerator(roomId: string, userId: string) {
      const [r] = await db.select().from(liveModerators).where(and(eq(liveModerators.roomId, roomId), eq(liveModerators.userId, userId)))
      return !!r
    },
    async moderatedAmong(userId: string, roomIds: string[]) {
      if (!roomIds.length) return []
      const rows = await db.select({ roomId: liveModerators.roomId }).from(liveModerators)
        .where(and(eq(liveModerators.userId, userId), inArray(liveModerators.roomId, roomIds)))
      return rows.map((r) => r.roomId)
    },
    async addModerator(roomId: string, userId: string) {
      await db.insert(liveModerators).values({ roomId, userId }).onConflictDoNothing()
    },
    async removeModerator(roomId: string, userId: string) {
      await db.delete(liveModerators).where(and(eq(liveModerators.roomId, roomId), eq(liveModerators.userId, userId)))
    },
    async moderators(roomId: string) {
      return db.select().from(liveModerators).where(eq(liveModerators.roomId, roomId))
    },

    async mute(row: typeof liveMutes.$inferInsert) {
      await db.insert(liveMutes).values(row).onConflictDoUpdate({ target: [liveMutes.roomId, liveMutes.userId], set: { until: row.until, by: row.by } })
    },
    async ban(row: typeof liveBans.$inferInsert) {
      await db.insert(liveBans).values(row).onConflictDoNothing()
    },
    async bannedIds(roomId: string) {
      return (await db.select({ userId: liveBans.userId }).from(liveBans).where(eq(liveBans.roomId, roomId))).map((r) => r.userId)
    },
    async activeMutes(roomId: string, now: Date) {
      return db.select({ userId: liveMutes.userId, until: liveMutes.until }).from(liveMutes).where(and(eq(liveMutes.roomId, roomId), gt(liveMutes.until, now)))
    },
    async isBanned(roomId: string, userId: string) {
      const [r] = await db.select().from(liveBans).where(and(eq(liveBans.roomId, roomId), eq(liveBans.userId, userId)))
      return !!r
    },

    async insertMessages(rows: Array<typeof liveMessages.$inferInsert>) {
      if (rows.length) await db.insert(liveMessages).values(rows)
    },
    async messageById(id: string) {
      const [r] = await db.select().from(liveMessages).where(eq(liveMessages.id, id))
      return r ?? null
    },
    async deleteMessage(id: string, by: string, at: Date) {
      const [r] = await db.update(liveMessages).set({ deletedAt: at, deletedBy: by })
        .where(and(eq(liveMessages.id, id), isNull(liveMessages.deletedAt))).returning()
      return r ?? null
    },
    async recentMessages(roomId: string, limit: number) {
      return db.select().from(liveMessages).where(and(eq(liveMessages.roomId, roomId), isNull(liveMessages.deletedAt)))
        .orderBy(desc(liveMessages.id)).limit(limit)
    },

    async insertRecording(row: typeof liveRecordings.$inferInsert) {
      await db.insert(liveRecordings).values(row)
    },
    async finishRecording(file: string, durationSeconds: number) {
      await db.update(liveRecordings).set({ durationSeconds }).where(eq(liveRecordings.file, file))
    },
    async recordingsOf(roomIds: string[]) {
      if (!roomIds.length) return []
      return db.select().from(liveRecordings).where(and(inArray(liveRecordings.roomId, roomIds), isNull(liveRecordings.deletedAt)))
        .orderBy(asc(liveRecordings.startedAt))
    },
    async recordingById(id: string) {
      const [r] = await db.select().from(liveRecordings).where(eq(liveRecordings.id, id))
      return r ?? null
    },
    async expiredRecordings(now: Date) {
      return db.select().from(liveRecordings).where(and(lte(liveRecordings.retainUntil, now), isNull(liveRecordings.deletedAt)))
    },
    async markRecordingDeleted(id: string, at: Date) {
      await db.update(liveRecordings).set({ deletedAt: at }).where(eq(liveRecordings.id, id))
    },
    async setRetention(roomId: string, until: Date) {
      await db.update(liveRecordings).set({ retainUntil: until }).where(eq(liveRecordings.roomId, roomId))
    },

    async insertClip(row: typeof liveClips.$inferInsert) {
      const [r] = await db.insert(liveClips).values(row).returning()
      return r!
    },
    /** Clips with their room's shop, title and cover (trace pages, lot clip picking). */
    async clipsWithRooms(where: { ids?: string[]; shopId?: string }) {
      const cond = where.ids ? inArray(liveClips.id, where.ids.length ? where.ids : ['-']) : eq(liveRooms.shopId, where.shopId!)
      return db.select({ clip: liveClips, shopId: liveRooms.shopId, roomTitle: liveRooms.title, coverImageId: liveRooms.coverImageId })
        .from(liveClips).innerJoin(liveRooms, eq(liveRooms.id, liveClips.roomId)).where(cond).orderBy(asc(liveClips.id)).limit(200)
    },
    async clipsOf(roomId: string) {
      return db.select().from(liveClips).where(eq(liveClips.roomId, roomId)).orderBy(asc(liveClips.startSeconds))
    },

    async bannedWords() {
      return db.select().from(bannedWords).orderBy(asc(bannedWords.word))
    },
    async replaceBannedWords(words: Array<{ word: string; action: 'mask' | 'block' }>) {
      await db.delete(bannedWords)
      if (words.length) await db.insert(bannedWords).values(words)
    },
    async seedBannedWords(words: Array<{ word: string; action: 'mask' | 'block' }>) {
      const [r] = await db.select({ n: count() }).from(bannedWords)
      if ((r?.n ?? 0) === 0 && words.length) await db.insert(bannedWords).values(words).onConflictDoNothing()
    },

    async insertNotices(rows: Array<typeof notices.$inferInsert>) {
      for (let i = 0; i < rows.length; i += 500) await db.insert(notices).values(rows.slice(i, i + 500))
    },
    async noticesOf(userId: string, limit: number) {
      return db.select().from(notices).where(eq(notices.userId, userId)).orderBy(desc(notices.id)).limit(limit)
    },
    async unreadCount(userId: string) {
      const [r] = await db.select({ n: count() }).from(notices).where(and(eq(notices.userId, userId), isNull(notices.readAt)))
      return r?.n ?? 0
    },
    async markNoticesRead(userId: string, at: Date) {
      await db.update(notices).set({ readAt: at }).where(and(eq(notices.userId, userId), isNull(notices.readAt)))
    },
  }
}
export type LiveRepository = ReturnType<typeof liveRepository>
