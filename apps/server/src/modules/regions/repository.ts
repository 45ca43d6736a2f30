import { and, asc, count, eq, ilike, inArray, sql } from 'drizzle-orm'
import type { Db } from '../../platform/db/client.ts'
import type { RegionRow } from './area-data.ts'
import { countyAdmins, countyCommissioners, countyProfiles, regions } from './tables.ts'

export function regionsRepository(db: Db) {
  return {
    async regionCount(): Promise<number> {
      const [r] = await db.select({ n: count() }).from(regions)
      return r?.n ?? 0
    },
    async upsertRegions(rows: RegionRow[]) {
      for (let i = 0; i < rows.length; i += 500) {
        await db.insert(regions).values(rows.slice(i, i + 500)).onConflictDoUpdate({
          target: regions.code,
          set: { name: sql`excluded.name`, level: sql`excluded.level`, parentCode: sql`excluded.parent_code`, isFunctionalZone: sql`excluded.is_functional_zone` },
        })
      }
    },
    async byCode(code: string) {
      const [r] = await db.select().from(regions).where(eq(regions.code, code))
      return r ?? null
    },
    async byCodes(codes: string[]) {
      if (!codes.length) return []
      return db.select().from(regions).where(inArray(regions.code, codes))
    },
    async children(parentCode: string | null) {
      return db.select().from(regions)
        .where(parentCode === null ? eq(regions.level, 'province') : eq(regions.parentCode, parentCode))
        .orderBy(asc(regions.code))
    },
    async searchCounties(opts: { q?: string; codes?: string[]; limit: number }) {
      const conds = [eq(regions.level, 'county'), eq(regions.isFunctionalZone, false)]
      if (opts.q) conds.push(ilike(regions.name, `%${opts.q.replace(/[\\%_]/g, (c) => '\\' + c)}%`))
      if (opts.codes) {
        if (!opts.codes.length) return []
        conds.push(inArray(regions.code, opts.codes))
      }
      return db.select().from(regions).where(and(...conds)).orderBy(asc(regions.code)).limit(opts.limit)
    },
    async profile(code: string) {
      const [r] = await db.select().from(countyProfiles).where(eq(countyProfiles.code, code))
      return r ?? null
    },
    async profiles(codes: string[]) {
      if (!codes.length) return []
      return db.select().from(countyProfiles).where(inArray(countyProfiles.code, codes))
    },
    async upsertProfile(row: typeof countyProfiles.$inferInsert) {
      const { code, ...rest } = row
      const [r] = await db.insert(countyProfiles).values(row).onConflictDoUpdate({ target: countyProfiles.code, set: rest }).returning()
      return r!
    },
    async commissionersOf(code: string) {
      return db.select().from(countyCommissioners).where(eq(countyCommissioners.countyCode, code)).orderBy(asc(countyCommissioners.assignedAt))
    },
    async addCommissioner(row: typeof countyCommissioners.$inferInsert) {
      await db.insert(countyCommissioners).values(row).onConflictDoNothing()
    },
    async removeCommissioner(code: string, userId: string) {
      await db.delete(countyCommissioners).where(and(eq(countyCommissioners.countyCode, code), eq(countyCommissioners.userId, userId)))
    },
    async commissionerCountiesOf(userId: string) {
      const rows = await db.select({ code: countyCommissioners.countyCode }).from(countyCommissioners).where(eq(countyCommissioners.userId, userId))
      return rows.map((r) => r.code)
    },
    async addCountyAdmin(row: typeof countyAdmins.$inferInsert) {
      await db.insert(countyAdmins).values(row).onConflictDoNothing()
    },
    async countyAdminCountiesOf(userId: string) {
      const rows = await db.select({ code: countyAdmins.countyCode }).from(countyAdmins).where(eq(countyAdmins.userId, userId))
      return rows.map((r) => r.code)
    },
  }
}
