import { createHmac, randomInt } from 'node:crypto'
import type {
  ListVerificationsQuery, MeView, RegisterBody, Role, SubmitVerificationBody, UserView, VerificationView,
} from '@hotland/contracts'
import type { Actor } from '../../platform/auth/actor.ts'
import { hasRole, requireActor, requireRole } from '../../platform/auth/actor.ts'
import type { KeyValue } from '../../platform/cache/types.ts'
import type { Clock } from '../../platform/clock.ts'
import type { Sealer } from '../../platform/crypto.ts'
import type { Db } from '../../platform/db/client.ts'
import { AppError, conflict, forbidden, invalid, notFound } from '../../platform/errors.ts'
import { newId } from '../../platform/ids.ts'
import { hashPassword as hashPasswordArgon2id, verifyPassword } from '../../platform/password.ts'
import { maskPhone, maskTail } from '../../platform/mask.ts'
import type { SmsProvider } from '../../platform/sms/types.ts'
import { decodeCursor, encodeCursor } from '../../platform/cursor.ts'
import { accountsRepository, type UserRow, type VerificationRow } from './repository.ts'
import type { SessionStore } from './sessions.ts'
import { ageOn, birthDateOfIdNumber, isRealDate, isValidIdNumber } from './id-number.ts'
import { coalesce } from '../../platform/coalesce.ts'

/** What accounts needs to know about regions (implemented by the regions service). */
export interface RegionsLookup {
  requireCounty(code: string, field: string): Promise<{ code: string; name: string }>
  countyNames(codes: string[]): Promise<Map<string, string>>
  commissionerCountiesOf(userId: string): Promise<string[]>
  countyAdminCountiesOf(userId: string): Promise<string[]>
}

export interface AccountsDeps {
  db: Db
  kv: KeyValue
  sms: SmsProvider
  sealer: Sealer
  clock: Clock
  sessions: SessionStore
  secretKey: string
  regions: () => RegionsLookup
}

export const OTP_TTL_SECONDS = 600
export const OTP_MAX_PER_HOUR = 5
export const OTP_MAX_ATTEMPTS = 5
export const LOGIN_MAX_FAILURES = 5
export const LOGIN_LOCK_SECONDS = 15 * 60
export const SESSION_CACHE_MS = 5000
export const MIN_ANCHOR_AGE = 16
export const ADULT_AGE = 18

// Verifying against a real hash when the phone is unknown keeps response times alike (no account probing by timing).
const DUMMY_HASH = hashPasswordArgon2id('hotland-dummy-password')

export function toUserView(u: UserRow): UserView {
  return {
    id: u.id,
    phoneMasked: maskPhone(u.phone),
    displayName: u.displayName,
    roles: u.roles as Role[],
    isDemo: u.isDemo,
    createdAt: u.createdAt.toISOString(),
  }
}

export function createAccountsService(deps: AccountsDeps) {
  const repo = accountsRepository(deps.db)
  const tokenCache = new Map<string, { userId: string; at: number; expiresAt: number }>()
  const userCache = new Map<string, { actor: Actor; at: number }>()
  // The requests of one event-loop turn that need a user read them with one query.
  const userOfSession = coalesce(async (ids: string[]) => new Map((await repo.actorsByIds(ids)).map((u) => [u.id, u])))
  const otpHash = (phone: string, code: string) => createHmac('sha256', deps.secretKey).update(`${phone}:${code}`).digest('base64url')

  const hashPassword = hashPasswordArgon2id

  async function checkOtp(phone: string, purpose: string, code: string): Promise<void> {
    const now = deps.clock.now()
    const otp = await repo.latestOpenOtp(phone, purpose, now)
    const bad = () => invalid('ACCOUNTS_OTP_INVALID', 'The verification code is wrong or has expired', 'body.code')
    if (!otp) throw bad()
    const attempts = await repo.bumpOtpAttempts(otp.id)
    if (attempts > OTP_MAX_ATTEMPTS) throw bad()
    if (otp.codeHash !== otpHash(phone, code)) throw bad()
    if (!(await repo.consumeOtp(otp.id, now))) throw bad()
  }

  async function verificationView(v: VerificationRow, names?: Map<string, string>, users?: UserRow[]): Promise<VerificationView> {
    const user = users ? users.find((u) => u.id === v.userId) : (await repo.usersByIds([v.userId]))[0]
    const countyName = names?.get(v.countyCode) ?? (await deps.regions().countyNames([v.countyCode])).get(v.countyCode) ?? v.countyCode
    return {
      id: v.id,
      userId: v.userId,
      userDisplayName: user?.displayName ?? '',
      legalName: v.legalName,
      idNumberMasked: maskTail(v.idNumberLast4.padStart(18, '*')),
      birthDate: v.birthDate,
      age: ageOn(v.birthDate, deps.clock.now()),
      guardianConsent: v.guardianConsent,
      countyCode: v.countyCode,
      countyName,
      status: v.status,
      rejectionReason: v.rejectionReason,
      reviewedBy: v.reviewedBy,
      reviewedAt: v.reviewedAt?.toISOString() ?? null,
      createdAt: v.createdAt.toISOString(),
    }
  }

  async function assertReviewer(actor: Actor, countyCode: string) {
    if (hasRole(actor, 'platform_admin')) return
    if (!hasRole(actor, 'commissioner')) throw forbidden('FORBIDDEN', 'Only commissioners and admins review real-name requests')
    const counties = await deps.regions().commissionerCountiesOf(actor.id)
    if (!counties.includes(countyCode)) {
      throw forbidden('ACCOUNTS_NOT_COMMISSIONER_OF_COUNTY', 'You are not a commissioner of this county')
    }
  }

  return {
    async requestOtp(phone: string, purpose: 'register' | 'login') {
      const now = deps.clock.now()
      const existing = await repo.userByPhone(phone)
      if (purpose === 'register' && existing) throw conflict('ACCOUNTS_PHONE_TAKEN', 'This phone number is already registered', 'body.phone')
      if (purpose === 'login' && !existing) throw notFound('ACCOUNTS_USER_NOT_FOUND', 'No account with this phone number')
      const sent = await repo.countOtpsSince(phone, new Date(now.getTime() - 3600_000))
      if (sent >= OTP_MAX_PER_HOUR) throw new AppError('rate_limited', 'ACCOUNTS_OTP_LIMIT', 'At most 5 codes per hour for one number')
      const code = String(randomInt(0, 1_000_000)).padStart(6, '0')
      await repo.insertOtp({
        id: newId('otp'), phone, purpose, codeHash: otpHash(phone, code),
        expiresAt: new Date(now.getTime() + OTP_TTL_SECONDS * 1000), createdAt: now,
      })
      await deps.sms.sendCode(phone, code, purpose)
      return { sent: true as const, expiresInSeconds: OTP_TTL_SECONDS }
    },

    async register(body: RegisterBody) {
      if (await repo.userByPhone(body.phone)) throw conflict('ACCOUNTS_PHONE_TAKEN', 'This phone number is already registered', 'body.phone')
      await checkOtp(body.phone, 'register', body.code)
      const user = await repo.insertUser({
        id: newId('usr'), phone: body.phone, passwordHash: await hashPassword(body.password),
        displayName: body.displayName.trim(), roles: body.role === 'farmer' ? ['buyer', 'farmer'] : ['buyer'],
        createdAt: deps.clock.now(),
      })
      if (!user) throw conflict('ACCOUNTS_PHONE_TAKEN', 'This phone number is already registered', 'body.phone')
      const session = await deps.sessions.create(user.id)
      return { user: toUserView(user), session }
    },

    async login(phone: string, password: string) {
      const key = `login-fail:${phone}`
      const failures = Number((await deps.kv.get(key)) ?? 0)
      if (failures >= LOGIN_MAX_FAILURES) {
        throw new AppError('rate_limited', 'ACCOUNTS_LOGIN_THROTTLED', 'Too many failed attempts; try again in 15 minutes or log in with an SMS code')
      }
      const user = await repo.userByPhone(phone)
      const ok = user ? await verifyPassword(user.passwordHash, password) : (await verifyPassword(await DUMMY_HASH, password), false)
      if (!user || !ok) {
        await deps.kv.incr(key, LOGIN_LOCK_SECONDS)
        throw new AppError('unauthenticated', 'ACCOUNTS_BAD_CREDENTIALS', 'Wrong phone number or password')
      }
      await deps.kv.del(key)
      return { user: toUserView(user), session: await deps.sessions.create(user.id) }
    },

    async loginWithOtp(phone: string, code: string) {
      const user = await repo.userByPhone(phone)
      if (!user) throw notFound('ACCOUNTS_USER_NOT_FOUND', 'No account with this phone number')
      await checkOtp(phone, 'login', code)
      await deps.kv.del(`login-fail:${phone}`)
      return { user: toUserView(user), session: await deps.sessions.create(user.id) }
    },

    async logout(token: string | null) {
      if (!token) return
      tokenCache.delete(token)
      await deps.sessions.destroy(token)
      // A lookup that started before the destroy may have put it back meanwhile.
      tokenCache.delete(token)
    },

    /**
     * Every request resolves its session; in a flash sale that is thousands a second. Sessions and users are cached
     * for a few seconds (by the clock, so expiry stays exact in tests); this process forgets them at once on logout or
     * a role change, other processes within SESSION_CACHE_MS.
     */
    async resolveSession(token: string): Promise<Actor | null> {
      const t = deps.clock.now().getTime()
      const hit = tokenCache.get(token)
      let userId: string | null
      if (hit && t - hit.at < SESSION_CACHE_MS && hit.expiresAt > t) userId = hit.userId
      else {
        userId = await deps.sessions.userIdOf(token)
        if (!userId) {
          tokenCache.delete(token)
          return null
        }
        if (tokenCache.size > 100_000) tokenCache.clear()
        tokenCache.set(token, { userId, at: t, expiresAt: t + SESSION_CACHE_MS })
      }
      const cached = userCache.get(userId)
      if (cached && t - cached.at < SESSION_CACHE_MS) return cached.actor
      const user = await userOfSession(userId)
      const actor = user ? { id: user.id, roles: user.roles as Role[], displayName: user.displayName } : null
      if (actor) {
        if (userCache.size > 100_000) userCache.clear()
        userCache.set(userId, { actor, at: t })
      }
      return actor
    },

    async me(actorOrNull: Actor | null): Promise<MeView> {
      const actor = requireActor(actorOrNull)
      const user = await repo.userById(actor.id)
      if (!user) throw notFound('ACCOUNTS_USER_NOT_FOUND', 'User not found')
      const v = await repo.latestVerificationOf(actor.id)
      return {
        user: toUserView(user),
        verification: v ? await verificationView(v) : null,
        commissionerCountyCodes: await deps.regions().commissionerCountiesOf(actor.id),
        countyAdminCountyCodes: await deps.regions().countyAdminCountiesOf(actor.id),
      }
    },

    async userById(id: string) {
      const u = await repo.userById(id)
      return u ? toUserView(u) : null
    },
    async usersByIds(ids: string[]) {
      return (await repo.usersByIds([...new Set(ids)])).map((u) => ({ ...toUserView(u), phone: u.phone }))
    },
    async userByPhone(phone: string) {
      const u = await repo.userByPhone(phone)
      return u ? toUserView(u) : null
    },
    async lookupByPhone(actor: Actor | null, phone: string) {
      requireRole(actor, 'platform_admin')
      const u = await repo.userByPhone(phone)
      if (!u) throw notFound('ACCOUNTS_USER_NOT_FOUND', 'No account with this phone number')
      return toUserView(u)
    },
    async setRoles(actor: Actor | null, userId: string, roles: Role[]) {
      requireRole(actor, 'platform_admin')
      const u = await repo.setRoles(userId, roles)
      userCache.delete(userId)
      if (!u) throw notFound('ACCOUNTS_USER_NOT_FOUND', 'User not found')
      return toUserView(u)
    },
    async grantRole(userId: string, role: Role) {
      await repo.addRole(userId, role)
      userCache.delete(userId)
    },

    async submitVerification(actorOrNull: Actor | null, body: SubmitVerificationBody) {
      const actor = requireActor(actorOrNull)
      const idNumber = body.idNumber.toUpperCase()
      if (!isValidIdNumber(idNumber)) throw invalid('ACCOUNTS_ID_NUMBER_INVALID', 'The ID number is not valid', 'body.idNumber')
      if (!isRealDate(body.birthDate)) throw invalid('VALIDATION_FAILED', 'The birth date is not a real date', 'body.birthDate')
      if (birthDateOfIdNumber(idNumber) !== body.birthDate) {
        throw invalid('ACCOUNTS_ID_NUMBER_INVALID', 'The birth date does not match the ID number', 'body.birthDate')
      }
      const age = ageOn(body.birthDate, deps.clock.now())
      if (age < MIN_ANCHOR_AGE) throw invalid('ACCOUNTS_TOO_YOUNG', 'Anchors must be at least 16 years old', 'body.birthDate')
      if (age < ADULT_AGE && body.guardianConsent !== true) {
        throw invalid('ACCOUNTS_GUARDIAN_CONSENT_REQUIRED', 'Anchors aged 16–17 need their guardian\'s consent', 'body.guardianConsent')
      }
      await deps.regions().requireCounty(body.countyCode, 'body.countyCode')
      const open = await repo.openVerificationOf(actor.id)
      if (open?.status === 'approved') throw conflict('ACCOUNTS_ALREADY_VERIFIED', 'You are already verified')
      if (open) throw conflict('ACCOUNTS_VERIFICATION_PENDING', 'Your request is waiting for review')
      const row = await repo.insertVerification({
        id: newId('rnv'), userId: actor.id, legalName: body.legalName.trim(),
        idNumberSealed: deps.sealer.seal(idNumber), idNumberLast4: idNumber.slice(-4),
        birthDate: body.birthDate, guardianConsent: body.guardianConsent === true,
        countyCode: body.countyCode, createdAt: deps.clock.now(),
      })
      // The unique partial index lost a race to a concurrent submit.
      if (!row) throw conflict('ACCOUNTS_VERIFICATION_PENDING', 'Your request is waiting for review')
      return verificationView(row)
    },

    async listVerifications(actorOrNull: Actor | null, q: ListVerificationsQuery) {
      const actor = requireRole(actorOrNull, 'commissioner', 'platform_admin')
      let countyCodes: string[] | 'all' = hasRole(actor, 'platform_admin') ? 'all' : await deps.regions().commissionerCountiesOf(actor.id)
      if (q.countyCode) countyCodes = countyCodes === 'all' || countyCodes.includes(q.countyCode) ? [q.countyCode] : []
      const limit = q.limit ?? 20
      const rows = await repo.listVerifications({
        countyCodes, status: q.status, beforeId: q.cursor ? decodeCursor(q.cursor, 'query.cursor') : undefined, limit: limit + 1,
      })
      const page = rows.slice(0, limit)
      const [names, users] = await Promise.all([deps.regions().countyNames(page.map((r) => r.countyCode)), repo.usersByIds([...new Set(page.map((r) => r.userId))])])
      return {
        items: await Promise.all(page.map((r) => verificationView(r, names, users))),
        nextCursor: rows.length > limit ? encodeCursor(page[page.length - 1]!.id) : null,
      }
    },

    async approveVerification(actorOrNull: Actor | null, id: string) {
      const actor = requireActor(actorOrNull)
      const v = await repo.verificationById(id)
      if (!v) throw notFound('ACCOUNTS_VERIFICATION_NOT_FOUND', 'Verification request not found')
      await assertReviewer(actor, v.countyCode)
      const done = await repo.decideVerification(id, { status: 'approved', rejectionReason: null, reviewedBy: actor.id, reviewedAt: deps.clock.now() })
      if (!done) throw conflict('ACCOUNTS_VERIFICATION_ALREADY_REVIEWED', 'This request was already reviewed')
      return verificationView(done)
    },

    async rejectVerification(actorOrNull: Actor | null, id: string, reason: string) {
      const actor = requireActor(actorOrNull)
      const v = await repo.verificationById(id)
      if (!v) throw notFound('ACCOUNTS_VERIFICATION_NOT_FOUND', 'Verification request not found')
      await assertReviewer(actor, v.countyCode)
      const done = await repo.decideVerification(id, { status: 'rejected', rejectionReason: reason.trim(), reviewedBy: actor.id, reviewedAt: deps.clock.now() })
      if (!done) throw conflict('ACCOUNTS_VERIFICATION_ALREADY_REVIEWED', 'This request was already reviewed')
      return verificationView(done)
    },

    /** True when the user may go live (used by the live module). */
    async isVerifiedAnchor(userId: string) {
      return (await repo.openVerificationOf(userId))?.status === 'approved'
    },

    /** The stored ID number, decrypted — for authorised exports only. */
    async revealIdNumber(verificationId: string) {
      const v = await repo.verificationById(verificationId)
      return v ? deps.sealer.open(v.idNumberSealed) : null
    },

    /** Deletes expired database sessions (Redis expires its own). */
    async purgeExpiredSessions() {
      await repo.deleteExpiredSessions(deps.clock.now())
    },

    hashPassword,
  }
}
export type AccountsService = ReturnType<typeof createAccountsService>
