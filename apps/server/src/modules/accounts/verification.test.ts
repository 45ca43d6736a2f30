import { describe, expect, it } from 'vitest'
import { eq } from 'drizzle-orm'
import { fixedClock } from '../../platform/clock.ts'
import { CHENG_COUNTY, LI_COUNTY, buildTestApp, registerUser } from '../../../test/helpers/app.ts'
import { useTestApp } from '../../../test/helpers/suite.ts'
import { idNumberCheckChar } from './id-number.ts'
import { realNameVerifications } from './tables.ts'

const clock = fixedClock('2026-06-01T04:00:00Z')
const t = useTestApp({ clock })

let seq = 100
/** A fictitious but well-formed ID number for a birth date. */
function idFor(birth: string, region = LI_COUNTY): string {
  const first17 = `${region}${birth.replaceAll('-', '')}${String(seq++ % 1000).padStart(3, '0')}`
  return first17 + idNumberCheckChar(first17)
}

async function commissionerOf(county: string) {
  const admin = await registerUser(t.built, { roles: ['platform_admin'] })
  const c = await registerUser(t.built)
  const res = await t.built.app.inject({ method: 'PUT', url: `/api/regions/counties/${county}/commissioners/${c.id}`, headers: admin.headers })
  expect(res.statusCode).toBe(200)
  return c
}

const submit = (headers: { cookie: string }, body: Record<string, unknown>) =>
  t.built.app.inject({ method: 'POST', url: '/api/accounts/me/verification', headers, payload: body })

describe('real-name verification for anchors', () => {
  it('stores the ID number encrypted and shows only its last 4 characters', async () => {
    const farmer = await registerUser(t.built, { role: 'farmer' })
    const idNumber = idFor('1965-03-15')
    const res = await submit(farmer.headers, { legalName: '张家成', idNumber, birthDate: '1965-03-15', countyCode: LI_COUNTY })
    expect(res.statusCode).toBe(201)
    expect(res.json()).toMatchObject({ status: 'pending', idNumberMasked: '*'.repeat(14) + idNumber.slice(-4), countyName: '礼县', age: 61 })
    const [row] = await t.h.db.select().from(realNameVerifications).where(eq(realNameVerifications.id, res.json().id))
    expect(row!.idNumberSealed).not.toContain(idNumber.slice(0, 10))
    expect(await t.built.services.accounts.revealIdNumber(row!.id)).toBe(idNumber)
  })

  it('refuses anyone under 16', async () => {
    const u = await registerUser(t.built)
    const res = await submit(u.headers, { legalName: '小明明', idNumber: idFor('2011-01-01'), birthDate: '2011-01-01', countyCode: LI_COUNTY })
    expect(res.statusCode).toBe(400)
    expect(res.json().error).toMatchObject({ code: 'ACCOUNTS_TOO_YOUNG', field: 'body.birthDate' })
  })

  it('requires a guardian\'s consent from 16 to 18', async () => {
    const u = await registerUser(t.built)
    const birth = '2009-05-01' // 17 on 2026-06-01
    const idNumber = idFor(birth)
    const without = await submit(u.headers, { legalName: '张小梅', idNumber, birthDate: birth, countyCode: LI_COUNTY })
    expect(without.statusCode).toBe(400)
    expect(without.json().error).toMatchObject({ code: 'ACCOUNTS_GUARDIAN_CONSENT_REQUIRED', field: 'body.guardianConsent' })
    const withConsent = await submit(u.headers, { legalName: '张小梅', idNumber, birthDate: birth, countyCode: LI_COUNTY, guardianConsent: true })
    expect(withConsent.statusCode).toBe(201)
    expect(withConsent.json()).toMatchObject({ age: 17, guardianConsent: true })
  })

  it('refuses an ID number with a wrong check digit or a birth date that does not match', async () => {
    const u = await registerUser(t.built)
    const good = idFor('1980-01-01')
    const badCheck = good.slice(0, 17) + (good[17] === '1' ? '2' : '1')
    const r1 = await submit(u.headers, { legalName: '王五五', idNumber: badCheck, birthDate: '1980-01-01', countyCode: LI_COUNTY })
    expect(r1.json().error).toMatchObject({ code: 'ACCOUNTS_ID_NUMBER_INVALID', field: 'body.idNumber' })
    const r2 = await submit(u.headers, { legalName: '王五五', idNumber: good, birthDate: '1980-01-02', countyCode: LI_COUNTY })
    expect(r2.json().error).toMatchObject({ code: 'ACCOUNTS_ID_NUMBER_INVALID', field: 'body.birthDate' })
    const r3 = await submit(u.headers, { legalName: '王五五', idNumber: good, birthDate: '1980-01-01', countyCode: '621200' })
    expect(r3.json().error).toMatchObject({ code: 'REGIONS_NOT_A_COUNTY', field: 'body.countyCode' })
  })

  it('lets a commissioner of the county approve, and not a commissioner of another county', async () => {
    const farmer = await registerUser(t.built, { role: 'farmer' })
    const v = (await submit(farmer.headers, { legalName: '张大叔', idNumber: idFor('1966-02-02'), birthDate: '1966-02-02', countyCode: LI_COUNTY })).json()
    const other = await commissionerOf(CHENG_COUNTY)
    const own = await commissionerOf(LI_COUNTY)

    const listOther = await t.built.app.inject({ method: 'GET', url: '/api/accounts/verifications?status=pending', headers: other.headers })
    expect(listOther.json().items.map((i: { id: string }) => i.id)).not.toContain(v.id)
    const denied = await t.built.app.inject({ method: 'POST', url: `/api/accounts/verifications/${v.id}/approve`, headers: other.headers })
    expect(denied.statusCode).toBe(403)
    expect(denied.json().error.code).toBe('ACCOUNTS_NOT_COMMISSIONER_OF_COUNTY')

    const listOwn = await t.built.app.inject({ method: 'GET', url: '/api/accounts/verifications?status=pending', headers: own.headers })
    expect(listOwn.json().items.map((i: { id: string }) => i.id)).toContain(v.id)
    const byCounty = await t.built.app.inject({ method: 'GET', url: `/api/accounts/verifications?countyCode=${LI_COUNTY}`, headers: own.headers })
    expect(byCounty.json().items.every((i: { countyCode: string }) => i.countyCode === LI_COUNTY)).toBe(true)
    const notMine = await t.built.app.inject({ method: 'GET', url: `/api/accounts/verifications?countyCode=${CHENG_COUNTY}`, headers: own.headers })
    expect(notMine.json().items).toEqual([])
    const ok = await t.built.app.inject({ method: 'POST', url: `/api/accounts/verifications/${v.id}/approve`, headers: own.headers })
    expect(ok.statusCode).toBe(200)
    expect(ok.json()).toMatchObject({ status: 'approved', reviewedBy: own.id })
    expect(await t.built.services.accounts.isVerifiedAnchor(farmer.id)).toBe(true)

    const twice = await t.built.app.inject({ method: 'POST', url: `/api/accounts/verifications/${v.id}/reject`, headers: own.headers, payload: { reason: '重复' } })
    expect(twice.statusCode).toBe(409)
    const again = await submit(farmer.headers, { legalName: '张大叔', idNumber: idFor('1966-02-02'), birthDate: '1966-02-02', countyCode: LI_COUNTY })
    expect(again.json().error.code).toBe('ACCOUNTS_ALREADY_VERIFIED')
  })

  it('records the reason of a rejection and allows a new request afterwards', async () => {
    const farmer = await registerUser(t.built, { role: 'farmer' })
    const idNumber = idFor('1970-07-07')
    const v = (await submit(farmer.headers, { legalName: '李四四', idNumber, birthDate: '1970-07-07', countyCode: LI_COUNTY })).json()
    const dup = await submit(farmer.headers, { legalName: '李四四', idNumber, birthDate: '1970-07-07', countyCode: LI_COUNTY })
    expect(dup.statusCode).toBe(409)
    const admin = await registerUser(t.built, { roles: ['platform_admin'] })
    const noReason = await t.built.app.inject({ method: 'POST', url: `/api/accounts/verifications/${v.id}/reject`, headers: admin.headers, payload: {} })
    expect(noReason.statusCode).toBe(400)
    expect(noReason.json().error.field).toBe('body.reason')
    const rej = await t.built.app.inject({ method: 'POST', url: `/api/accounts/verifications/${v.id}/reject`, headers: admin.headers, payload: { reason: '照片不清晰' } })
    expect(rej.json()).toMatchObject({ status: 'rejected', rejectionReason: '照片不清晰' })
    const me = await t.built.app.inject({ method: 'GET', url: '/api/accounts/me', headers: farmer.headers })
    expect(me.json().verification).toMatchObject({ status: 'rejected', rejectionReason: '照片不清晰' })
    expect((await submit(farmer.headers, { legalName: '李四四', idNumber, birthDate: '1970-07-07', countyCode: LI_COUNTY })).statusCode).toBe(201)
  })

  it('keeps buyers and anonymous users out of the review queue', async () => {
    const buyer = await registerUser(t.built)
    expect((await t.built.app.inject({ method: 'GET', url: '/api/accounts/verifications', headers: buyer.headers })).statusCode).toBe(403)
    expect((await t.built.app.inject({ method: 'GET', url: '/api/accounts/verifications' })).statusCode).toBe(401)
  })
})
