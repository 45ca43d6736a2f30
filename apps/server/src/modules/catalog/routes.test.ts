import { describe, expect, it } from 'vitest'
import sharp from 'sharp'
import { CHENG_COUNTY, LI_COUNTY, buildTestApp, farmerWithShop, multipartFile, productBody, registerUser } from '../../../test/helpers/app.ts'
import { useTestApp } from '../../../test/helpers/suite.ts'
import { catalogRepository } from './repository.ts'

const t = useTestApp({}, { MAX_UPLOAD_MB: '1' })
type Headers = { cookie: string }
const req = (method: 'GET' | 'POST' | 'PATCH', url: string, headers?: Headers, payload?: object) => t.built.app.inject({ method, url, headers, payload })

async function upload(headers: Headers, data: Buffer, name = 'apple.png', type = 'image/png') {
  const mp = multipartFile(data, name, type)
  return t.built.app.inject({ method: 'POST', url: '/api/media/images', headers: { ...headers, ...mp.headers }, payload: mp.payload })
}
const photo = (w = 2000, h2 = 1500, format: 'png' | 'jpeg' | 'webp' = 'png') =>
  sharp({ create: { width: w, height: h2, channels: 3, background: { r: 200, g: 30, b: 40 } } })[format]().toBuffer()

describe('product photos', () => {
  it('stores a JPEG, PNG or WebP as WebP at 1080, 480 and 160 px', async () => {
    const u = await registerUser(t.built)
    for (const format of ['png', 'jpeg', 'webp'] as const) {
      const res = await upload(u.headers, await photo(2000, 1500, format), `a.${format}`, `image/${format}`)
      expect(res.statusCode).toBe(201)
      expect(res.json()).toMatchObject({ width: 1080, height: 810 })
      for (const [size, px] of [['large', 1080], ['medium', 480], ['small', 160]] as const) {
        const file = await t.built.app.inject({ method: 'GET', url: res.json().urls[size] })
        expect(file.headers['content-type']).toBe('image/webp')
        const meta = await sharp(file.rawPayload).metadata()
        expect(meta.format).toBe('webp')
        expect(meta.width).toBe(px)
      }
    }
  })

  it('refuses a file that is not an image with 400', async () => {
    const u = await registerUser(t.built)
    const res = await upload(u.headers, Buffer.from('%PDF-1.4 not an image'), 'x.pdf', 'application/pdf')
    expect(res.statusCode).toBe(400)
    expect(res.json().error).toMatchObject({ code: 'CATALOG_IMAGE_INVALID', field: 'file' })
    const gif = await sharp({ create: { width: 10, height: 10, channels: 3, background: 'red' } }).gif().toBuffer()
    expect((await upload(u.headers, gif, 'x.gif', 'image/gif')).json().error.code).toBe('CATALOG_IMAGE_INVALID')
  })

  it('refuses a file over the size limit with 400', async () => {
    const u = await registerUser(t.built)
    const big = Buffer.concat([await photo(100, 100), Buffer.alloc(1.5 * 1024 * 1024)])
    const res = await upload(u.headers, big)
    expect(res.statusCode).toBe(400)
    expect(res.json().error.code).toBe('CATALOG_IMAGE_TOO_LARGE')
  })

  it('needs a login to upload', async () => {
    expect((await upload({ cookie: '' }, await photo(10, 10))).statusCode).toBe(401)
  })
})

describe('products and SKUs', () => {
  it('creates a product with photos and SKUs and shows the fresh-produce flag', async () => {
    const { farmer, shop } = await farmerWithShop(t.built)
    const img = (await upload(farmer.headers, await photo())).json()
    const res = await req('POST', `/api/shops/${shop.id}/products`, farmer.headers, productBody({
      imageIds: [img.id],
      skus: [{ name: '75mm 5kg', priceFen: 4980, stock: 10, weightGrams: 5000 }, { name: '85mm 10kg', priceFen: 12800, stock: 5, weightGrams: 10000 }],
    }))
    expect(res.statusCode).toBe(201)
    const p = res.json()
    expect(p).toMatchObject({ shopId: shop.id, isFresh: true, originCountyName: '礼县', minPriceFen: 4980, status: 'on_sale' })
    expect(p.images[0].id).toBe(img.id)
    expect(p.skus.map((s: { name: string }) => s.name)).toEqual(['75mm 5kg', '85mm 10kg'])
    const listed = (await req('GET', `/api/products?shopId=${shop.id}`)).json().items[0]
    expect(listed).toMatchObject({ id: p.id, skuCount: 2, minPriceFen: 4980, maxPriceFen: 12800 })
  })

  it('edits SKUs: keeps ids it is given, adds new ones, archives the rest', async () => {
    const { farmer, shop } = await farmerWithShop(t.built)
    const p = (await req('POST', `/api/shops/${shop.id}/products`, farmer.headers, productBody({
      skus: [{ name: 'A', priceFen: 100, stock: 1, weightGrams: 1 }, { name: 'B', priceFen: 200, stock: 1, weightGrams: 1 }],
    }))).json()
    const [a] = p.skus
    const res = await req('PATCH', `/api/products/${p.id}`, farmer.headers, {
      title: '改过的名字', skus: [{ id: a.id, name: 'A', priceFen: 150, stock: 9, weightGrams: 1 }, { name: 'C', priceFen: 300, stock: 2, weightGrams: 2 }],
    })
    expect(res.statusCode).toBe(200)
    expect(res.json().skus).toEqual([
      { id: a.id, name: 'A', priceFen: 150, stock: 9, weightGrams: 1, perBuyerLimit: null, gtin: a.gtin },
      expect.objectContaining({ name: 'C', priceFen: 300 }),
    ])
    const foreign = await req('PATCH', `/api/products/${p.id}`, farmer.headers, { skus: [{ id: 'sku_01JZZZZZZZZZZZZZZZZZZZZZZZ', name: 'X', priceFen: 1, stock: 1, weightGrams: 1 }] })
    expect(foreign.json().error).toMatchObject({ code: 'CATALOG_SKU_NOT_FOUND', field: 'body.skus.0.id' })
    const dup = await req('PATCH', `/api/products/${p.id}`, farmer.headers, { skus: [{ name: 'X', priceFen: 1, stock: 1, weightGrams: 1 }, { name: 'X', priceFen: 2, stock: 1, weightGrams: 1 }] })
    expect(dup.json().error).toMatchObject({ code: 'CATALOG_DUPLICATE_SKU_NAME', field: 'body.skus.1.name' })
  })

  it('hides drafts from buyers but shows them to the shop', async () => {
    const { farmer, shop } = await farmerWithShop(t.built)
    const p = (await req('POST', `/api/shops/${shop.id}/products`, farmer.headers, productBody({ status: 'draft' }))).json()
    const buyer = await registerUser(t.built)
    expect((await req('GET', `/api/products/${p.id}`, buyer.headers)).statusCode).toBe(404)
    expect((await req('GET', `/api/products/${p.id}`, farmer.headers)).statusCode).toBe(200)
    expect((await req('GET', `/api/products?shopId=${shop.id}`)).json().items).toHaveLength(0)
    expect((await req('GET', `/api/shops/${shop.id}/products?status=draft`, farmer.headers)).json().items[0].id).toBe(p.id)
    expect((await req('GET', `/api/shops/${shop.id}/products`, buyer.headers)).statusCode).toBe(403)
  })

  it('never lets stock go negative, even by a direct write', async () => {
    const { farmer, shop } = await farmerWithShop(t.built)
    const p = (await req('POST', `/api/shops/${shop.id}/products`, farmer.headers, productBody())).json()
    const repo = catalogRepository(t.h.db)
    await expect(repo.adjustStock(p.skus[0].id, -101)).rejects.toThrow()
    expect((await repo.adjustStock(p.skus[0].id, -100))!.stock).toBe(0)
  })
})

describe('finding products', () => {
  it('searches by county, category and Chinese keyword, newest first, with a cursor', async () => {
    const { farmer, shop } = await farmerWithShop(t.built)
    const tag = Math.random().toString(36).slice(2, 7)
    const make = (extra: Record<string, unknown>) => req('POST', `/api/shops/${shop.id}/products`, farmer.headers, productBody(extra))
    const apple = (await make({ title: `花牛苹果${tag}` })).json()
    const walnut = (await make({ title: `成县核桃${tag}`, category: 'processed', originCountyCode: CHENG_COUNTY, isFresh: false })).json()
    const tea = (await make({ title: `高山绿茶${tag}`, category: 'tea', description: `茶园${tag}` })).json()

    const q = async (query: string) => (await req('GET', `/api/products?${query}`)).json().items.map((i: { id: string }) => i.id)
    expect(await q(`q=${encodeURIComponent('苹果' + tag)}`)).toEqual([apple.id])
    expect(await q(`q=${encodeURIComponent('茶园' + tag)}`)).toEqual([tea.id])
    expect(await q(`q=${encodeURIComponent(tag)}&countyCode=${CHENG_COUNTY}`)).toEqual([walnut.id])
    expect(await q(`q=${encodeURIComponent(tag)}&category=tea`)).toEqual([tea.id])
    expect(await q(`q=${encodeURIComponent('%')}&shopId=${shop.id}`)).toEqual([])

    const page1 = (await req('GET', `/api/products?q=${tag}&limit=2`)).json()
    expect(page1.items.map((i: { id: string }) => i.id)).toEqual([tea.id, walnut.id])
    const page2 = (await req('GET', `/api/products?q=${tag}&limit=2&cursor=${page1.nextCursor}`)).json()
    expect(page2).toEqual({ items: [expect.objectContaining({ id: apple.id })], nextCursor: null })
    expect((await req('GET', '/api/products?cursor=not-a-cursor')).json().error.field).toBe('query.cursor')
  })

  it('lists counties that have products on sale', async () => {
    const { farmer, shop } = await farmerWithShop(t.built)
    await req('POST', `/api/shops/${shop.id}/products`, farmer.headers, productBody())
    const counties = (await req('GET', '/api/regions/counties?withProducts=true')).json()
    expect(counties.find((c: { code: string }) => c.code === LI_COUNTY).productCount).toBeGreaterThan(0)
  })
})
