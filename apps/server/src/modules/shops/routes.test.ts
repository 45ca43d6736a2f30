import { describe, expect, it } from 'vitest'
import { LI_COUNTY, buildTestApp, farmerWithShop, productBody, registerUser } from '../../../test/helpers/app.ts'
import { useTestApp } from '../../../test/helpers/suite.ts'

const t = useTestApp()
type Headers = { cookie: string }
const req = (method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, headers?: Headers, payload?: object) =>
  t.built.app.inject({ method, url, headers, payload })

describe('opening a shop', () => {
  it('opens a shop in a county and makes the caller its owner and a farmer', async () => {
    const u = await registerUser(t.built)
    const res = await req('POST', '/api/shops', u.headers, { name: '老张的苹果园测试', countyCode: LI_COUNTY, town: '永兴镇', village: '龙槐村', story: '三十年果园' })
    expect(res.statusCode).toBe(201)
    expect(res.json()).toMatchObject({ name: '老张的苹果园测试', countyName: '礼县', ownerId: u.id, myRole: 'owner', followerCount: 0 })
    expect((await req('GET', '/api/accounts/me', u.headers)).json().user.roles).toContain('farmer')
    expect((await req('GET', '/api/shops/mine', u.headers)).json().map((s: { id: string }) => s.id)).toEqual([res.json().id])
  })

  it('refuses a duplicate name with 409, and anonymous users with 401', async () => {
    const { shop } = await farmerWithShop(t.built)
    const other = await registerUser(t.built)
    const dup = await req('POST', '/api/shops', other.headers, { name: shop.name, countyCode: LI_COUNTY })
    expect(dup.statusCode).toBe(409)
    expect(dup.json().error).toMatchObject({ code: 'SHOPS_NAME_TAKEN', field: 'body.name' })
    expect((await req('POST', '/api/shops', undefined, { name: '匿名店铺', countyCode: LI_COUNTY })).statusCode).toBe(401)
  })

  it('does not let a farmer change another farmer\'s shop (403)', async () => {
    const { shop } = await farmerWithShop(t.built)
    const { farmer: stranger } = await farmerWithShop(t.built)
    const res = await req('PATCH', `/api/shops/${shop.id}`, stranger.headers, { story: '被改了' })
    expect(res.statusCode).toBe(403)
    expect(res.json().error.code).toBe('SHOPS_NOT_MEMBER')
    expect((await req('GET', `/api/shops/${shop.id}`)).json().story).toBe('测试')
    expect((await req('POST', `/api/shops/${shop.id}/products`, stranger.headers, productBody())).statusCode).toBe(403)
  })

  it('lists shops by county with cursor pagination', async () => {
    for (let i = 0; i < 3; i++) await farmerWithShop(t.built)
    const first = (await req('GET', `/api/shops?countyCode=${LI_COUNTY}&limit=2`)).json()
    expect(first.items).toHaveLength(2)
    const second = (await req('GET', `/api/shops?countyCode=${LI_COUNTY}&limit=2&cursor=${first.nextCursor}`)).json()
    expect(second.items.map((s: { id: string }) => s.id)).not.toContain(first.items[0].id)
    expect(second.items[0].id < first.items[1].id).toBe(true)
  })
})

describe('followers', () => {
  it('counts follows once per user and undoes them', async () => {
    const { shop } = await farmerWithShop(t.built)
    const fan = await registerUser(t.built)
    await req('POST', `/api/shops/${shop.id}/follow`, fan.headers)
    const twice = await req('POST', `/api/shops/${shop.id}/follow`, fan.headers)
    expect(twice.json()).toMatchObject({ followerCount: 1, followedByMe: true })
    expect((await req('GET', '/api/shops/following', fan.headers)).json().map((s: { id: string }) => s.id)).toEqual([shop.id])
    expect((await req('DELETE', `/api/shops/${shop.id}/follow`, fan.headers)).json()).toMatchObject({ followerCount: 0, followedByMe: false })
    expect((await req('GET', '/api/shops/following', fan.headers)).json()).toEqual([])
    expect((await req('GET', '/api/shops/following')).statusCode).toBe(401)
  })
})

describe('succession: handing the shop to a daughter', () => {
  async function family() {
    const { farmer, shop } = await farmerWithShop(t.built)
    const daughter = await registerUser(t.built, { displayName: '张小梅' })
    const added = await req('POST', `/api/shops/${shop.id}/members`, farmer.headers, { phone: daughter.phone })
    expect(added.statusCode).toBe(201)
    return { farmer, shop, daughter }
  }

  it('moves ownership when the member accepts and keeps followers, products, payout account and history', async () => {
    const { farmer, shop, daughter } = await family()
    const fan = await registerUser(t.built)
    await req('POST', `/api/shops/${shop.id}/follow`, fan.headers)
    const product = (await req('POST', `/api/shops/${shop.id}/products`, farmer.headers, productBody())).json()
    await req('PUT', `/api/shops/${shop.id}/payout-account`, farmer.headers, { accountName: '张大叔', bankName: '农村商业银行', accountNumber: '6200000000001234' })

    const proposed = await req('POST', `/api/shops/${shop.id}/transfers`, farmer.headers, { toUserId: daughter.id })
    expect(proposed.statusCode).toBe(201)
    expect(proposed.json()).toMatchObject({ status: 'pending', fromUserId: farmer.id, toUserId: daughter.id })
    const invited = (await req('GET', '/api/shops/mine', daughter.headers)).json()
    expect(invited[0].pendingTransferToMe).toEqual({ id: proposed.json().id, fromDisplayName: expect.any(String) })
    const accepted = await req('POST', `/api/shops/${shop.id}/transfers/${proposed.json().id}/accept`, daughter.headers)
    expect(accepted.statusCode).toBe(200)
    expect(accepted.json().status).toBe('accepted')

    const after = (await req('GET', `/api/shops/${shop.id}`, daughter.headers)).json()
    expect(after).toMatchObject({ id: shop.id, ownerId: daughter.id, myRole: 'owner', followerCount: 1, productCount: 1 })
    const members = (await req('GET', `/api/shops/${shop.id}/members`, daughter.headers)).json()
    expect(members).toEqual([
      expect.objectContaining({ userId: daughter.id, role: 'owner' }),
      expect.objectContaining({ userId: farmer.id, role: 'operator' }),
    ])
    expect((await req('GET', `/api/products/${product.id}`)).json().shopId).toBe(shop.id)
    expect((await req('GET', `/api/shops/${shop.id}/payout-account`, daughter.headers)).json()).toMatchObject({ accountName: '张大叔', accountNumberMasked: '************1234' })
    // the former owner now operates: can still edit, can no longer hand the shop over
    expect((await req('PATCH', `/api/shops/${shop.id}`, farmer.headers, { story: '女儿接班了' })).statusCode).toBe(200)
    expect((await req('POST', `/api/shops/${shop.id}/transfers`, farmer.headers, { toUserId: daughter.id })).json().error.code).toBe('SHOPS_NOT_OWNER')

    const audit = (await req('GET', `/api/shops/${shop.id}/audit`, daughter.headers)).json().map((a: { action: string }) => a.action)
    expect(audit).toEqual(expect.arrayContaining(['shop.opened', 'shop.member.added', 'shop.payout_account.set', 'shop.transfer.proposed', 'shop.transfer.accepted', 'shop.updated']))
  })

  it('lets only the owner propose, and only to a member', async () => {
    const { farmer, shop, daughter } = await family()
    const outsider = await registerUser(t.built)
    expect((await req('POST', `/api/shops/${shop.id}/transfers`, daughter.headers, { toUserId: daughter.id })).json().error.code).toBe('SHOPS_NOT_OWNER')
    const notMember = await req('POST', `/api/shops/${shop.id}/transfers`, farmer.headers, { toUserId: outsider.id })
    expect(notMember.statusCode).toBe(400)
    expect(notMember.json().error).toMatchObject({ code: 'SHOPS_TRANSFER_TARGET_NOT_MEMBER', field: 'body.toUserId' })
  })

  it('allows one pending transfer at a time, which the owner can cancel', async () => {
    const { farmer, shop, daughter } = await family()
    const t = (await req('POST', `/api/shops/${shop.id}/transfers`, farmer.headers, { toUserId: daughter.id })).json()
    expect((await req('POST', `/api/shops/${shop.id}/transfers`, farmer.headers, { toUserId: daughter.id })).statusCode).toBe(409)
    expect((await req('POST', `/api/shops/${shop.id}/transfers/${t.id}/cancel`, daughter.headers)).statusCode).toBe(403)
    expect((await req('POST', `/api/shops/${shop.id}/transfers/${t.id}/cancel`, farmer.headers)).json().status).toBe('cancelled')
    const late = await req('POST', `/api/shops/${shop.id}/transfers/${t.id}/accept`, daughter.headers)
    expect(late.statusCode).toBe(409)
    expect(late.json().error.code).toBe('SHOPS_TRANSFER_NOT_PENDING')
    expect((await req('GET', `/api/shops/${shop.id}`)).json().ownerId).toBe(farmer.id)
  })

  it('lets only the proposed member accept or decline', async () => {
    const { farmer, shop, daughter } = await family()
    const t = (await req('POST', `/api/shops/${shop.id}/transfers`, farmer.headers, { toUserId: daughter.id })).json()
    expect((await req('POST', `/api/shops/${shop.id}/transfers/${t.id}/accept`, farmer.headers)).statusCode).toBe(403)
    expect((await req('POST', `/api/shops/${shop.id}/transfers/${t.id}/decline`, daughter.headers)).json().status).toBe('declined')
    const transfers = (await req('GET', `/api/shops/${shop.id}/transfers`, farmer.headers)).json()
    expect(transfers[0]).toMatchObject({ id: t.id, status: 'declined', toDisplayName: '张小梅' })
  })

  it('cancels a pending transfer when its member is removed, and never removes the owner', async () => {
    const { farmer, shop, daughter } = await family()
    const t = (await req('POST', `/api/shops/${shop.id}/transfers`, farmer.headers, { toUserId: daughter.id })).json()
    expect((await req('DELETE', `/api/shops/${shop.id}/members/${farmer.id}`, farmer.headers)).json().error.code).toBe('SHOPS_CANNOT_REMOVE_OWNER')
    expect((await req('DELETE', `/api/shops/${shop.id}/members/${daughter.id}`, farmer.headers)).statusCode).toBe(200)
    const transfers = (await req('GET', `/api/shops/${shop.id}/transfers`, farmer.headers)).json()
    expect(transfers.find((x: { id: string }) => x.id === t.id).status).toBe('cancelled')
    expect((await req('GET', `/api/shops/${shop.id}/members`, daughter.headers)).statusCode).toBe(403)
  })

  it('adds members only by a registered phone, once', async () => {
    const { farmer, shop, daughter } = await family()
    const again = await req('POST', `/api/shops/${shop.id}/members`, farmer.headers, { phone: daughter.phone })
    expect(again.json().error).toMatchObject({ code: 'SHOPS_ALREADY_MEMBER', field: 'body.phone' })
    expect((await req('POST', `/api/shops/${shop.id}/members`, farmer.headers, { phone: '13999999999' })).statusCode).toBe(404)
    expect((await req('POST', `/api/shops/${shop.id}/members`, daughter.headers, { phone: '13999999999' })).statusCode).toBe(403)
  })
})
