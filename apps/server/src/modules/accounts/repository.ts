import { and, count, desc, eq, gt, inArray, isNull, lt, sql } from 'drizzle-orm'
import { anyOf } from '../../platform/db/any-of.ts'
import type { Db } from '../../platform/db/client.ts'
import { otpCodes, realNameVerifications, sessions, users } from './tables.ts'

export type UserRow = typeof users.$inferSelect
export type VerificationRow = typeof realNameVerifications.$inferSelect

export function accountsRepository(db: Db) {
  return {
    async insertUser(row: typeof users.$inferInsert): Promise<UserRow | null> {
      const [u] = await db.insert(users).values(row).onConflictDoNothing({ target: users.phone }).returning()
      return u ?? null
    },
    async userById(id: string) {
      const [u] = await db.select().from(users).where(eq(users.id, id))
      return u ?? null
    },
    /**
     * What a request needs of its logged-in user, for many users at once (every request of an event-loop turn). One array
     * parameter and three columns: a flash sale brings thousands of users the caches have never seen.
     */
    async actorsByIds(ids: string[]): Promise<Array<Pick<UserRow, 'id' | 'roles' | 'displayName'>>> {
      if (!ids.length) return []
      return db.select({ id: users.id, roles: users.roles, displayName: users.displayName }).from(users).where(anyOf(users.id, ids))
    },
    async usersByIds(ids: string[]) {
      if (!ids.length) return []
      return db.select().from(users).where(inArray(users.id, ids))
    },
    async userByPhone(phone: string) {
      const [u] = await db.select().from(users).where(eq(users.phone, phone))
      return u ?? null
    },
    async setRoles(id: string, roles: string[]) {
      const [u] = await db.update(users).set({ roles }).where(eq(users.id, id)).returning()
      return u ?? null
    },
    async addRole(id: string, role: string) {
      await db.update(users)
        .set({ roles: sql`array_append(${users.roles}, ${role}::text)` })
        .where(and(eq(users.id, id), sql`not (${role}::text = any(${users.roles}))`))
    },

    async insertSession(row: typeof sessions.$inferInsert) {
      await db.insert(sessions).values(row)
    },
    async sessionUserIds(tokenHashes: string[], now: Date) {
      if (!tokenHashes.length) return []
      return db.select({ tokenHash: sessions.tokenHash, userId: sessions.userId }).from(sessions)
        .where(and(inArray(sessions.tokenHash, tokenHashes), gt(sessions.expiresAt, now)))
    },
    async deleteSession(tokenHash: string) {
      await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash))
    },
    async deleteExpiredSessions(now: Date) {
      await db.delete(sessions).where(lt(sessions.expiresAt, now))
    },

    async countOtpsSince(phone: string, since: Date): Promise<number> {
      const [r] = await db.select({ n: count() }).from(otpCodes).where(and(eq(otpCodes.phone, phone), gt(otpCodes.createdAt, since)))
      return r?.n ?? 0
    },
    async insertOtp(row: typeof otpCodes.$inferInsert) {
      await db.insert(otpCodes).values(row)
    },
    async latestOpenOtp(phone: string, purpose: string, now: Date) {
      const [r] = await db.select().from(otpCodes)
        .where(and(eq(otpCodes.phone, phone), eq(otpCodes.purpose, purpose), isNull(otpCodes.consumedAt), gt(otpCodes.expiresAt, now)))
        .orderBy(desc(otpCodes.createdAt)).limit(1)
      return r ?? null
    },
    async bumpOtpAttempts(id: string) {
      const [r] = await db.update(otpCodes).set({ attempts: sql`${otpCodes.attempts} + 1` }).where(eq(otpCodes.id, id)).returning()
      return r?.attempts ?? 0
    },
    async consumeOtp(id: string, now: Date): Promise<boolean> {
      const r = await db.update(otpCodes).set({ consumedAt: now }).where(and(eq(otpCodes.id, id), isNull(otpCodes.consumedAt))).returning()
      return r.length === 1
    },

    async openVerificationOf(userId: string) {
      const [r] = await db.select().from(realNameVerifications)
        .where(and(eq(realNameVerifications.userId, userId), inArray(realNameVerifications.status, ['pending', 'approved'])))
      return r ?? null
    },
    async latestVerificationOf(userId: string) {
      const [r] = await db.select().from(realNameVerifications).where(eq(realNameVerifications.userId, userId))
        .orderBy(desc(realNameVerifications.id)).limit(1)
      return r ?? null
    },
    async insertVerification(row: typeof realNameVerifications.$inferInsert): Promise<VerificationRow | null> {
      const [r] = await db.insert(realNameVerifications).values(row).onConflictDoNothing().returning()
      return r ?? null
    },
    async verificationById(id: string) {
      const [r] = await db.select().from(realNameVerifications).where(eq(realNameVerifications.id, id))
      return r ?? null
    },
    /** Decides a pending request; returns null if it was no longer pending (someone else decided first). */
    async decideVerification(id: string, patch: Pick<VerificationRow, 'status' | 'rejectionReason' | 'reviewedBy' | 'reviewedAt'>) {
      const [r] = await db.update(realNameVerifications).set(patch)
        .where(and(eq(realNameVerifications.id, id), eq(realNameVerifications.status, 'pending'))).returning()
      return r ?? null
    },
    async listVerifications(opts: { countyCodes: string[] | 'all'; status?: string; beforeId?: string; limit: number }) {
      const conds = []
      if (opts.countyCodes !== 'all') {
        if (!opts.countyCodes.length) return []
        conds.push(inArray(realNameVerifications.countyCode, opts.countyCodes))
      }
      if (opts.status) conds.push(eq(realNameVerifications.status, opts.status as VerificationRow['status']))
      if (opts.beforeId) conds.push(lt(realNameVerifications.id, opts.beforeId))
      return db.select().from(realNameVerifications).where(and(...conds))
        .orderBy(desc(realNameVerifications.id)).limit(opts.limit)
    },
  }
}
export type AccountsRepository = ReturnType<typeof accountsRepository>
