// The anchor console tells the farmer what is going on when the video does not come from this phone: a room fed by a
// streaming app (ffmpeg here, OBS or Larix for a farmer) shows as live from that app with no 开播 button; a room that
// never started is cancelled, not ended, and its page says so instead of promising a replay.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type { Browser, BrowserContext } from 'playwright-core'
import type { LiveRoomView, ShopView } from '@hotland/contracts'
import { hasChromium } from '../support/env'
import { launch, phone, shot } from '../support/browser'

const baseURL = inject('baseURL')
const DEMO_FARMER = { phone: '13800000002', password: 'hotland-demo' } // real-name verified
const hasFfmpeg = spawnSync('ffmpeg', ['-version']).status === 0

async function farmerWithNewRoom(browser: Browser, title: string): Promise<{ ctx: BrowserContext; room: LiveRoomView }> {
  const ctx = await phone(browser, baseURL)
  expect((await ctx.request.post('/api/accounts/login', { data: DEMO_FARMER })).status()).toBe(200)
  const shop = ((await (await ctx.request.get('/api/shops/mine')).json()) as ShopView[])[0]!
  const res = await ctx.request.post(`/api/shops/${shop.id}/live-rooms`, {
    data: { title, scheduledAt: new Date(Date.now() + 3600_000).toISOString(), productIds: [] },
  })
  expect(res.status()).toBe(201)
  return { ctx, room: (await res.json()) as LiveRoomView }
}

describe.skipIf(!hasChromium)('the anchor console when the video comes from elsewhere, or never came', () => {
  let browser: Browser
  const pushes: ChildProcess[] = []
  beforeAll(async () => { browser = await launch() })
  afterAll(async () => {
    for (const p of pushes) p.kill('SIGKILL')
    await browser?.close()
  })

  it.skipIf(!hasFfmpeg)('shows a room fed by a streaming app as live from that app, as live from elsewhere, with no 开播 button', async () => {
    const { ctx, room } = await farmerWithNewRoom(browser, '推流软件直播测试')
    const key = (await (await ctx.request.get(`/api/live-rooms/${room.id}/stream-key`)).json()) as { fullUrl: string }
    const push = spawn('ffmpeg', [
      '-hide_banner', '-loglevel', 'error', '-re', '-f', 'lavfi', '-i', 'testsrc=size=320x240:rate=15', '-f', 'lavfi', '-i', 'sine=frequency=440',
      '-c:v', 'libx264', '-preset', 'ultrafast', '-g', '15', '-c:a', 'aac', '-t', '60', '-f', 'flv', key.fullUrl.replace('//localhost:', '//127.0.0.1:'),
    ], { stdio: 'ignore' })
    pushes.push(push)
    await expect.poll(async () => {
      const r = (await (await ctx.request.get(`/api/live-rooms/${room.id}`)).json()) as LiveRoomView
      return `${r.status}/${r.isPublishing}`
    }, { timeout: 30_000, interval: 500 }).toBe('live/true')

    const page = await ctx.newPage()
    await page.goto(`/live/${room.id}/console`)
    await expect.poll(() => page.getByText('已在别处开播').count()).toBe(1)
    expect(await page.getByRole('button', { name: '开播', exact: true }).count()).toBe(0)
    expect(await page.getByText('翻转镜头').count()).toBe(0)
    await shot(page, 'live-console-encoder')

    // The app stops pushing: the console offers 开播 from the phone again.
    push.kill('SIGKILL')
    await expect.poll(() => page.getByRole('button', { name: '开播', exact: true }).count(), { timeout: 30_000 }).toBe(1)
    expect(await page.getByText('已在别处开播').count()).toBe(0)
    expect((await ctx.request.post(`/api/live-rooms/${room.id}/end`)).status()).toBe(200) // leave no live room behind
    await ctx.close()
  })

  it('cancels a live that never started, and its page says so instead of promising a replay', async () => {
    const { ctx, room } = await farmerWithNewRoom(browser, '还没开播就取消')
    const page = await ctx.newPage()
    await page.goto(`/live/${room.id}/console`)
    await expect.poll(() => page.getByRole('button', { name: '取消这场直播' }).count()).toBe(1)
    expect(await page.getByRole('button', { name: '结束直播' }).count()).toBe(0)
    await page.getByRole('button', { name: '取消这场直播' }).click()
    await page.getByRole('dialog').getByRole('button', { name: '取消这场直播' }).click()
    await expect.poll(() => page.getByText('这场直播没有开播就取消了。').count()).toBe(1)
    expect(((await (await ctx.request.get(`/api/live-rooms/${room.id}`)).json()) as LiveRoomView).status).toBe('ended')

    await page.goto(`/live/${room.id}`)
    await expect.poll(() => page.getByText('这场直播没有开播，已经取消了').count()).toBe(1)
    expect(await page.getByText('回放还在生成中').count()).toBe(0)
    await shot(page, 'live-room-cancelled')
    await ctx.close()
  })
})
