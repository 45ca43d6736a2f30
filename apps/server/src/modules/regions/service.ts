import type { CountySummary, CountyView, RegionView, SearchCountiesQuery, UpdateCountyProfileBody } from '@hotland/contracts'
import type { Actor } from '../../platform/auth/actor.ts'
import { hasRole, requireActor, requireRole } from '../../platform/auth/actor.ts'
import type { Clock } from '../../platform/clock.ts'
import type { Db } from '../../platform/db/client.ts'
import { forbidden, invalid, notFound } from '../../platform/errors.ts'
import type { MediaService } from '../media/index.ts'
import { allRegions } from './area-data.ts'
import { regionLine } from './region-line.ts'
import { regionsRepository } from './repository.ts'

export interface CountyStats {
  shopCount: number
  productCount: number
}

export interface RegionsDeps {
  db: Db
  clock: Clock
  media: MediaService
  /** Provided by the composition root from the shops and catalog modules. */
  countyStats(codes: string[]): Promise<Map<string, CountyStats>>
  countiesWithProducts(): Promise<string[]>
  users: {
    displayNames(ids: string[]): Promise<Map<string, string>>
    exists(id: string): Promise<boolean>
    grantRole(id: string, role: 'commissioner' | 'county_admin'): Promise<void>
  }
}

export function createRegionsService(deps: RegionsDeps) {
  const repo = regionsRepository(deps.db)
  const pathCache = new Map<string, { countyCode: string; countyName: string; provinceCode: string; provinceName: string; cityName: string; line: string }>()

  const toRegionView = (r: Awaited<ReturnType<typeof repo.byCode>> & {}): RegionView => ({
    code: r.code, name: r.name, level: r.level, parentCode: r.parentCode, isFunctionalZone: r.isFunctionalZone,
  })

  async function countyRow(code: string) {
    const r = await repo.byCode(code)
    if (!r) throw notFound('REGIONS_NOT_FOUND', `No region with code ${code}`)
    if (r.level !== 'county') throw invalid('REGIONS_NOT_A_COUNTY', `${code} is not a county`, 'params.code')
    return r
  }

  async function countyView(code: string): Promise<CountyView> {
    const county = await countyRow(code)
    const [city, profile, commissioners, stats] = await Promise.all([
      county.parentCode ? repo.byCode(county.parentCode) : null,
      repo.profile(code),
      repo.commissionersOf(code),
      deps.countyStats([code]),
    ])
    const province = await repo.byCode(code.slice(0, 2) + '0000')
    const names = await deps.users.displayNames(commissioners.map((c) => c.userId))
    return {
      code: county.code,
      name: county.name,
      cityName: city && city.level === 'city' ? city.name : '',
      provinceName: province?.name ?? '',
      isFunctionalZone: county.isFunctionalZone,
      formerlyPoor: profile?.formerlyPoor ?? false,
      povertyExitYear: profile?.povertyExitYear ?? null,
      povertySource: profile?.povertySource ?? null,
      brandName: profile?.brandName ?? null,
      introduction: profile?.introduction ?? null,
      coverUrl: profile?.coverImageId ? deps.media.urlsOf(profile.coverImageId).large : null,
      commissioners: commissioners.map((c) => ({ id: c.userId, displayName: names.get(c.userId) ?? '' })),
      shopCount: stats.get(code)?.shopCount ?? 0,
      productCount: stats.get(code)?.productCount ?? 0,
    }
  }

  /** Province, city and county of a county code; cached, administrative divisions do not change while running. */
  async function countyPath(code: string, field: string) {
    const hit = pathCache.get(code)
    if (hit) return hit
    const county = await repo.byCode(code)
    if (!county || county.level !== 'county') throw invalid('REGIONS_NOT_A_COUNTY', `${code} is not a county code`, field)
    const [city, province] = await Promise.all([county.parentCode ? repo.byCode(county.parentCode) : null, repo.byCode(code.slice(0, 2) + '0000')])
    const parts = { countyName: county.name, provinceName: province?.name ?? '', cityName: city && city.level === 'city' ? city.name : '' }
    const path = { ...parts, countyCode: code, provinceCode: code.slice(0, 2) + '0000', line: regionLine(parts) }
    pathCache.set(code, path) // administrative divisions do not change while the server runs
    return path
  }

  return {
    /** Loads the administrative divisions on first start (and after an upgrade of @vant/area-data). */
    async ensureRegionsLoaded(): Promise<number> {
      const rows = allRegions()
      if ((await repo.regionCount()) < rows.length) await repo.upsertRegions(rows)
      return rows.length
    },

    async provinces(): Promise<RegionView[]> {
      return (await repo.children(null)).map(toRegionView)
    },

    async children(code: string): Promise<RegionView[]> {
      if (!(await repo.byCode(code))) throw notFound('REGIONS_NOT_FOUND', `No region with code ${code}`)
      return (await repo.children(code)).map(toRegionView)
    },

    async searchCounties(q: SearchCountiesQuery): Promise<CountySummary[]> {
      const codes = q.withProducts ? await deps.countiesWithProducts() : undefined
      const rows = await repo.searchCounties({ q: q.q, codes, limit: q.limit ?? 50 })
      const codesFound = rows.map((r) => r.code)
      const parents = await repo.byCodes([...new Set(rows.flatMap((r) => [r.parentCode ?? '', r.code.slice(0, 2) + '0000']))])
      const nameOf = new Map(parents.map((p) => [p.code, p]))
      const profiles = new Map((await repo.profiles(codesFound)).map((p) => [p.code, p]))
      const stats = await deps.countyStats(codesFound)
      return rows.map((r) => {
        const p = profiles.get(r.code)
        const city = r.parentCode ? nameOf.get(r.parentCode) : undefined
        return {
          code: r.code,
          name: r.name,
          cityName: city?.level === 'city' ? city.name : '',
          provinceName: nameOf.get(r.code.slice(0, 2) + '0000')?.name ?? '',
          formerlyPoor: p?.formerlyPoor ?? false,
          brandName: p?.brandName ?? null,
          coverUrl: p?.coverImageId ? deps.media.urlsOf(p.coverImageId).medium : null,
          productCount: stats.get(r.code)?.productCount ?? 0,
        }
      })
    },

    county: countyView,

    async updateProfile(actorOrNull: Actor | null, code: string, body: UpdateCountyProfileBody): Promise<CountyView> {
      const actor = requireActor(actorOrNull)
      await countyRow(code)
      if (!hasRole(actor, 'platform_admin')) {
        const mine = hasRole(actor, 'county_admin') ? await repo.countyAdminCountiesOf(actor.id) : []
        if (!mine.includes(code)) throw forbidden('FORBIDDEN', 'Only this county\'s admins or a platform admin may edit its profile')
      }
      if (body.coverImageId) await deps.media.requireImages([body.coverImageId], 'body.coverImageId')
      const current = await repo.profile(code)
      await repo.upsertProfile({
        code,
        formerlyPoor: body.formerlyPoor ?? current?.formerlyPoor ?? false,
        povertyExitYear: body.povertyExitYear !== undefined ? body.povertyExitYear : current?.povertyExitYear ?? null,
        povertySource: body.povertySource !== undefined ? body.povertySource : current?.povertySource ?? null,
        brandName: body.brandName !== undefined ? body.brandName : current?.brandName ?? null,
        introduction: body.introduction !== undefined ? body.introduction : current?.introduction ?? null,
        coverImageId: body.coverImageId !== undefined ? body.coverImageId : current?.coverImageId ?? null,
        isDemo: current?.isDemo ?? false,
        updatedAt: deps.clock.now(),
      })
      return countyView(code)
    },

    async assignCommissioner(actorOrNull: Actor | null, code: string, userId: string): Promise<CountyView> {
      const actor = requireRole(actorOrNull, 'platform_admin')
      await countyRow(code)
      if (!(await deps.users.exists(userId))) throw notFound('ACCOUNTS_USER_NOT_FOUND', 'User not found')
      await repo.addCommissioner({ countyCode: code, userId, assignedBy: actor.id, assignedAt: deps.clock.now() })
      await deps.users.grantRole(userId, 'commissioner')
      return countyView(code)
    },

    async removeCommissioner(actorOrNull: Actor | null, code: string, userId: string): Promise<CountyView> {
      requireRole(actorOrNull, 'platform_admin')
      await countyRow(code)
      await repo.removeCommissioner(code, userId)
      return countyView(code)
    },

    /** Used by seeding and admin tooling. */
    async assignCountyAdmin(assignedBy: string, code: string, userId: string) {
      await repo.addCountyAdmin({ countyCode: code, userId, assignedBy, assignedAt: deps.clock.now() })
      await deps.users.grantRole(userId, 'county_admin')
    },
    async seedProfile(row: Parameters<typeof repo.upsertProfile>[0]) {
      return repo.upsertProfile(row)
    },

    /** Province, city and county of a county code, and the address line of them (`line`). */
    countyPath,

    /** "省 市 县" of a county, for orchards, hubs and trace pages. */
    async regionText(code: string) {
      return regionLine(await countyPath(code, 'countyCode'), ' ')
    },

    // RegionsLookup for the accounts module
    async requireCounty(code: string, field: string) {
      const r = await repo.byCode(code)
      if (!r || r.level !== 'county') throw invalid('REGIONS_NOT_A_COUNTY', `${code} is not a county code`, field)
      return { code: r.code, name: r.name }
    },
    async countyNames(codes: string[]) {
      return new Map((await repo.byCodes([...new Set(codes)])).map((r) => [r.code, r.name]))
    },
    commissionerCountiesOf: (userId: string) => repo.commissionerCountiesOf(userId),
    countyAdminCountiesOf: (userId: string) => repo.countyAdminCountiesOf(userId),
  }
}
export type RegionsService = ReturnType<typeof createRegionsService>
