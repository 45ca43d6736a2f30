import { and, asc, count, desc, eq, inArray, lt } from 'drizzle-orm'
import type { Db } from '../../platform/db/client.ts'
import { shopAudit, shopFollows, shopMembers, shopPayoutAccounts, shops, shopTransfers } from './tables.ts'

export type ShopRow = typeof shops.$inferSelect
export type TransferRow = typeof shopTransfers.$inferSelect

export function shopsRepository(db: Db) {
  return {
    async insertShop(row: typeof shops.$inferInsert): Promise<ShopRow | null> {
      const [r] = await db.insert(shops).values(row).onConflictDoNothing({ target: shops.name }).returning()
      return r ?? null
    },
    async shopById(id: string) {
      const [r] = await db.select().from(shops).where(eq(shops.id, id))
      return r ?? null
    },
    async shopByName(name: string) {
      const [r] = await db.select().from(shops).where(eq(shops.name, name))
      return r ?? null
    },
    async shopsByIds(ids: string[]) {
      if (!ids.length) return []
      return db.select().from(shops).where(inArray(shops.id, ids))
    },
    async listShops(opts: { countyCode?: string; beforeId?: string; limit: number }) {
      const conds = []
      if (opts.countyCode) conds.push(eq(shops.countyCode, opts.countyCode))
      if (opts.beforeId) conds.push(lt(shops.id, opts.beforeId))
      return db.select().from(shops).where(and(...conds)).orderBy(desc(shops.id)).limit(opts.limit)
    },
    async shopsOfMember(userId: string) {
      const rows = await db.select({ shop: shops }).from(shopMembers).innerJoin(shops, eq(shops.id, shopMembers.shopId))
        .where(eq(shopMembers.userId, userId)).orderBy(asc(shopMembers.joinedAt))
      return rows.map((r) => r.shop)
    },
    async updateShop(id: string, patch: Partial<typeof shops.$inferInsert>) {
      const [r] = await db.update(shops).set(patch).where(eq(shops.id, id)).returning()
      return r ?? null
    },
    async countByCounty(codes: string[]) {
      if (!codes.length) return []
      return db.select({ code: shops.countyCode, n: count() }).from(shops).where(inArray(shops.countyCode, codes)).groupBy(shops.countyCode)
    },

    async members(shopId: string) {
      return db.select().from(shopMembers).where(eq(shopMembers.shopId, shopId)).orderBy(asc(shopMembers.joinedAt))
    },
    async member(shopId: string, userId: string) {
      const [r] = await db.select().from(shopMembers).where(and(eq(shopMembers.shopId, shopId), eq(shopMembers.userId, userId)))
      return r ?? null
    },
    async membershipsAmong(userId: string, shopIds: string[]) {
      if (!shopIds.length) return []
      return db.select().from(shopMembers).where(and(eq(shopMembers.userId, userId), inArray(shopMembers.shopId, shopIds)))
    },
    async insertMember(row: typeof shopMembers.$inferInsert): Promise<boolean> {
      const r = await db.insert(shopMembers).values(row).onConflictDoNothing().returning()
      return r.length === 1
    },
    async setMemberRole(shopId: string, userId: string, role: 'owner' | 'operator') {
      await db.update(shopMembers).set({ role }).where(and(eq(shopMembers.shopId, shopId), eq(shopMembers.userId, userId)))
    },
    async deleteMember(shopId: string, userId: string) {
      await db.delete(shopMembers).where(and(eq(shopMembers.shopId, shopId), eq(shopMembers.userId, userId)))
    },

    async followerCounts(shopIds: string[]) {
      if (!shopIds.length) return []
      return db.select({ shopId: shopFollows.shopId, n: count() }).from(shopFollows).where(inArray(shopFollows.shopId, shopIds)).groupBy(shopFollows.shopId)
    },
    async followedShops(userId: string) {
      const rows = await db.select({ shop: shops }).from(shopFollows).innerJoin(shops, eq(shops.id, shopFollows.shopId))
        .where(eq(shopFollows.userId, userId)).orderBy(desc(shopFollows.createdAt)).limit(200)
      return rows.map((r) => r.shop)
    },
    async followerIds(shopId: string) {
      const rows = await db.select({ userId: shopFollows.userId }).from(shopFollows).where(eq(shopFollows.shopId, shopId))
      return rows.map((r) => r.userId)
    },
    async shopIdsInCounty(code: string) {
      const rows = await db.select({ id: shops.id }).from(shops).where(eq(shops.countyCode, code))
      return rows.map((r) => r.id)
    },
    async followedAmong(userId: string, shopIds: string[]) {
      if (!shopIds.length) return []
      const rows = await db.select({ shopId: shopFollows.shopId }).from(shopFollows)
        .where(and(eq(shopFollows.userId, userId), inArray(shopFollows.shopId, shopIds)))
      return rows.map((r) => r.shopId)
    },
    async follow(shopId: string, userId: string, at: Date) {
      await db.insert(shopFollows).values({ shopId, userId, createdAt: at }).onConflictDoNothing()
    },
    async unfollow(shopId: string, userId: string) {
      await db.delete(shopFollows).where(and(eq(shopFollows.shopId, shopId), eq(shopFollows.userId, userId)))
    },

    async transfers(shopId: string) {
      return db.select().from(shopTransfers).where(eq(shopTransfers.shopId, shopId)).orderBy(desc(shopTransfers.id))
    },
    async transferById(id: string) {
      const [r] = await db.select().from(shopTransfers).where(eq(shopTransfers.id, id))
      return r ?? null
    },
    async pendingTransfer(shopId: string) {
      const [r] = await db.select().from(shopTransfers).where(and(eq(shopTransfers.shopId, shopId), eq(shopTransfers.status, 'pending')))
      return r ?? null
    },
    async pendingTransfersTo(userId: string, shopIds: string[]) {
      if (!shopIds.length) return []
      return db.select().from(shopTransfers)
        .where(and(eq(shopTransfers.toUserId, userId), eq(shopTransfers.status, 'pending'), inArray(shopTransfers.shopId, shopIds)))
    },
    async insertTransfer(row: typeof shopTransfers.$inferInsert): Promise<TransferRow | null> {
      const [r] = await db.insert(shopTransfers).values(row).onConflictDoNothing().returning()
      return r ?? null
    },
    /** Moves a pending transfer to its final status; null when it was no longer pending. */
    async closeTransfer(id: string, status: 'accepted' | 'declined' | 'cancelled', at: Date) {
      const [r] = await db.update(shopTransfers).set({ status, decidedAt: at })
        .where(and(eq(shopTransfers.id, id), eq(shopTransfers.status, 'pending'))).returning()
      return r ?? null
    },

    async insertAudit(row: typeof shopAudit.$inferInsert) {
      await db.insert(shopAudit).values(row)
    },
    async audit(shopId: string) {
      return db.select().from(shopAudit).where(eq(shopAudit.shopId, shopId)).orderBy(desc(shopAudit.id)).limit(200)
    },

    async payoutAccount(shopId: string) {
      const [r] = await db.select().from(shopPayoutAccounts).where(eq(shopPayoutAccounts.shopId, shopId))
      return r ?? null
    },
    async upsertPayoutAccount(row: typeof shopPayoutAccounts.$inferInsert) {
      const { shopId, ...rest } = row
      const [r] = await db.insert(shopPayoutAccounts).values(row).onConflictDoUpdate({ target: shopPayoutAccounts.shopId, set: rest }).returning()
      return r!
    },
  }
}
export type ShopsRepository = ReturnType<typeof shopsRepository>
