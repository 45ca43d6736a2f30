// Stock is catalog data, but it must change in the same transaction as the order that reserves it. The orders module
// reaches it only through these functions, bound to its transaction (documented exception to module isolation).
import { and, eq, gte, inArray, isNull, sql } from 'drizzle-orm'
import type { Db } from '../../platform/db/client.ts'
import { productImages, products, skus } from './tables.ts'

export interface SkuForSale {
  skuId: string
  productId: string
  shopId: string
  title: string
  skuName: string
  priceFen: number
  stock: number
  perBuyerLimit: number | null
  isFresh: boolean
  onSale: boolean
  coverImageId: string | null
}

export function stockRepository(db: Db) {
  return {
    async skusForSale(ids: string[]): Promise<Map<string, SkuForSale>> {
      if (!ids.length) return new Map()
      const rows = await db.select({ sku: skus, product: products }).from(skus).innerJoin(products, eq(products.id, skus.productId))
        .where(and(inArray(skus.id, [...new Set(ids)]), isNull(skus.archivedAt)))
      const covers = rows.length
        ? await db.select().from(productImages).where(and(inArray(productImages.productId, rows.map((r) => r.product.id)), eq(productImages.position, 0)))
        : []
      return new Map(rows.map(({ sku, product }) => [sku.id, {
        skuId: sku.id, productId: product.id, shopId: product.shopId, title: product.title, skuName: sku.name, priceFen: sku.priceFen,
        stock: sku.stock, perBuyerLimit: sku.perBuyerLimit, isFresh: product.isFresh, onSale: product.status === 'on_sale',
        coverImageId: covers.find((c) => c.productId === product.id)?.imageId ?? null,
      }]))
    },
    /** Takes `qty` units if that many are left; false otherwise. Never below zero (also a CHECK constraint). */
    async take(skuId: string, qty: number): Promise<boolean> {
      const r = await db.update(skus).set({ stock: sql`${skus.stock} - ${qty}` }).where(and(eq(skus.id, skuId), gte(skus.stock, qty))).returning({ id: skus.id })
      return r.length === 1
    },
    /** Takes up to `qty` units (what is left if fewer); returns how many were taken. */
    async takeUpTo(skuId: string, qty: number): Promise<number> {
      const [before] = await db.select({ stock: skus.stock }).from(skus).where(eq(skus.id, skuId)).for('update')
      const n = Math.min(before?.stock ?? 0, qty)
      if (n > 0) await db.update(skus).set({ stock: sql`${skus.stock} - ${n}` }).where(eq(skus.id, skuId))
      return n
    },
    async give(skuId: string, qty: number): Promise<void> {
      await db.update(skus).set({ stock: sql`${skus.stock} + ${qty}` }).where(eq(skus.id, skuId))
    },
    async stockOf(skuId: string): Promise<number | null> {
      const [r] = await db.select({ stock: skus.stock }).from(skus).where(eq(skus.id, skuId))
      return r?.stock ?? null
    },
  }
}
export type StockRepository = ReturnType<typeof stockRepository>
