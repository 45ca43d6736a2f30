import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Built } from '../../app.ts'
import type { DbHandle } from '../../platform/db/client.ts'
import { buildTestApp, registerUser, type TestUser } from '../../../test/helpers/app.ts'
import { openTestDb } from '../../../test/helpers/db.ts'
import { anchorWithRoom, LiveClient } from '../../../test/helpers/live.ts'
import { grab, runningFlashSale } from '../../../test/helpers/flash.ts'
import { buyerWithAddress } from '../../../test/helpers/orders.ts'

let h: DbHandle
let built: Built
let base: string
beforeAll(async () => {
  h = await openTestDb()
  built = await buildTestApp(h, {}, { LIVE_CHAT_CAP_PER_TICK: '5' })
  await built.app.listen({ port: 0, host: '127.0.0.1' })
  const addr = built.app.server.address() as { port: number }
  base = `ws://127.0.0.1:${addr.port}/api/live-rooms`
})
afterAll(async () => {
  await built.app.close()
  await h.close()
})

const clients: LiveClient[] = []
async function join(roomId: string, user?: TestUser) {
  const c = new LiveClient(`${base}/${roomId}/socket`, user?.cookie)
  clients.push(c)
  await c.ready()
  return c
}
afterAll(() => clients.forEach((c) => c.close()))

describe('live room socket', () => {
  it('greets every viewer, lets logged-in users chat and delivers chat to everyone', async () => {
    const { room, farmer } = await anchorWithRoom(built)
    const anon = await join(room.id)
    const buyer = await registerUser(built, { displayName: '城里的李女士' })
    const talker = await join(room.id, buyer)
    const anchor = await join(room.id, farmer)
    expect(anon.of('hello')[0]).toMatchObject({ roomId: room.id, status: 'scheduled', you: { userId: null, role: null } })
    expect(anchor.of('hello')[0]!.you).toMatchObject({ userId: farmer.id, role: 'anchor' })

    talker.send({ type: 'chat', text: '苹果甜不甜？' })
    await anon.until(() => anon.of('chat').length === 1)
    expect(anon.of('chat')[0]!.message).toMatchObject({ text: '苹果甜不甜？', displayName: '城里的李女士', userId: buyer.id, role: null })
    anchor.send({ type: 'chat', text: '甜！今天刚摘的。' })
    await talker.until(() => talker.of('chat').some((c) => c.message.role === 'anchor'))

    anon.send({ type: 'chat', text: '我没登录' })
    await anon.until(() => anon.of('error').length > 0)
    expect(anon.of('error')[0]!.code).toBe('AUTH_REQUIRED')
    const history = await built.app.inject({ method: 'GET', url: `/api/live-rooms/${room.id}/chat` })
    expect(history.json().map((m: { text: string }) => m.text)).toEqual(['苹果甜不甜？', '甜！今天刚摘的。'])
  })

  it('masks advertising-law superlatives, blocks off-platform deals and refuses overlong messages', async () => {
    const { room } = await anchorWithRoom(built)
    const u = await registerUser(built)
    const c = await join(room.id, u)
    c.send({ type: 'chat', text: '这是国家级最佳苹果' })
    await c.until(() => c.of('chat').length === 1)
    expect(c.of('chat')[0]!.message.text).toBe('这是*****苹果') // 国家级 + 最佳, one star per character
    c.send({ type: 'chat', text: '加 微信 便宜卖' })
    c.send({ type: 'chat', text: '长'.repeat(101) })
    await c.until(() => c.of('error').length === 2)
    expect(c.of('error').map((e) => e.code)).toEqual(['LIVE_BLOCKED_WORD', 'LIVE_MESSAGE_TOO_LONG'])
  })

  it('rate-limits one chatter without delaying anyone else', async () => {
    const { room } = await anchorWithRoom(built)
    const flooder = await join(room.id, await registerUser(built))
    const calm = await join(room.id, await registerUser(built))
    const watcher = await join(room.id)
    for (let i = 0; i < 200; i++) flooder.send({ type: 'chat', text: `刷屏${i}` })
    const sentAt = Date.now()
    calm.send({ type: 'chat', text: '请问发什么快递？' })
    await watcher.until(() => watcher.of('chat').some((c) => c.message.text === '请问发什么快递？'))
    const arrived = watcher.events.find((e) => e.event.type === 'chat' && e.event.message.text === '请问发什么快递？')!.at
    expect(arrived - sentAt).toBeLessThan(1000)
    await flooder.until(() => flooder.of('error').length > 0)
    expect(flooder.of('error').map((e) => e.code)).toContain('LIVE_RATE_LIMITED')
    // the burst allows 3; nothing beyond a handful got through
    expect(watcher.of('chat').filter((c) => c.message.text.startsWith('刷屏')).length).toBeLessThanOrEqual(3)
  })

  it('folds likes into a total', async () => {
    const { room } = await anchorWithRoom(built)
    const a = await join(room.id)
    const b = await join(room.id)
    for (let i = 0; i < 10; i++) a.send({ type: 'like', count: 3 })
    await b.until(() => b.of('likes').some((l) => l.total === 30), 4000)
    expect(b.of('likes').length).toBeLessThan(5) // totals, not one event per tap
  })

  it('counts viewers but not the anchor watching her own room on the console', async () => {
    const { room, farmer } = await anchorWithRoom(built)
    await join(room.id, farmer)
    const viewer = await join(room.id, await registerUser(built))
    const late = await join(room.id)
    expect(late.of('hello')[0]!.viewers).toBe(1) // the viewer before it; not the console
    await viewer.until(() => viewer.of('viewers').some((v) => v.now === 2), 4000)
  })

  it('batches a burst of chat into few frames and samples above the cap, but never drops a viewer\'s own message', async () => {
    const { room } = await anchorWithRoom(built)
    const watcher = await join(room.id)
    const talkers: Array<{ c: LiveClient; id: string }> = []
    for (let i = 0; i < 12; i++) {
      const u = await registerUser(built)
      talkers.push({ c: await join(room.id, u), id: u.id })
    }
    const framesBefore = watcher.frames
    talkers.forEach((t, i) => t.c.send({ type: 'chat', text: `第${i}条` }))
    await new Promise((r) => setTimeout(r, 800))
    const received = watcher.of('chat').length
    expect(received).toBeGreaterThanOrEqual(5) // cap is 5 per tick; the burst spans one or two ticks
    expect(received).toBeLessThan(12)
    expect(watcher.frames - framesBefore).toBeLessThanOrEqual(4)
    for (const [i, t] of talkers.entries()) expect(t.c.of('chat').some((c) => c.message.text === `第${i}条`)).toBe(true)
  })
})

describe('moderation', () => {
  it('lets the anchor delete a message, mute a user and ban another', async () => {
    const { room, farmer } = await anchorWithRoom(built)
    const rude = await registerUser(built)
    const spammer = await registerUser(built)
    const watcher = await join(room.id)
    const r = await join(room.id, rude)
    const s = await join(room.id, spammer)
    r.send({ type: 'chat', text: '难吃' })
    await watcher.until(() => watcher.of('chat').length === 1)
    const messageId = watcher.of('chat')[0]!.message.id

    const other = await registerUser(built)
    expect((await built.app.inject({ method: 'DELETE', url: `/api/live-rooms/${room.id}/messages/${messageId}`, headers: other.headers })).statusCode).toBe(403)
    expect((await built.app.inject({ method: 'DELETE', url: `/api/live-rooms/${room.id}/messages/${messageId}`, headers: farmer.headers })).statusCode).toBe(200)
    await watcher.until(() => watcher.of('chat.deleted').some((d) => d.messageId === messageId))

    const mute = await built.app.inject({ method: 'POST', url: `/api/live-rooms/${room.id}/mutes`, headers: farmer.headers, payload: { userId: rude.id, minutes: 10 } })
    expect(mute.statusCode).toBe(200)
    await watcher.until(() => watcher.of('muted').length === 1)
    r.send({ type: 'chat', text: '我又来了' })
    await r.until(() => r.of('error').some((e) => e.code === 'LIVE_MUTED'))

    expect((await built.app.inject({ method: 'POST', url: `/api/live-rooms/${room.id}/bans`, headers: farmer.headers, payload: { userId: spammer.id } })).statusCode).toBe(200)
    await s.until(() => s.closedWith !== null)
    expect(s.closedWith).toBe(4003)
    const back = new LiveClient(`${base}/${room.id}/socket`, spammer.cookie)
    await back.until(() => back.closedWith !== null)
    expect(back.of('error')[0]!.code).toBe('LIVE_BANNED')
    const history = await built.app.inject({ method: 'GET', url: `/api/live-rooms/${room.id}/chat` })
    expect(history.json().map((m: { id: string }) => m.id)).not.toContain(messageId)
  })

  it('lets an appointed moderator delete messages, and not before', async () => {
    const { room, farmer } = await anchorWithRoom(built)
    const mod = await registerUser(built)
    const talker = await join(room.id, await registerUser(built))
    talker.send({ type: 'chat', text: '有人吗' })
    await talker.until(() => talker.of('chat').length === 1)
    const id = talker.of('chat')[0]!.message.id
    expect((await built.app.inject({ method: 'DELETE', url: `/api/live-rooms/${room.id}/messages/${id}`, headers: mod.headers })).statusCode).toBe(403)
    await built.app.inject({ method: 'PUT', url: `/api/live-rooms/${room.id}/moderators/${mod.id}`, headers: farmer.headers })
    expect((await built.app.inject({ method: 'DELETE', url: `/api/live-rooms/${room.id}/messages/${id}`, headers: mod.headers })).statusCode).toBe(200)
  })

  it('shows an appointed moderator\'s next message as a moderator\'s, though the room\'s roles were just read', async () => {
    const { room, farmer } = await anchorWithRoom(built)
    const helper = await registerUser(built)
    const c = await join(room.id, helper)
    c.send({ type: 'chat', text: '第一句' })
    await c.until(() => c.of('chat').length === 1)
    expect(c.of('chat')[0]!.message.role).toBeNull()
    await built.app.inject({ method: 'PUT', url: `/api/live-rooms/${room.id}/moderators/${helper.id}`, headers: farmer.headers })
    await new Promise((r) => setTimeout(r, 1100)) // the per-user chat rate limit
    c.send({ type: 'chat', text: '第二句' })
    await c.until(() => c.of('chat').length === 2)
    expect(c.of('chat')[1]!.message.role).toBe('moderator')
  })

  it('refuses chat after the live ended, on a socket opened while it ran', async () => {
    const { room, farmer } = await anchorWithRoom(built)
    const c = await join(room.id, await registerUser(built))
    c.send({ type: 'chat', text: '还在吗' })
    await c.until(() => c.of('chat').length === 1)
    expect((await built.app.inject({ method: 'POST', url: `/api/live-rooms/${room.id}/end`, headers: farmer.headers })).statusCode).toBe(200)
    await c.until(() => c.of('status').some((e) => e.status === 'ended'))
    await new Promise((r) => setTimeout(r, 1100)) // the per-user chat rate limit
    c.send({ type: 'chat', text: '结束了还能说话吗' })
    await c.until(() => c.of('error').some((e) => e.code === 'LIVE_ENDED'))
    expect(c.of('chat')).toHaveLength(1)
  })

  it('never lets anyone mute or ban the anchor', async () => {
    const { room, farmer } = await anchorWithRoom(built)
    const mod = await registerUser(built)
    await built.app.inject({ method: 'PUT', url: `/api/live-rooms/${room.id}/moderators/${mod.id}`, headers: farmer.headers })
    expect((await built.app.inject({ method: 'POST', url: `/api/live-rooms/${room.id}/bans`, headers: mod.headers, payload: { userId: farmer.id } })).statusCode).toBe(403)
  })
})

describe('pinning a product (上链接)', () => {
  it('shows the pinned product to every viewer at once, and unpins', async () => {
    const { room, farmer, product } = await anchorWithRoom(built)
    const viewer = await join(room.id)
    const res = await built.app.inject({ method: 'POST', url: `/api/live-rooms/${room.id}/pin`, headers: farmer.headers, payload: { productId: product.id } })
    expect(res.json().pinnedProductId).toBe(product.id)
    await viewer.until(() => viewer.of('pin').length === 1)
    expect(viewer.of('pin')[0]!.product).toMatchObject({ id: product.id, minPriceFen: 5980 })
    const late = await join(room.id)
    expect((late.of('hello')[0]!.pinned as { id: string }).id).toBe(product.id)
    await built.app.inject({ method: 'POST', url: `/api/live-rooms/${room.id}/pin`, headers: farmer.headers, payload: { productId: null } })
    await viewer.until(() => viewer.of('pin').length === 2)
    expect(viewer.of('pin')[1]!.product).toBeNull()
  })

  it('shows an announcement to viewers who come later, until the next one; not after the live ended', async () => {
    const { room, farmer } = await anchorWithRoom(built)
    expect((await join(room.id)).of('hello')[0]!.announcement).toBeNull()
    const announce = (text: string) => built.app.inject({ method: 'POST', url: `/api/live-rooms/${room.id}/announcements`, headers: farmer.headers, payload: { text } })
    expect((await announce('今晚八点统一发货')).statusCode).toBe(200)
    const late = await join(room.id)
    expect(late.of('hello')[0]!.announcement).toMatchObject({ text: '今晚八点统一发货' })
    await announce('满两箱包邮')
    expect((await join(room.id)).of('hello')[0]!.announcement).toMatchObject({ text: '满两箱包邮' })
    expect((await built.app.inject({ method: 'POST', url: `/api/live-rooms/${room.id}/end`, headers: farmer.headers })).statusCode).toBe(200)
    expect((await join(room.id)).of('hello')[0]!.announcement).toBeNull()
    expect((await announce('明天继续')).json().error.code).toBe('LIVE_ENDED')
  })

  it('tells the room that someone grabbed a flash-sale box without telling it who: 上海的李女士 is 上**', async () => {
    const { room, sale } = await runningFlashSale(built)
    const watcher = await join(room.id)
    const buyer = await buyerWithAddress(built)
    expect((await grab(built, sale.id, buyer)).statusCode).toBe(201)
    await watcher.until(() => watcher.of('flash.grabbed').length > 0)
    expect(watcher.of('flash.grabbed')[0]).toMatchObject({ saleId: sale.id, displayName: '上**', remaining: 9 })
  })

})
