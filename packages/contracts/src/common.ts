import { Type, type Static, type TSchema } from 'typebox'

/** Every error response has this one shape; `code` is stable, `message` is for humans, `field` names the bad input. */
export const ErrorResponseSchema = Type.Object({
  error: Type.Object({
    code: Type.String({ description: 'Stable machine code, e.g. ACCOUNTS_PHONE_TAKEN' }),
    message: Type.String(),
    field: Type.Optional(Type.String({ description: 'The request field at fault, e.g. body.phone' })),
  }),
})
export type ErrorResponse = Static<typeof ErrorResponseSchema>

export const IdSchema = Type.String({ minLength: 4, maxLength: 40, pattern: '^[a-z]+_[0-9A-Za-z]+$' })
export const FenSchema = Type.Integer({ minimum: 0, maximum: 100_000_000_00, description: 'Money in integer fen (1/100 CNY)' })
export const TimestampSchema = Type.String({ format: 'date-time' })
export const DateSchema = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' })
/** Text that must say something: spaces alone are refused (the API answers "must not be blank" naming the field). */
export const NOT_BLANK = '\\S'
export const NonBlankString = (opts: { minLength?: number; maxLength: number; description?: string }) => Type.String({ minLength: 1, ...opts, pattern: NOT_BLANK })
export const PhoneSchema = Type.String({ pattern: '^1[3-9]\\d{9}$', description: 'Mainland China mobile number, 11 digits' })
export const RegionCodeSchema = Type.String({ pattern: '^\\d{6}$', description: '6-digit administrative division code' })
export const CursorSchema = Type.String({ maxLength: 200 })
export const LimitSchema = Type.Integer({ minimum: 1, maximum: 100, default: 20 })

export const PageQuerySchema = Type.Object({
  cursor: Type.Optional(CursorSchema),
  limit: Type.Optional(LimitSchema),
})

export function PageSchema<T extends TSchema>(item: T) {
  return Type.Object({ items: Type.Array(item), nextCursor: Type.Union([Type.String(), Type.Null()]) })
}
export interface Page<T> {
  items: T[]
  nextCursor: string | null
}

export const IdParamsSchema = Type.Object({ id: IdSchema })
export type IdParams = Static<typeof IdParamsSchema>

export const OkSchema = Type.Object({ ok: Type.Literal(true) })

export const ImageUrlsSchema = Type.Object({
  large: Type.String({ description: '1080 px WebP' }),
  medium: Type.String({ description: '480 px WebP' }),
  small: Type.String({ description: '160 px WebP' }),
})
export type ImageUrls = Static<typeof ImageUrlsSchema>
