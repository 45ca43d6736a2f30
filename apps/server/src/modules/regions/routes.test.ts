import { describe, expect, it } from 'vitest'
import { LI_COUNTY, buildTestApp, registerUser } from '../../../test/helpers/app.ts'
import { useTestApp } from '../../../test/helpers/suite.ts'
import { allRegions, isFunctionalZoneCode } from './area-data.ts'

const t = useTestApp()
const get = (url: string, headers: Record<string, string> = {}) => t.built.app.inject({ method: 'GET', url, headers })

describe('regions', () => {
  it('loads every province, city and county from @vant/area-data', async () => {
    const all = allRegions()
    const provinces = (await get('/api/regions/provinces')).json()
    expect(provinces).toHaveLength(all.filter((r) => r.level === 'province').length)
    expect(provinces.find((p: { code: string }) => p.code === '620000').name).toBe('甘肃省')
    const longnan = (await get('/api/regions/621200/children')).json()
    expect(longnan.map((c: { code: string }) => c.code)).toEqual(['621202', '621221', '621222', '621223', '621224', '621225', '621226', '621227', '621228'])
  })

  it('flags functional zones (xx7x) and does not count them as counties', async () => {
    expect(isFunctionalZoneCode('130171')).toBe(true)
    expect(isFunctionalZoneCode('621226')).toBe(false)
    const shijiazhuang = (await get('/api/regions/130100/children')).json()
    expect(shijiazhuang.find((c: { code: string }) => c.code === '130171')).toMatchObject({ isFunctionalZone: true })
    const search = (await get('/api/regions/counties?q=' + encodeURIComponent('开发区') + '&limit=100')).json()
    expect(search.every((c: { code: string }) => !isFunctionalZoneCode(c.code))).toBe(true)
  })

  it('finds counties by Chinese name', async () => {
    const res = (await get('/api/regions/counties?q=' + encodeURIComponent('礼县'))).json()
    expect(res[0]).toMatchObject({ code: LI_COUNTY, name: '礼县', cityName: '陇南市', provinceName: '甘肃省' })
  })

  it('answers 400 for a malformed code and 404 for an unknown one', async () => {
    expect((await get('/api/regions/counties/62122')).json().error.field).toBe('params.code')
    expect((await get('/api/regions/counties/999999')).statusCode).toBe(404)
    expect((await get('/api/regions/counties/621200')).json().error.code).toBe('REGIONS_NOT_A_COUNTY')
  })
})

describe('county profiles and commissioners', () => {
  it('lets a platform admin assign a commissioner, who then gets the role', async () => {
    const admin = await registerUser(t.built, { roles: ['platform_admin'] })
    const person = await registerUser(t.built, { displayName: '尹特派员' })
    const farmer = await registerUser(t.built, { role: 'farmer' })
    const denied = await t.built.app.inject({ method: 'PUT', url: `/api/regions/counties/${LI_COUNTY}/commissioners/${person.id}`, headers: farmer.headers })
    expect(denied.statusCode).toBe(403)
    const anon = await t.built.app.inject({ method: 'PUT', url: `/api/regions/counties/${LI_COUNTY}/commissioners/${person.id}` })
    expect(anon.statusCode).toBe(401)
    const ok = await t.built.app.inject({ method: 'PUT', url: `/api/regions/counties/${LI_COUNTY}/commissioners/${person.id}`, headers: admin.headers })
    expect(ok.json().commissioners).toContainEqual({ id: person.id, displayName: '尹特派员' })
    const me = (await get('/api/accounts/me', person.headers)).json()
    expect(me.user.roles).toContain('commissioner')
    expect(me.commissionerCountyCodes).toEqual([LI_COUNTY])
    const removed = await t.built.app.inject({ method: 'DELETE', url: `/api/regions/counties/${LI_COUNTY}/commissioners/${person.id}`, headers: admin.headers })
    expect(removed.json().commissioners.map((c: { id: string }) => c.id)).not.toContain(person.id)
  })

  it('lets the county\'s admin edit its profile and nobody else\'s', async () => {
    const countyAdmin = await registerUser(t.built)
    const platform = await registerUser(t.built, { roles: ['platform_admin'] })
    await t.built.services.regions.assignCountyAdmin(platform.id, LI_COUNTY, countyAdmin.id)
    // a county admin's session reads roles on each request
    const body = { formerlyPoor: true, povertyExitYear: 2020, povertySource: '甘肃省人民政府公告', brandName: '礼县苹果', introduction: '高原苹果' }
    const ok = await t.built.app.inject({ method: 'PUT', url: `/api/regions/counties/${LI_COUNTY}/profile`, headers: countyAdmin.headers, payload: body })
    expect(ok.statusCode).toBe(200)
    expect(ok.json()).toMatchObject({ ...body, code: LI_COUNTY, name: '礼县' })
    const other = await t.built.app.inject({ method: 'PUT', url: '/api/regions/counties/621221/profile', headers: countyAdmin.headers, payload: { brandName: 'x' } })
    expect(other.statusCode).toBe(403)
    const bad = await t.built.app.inject({ method: 'PUT', url: `/api/regions/counties/${LI_COUNTY}/profile`, headers: platform.headers, payload: { povertyExitYear: 1800 } })
    expect(bad.statusCode).toBe(400)
    expect(bad.json().error.field).toBe('body.povertyExitYear')
    expect((await get(`/api/regions/counties/${LI_COUNTY}`)).json().povertyExitYear).toBe(2020)
  })
})
