// The demo commissioner of the Longnan counties approves one real-name request and rejects another with a reason.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type { Browser } from 'playwright-core'
import type { MeView } from '@hotland/contracts'
import { hasChromium } from '../support/env'
import { apiSession, fakeIdNumber, launch, phone, registerViaApi, shot } from '../support/browser'

const baseURL = inject('baseURL')
const LI_COUNTY = '621226'
const DEMO_COMMISSIONER = { phone: '13800000001', password: 'hotland-demo' } // printed by the server at start

describe.skipIf(!hasChromium)('commissioner reviews real-name requests', () => {
  let browser: Browser
  beforeAll(async () => { browser = await launch() })
  afterAll(async () => { await browser?.close() })

  it('approves one pending request and rejects another with a reason', async () => {
    const suffix = Math.random().toString(36).slice(2, 5)
    const applicants = []
    for (const name of [`李秀兰${suffix}`, `赵铁柱${suffix}`]) {
      const api = await apiSession(baseURL)
      await registerViaApi(api, name, 'farmer')
      const res = await api.post('/api/accounts/me/verification', {
        data: { legalName: name, idNumber: fakeIdNumber(LI_COUNTY, '19680412'), birthDate: '1968-04-12', countyCode: LI_COUNTY },
      })
      expect(res.status()).toBe(201)
      applicants.push({ name, api })
    }
    const [approveMe, rejectMe] = applicants as [typeof applicants[number], typeof applicants[number]]

    const ctx = await phone(browser, baseURL)
    const page = await ctx.newPage()
    await page.goto('/me')
    await shot(page, 'me-login')
    const login = page.getByRole('tabpanel')
    await login.getByRole('textbox', { name: '手机号' }).fill(DEMO_COMMISSIONER.phone)
    await login.getByLabel('密码').fill(DEMO_COMMISSIONER.password)
    await login.getByRole('button', { name: '登录', exact: true }).click()
    await page.getByText('特派员工作台').click()
    await page.waitForURL('**/commissioner')

    const first = page.getByRole('article', { name: approveMe.name })
    await first.scrollIntoViewIfNeeded()
    await shot(page, 'commissioner')
    await first.getByRole('button', { name: '通过', exact: true }).click()
    await page.getByRole('dialog').getByRole('button', { name: '通过', exact: true }).click()
    await expect.poll(() => first.count()).toBe(0)
    const approved = (await (await approveMe.api.get('/api/accounts/me')).json()) as MeView
    expect(approved.verification).toMatchObject({ status: 'approved', legalName: approveMe.name })

    const second = page.getByRole('article', { name: rejectMe.name })
    await second.scrollIntoViewIfNeeded()
    await second.getByRole('button', { name: '不通过' }).click()
    const dialog = page.getByRole('dialog').filter({ hasText: '不通过的原因' })
    await dialog.getByRole('textbox', { name: '原因' }).fill('身份证照片看不清')
    await dialog.getByRole('button', { name: '不通过', exact: true }).click()
    await expect.poll(() => second.count()).toBe(0)
    const rejected = (await (await rejectMe.api.get('/api/accounts/me')).json()) as MeView
    expect(rejected.verification).toMatchObject({ status: 'rejected', rejectionReason: '身份证照片看不清' })

    for (const a of applicants) await a.api.dispose()
    await ctx.close()
  })
})
