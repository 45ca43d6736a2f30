import { Type, type Static } from 'typebox'
import { IdSchema, RegionCodeSchema } from './common.ts'

export const RegionLevels = ['province', 'city', 'county'] as const
export const RegionViewSchema = Type.Object({
  code: RegionCodeSchema,
  name: Type.String(),
  level: Type.Enum([...RegionLevels]),
  parentCode: Type.Union([RegionCodeSchema, Type.Null()]),
  isFunctionalZone: Type.Boolean({ description: 'Development/functional zones (codes xx7x) are not counted as counties' }),
})
export type RegionView = Static<typeof RegionViewSchema>

export const CountyViewSchema = Type.Object({
  code: RegionCodeSchema,
  name: Type.String(),
  cityName: Type.String(),
  provinceName: Type.String(),
  isFunctionalZone: Type.Boolean(),
  formerlyPoor: Type.Boolean(),
  povertyExitYear: Type.Union([Type.Integer(), Type.Null()]),
  povertySource: Type.Union([Type.String(), Type.Null()]),
  brandName: Type.Union([Type.String(), Type.Null()]),
  introduction: Type.Union([Type.String(), Type.Null()]),
  coverUrl: Type.Union([Type.String(), Type.Null()]),
  commissioners: Type.Array(Type.Object({ id: IdSchema, displayName: Type.String() })),
  shopCount: Type.Integer(),
  productCount: Type.Integer(),
})
export type CountyView = Static<typeof CountyViewSchema>

export const CountySummarySchema = Type.Object({
  code: RegionCodeSchema,
  name: Type.String(),
  cityName: Type.String(),
  provinceName: Type.String(),
  formerlyPoor: Type.Boolean(),
  brandName: Type.Union([Type.String(), Type.Null()]),
  coverUrl: Type.Union([Type.String(), Type.Null()]),
  productCount: Type.Integer(),
})
export type CountySummary = Static<typeof CountySummarySchema>

export const RegionCodeParamsSchema = Type.Object({ code: RegionCodeSchema })
export const CountyCommissionerParamsSchema = Type.Object({ code: RegionCodeSchema, userId: IdSchema })

export const UpdateCountyProfileBodySchema = Type.Object({
  formerlyPoor: Type.Optional(Type.Boolean()),
  povertyExitYear: Type.Optional(Type.Union([Type.Integer({ minimum: 2013, maximum: 2030 }), Type.Null()])),
  povertySource: Type.Optional(Type.Union([Type.String({ maxLength: 300 }), Type.Null()])),
  brandName: Type.Optional(Type.Union([Type.String({ minLength: 1, maxLength: 40 }), Type.Null()])),
  introduction: Type.Optional(Type.Union([Type.String({ maxLength: 2000 }), Type.Null()])),
  coverImageId: Type.Optional(Type.Union([IdSchema, Type.Null()])),
})
export type UpdateCountyProfileBody = Static<typeof UpdateCountyProfileBodySchema>

export const SearchCountiesQuerySchema = Type.Object({
  q: Type.Optional(Type.String({ minLength: 1, maxLength: 20 })),
  withProducts: Type.Optional(Type.Boolean({ description: 'Only counties that have products on sale' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 50 })),
})
export type SearchCountiesQuery = Static<typeof SearchCountiesQuerySchema>
