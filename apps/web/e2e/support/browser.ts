import { mkdirSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium, request, type APIRequestContext, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { CHROMIUM_ARGS, CHROMIUM_PATH, MEDIA_ARGS } from './env'

const screenshotDir = resolve(dirname(fileURLToPath(import.meta.url)), '../screenshots')

export function launch(opts: { media?: boolean } = {}): Promise<Browser> {
  const args = opts.media ? [...CHROMIUM_ARGS, ...MEDIA_ARGS] : CHROMIUM_ARGS
  return chromium.launch({ executablePath: CHROMIUM_PATH, args, headless: true })
}

/** A low-end Android phone: 360×740, Chinese. */
export function phone(browser: Browser, baseURL: string): Promise<BrowserContext> {
  return browser.newContext({
    baseURL, viewport: { width: 360, height: 740 }, locale: 'zh-CN', isMobile: true, hasTouch: true, deviceScaleFactor: 1,
  })
}

export async function shot(page: Page, name: string) {
  mkdirSync(screenshotDir, { recursive: true })
  await page.waitForLoadState('networkidle').catch(() => undefined)
  // let popups finish closing and toasts fade so the picture shows the page itself
  await page.locator('.van-toast:visible, .van-popup--bottom:visible').first().waitFor({ state: 'hidden', timeout: 4000 }).catch(() => undefined)
  await page.waitForTimeout(350)
  await page.screenshot({ path: join(screenshotDir, `${name}.png`) })
}

export function uniquePhone(): string {
  return `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`
}

/** Reads the SMS code the server "sent" (test route, only with ENABLE_TEST_ROUTES=true). */
export async function otpCode(api: APIRequestContext, phoneNumber: string): Promise<string> {
  const res = await api.get(`/api/__test__/otp-codes/${phoneNumber}`)
  if (!res.ok()) throw new Error(`no OTP for ${phoneNumber}: ${res.status()}`)
  return ((await res.json()) as { code: string }).code
}

/** A logged-in API session of its own (not sharing the browser's cookies). */
export async function apiSession(baseURL: string) {
  return request.newContext({ baseURL })
}

/** Registers a user through the API (used to seed the "other side" of a journey). */
export async function registerViaApi(api: APIRequestContext, displayName: string, role: 'buyer' | 'farmer' = 'farmer') {
  const phoneNumber = uniquePhone()
  const sent = await api.post('/api/accounts/otp', { data: { phone: phoneNumber, purpose: 'register' } })
  if (sent.status() !== 202) throw new Error(`otp: ${sent.status()} ${await sent.text()}`)
  const code = await otpCode(api, phoneNumber)
  const res = await api.post('/api/accounts/register', {
    data: { phone: phoneNumber, code, password: 'test-pass-123', displayName, role },
  })
  if (res.status() !== 201) throw new Error(`register: ${res.status()} ${await res.text()}`)
  return { phone: phoneNumber, user: (await res.json()) as { id: string } }
}

/** An 18-character resident ID with a valid check character, for a person born on `birth` (YYYYMMDD). */
export function fakeIdNumber(countyCode: string, birth: string): string {
  const seq = String(Math.floor(Math.random() * 900) + 100)
  const body = `${countyCode}${birth}${seq}`
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
  const sum = w.reduce((s, wi, i) => s + wi * Number(body[i]), 0)
  return body + '10X98765432'[sum % 11]
}
