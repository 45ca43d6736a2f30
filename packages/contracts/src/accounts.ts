import { Type, type Static } from 'typebox'
import { DateSchema, IdSchema, NonBlankString, PageSchema, PhoneSchema, RegionCodeSchema, TimestampSchema } from './common.ts'

export const Roles = ['buyer', 'farmer', 'commissioner', 'county_admin', 'platform_admin'] as const
export type Role = (typeof Roles)[number]
export const RoleSchema = Type.Enum([...Roles])

export const PasswordSchema = Type.String({ minLength: 8, maxLength: 128, description: 'At least 8 characters' })
export const OtpCodeSchema = Type.String({ pattern: '^\\d{6}$', description: 'The 6-digit code sent by SMS' })

export const OtpPurposes = ['register', 'login'] as const
export const RequestOtpBodySchema = Type.Object({
  phone: PhoneSchema,
  purpose: Type.Enum([...OtpPurposes]),
})
export type RequestOtpBody = Static<typeof RequestOtpBodySchema>
export const RequestOtpResponseSchema = Type.Object({ sent: Type.Literal(true), expiresInSeconds: Type.Integer() })

export const RegisterBodySchema = Type.Object({
  phone: PhoneSchema,
  password: PasswordSchema,
  code: OtpCodeSchema,
  displayName: NonBlankString({ minLength: 1, maxLength: 40 }),
  role: Type.Enum(['buyer', 'farmer'], { default: 'buyer' }),
})
export type RegisterBody = Static<typeof RegisterBodySchema>

export const LoginBodySchema = Type.Object({ phone: PhoneSchema, password: Type.String({ minLength: 1, maxLength: 128 }) })
export type LoginBody = Static<typeof LoginBodySchema>

export const OtpLoginBodySchema = Type.Object({ phone: PhoneSchema, code: OtpCodeSchema })
export type OtpLoginBody = Static<typeof OtpLoginBodySchema>

export const UserViewSchema = Type.Object({
  id: IdSchema,
  phoneMasked: Type.String({ description: '138****0001' }),
  displayName: Type.String(),
  roles: Type.Array(RoleSchema),
  isDemo: Type.Boolean(),
  createdAt: TimestampSchema,
})
export type UserView = Static<typeof UserViewSchema>

export const VerificationStatuses = ['pending', 'approved', 'rejected'] as const
export type VerificationStatus = (typeof VerificationStatuses)[number]

export const VerificationViewSchema = Type.Object({
  id: IdSchema,
  userId: IdSchema,
  userDisplayName: Type.String(),
  legalName: Type.String(),
  idNumberMasked: Type.String({ description: 'Only the last 4 characters are shown' }),
  birthDate: DateSchema,
  age: Type.Integer(),
  guardianConsent: Type.Boolean(),
  countyCode: RegionCodeSchema,
  countyName: Type.String(),
  status: Type.Enum([...VerificationStatuses]),
  rejectionReason: Type.Union([Type.String(), Type.Null()]),
  reviewedBy: Type.Union([IdSchema, Type.Null()]),
  reviewedAt: Type.Union([TimestampSchema, Type.Null()]),
  createdAt: TimestampSchema,
})
export type VerificationView = Static<typeof VerificationViewSchema>

export const MeViewSchema = Type.Object({
  user: UserViewSchema,
  verification: Type.Union([VerificationViewSchema, Type.Null()]),
  commissionerCountyCodes: Type.Array(RegionCodeSchema),
  countyAdminCountyCodes: Type.Array(RegionCodeSchema),
})
export type MeView = Static<typeof MeViewSchema>
/** GET /accounts/session: who is logged in, or null; a page load asks this without a 401 for visitors. */
export const SessionViewSchema = Type.Object({ me: Type.Union([MeViewSchema, Type.Null()]) })
export type SessionView = Static<typeof SessionViewSchema>

export const SubmitVerificationBodySchema = Type.Object({
  legalName: Type.String({ minLength: 2, maxLength: 40 }),
  idNumber: Type.String({ pattern: '^\\d{17}[\\dXx]$', description: '18-character resident ID number' }),
  birthDate: DateSchema,
  countyCode: RegionCodeSchema,
  guardianConsent: Type.Optional(Type.Boolean({ description: 'Required (true) when the anchor is 16 or 17' })),
})
export type SubmitVerificationBody = Static<typeof SubmitVerificationBodySchema>

export const RejectVerificationBodySchema = Type.Object({ reason: Type.String({ minLength: 2, maxLength: 200 }) })
export type RejectVerificationBody = Static<typeof RejectVerificationBodySchema>

export const ListVerificationsQuerySchema = Type.Object({
  status: Type.Optional(Type.Enum([...VerificationStatuses])),
  countyCode: Type.Optional(RegionCodeSchema),
  cursor: Type.Optional(Type.String({ maxLength: 200 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
})
export type ListVerificationsQuery = Static<typeof ListVerificationsQuerySchema>
export const VerificationPageSchema = PageSchema(VerificationViewSchema)

export const SetRolesBodySchema = Type.Object({ roles: Type.Array(RoleSchema, { minItems: 1, uniqueItems: true }) })
export type SetRolesBody = Static<typeof SetRolesBodySchema>

export const FindUserQuerySchema = Type.Object({ phone: PhoneSchema })
