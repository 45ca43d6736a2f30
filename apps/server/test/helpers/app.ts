import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Role } from '@hotland/contracts'
import { buildApp, type Built, type Overrides } from '../../src/app.ts'
import { loadConfig } from '../../src/config.ts'
import type { DbHandle } from '../../src/platform/db/client.ts'

export const TEST_SECRET = 'test-secret-test-secret-test-secret-00'

export function testConfig(extra: Record<string, string> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'hotland-test-'))
  return loadConfig({
    HOTLAND_DATA_DIR: dir,
    SECRET_KEY: TEST_SECRET,
    LOG_LEVEL: 'silent',
    WEB_DIST_DIR: join(dir, 'no-web'),
    MEDIA_SERVER: 'off', // node-media-server is one per process; media tests start it on free ports
    ...(process.env.TEST_REDIS_URL ? { REDIS_URL: process.env.TEST_REDIS_URL } : {}),
    ...extra,
  })
}

/** The app exactly as in production, on the given test database. */
export async function buildTestApp(h: DbHandle, override: Overrides = {}, env: Record<string, string> = {}): Promise<Built> {
  return buildApp(testConfig(env), { dbHandle: h, skipMigrations: true, ...override })
}

let phoneSeq = 0
/** A phone number no other test uses: 139 + pid-based block + sequence. */
export function uniquePhone(): string {
  phoneSeq++
  const block = (process.pid % 10_000).toString().padStart(4, '0')
  const rand = Math.floor(Math.random() * 100).toString().padStart(2, '0')
  return `139${block}${rand}${(phoneSeq % 100).toString().padStart(2, '0')}`
}

export interface TestUser {
  id: string
  phone: string
  password: string
  cookie: string
  headers: { cookie: string }
}

/** Registers through the real HTTP flow (SMS code, argon2id), then applies extra roles directly. */
export async function registerUser(built: Built, opts: { roles?: Role[]; displayName?: string; role?: 'buyer' | 'farmer' } = {}): Promise<TestUser> {
  const { app } = built
  const phone = uniquePhone()
  const password = 'correct-horse-1'
  const otp = await app.inject({ method: 'POST', url: '/api/accounts/otp', payload: { phone, purpose: 'register' } })
  if (otp.statusCode !== 202) throw new Error(`otp failed: ${otp.body}`)
  const code = built.sms.lastCode(phone)!
  const res = await app.inject({
    method: 'POST', url: '/api/accounts/register',
    payload: { phone, password, code, displayName: opts.displayName ?? `测试用户${phone.slice(-4)}`, role: opts.role ?? 'buyer' },
  })
  if (res.statusCode !== 201) throw new Error(`register failed: ${res.body}`)
  const id = res.json().id as string
  for (const role of opts.roles ?? []) await built.services.accounts.grantRole(id, role)
  const setCookie = res.cookies.find((c) => c.name === 'hotland_session')!
  const cookie = `hotland_session=${setCookie.value}`
  return { id, phone, password, cookie, headers: { cookie } }
}

export const LI_COUNTY = '621226'
export const CHENG_COUNTY = '621221'

/** A farmer with an open shop in Li County. */
export async function farmerWithShop(built: Built, name = `测试果园${Math.random().toString(36).slice(2, 8)}`) {
  const farmer = await registerUser(built, { role: 'farmer' })
  const res = await built.app.inject({ method: 'POST', url: '/api/shops', headers: farmer.headers, payload: { name, countyCode: LI_COUNTY, town: '永兴镇', village: '龙槐村', story: '测试' } })
  if (res.statusCode !== 201) throw new Error(`open shop failed: ${res.body}`)
  return { farmer, shop: res.json() as { id: string; name: string } }
}

export function productBody(extra: Record<string, unknown> = {}) {
  return {
    title: '花牛苹果 测试', description: '甜脆多汁', category: 'fruit', originCountyCode: LI_COUNTY, isFresh: true, status: 'on_sale',
    skus: [{ name: '80mm 5kg', priceFen: 5980, stock: 100, weightGrams: 5000 }],
    ...extra,
  }
}

/** A multipart/form-data body with one file field, for inject(). */
export function multipartFile(data: Buffer, filename: string, contentType: string, field = 'file') {
  const boundary = '----hotland' + Math.random().toString(16).slice(2)
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: ${contentType}\r\n\r\n`)
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`)
  return { payload: Buffer.concat([head, data, tail]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } }
}
