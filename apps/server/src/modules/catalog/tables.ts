import { sql } from 'drizzle-orm'
import { boolean, check, index, integer, pgSequence, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core'
import { images } from '../media/tables.ts'
import { regions } from '../regions/tables.ts'
import { shops } from '../shops/tables.ts'

export const products = pgTable('products', {
  id: text().primaryKey(),
  shopId: text().notNull().references(() => shops.id),
  title: text().notNull(),
  description: text().notNull().default(''),
  category: text({ enum: ['fruit', 'vegetable', 'grain', 'tea', 'meat', 'eggs', 'aquatic', 'processed'] }).notNull(),
  originCountyCode: text().notNull().references(() => regions.code),
  isFresh: boolean().notNull(),
  status: text({ enum: ['draft', 'on_sale', 'off_shelf'] }).notNull().default('draft'),
  isDemo: boolean().notNull().default(false),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  index().on(t.status, t.originCountyCode, t.id),
  index().on(t.status, t.category, t.id),
  index().on(t.shopId, t.id),
  check('products_status_valid', sql`${t.status} in ('draft', 'on_sale', 'off_shelf')`),
])

export const productImages = pgTable('product_images', {
  productId: text().notNull().references(() => products.id, { onDelete: 'cascade' }),
  imageId: text().notNull().references(() => images.id),
  position: integer().notNull(),
}, (t) => [primaryKey({ columns: [t.productId, t.imageId] })])

/** Item references for GTINs issued under the deployment's GS1 company prefix. */
export const skuItemRefSeq = pgSequence('sku_item_ref_seq', { startWith: 1 })

export const skus = pgTable('skus', {
  id: text().primaryKey(),
  productId: text().notNull().references(() => products.id),
  name: text().notNull(),
  priceFen: integer().notNull(),
  stock: integer().notNull(),
  weightGrams: integer().notNull(),
  position: integer().notNull().default(0),
  // GTIN-14 under GS1_COMPANY_PREFIX (the demo prefix is fictitious); null for SKUs made before GTINs existed.
  gtin: text(),
  // Most one buyer may hold across open orders (null = no limit).
  perBuyerLimit: integer(),
  // SKUs are archived, not deleted, so that later orders keep pointing at what was bought.
  archivedAt: timestamp({ withTimezone: true }),
}, (t) => [
  index().on(t.productId),
  uniqueIndex('skus_gtin').on(t.gtin),
  check('skus_stock_not_negative', sql`${t.stock} >= 0`),
  check('skus_price_positive', sql`${t.priceFen} > 0`),
  check('skus_weight_positive', sql`${t.weightGrams} > 0`),
])
