import { chromium } from 'playwright-core'
const [,, url, out] = process.argv
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--headless','--use-fake-device-for-media-stream','--use-fake-ui-for-media-stream','--autoplay-policy=no-user-gesture-required'] })
const ctx = await b.newContext({ viewport: { width: 360, height: 740 }, locale: 'zh-CN', isMobile: true, hasTouch: true })
const p = await ctx.newPage()
p.on('console', (m) => console.log('console:', m.type(), m.text()))
p.on('pageerror', (e) => console.log('pageerror:', e.message))
if (process.env.LOGIN) await ctx.request.post(new URL('/api/accounts/login', url).href, { data: { phone: process.env.LOGIN, password: 'hotland-demo' } })
await p.goto(url)
await p.waitForTimeout(Number(process.env.WAIT ?? 2500))
await p.screenshot({ path: out, fullPage: !!process.env.FULL })
await b.close()
