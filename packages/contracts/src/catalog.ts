import { Type, type Static } from 'typebox'
import { FenSchema, IdSchema, ImageUrlsSchema, NonBlankString, PageSchema, RegionCodeSchema, TimestampSchema } from './common.ts'

export const Categories = ['fruit', 'vegetable', 'grain', 'tea', 'meat', 'eggs', 'aquatic', 'processed'] as const
export type Category = (typeof Categories)[number]
export const CategorySchema = Type.Enum([...Categories])

export const ProductStatuses = ['draft', 'on_sale', 'off_shelf'] as const
export type ProductStatus = (typeof ProductStatuses)[number]
export const ProductStatusSchema = Type.Enum([...ProductStatuses])

export const ImageViewSchema = Type.Object({
  id: IdSchema,
  urls: ImageUrlsSchema,
  width: Type.Integer(),
  height: Type.Integer(),
})
export type ImageView = Static<typeof ImageViewSchema>

export const SkuInputSchema = Type.Object({
  id: Type.Optional(IdSchema),
  name: NonBlankString({ minLength: 1, maxLength: 40, description: 'e.g. 80mm 5kg' }),
  priceFen: Type.Integer({ minimum: 1, maximum: 10_000_000 }),
  stock: Type.Integer({ minimum: 0, maximum: 1_000_000 }),
  weightGrams: Type.Integer({ minimum: 1, maximum: 100_000 }),
  perBuyerLimit: Type.Optional(Type.Union([Type.Integer({ minimum: 1, maximum: 999 }), Type.Null()], { description: 'Most one buyer may buy (null = no limit)' })),
})
export type SkuInput = Static<typeof SkuInputSchema>

export const SkuViewSchema = Type.Object({
  id: IdSchema,
  name: Type.String(),
  priceFen: FenSchema,
  stock: Type.Integer(),
  weightGrams: Type.Integer(),
  perBuyerLimit: Type.Union([Type.Integer(), Type.Null()]),
  gtin: Type.Union([Type.String({ pattern: '^\\d{14}$' }), Type.Null()], { description: 'GTIN-14 (the demo company prefix is fictitious)' }),
})
export type SkuView = Static<typeof SkuViewSchema>

export const ProductViewSchema = Type.Object({
  id: IdSchema,
  shopId: IdSchema,
  shopName: Type.String(),
  title: Type.String(),
  description: Type.String(),
  category: CategorySchema,
  originCountyCode: RegionCodeSchema,
  originCountyName: Type.String(),
  isFresh: Type.Boolean({ description: 'Fresh produce: not eligible for 7-day no-reason return' }),
  status: ProductStatusSchema,
  images: Type.Array(ImageViewSchema),
  skus: Type.Array(SkuViewSchema),
  minPriceFen: FenSchema,
  isDemo: Type.Boolean(),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
})
export type ProductView = Static<typeof ProductViewSchema>

export const ProductSummarySchema = Type.Object({
  id: IdSchema,
  shopId: IdSchema,
  shopName: Type.String(),
  title: Type.String(),
  category: CategorySchema,
  originCountyCode: RegionCodeSchema,
  originCountyName: Type.String(),
  isFresh: Type.Boolean(),
  status: ProductStatusSchema,
  coverUrls: Type.Union([ImageUrlsSchema, Type.Null()]),
  minPriceFen: FenSchema,
  maxPriceFen: FenSchema,
  skuCount: Type.Integer(),
  isDemo: Type.Boolean(),
})
export type ProductSummary = Static<typeof ProductSummarySchema>
export const ProductPageSchema = PageSchema(ProductSummarySchema)

export const CreateProductBodySchema = Type.Object({
  title: NonBlankString({ minLength: 2, maxLength: 60 }),
  description: Type.String({ maxLength: 5000, default: '' }),
  category: CategorySchema,
  originCountyCode: RegionCodeSchema,
  isFresh: Type.Boolean(),
  status: Type.Optional(ProductStatusSchema),
  imageIds: Type.Array(IdSchema, { maxItems: 9, default: [] }),
  skus: Type.Array(SkuInputSchema, { minItems: 1, maxItems: 20 }),
})
export type CreateProductBody = Static<typeof CreateProductBodySchema>

export const UpdateProductBodySchema = Type.Object({
  title: Type.Optional(NonBlankString({ minLength: 2, maxLength: 60 })),
  description: Type.Optional(Type.String({ maxLength: 5000 })),
  category: Type.Optional(CategorySchema),
  originCountyCode: Type.Optional(RegionCodeSchema),
  isFresh: Type.Optional(Type.Boolean()),
  status: Type.Optional(ProductStatusSchema),
  imageIds: Type.Optional(Type.Array(IdSchema, { maxItems: 9 })),
  skus: Type.Optional(Type.Array(SkuInputSchema, { minItems: 1, maxItems: 20, description: 'Full list: SKUs without id are added, missing ones removed' })),
}, { minProperties: 1 })
export type UpdateProductBody = Static<typeof UpdateProductBodySchema>

export const ListProductsQuerySchema = Type.Object({
  countyCode: Type.Optional(RegionCodeSchema),
  category: Type.Optional(CategorySchema),
  q: Type.Optional(Type.String({ minLength: 1, maxLength: 40, description: 'Keyword; matches title and description (Chinese works). Results are newest first.' })),
  shopId: Type.Optional(IdSchema),
  cursor: Type.Optional(Type.String({ maxLength: 200 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
})
export type ListProductsQuery = Static<typeof ListProductsQuerySchema>

export const ShopProductsQuerySchema = Type.Object({
  status: Type.Optional(ProductStatusSchema),
  cursor: Type.Optional(Type.String({ maxLength: 200 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
})
export type ShopProductsQuery = Static<typeof ShopProductsQuerySchema>
export const ShopProductsParamsSchema = Type.Object({ shopId: IdSchema })

export const UpdatedAtSchema = TimestampSchema
