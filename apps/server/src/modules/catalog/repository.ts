import { and, asc, count, desc, eq, ilike, inArray, isNull, lt, max, min, or, sql } from 'drizzle-orm'
import type { Db } from '../../platform/db/client.ts'
import { productImages, products, skus } from './tables.ts'

export type ProductRow = typeof products.$inferSelect
export type SkuRow = typeof skus.$inferSelect

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => '\\' + c)

export function catalogRepository(db: Db) {
  return {
    async insertProduct(row: typeof products.$inferInsert) {
      const [r] = await db.insert(products).values(row).returning()
      return r!
    },
    async updateProduct(id: string, patch: Partial<typeof products.$inferInsert>) {
      const [r] = await db.update(products).set(patch).where(eq(products.id, id)).returning()
      return r!
    },
    async productsByIds(ids: string[]) {
      if (!ids.length) return []
      return db.select().from(products).where(inArray(products.id, ids))
    },
    async productById(id: string) {
      const [r] = await db.select().from(products).where(eq(products.id, id))
      return r ?? null
    },
    async listProducts(opts: { status?: ProductRow['status']; countyCode?: string; category?: ProductRow['category']; q?: string; shopId?: string; beforeId?: string; limit: number }) {
      const conds = []
      if (opts.status) conds.push(eq(products.status, opts.status))
      if (opts.countyCode) conds.push(eq(products.originCountyCode, opts.countyCode))
      if (opts.category) conds.push(eq(products.category, opts.category))
      if (opts.shopId) conds.push(eq(products.shopId, opts.shopId))
      if (opts.q) {
        const pattern = `%${escapeLike(opts.q)}%`
        conds.push(or(ilike(products.title, pattern), ilike(products.description, pattern))!)
      }
      if (opts.beforeId) conds.push(lt(products.id, opts.beforeId))
      return db.select().from(products).where(and(...conds)).orderBy(desc(products.id)).limit(opts.limit)
    },

    async replaceImages(productId: string, imageIds: string[]) {
      await db.delete(productImages).where(eq(productImages.productId, productId))
      if (imageIds.length) await db.insert(productImages).values(imageIds.map((imageId, position) => ({ productId, imageId, position })))
    },
    async imagesOf(productIds: string[]) {
      if (!productIds.length) return []
      return db.select().from(productImages).where(inArray(productImages.productId, productIds)).orderBy(asc(productImages.position))
    },

    async activeSkusOf(productIds: string[]) {
      if (!productIds.length) return []
      return db.select().from(skus).where(and(inArray(skus.productId, productIds), isNull(skus.archivedAt))).orderBy(asc(skus.position), asc(skus.id))
    },
    async nextItemRef(): Promise<number> {
      const r = await db.execute(sql`select nextval('sku_item_ref_seq') as n`)
      return Number((r as unknown as { rows: Array<{ n: string | number }> }).rows[0]!.n)
    },
    async skusByIds(ids: string[]) {
      if (!ids.length) return []
      return db.select().from(skus).where(inArray(skus.id, ids))
    },
    async skuByGtin(gtin: string) {
      const [r] = await db.select().from(skus).where(eq(skus.gtin, gtin))
      return r ?? null
    },
    async insertSku(row: typeof skus.$inferInsert) {
      await db.insert(skus).values(row)
    },
    async updateSku(id: string, patch: Partial<typeof skus.$inferInsert>) {
      await db.update(skus).set(patch).where(eq(skus.id, id))
    },
    async archiveSkus(ids: string[], at: Date) {
      if (ids.length) await db.update(skus).set({ archivedAt: at }).where(inArray(skus.id, ids))
    },

    async onSaleCountsByShop(shopIds: string[]) {
      if (!shopIds.length) return []
      return db.select({ shopId: products.shopId, n: count() }).from(products)
        .where(and(inArray(products.shopId, shopIds), eq(products.status, 'on_sale'))).groupBy(products.shopId)
    },
    async onSaleCountsByCounty(codes: string[]) {
      if (!codes.length) return []
      return db.select({ code: products.originCountyCode, n: count() }).from(products)
        .where(and(inArray(products.originCountyCode, codes), eq(products.status, 'on_sale'))).groupBy(products.originCountyCode)
    },
    async countiesWithOnSale() {
      const rows = await db.selectDistinct({ code: products.originCountyCode }).from(products).where(eq(products.status, 'on_sale'))
      return rows.map((r) => r.code)
    },
    async minPrices(productIds: string[]) {
      if (!productIds.length) return []
      return db.select({ productId: skus.productId, minFen: min(skus.priceFen), maxFen: max(skus.priceFen), n: count() }).from(skus)
        .where(and(inArray(skus.productId, productIds), isNull(skus.archivedAt))).groupBy(skus.productId)
    },
    /** Used by tests and future orders: the database refuses negative stock (CHECK constraint). */
    async adjustStock(skuId: string, delta: number) {
      const [r] = await db.update(skus).set({ stock: sql`${skus.stock} + ${delta}` }).where(eq(skus.id, skuId)).returning()
      return r ?? null
    },
  }
}
export type CatalogRepository = ReturnType<typeof catalogRepository>
