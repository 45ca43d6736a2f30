import { Type, type Static } from 'typebox'
import { IdSchema, NonBlankString, PageSchema, PhoneSchema, RegionCodeSchema, TimestampSchema } from './common.ts'

export const ShopMemberRoles = ['owner', 'operator'] as const
export type ShopMemberRole = (typeof ShopMemberRoles)[number]

export const ShopViewSchema = Type.Object({
  id: IdSchema,
  name: Type.String(),
  story: Type.String(),
  countyCode: RegionCodeSchema,
  countyName: Type.String(),
  town: Type.String(),
  village: Type.String(),
  coverUrl: Type.Union([Type.String(), Type.Null()]),
  coverImageId: Type.Union([IdSchema, Type.Null()]),
  ownerId: IdSchema,
  ownerDisplayName: Type.String(),
  followerCount: Type.Integer(),
  productCount: Type.Integer(),
  myRole: Type.Union([Type.Enum([...ShopMemberRoles]), Type.Null()], { description: 'The caller\'s role in this shop' }),
  followedByMe: Type.Boolean(),
  pendingTransferToMe: Type.Union([Type.Object({ id: IdSchema, fromDisplayName: Type.String() }), Type.Null()], { description: 'A handover the caller has been asked to accept' }),
  isDemo: Type.Boolean(),
  createdAt: TimestampSchema,
})
export type ShopView = Static<typeof ShopViewSchema>

export const ShopPageSchema = PageSchema(ShopViewSchema)
export const ShopListSchema = Type.Array(ShopViewSchema)

export const ListShopsQuerySchema = Type.Object({
  countyCode: Type.Optional(RegionCodeSchema),
  cursor: Type.Optional(Type.String({ maxLength: 200 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
})
export type ListShopsQuery = Static<typeof ListShopsQuerySchema>

export const OpenShopBodySchema = Type.Object({
  name: NonBlankString({ minLength: 2, maxLength: 30 }),
  story: Type.String({ maxLength: 2000, default: '' }),
  countyCode: RegionCodeSchema,
  town: Type.String({ maxLength: 40, default: '' }),
  village: Type.String({ maxLength: 40, default: '' }),
  coverImageId: Type.Optional(Type.Union([IdSchema, Type.Null()])),
})
export type OpenShopBody = Static<typeof OpenShopBodySchema>

export const UpdateShopBodySchema = Type.Object({
  name: Type.Optional(NonBlankString({ minLength: 2, maxLength: 30 })),
  story: Type.Optional(Type.String({ maxLength: 2000 })),
  town: Type.Optional(Type.String({ maxLength: 40 })),
  village: Type.Optional(Type.String({ maxLength: 40 })),
  coverImageId: Type.Optional(Type.Union([IdSchema, Type.Null()])),
}, { minProperties: 1 })
export type UpdateShopBody = Static<typeof UpdateShopBodySchema>

export const ShopMemberViewSchema = Type.Object({
  userId: IdSchema,
  displayName: Type.String(),
  phoneMasked: Type.String(),
  role: Type.Enum([...ShopMemberRoles]),
  joinedAt: TimestampSchema,
})
export type ShopMemberView = Static<typeof ShopMemberViewSchema>
export const ShopMemberListSchema = Type.Array(ShopMemberViewSchema)

export const AddMemberBodySchema = Type.Object({ phone: PhoneSchema })
export type AddMemberBody = Static<typeof AddMemberBodySchema>

export const ShopMemberParamsSchema = Type.Object({ id: IdSchema, userId: IdSchema })

export const TransferStatuses = ['pending', 'accepted', 'declined', 'cancelled'] as const
export type TransferStatus = (typeof TransferStatuses)[number]

export const TransferViewSchema = Type.Object({
  id: IdSchema,
  shopId: IdSchema,
  fromUserId: IdSchema,
  fromDisplayName: Type.String(),
  toUserId: IdSchema,
  toDisplayName: Type.String(),
  status: Type.Enum([...TransferStatuses]),
  createdAt: TimestampSchema,
  decidedAt: Type.Union([TimestampSchema, Type.Null()]),
})
export type TransferView = Static<typeof TransferViewSchema>
export const TransferListSchema = Type.Array(TransferViewSchema)

export const ProposeTransferBodySchema = Type.Object({ toUserId: IdSchema })
export type ProposeTransferBody = Static<typeof ProposeTransferBodySchema>
export const TransferParamsSchema = Type.Object({ id: IdSchema, transferId: IdSchema })

export const AuditEntrySchema = Type.Object({
  id: IdSchema,
  action: Type.String({ description: 'e.g. shop.opened, shop.transfer.proposed, shop.transfer.accepted' }),
  actorId: IdSchema,
  actorDisplayName: Type.String(),
  detail: Type.Record(Type.String(), Type.Unknown()),
  at: TimestampSchema,
})
export type AuditEntry = Static<typeof AuditEntrySchema>
export const AuditListSchema = Type.Array(AuditEntrySchema)

export const PayoutAccountBodySchema = Type.Object({
  accountName: Type.String({ minLength: 2, maxLength: 40 }),
  bankName: Type.String({ minLength: 2, maxLength: 60 }),
  accountNumber: Type.String({ pattern: '^\\d{12,19}$', description: 'Bank card / account number, 12–19 digits' }),
})
export type PayoutAccountBody = Static<typeof PayoutAccountBodySchema>
export const PayoutAccountViewSchema = Type.Object({
  accountName: Type.String(),
  bankName: Type.String(),
  accountNumberMasked: Type.String(),
  updatedAt: TimestampSchema,
})
export type PayoutAccountView = Static<typeof PayoutAccountViewSchema>
