import type {
  CreateProductBody, ListProductsQuery, ProductSummary, ProductView, ShopProductsQuery, SkuInput, UpdateProductBody,
} from '@hotland/contracts'
import type { Actor } from '../../platform/auth/actor.ts'
import type { Clock } from '../../platform/clock.ts'
import { decodeCursor, encodeCursor } from '../../platform/cursor.ts'
import type { Db } from '../../platform/db/client.ts'
import { invalid, notFound } from '../../platform/errors.ts'
import { newId } from '../../platform/ids.ts'
import { makeGtin14 } from '@hotland/epcis'
import type { MediaService } from '../media/index.ts'
import type { ShopsService } from '../shops/index.ts'
import { catalogRepository, type CatalogRepository, type ProductRow } from './repository.ts'

export interface CatalogDeps {
  db: Db
  /** GS1 company prefix: each new SKU gets a GTIN-14 under it. */
  gs1CompanyPrefix: string
  clock: Clock
  media: MediaService
  shops: Pick<ShopsService, 'assertCanManage' | 'isMember' | 'shopNames'>
  regions: {
    requireCounty(code: string, field: string): Promise<{ code: string; name: string }>
    countyNames(codes: string[]): Promise<Map<string, string>>
  }
}

function checkSkuNames(list: SkuInput[]) {
  const seen = new Set<string>()
  list.forEach((s, i) => {
    const name = s.name.trim()
    if (seen.has(name)) throw invalid('CATALOG_DUPLICATE_SKU_NAME', `Two SKUs are named "${name}"`, `body.skus.${i}.name`)
    seen.add(name)
  })
}

export function createCatalogService(deps: CatalogDeps) {
  const repo = catalogRepository(deps.db)
  const gtinFor = async (r: CatalogRepository) => makeGtin14(0, deps.gs1CompanyPrefix, await r.nextItemRef())
  const inTx = <T>(fn: (r: CatalogRepository) => Promise<T>) => deps.db.transaction((tx) => fn(catalogRepository(tx as unknown as Db)))

  async function summaries(rows: ProductRow[]): Promise<ProductSummary[]> {
    const ids = rows.map((r) => r.id)
    const [shopNames, countyNames, images, prices] = await Promise.all([
      deps.shops.shopNames(rows.map((r) => r.shopId)),
      deps.regions.countyNames(rows.map((r) => r.originCountyCode)),
      repo.imagesOf(ids),
      repo.minPrices(ids),
    ])
    const cover = new Map<string, string>()
    for (const img of images) if (!cover.has(img.productId)) cover.set(img.productId, img.imageId)
    const price = new Map(prices.map((p) => [p.productId, p]))
    return rows.map((r) => ({
      id: r.id, shopId: r.shopId, shopName: shopNames.get(r.shopId) ?? '', title: r.title, category: r.category,
      originCountyCode: r.originCountyCode, originCountyName: countyNames.get(r.originCountyCode) ?? '',
      isFresh: r.isFresh, status: r.status,
      coverUrls: cover.has(r.id) ? deps.media.urlsOf(cover.get(r.id)!) : null,
      minPriceFen: price.get(r.id)?.minFen ?? 0, maxPriceFen: price.get(r.id)?.maxFen ?? 0, skuCount: price.get(r.id)?.n ?? 0,
      isDemo: r.isDemo,
    }))
  }

  async function view(r: ProductRow): Promise<ProductView> {
    const [summary] = await summaries([r])
    const [imageRows, skuRows] = await Promise.all([repo.imagesOf([r.id]), repo.activeSkusOf([r.id])])
    const imageViews = await deps.media.views(imageRows.map((i) => i.imageId))
    return {
      id: r.id, shopId: r.shopId, shopName: summary!.shopName, title: r.title, description: r.description, category: r.category,
      originCountyCode: r.originCountyCode, originCountyName: summary!.originCountyName, isFresh: r.isFresh, status: r.status,
      images: imageRows.map((i) => imageViews.get(i.imageId)!).filter(Boolean),
      skus: skuRows.map((s) => ({ id: s.id, name: s.name, priceFen: s.priceFen, stock: s.stock, weightGrams: s.weightGrams, perBuyerLimit: s.perBuyerLimit, gtin: s.gtin })),
      minPriceFen: summary!.minPriceFen, isDemo: r.isDemo,
      createdAt: r.createdAt.toISOString(), updatedAt: r.updatedAt.toISOString(),
    }
  }

  function page(rows: ProductRow[], limit: number) {
    const items = rows.slice(0, limit)
    return summaries(items).then((s) => ({ items: s, nextCursor: rows.length > limit ? encodeCursor(items[items.length - 1]!.id) : null }))
  }

  return {
    async create(actor: Actor | null, shopId: string, body: CreateProductBody, opts: { isDemo?: boolean } = {}): Promise<ProductView> {
      await deps.shops.assertCanManage(actor, shopId)
      await deps.regions.requireCounty(body.originCountyCode, 'body.originCountyCode')
      if (body.imageIds?.length) await deps.media.requireImages(body.imageIds, 'body.imageIds')
      checkSkuNames(body.skus)
      const now = deps.clock.now()
      const product = await inTx(async (r) => {
        const p = await r.insertProduct({
          id: newId('prd'), shopId, title: body.title.trim(), description: body.description ?? '', category: body.category,
          originCountyCode: body.originCountyCode, isFresh: body.isFresh, status: body.status ?? 'draft',
          isDemo: opts.isDemo ?? false, createdAt: now, updatedAt: now,
        })
        await r.replaceImages(p.id, [...new Set(body.imageIds ?? [])])
        for (const [i, s] of body.skus.entries()) {
          await r.insertSku({ id: newId('sku'), productId: p.id, name: s.name.trim(), priceFen: s.priceFen, stock: s.stock, weightGrams: s.weightGrams, perBuyerLimit: s.perBuyerLimit ?? null, position: i, gtin: await gtinFor(r) })
        }
        return p
      })
      return view(product)
    },

    async update(actor: Actor | null, id: string, body: UpdateProductBody): Promise<ProductView> {
      const current = await repo.productById(id)
      if (!current) throw notFound('CATALOG_PRODUCT_NOT_FOUND', 'Product not found')
      await deps.shops.assertCanManage(actor, current.shopId)
      if (body.originCountyCode) await deps.regions.requireCounty(body.originCountyCode, 'body.originCountyCode')
      if (body.imageIds?.length) await deps.media.requireImages(body.imageIds, 'body.imageIds')
      if (body.skus) {
        checkSkuNames(body.skus)
        const existing = new Set((await repo.activeSkusOf([id])).map((s) => s.id))
        body.skus.forEach((s, i) => {
          if (s.id && !existing.has(s.id)) throw invalid('CATALOG_SKU_NOT_FOUND', `SKU ${s.id} is not part of this product`, `body.skus.${i}.id`)
        })
      }
      const now = deps.clock.now()
      const updated = await inTx(async (r) => {
        const { skus: skuList, imageIds, ...fields } = body
        const p = await r.updateProduct(id, { ...fields, title: fields.title?.trim(), updatedAt: now })
        if (imageIds) await r.replaceImages(id, [...new Set(imageIds)])
        if (skuList) {
          const keep = new Set(skuList.filter((s) => s.id).map((s) => s.id))
          const active = await r.activeSkusOf([id])
          await r.archiveSkus(active.filter((s) => !keep.has(s.id)).map((s) => s.id), now)
          for (const [i, s] of skuList.entries()) {
            const values = { name: s.name.trim(), priceFen: s.priceFen, stock: s.stock, weightGrams: s.weightGrams, perBuyerLimit: s.perBuyerLimit ?? null, position: i }
            if (s.id) await r.updateSku(s.id, values)
            else await r.insertSku({ id: newId('sku'), productId: id, ...values, gtin: await gtinFor(r) })
          }
        }
        return p
      })
      return view(updated)
    },

    /** On-sale products are public; drafts and off-shelf ones only to the shop's members. */
    async get(actor: Actor | null, id: string): Promise<ProductView> {
      const p = await repo.productById(id)
      if (!p) throw notFound('CATALOG_PRODUCT_NOT_FOUND', 'Product not found')
      if (p.status !== 'on_sale' && !(actor && (await deps.shops.isMember(actor.id, p.shopId)))) {
        throw notFound('CATALOG_PRODUCT_NOT_FOUND', 'Product not found')
      }
      return view(p)
    },

    async list(q: ListProductsQuery) {
      const limit = q.limit ?? 20
      const rows = await repo.listProducts({
        status: 'on_sale', countyCode: q.countyCode, category: q.category, q: q.q?.trim() || undefined, shopId: q.shopId,
        beforeId: q.cursor ? decodeCursor(q.cursor, 'query.cursor') : undefined, limit: limit + 1,
      })
      return page(rows, limit)
    },

    async shopProducts(actor: Actor | null, shopId: string, q: ShopProductsQuery) {
      await deps.shops.assertCanManage(actor, shopId)
      const limit = q.limit ?? 20
      const rows = await repo.listProducts({
        shopId, status: q.status, beforeId: q.cursor ? decodeCursor(q.cursor, 'query.cursor') : undefined, limit: limit + 1,
      })
      return page(rows, limit)
    },

    /** Summaries in the order of `ids` (missing ids are skipped). */
    async summariesByIds(ids: string[]): Promise<ProductSummary[]> {
      const rows = await repo.productsByIds([...new Set(ids)])
      const byId = new Map(rows.map((r) => [r.id, r]))
      return summaries(ids.map((id) => byId.get(id)).filter((r): r is ProductRow => !!r))
    },

    /** Every id must be a product of this shop that is on sale; `fieldOf(i)` names the request field on failure. */
    async requireShopProducts(ids: string[], shopId: string, fieldOf: (i: number) => string): Promise<void> {
      const rows = await repo.productsByIds([...new Set(ids)])
      ids.forEach((id, i) => {
        const p = rows.find((r) => r.id === id)
        if (!p || p.shopId !== shopId || p.status !== 'on_sale') {
          throw invalid('LIVE_PRODUCT_NOT_IN_SHOP', `Product ${id} is not on sale in this shop`, fieldOf(i))
        }
      })
    },

    /** SKU facts for lots and trace pages: names, GTIN, product, shop and cover picture. */
    async skuFacts(ids: string[]) {
      const skuRows = await repo.skusByIds([...new Set(ids)])
      const prods = await repo.productsByIds([...new Set(skuRows.map((s) => s.productId))])
      const covers = await repo.imagesOf(prods.map((p) => p.id))
      return new Map(skuRows.flatMap((s) => {
        const p = prods.find((x) => x.id === s.productId)
        if (!p) return []
        const cover = covers.find((c) => c.productId === p.id)
        return [[s.id, {
          skuId: s.id, skuName: s.name, gtin: s.gtin, productId: p.id, title: p.title, shopId: p.shopId, isDemo: p.isDemo,
          imageUrl: cover ? deps.media.urlsOf(cover.imageId).medium : null,
        }]] as const
      }))
    },

    /** The on-sale product a GTIN belongs to (Digital Link resolution). */
    async byGtin(gtin: string) {
      const sku = await repo.skuByGtin(gtin)
      if (!sku) return null
      const p = await repo.productById(sku.productId)
      return p ? { skuId: sku.id, skuName: sku.name, productId: p.id, title: p.title, shopId: p.shopId, status: p.status } : null
    },

    async onSaleCountsByShop(shopIds: string[]) {
      return new Map((await repo.onSaleCountsByShop(shopIds)).map((r) => [r.shopId, r.n]))
    },
    async onSaleCountsByCounty(codes: string[]) {
      return new Map((await repo.onSaleCountsByCounty(codes)).map((r) => [r.code, r.n]))
    },
    countiesWithOnSale: () => repo.countiesWithOnSale(),
  }
}
export type CatalogService = ReturnType<typeof createCatalogService>
