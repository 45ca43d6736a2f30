import { describe, expect, it } from 'vitest'
import { count, eq } from 'drizzle-orm'
import { fixedClock } from '../../platform/clock.ts'
import { buildTestApp, registerUser, uniquePhone } from '../../../test/helpers/app.ts'
import { useTestApp } from '../../../test/helpers/suite.ts'
import { SESSION_CACHE_MS } from './service.ts'
import { otpCodes, users } from './tables.ts'

const t = useTestApp()

const post = (url: string, payload: unknown, headers: Record<string, string> = {}) => t.built.app.inject({ method: 'POST', url, payload: payload as object, headers })

describe('registration with phone and SMS code', () => {
  it('registers, sets an HttpOnly SameSite=Lax session cookie and stores an argon2id hash', async () => {
    const phone = uniquePhone()
    expect((await post('/api/accounts/otp', { phone, purpose: 'register' })).statusCode).toBe(202)
    const res = await post('/api/accounts/register', { phone, password: 'apples-2024', code: t.built.sms.lastCode(phone), displayName: '老张', role: 'farmer' })
    expect(res.statusCode).toBe(201)
    expect(res.json()).toMatchObject({ displayName: '老张', roles: ['buyer', 'farmer'], phoneMasked: `${phone.slice(0, 3)}****${phone.slice(7)}` })
    const cookie = res.cookies.find((c) => c.name === 'hotland_session')!
    expect(cookie.httpOnly).toBe(true)
    expect(cookie.sameSite).toBe('Lax')
    const [row] = await t.h.db.select().from(users).where(eq(users.phone, phone))
    expect(row!.passwordHash).toMatch(/^\$argon2id\$/)
    const me = await t.built.app.inject({ method: 'GET', url: '/api/accounts/me', headers: { cookie: `hotland_session=${cookie.value}` } })
    expect(me.json().user.id).toBe(row!.id)
  })

  it('refuses a wrong code and writes no user', async () => {
    const phone = uniquePhone()
    await post('/api/accounts/otp', { phone, purpose: 'register' })
    const wrong = t.built.sms.lastCode(phone) === '000000' ? '111111' : '000000'
    const res = await post('/api/accounts/register', { phone, password: 'apples-2024', code: wrong, displayName: 'x' })
    expect(res.statusCode).toBe(400)
    expect(res.json().error).toMatchObject({ code: 'ACCOUNTS_OTP_INVALID', field: 'body.code' })
    expect((await t.h.db.select({ n: count() }).from(users).where(eq(users.phone, phone)))[0]!.n).toBe(0)
  })

  it('rejects a phone number that is not a mainland mobile number, naming the field', async () => {
    for (const phone of ['1380000000', '23800000000', '138000000001', '12800000000']) {
      const res = await post('/api/accounts/otp', { phone, purpose: 'register' })
      expect(res.statusCode).toBe(400)
      expect(res.json().error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'body.phone' })
    }
  })

  it('refuses a second account for the same phone with 409', async () => {
    const u = await registerUser(t.built)
    const res = await post('/api/accounts/otp', { phone: u.phone, purpose: 'register' })
    expect(res.statusCode).toBe(409)
    expect(res.json().error.code).toBe('ACCOUNTS_PHONE_TAKEN')
  })

  it('sends at most 5 codes per number per hour', async () => {
    const phone = uniquePhone()
    for (let i = 0; i < 5; i++) expect((await post('/api/accounts/otp', { phone, purpose: 'register' })).statusCode).toBe(202)
    const sixth = await post('/api/accounts/otp', { phone, purpose: 'register' })
    expect(sixth.statusCode).toBe(429)
    expect(sixth.json().error.code).toBe('ACCOUNTS_OTP_LIMIT')
    expect((await t.h.db.select({ n: count() }).from(otpCodes).where(eq(otpCodes.phone, phone)))[0]!.n).toBe(5)
  })

  it('uses a code only once', async () => {
    const phone = uniquePhone()
    await post('/api/accounts/otp', { phone, purpose: 'register' })
    const code = t.built.sms.lastCode(phone)
    expect((await post('/api/accounts/register', { phone, password: 'apples-2024', code, displayName: 'a' })).statusCode).toBe(201)
    const again = await post('/api/accounts/login/otp', { phone, code })
    expect(again.statusCode).toBe(400)
  })
})

describe('login, logout and sessions', () => {
  it('logs in with the password and with an SMS code', async () => {
    const u = await registerUser(t.built)
    const res = await post('/api/accounts/login', { phone: u.phone, password: u.password })
    expect(res.statusCode).toBe(200)
    expect(res.cookies.some((c) => c.name === 'hotland_session')).toBe(true)
    await post('/api/accounts/otp', { phone: u.phone, purpose: 'login' })
    const byCode = await post('/api/accounts/login/otp', { phone: u.phone, code: t.built.sms.lastCode(u.phone) })
    expect(byCode.statusCode).toBe(200)
  })

  it('answers 401 with one message for a wrong password and for an unknown phone', async () => {
    const u = await registerUser(t.built)
    const wrong = await post('/api/accounts/login', { phone: u.phone, password: 'nope-nope' })
    const unknown = await post('/api/accounts/login', { phone: uniquePhone(), password: 'nope-nope' })
    expect(wrong.statusCode).toBe(401)
    expect(unknown.statusCode).toBe(401)
    expect(wrong.json().error).toEqual(unknown.json().error)
  })

  it('throttles login after 5 failures, even with the right password', async () => {
    const u = await registerUser(t.built)
    for (let i = 0; i < 5; i++) expect((await post('/api/accounts/login', { phone: u.phone, password: 'wrong-password' })).statusCode).toBe(401)
    const locked = await post('/api/accounts/login', { phone: u.phone, password: u.password })
    expect(locked.statusCode).toBe(429)
    expect(locked.json().error.code).toBe('ACCOUNTS_LOGIN_THROTTLED')
  })

  it('ends the server-side session on logout', async () => {
    const u = await registerUser(t.built)
    expect((await t.built.app.inject({ method: 'GET', url: '/api/accounts/me', headers: u.headers })).statusCode).toBe(200)
    expect((await post('/api/accounts/logout', {}, u.headers)).statusCode).toBe(204)
    const after = await t.built.app.inject({ method: 'GET', url: '/api/accounts/me', headers: u.headers })
    expect(after.statusCode).toBe(401)
    expect(after.json().error.code).toBe('AUTH_REQUIRED')
  })

  it('expires sessions after the configured lifetime', async () => {
    const clock = fixedClock('2026-03-01T00:00:00Z')
    const local = await buildTestApp(t.h, { clock }, { SESSION_TTL_HOURS: '1', REDIS_URL: '' })
    try {
      const u = await registerUser(local)
      expect((await local.app.inject({ method: 'GET', url: '/api/accounts/me', headers: u.headers })).statusCode).toBe(200)
      clock.advance(61 * 60_000)
      expect((await local.app.inject({ method: 'GET', url: '/api/accounts/me', headers: u.headers })).statusCode).toBe(401)
    } finally {
      await local.app.close()
    }
  })

  // Decision 0005: each process caches sessions and users for SESSION_CACHE_MS; two apps on one database stand in for
  // two server processes.
  it('another process accepts a logged-out session for at most the session cache time, the one that logged out not at all', async () => {
    const clock = fixedClock('2026-03-01T00:00:00Z')
    const [a, b] = [await buildTestApp(t.h, { clock }, { REDIS_URL: '' }), await buildTestApp(t.h, { clock }, { REDIS_URL: '' })]
    try {
      const u = await registerUser(a)
      const me = (app: typeof a) => app.app.inject({ method: 'GET', url: '/api/accounts/me', headers: u.headers }).then((r) => r.statusCode)
      expect(await me(b)).toBe(200)
      expect((await a.app.inject({ method: 'POST', url: '/api/accounts/logout', headers: u.headers, payload: {} })).statusCode).toBe(204)
      expect(await me(a)).toBe(401)
      clock.advance(SESSION_CACHE_MS - 1)
      expect(await me(b)).toBe(200)
      clock.advance(1)
      expect(await me(b)).toBe(401)
    } finally {
      await a.app.close()
      await b.app.close()
    }
  })

  it('another process sees a role change within the session cache time', async () => {
    const clock = fixedClock('2026-03-01T00:00:00Z')
    const [a, b] = [await buildTestApp(t.h, { clock }, { REDIS_URL: '' }), await buildTestApp(t.h, { clock }, { REDIS_URL: '' })]
    try {
      const admin = await registerUser(a, { roles: ['platform_admin'] })
      const u = await registerUser(a)
      const roles = async (app: typeof a) => (await app.app.inject({ method: 'GET', url: '/api/accounts/me', headers: u.headers })).json().user.roles
      expect(await roles(b)).toEqual(['buyer'])
      const set = await a.app.inject({ method: 'PUT', url: `/api/accounts/users/${u.id}/roles`, headers: admin.headers, payload: { roles: ['buyer', 'platform_admin'] } })
      expect(set.statusCode).toBe(200)
      expect(await roles(a)).toEqual(['buyer', 'platform_admin'])
      // /me reads the user row itself; the cached roles show in what they allow: only an admin may look up a phone.
      const lookup = (app: typeof a) => app.app.inject({ method: 'GET', url: `/api/accounts/users/lookup?phone=${admin.phone}`, headers: u.headers }).then((r) => r.statusCode)
      expect(await lookup(a)).toBe(200)
      expect(await lookup(b)).toBe(403)
      clock.advance(SESSION_CACHE_MS)
      expect(await lookup(b)).toBe(200)
    } finally {
      await a.app.close()
      await b.app.close()
    }
  })

  it('tells a page who is logged in, or null for a visitor, without a 401', async () => {
    const u = await registerUser(t.built)
    const mine = await t.built.app.inject({ method: 'GET', url: '/api/accounts/session', headers: u.headers })
    expect(mine.statusCode).toBe(200)
    expect(mine.json().me.user.id).toBe(u.id)
    for (const headers of [{}, { cookie: 'hotland_session=forged-token' }]) {
      const visitor = await t.built.app.inject({ method: 'GET', url: '/api/accounts/session', headers })
      expect(visitor.statusCode).toBe(200)
      expect(visitor.json()).toEqual({ me: null })
    }
  })

  it('ignores a forged session cookie', async () => {
    const res = await t.built.app.inject({ method: 'GET', url: '/api/accounts/me', headers: { cookie: 'hotland_session=forged-token' } })
    expect(res.statusCode).toBe(401)
  })
})

describe('roles', () => {
  it('lets only a platform admin set roles', async () => {
    const admin = await registerUser(t.built, { roles: ['platform_admin'] })
    const farmer = await registerUser(t.built, { role: 'farmer' })
    const denied = await t.built.app.inject({ method: 'PUT', url: `/api/accounts/users/${farmer.id}/roles`, headers: farmer.headers, payload: { roles: ['platform_admin'] } })
    expect(denied.statusCode).toBe(403)
    const ok = await t.built.app.inject({ method: 'PUT', url: `/api/accounts/users/${farmer.id}/roles`, headers: admin.headers, payload: { roles: ['buyer', 'farmer', 'commissioner'] } })
    expect(ok.statusCode).toBe(200)
    expect(ok.json().roles).toEqual(['buyer', 'farmer', 'commissioner'])
    const bad = await t.built.app.inject({ method: 'PUT', url: `/api/accounts/users/${farmer.id}/roles`, headers: admin.headers, payload: { roles: ['king'] } })
    expect(bad.statusCode).toBe(400)
    expect(bad.json().error.field).toMatch(/^body\.roles/)
  })
})
