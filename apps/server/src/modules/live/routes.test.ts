import { describe, expect, it } from 'vitest'
import { CHENG_COUNTY, LI_COUNTY, farmerWithShop, productBody, registerUser } from '../../../test/helpers/app.ts'
import { anchorWithRoom, verifyAnchor } from '../../../test/helpers/live.ts'
import { useTestApp } from '../../../test/helpers/suite.ts'

const t = useTestApp()
type Headers = { cookie: string }
const req = (method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, headers?: Headers, payload?: object) =>
  t.built.app.inject({ method, url, headers, payload })
const keyOf = (streamKey: string) => new URLSearchParams(streamKey.split('?')[1]).get('key')!

describe('scheduling a live', () => {
  it('lets the shop schedule a room with featured products, and nobody else', async () => {
    const { farmer, shop } = await farmerWithShop(t.built)
    const product = (await req('POST', `/api/shops/${shop.id}/products`, farmer.headers, productBody())).json()
    const at = new Date(Date.now() + 86_400_000).toISOString()
    const res = await req('POST', `/api/shops/${shop.id}/live-rooms`, farmer.headers, { title: '明早摘苹果', scheduledAt: at, productIds: [product.id] })
    expect(res.statusCode).toBe(201)
    expect(res.json()).toMatchObject({ status: 'scheduled', shopId: shop.id, countyCode: LI_COUNTY, myRole: 'anchor', playback: null, scheduledAt: at })
    expect(res.json().featuredProducts.map((p: { id: string }) => p.id)).toEqual([product.id])

    const stranger = await registerUser(t.built)
    expect((await req('POST', `/api/shops/${shop.id}/live-rooms`, stranger.headers, { title: '冒名直播', scheduledAt: at })).statusCode).toBe(403)
    expect((await req('POST', `/api/shops/${shop.id}/live-rooms`, undefined, { title: '匿名直播', scheduledAt: at })).statusCode).toBe(401)
    const { shop: other, farmer: otherFarmer } = await farmerWithShop(t.built)
    const foreign = (await req('POST', `/api/shops/${other.id}/products`, otherFarmer.headers, productBody())).json()
    const bad = await req('POST', `/api/shops/${shop.id}/live-rooms`, farmer.headers, { title: '借别人的货', scheduledAt: at, productIds: [foreign.id] })
    expect(bad.statusCode).toBe(400)
    expect(bad.json().error).toMatchObject({ code: 'LIVE_PRODUCT_NOT_IN_SHOP', field: 'body.productIds.0' })
    const noTime = await req('POST', `/api/shops/${shop.id}/live-rooms`, farmer.headers, { title: '没有时间' })
    expect(noTime.json().error.field).toBe('body.scheduledAt')
  })

  it('lists live and upcoming rooms by county', async () => {
    const { room } = await anchorWithRoom(t.built)
    const upcoming = (await req('GET', `/api/live-rooms?status=scheduled&countyCode=${LI_COUNTY}&limit=50`)).json()
    expect(upcoming.items.map((r: { id: string }) => r.id)).toContain(room.id)
    expect((await req('GET', `/api/live-rooms?status=scheduled&countyCode=${CHENG_COUNTY}`)).json().items.map((r: { id: string }) => r.id)).not.toContain(room.id)
    await t.built.services.live.onPublishStart(room.id)
    const live = (await req('GET', `/api/live-rooms?status=live&countyCode=${LI_COUNTY}`)).json()
    expect(live.items.find((r: { id: string }) => r.id === room.id)).toMatchObject({ status: 'live', isPublishing: true, playback: { flv: expect.stringContaining(`/live/${room.id}.flv`) } })
  })
})

describe('stream keys', () => {
  it('gives a key only to a real-name-approved anchor of the shop', async () => {
    const { farmer, shop } = await farmerWithShop(t.built)
    const room = (await req('POST', `/api/shops/${shop.id}/live-rooms`, farmer.headers, { title: '还没实名', scheduledAt: new Date().toISOString() })).json()
    const unverified = await req('GET', `/api/live-rooms/${room.id}/stream-key`, farmer.headers)
    expect(unverified.statusCode).toBe(403)
    expect(unverified.json().error.code).toBe('LIVE_NOT_VERIFIED')
    await verifyAnchor(t.built, farmer)
    const key = await req('GET', `/api/live-rooms/${room.id}/stream-key`, farmer.headers)
    expect(key.json()).toMatchObject({ rtmpServer: expect.stringMatching(/^rtmp:\/\//), streamKey: expect.stringMatching(new RegExp(`^${room.id}\\?key=`)) })
    const buyer = await registerUser(t.built)
    expect((await req('GET', `/api/live-rooms/${room.id}/stream-key`, buyer.headers)).statusCode).toBe(403)
  })

  it('refuses a wrong key, the old key after rotation, and any key once the live ended', async () => {
    const { farmer, room } = await anchorWithRoom(t.built)
    const live = t.built.services.live
    const first = keyOf((await req('GET', `/api/live-rooms/${room.id}/stream-key`, farmer.headers)).json().streamKey)
    expect(live.authorizePublish(room.id, first)).toBe(true)
    expect(live.authorizePublish(room.id, 'guess')).toBe(false)
    expect(live.authorizePublish(room.id, undefined)).toBe(false)
    expect(live.authorizePublish('room_01JZZZZZZZZZZZZZZZZZZZZZZZ', first)).toBe(false)

    const rotated = await req('POST', `/api/live-rooms/${room.id}/stream-key/rotate`, farmer.headers)
    const second = keyOf(rotated.json().streamKey)
    expect(second).not.toBe(first)
    expect(live.authorizePublish(room.id, first)).toBe(false)
    expect(live.authorizePublish(room.id, second)).toBe(true)
    expect(await live.authorizePublishAsync(room.id, second)).toBe(true)

    const ended = await req('POST', `/api/live-rooms/${room.id}/end`, farmer.headers)
    expect(ended.json().status).toBe('ended')
    expect(live.authorizePublish(room.id, second)).toBe(false)
    expect(await live.authorizePublishAsync(room.id, second)).toBe(false)
    expect((await req('GET', `/api/live-rooms/${room.id}/stream-key`, farmer.headers)).json().error.code).toBe('LIVE_ENDED')
    expect((await req('POST', `/api/live-rooms/${room.id}/end`, farmer.headers)).statusCode).toBe(409)
  })

  it('answers the publish hook of an external media server (nginx-rtmp form fields)', async () => {
    const { farmer, room } = await anchorWithRoom(t.built)
    const key = keyOf((await req('GET', `/api/live-rooms/${room.id}/stream-key`, farmer.headers)).json().streamKey)
    const hook = (body: string) => t.built.app.inject({ method: 'POST', url: '/api/live/hooks/publish', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: body })
    expect((await hook(`app=live&name=${room.id}&key=${key}`)).statusCode).toBe(200)
    expect((await hook(`app=live&name=${room.id}&key=wrong`)).statusCode).toBe(403)
    expect((await req('GET', `/api/live-rooms/${room.id}`)).json()).toMatchObject({ status: 'live', isPublishing: true })
    await t.built.app.inject({ method: 'POST', url: '/api/live/hooks/publish-done', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: `app=live&name=${room.id}` })
    expect((await req('GET', `/api/live-rooms/${room.id}`)).json()).toMatchObject({ status: 'live', isPublishing: false })
  })
})

describe('followers', () => {
  it('sends followers an in-app notice when the room goes live, once', async () => {
    const { shop, room } = await anchorWithRoom(t.built)
    const fan = await registerUser(t.built)
    const notFan = await registerUser(t.built)
    await req('POST', `/api/live-rooms/${room.id}/follow`, fan.headers)
    expect((await req('GET', `/api/shops/${shop.id}`, fan.headers)).json().followedByMe).toBe(true)
    await t.built.services.live.onPublishStart(room.id)
    await t.built.services.live.onPublishStart(room.id) // a reconnect is not a second start
    const notices = (await req('GET', '/api/notices', fan.headers)).json()
    expect(notices.unread).toBe(1)
    expect(notices.items[0]).toMatchObject({ kind: 'live.started', roomId: room.id, readAt: null })
    expect((await req('GET', '/api/notices', notFan.headers)).json().items).toEqual([])
    await req('POST', '/api/notices/read', fan.headers)
    expect((await req('GET', '/api/notices', fan.headers)).json().unread).toBe(0)
  })
})

describe('banned words', () => {
  it('lets only a platform admin edit the list, and the chat filter uses it at once', async () => {
    const admin = await registerUser(t.built, { roles: ['platform_admin'] })
    const farmer = await registerUser(t.built, { role: 'farmer' })
    expect((await req('GET', '/api/live/banned-words', farmer.headers)).statusCode).toBe(403)
    const list = (await req('GET', '/api/live/banned-words', admin.headers)).json()
    expect(list).toContainEqual({ word: '国家级', action: 'mask' })
    const next = [...list, { word: '包治百病', action: 'block' }]
    expect((await req('PUT', '/api/live/banned-words', admin.headers, next)).statusCode).toBe(200)
    expect(t.built.services.live.filterText('这苹果包治百病')).toEqual({ ok: false, word: '包治百病' })
    const bad = await req('PUT', '/api/live/banned-words', admin.headers, [{ word: '', action: 'mask' }])
    expect(bad.json().error.field).toBe('body.0.word')
    await req('PUT', '/api/live/banned-words', admin.headers, list)
  })
})
