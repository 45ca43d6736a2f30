import { Type, type Static } from 'typebox'
import { FenSchema, IdSchema, NonBlankString, PageSchema, PhoneSchema, RegionCodeSchema, TimestampSchema } from './common.ts'

// ---- addresses
export const AddressBodySchema = Type.Object({
  recipient: NonBlankString({ maxLength: 30 }),
  phone: PhoneSchema,
  countyCode: RegionCodeSchema,
  detail: NonBlankString({ minLength: 2, maxLength: 120, description: 'Street, building, room' }),
  isDefault: Type.Optional(Type.Boolean()),
})
export type AddressBody = Static<typeof AddressBodySchema>
export const AddressViewSchema = Type.Object({
  id: IdSchema,
  recipient: Type.String(),
  phone: Type.String(),
  provinceCode: RegionCodeSchema,
  provinceName: Type.String(),
  cityName: Type.String(),
  countyCode: RegionCodeSchema,
  countyName: Type.String(),
  detail: Type.String(),
  isDefault: Type.Boolean(),
})
export type AddressView = Static<typeof AddressViewSchema>
export const AddressListSchema = Type.Array(AddressViewSchema)

// ---- shipping rules (per shop)
export const ShippingRulesSchema = Type.Object({
  baseFeeFen: FenSchema,
  freeAboveFen: Type.Union([FenSchema, Type.Null()], { description: 'Free shipping when the shop subtotal reaches this' }),
  provinceFees: Type.Array(Type.Object({ provinceCode: RegionCodeSchema, feeFen: FenSchema }), { maxItems: 40, description: 'Overrides per province (e.g. remote provinces: 新疆, 西藏)' }),
  excludedProvinces: Type.Array(RegionCodeSchema, { maxItems: 40, description: 'Provinces the shop does not ship to' }),
})
export type ShippingRules = Static<typeof ShippingRulesSchema>

// ---- cart
export const CartItemSchema = Type.Object({
  skuId: IdSchema,
  productId: IdSchema,
  shopId: IdSchema,
  title: Type.String(),
  skuName: Type.String(),
  priceFen: FenSchema,
  qty: Type.Integer(),
  stock: Type.Integer(),
  isFresh: Type.Boolean(),
  coverUrl: Type.Union([Type.String(), Type.Null()]),
  onSale: Type.Boolean({ description: 'The shop still sells it (false: taken off the shelf)' }),
  available: Type.Boolean({ description: 'On sale with enough stock' }),
})
export type CartItem = Static<typeof CartItemSchema>
export const CartViewSchema = Type.Object({
  shops: Type.Array(Type.Object({ shopId: IdSchema, shopName: Type.String(), items: Type.Array(CartItemSchema) })),
  itemsFen: FenSchema,
  count: Type.Integer(),
})
export type CartView = Static<typeof CartViewSchema>
export const SetCartItemBodySchema = Type.Object({ qty: Type.Integer({ minimum: 0, maximum: 999, description: '0 removes the item' }) })
export const SkuParamsSchema = Type.Object({ skuId: IdSchema })

// ---- checkout
export const LineInputSchema = Type.Object({ skuId: IdSchema, qty: Type.Integer({ minimum: 1, maximum: 999 }) })
export const CheckoutBodySchema = Type.Object({
  items: Type.Array(LineInputSchema, { minItems: 1, maxItems: 50 }),
  addressId: IdSchema,
  note: Type.Optional(Type.String({ maxLength: 200, description: 'A note for every shop of the checkout (shopNotes overrides it per shop)' })),
  shopNotes: Type.Optional(Type.Array(Type.Object({ shopId: IdSchema, note: Type.String({ maxLength: 200 }) }), {
    maxItems: 50, description: 'A note for one shop of the checkout: each shop reads only its own',
  })),
  freshConfirmed: Type.Boolean({ description: 'The buyer confirmed fresh produce is not eligible for 7-day no-reason return' }),
  fromCart: Type.Optional(Type.Boolean({ description: 'Remove the bought items from the cart' })),
  liveRoomId: Type.Optional(IdSchema),
})
export type CheckoutBody = Static<typeof CheckoutBodySchema>
export const PreviewBodySchema = Type.Object({ items: Type.Array(LineInputSchema, { minItems: 1, maxItems: 50 }), addressId: Type.Optional(IdSchema) })
export type PreviewBody = Static<typeof PreviewBodySchema>

export const OrderStatuses = ['pending_payment', 'paid', 'shipped', 'delivered', 'completed', 'cancelled', 'refunded'] as const
export type OrderStatus = (typeof OrderStatuses)[number]

export const OrderLineSchema = Type.Object({
  skuId: IdSchema,
  productId: IdSchema,
  title: Type.String(),
  skuName: Type.String(),
  priceFen: FenSchema,
  qty: Type.Integer(),
  isFresh: Type.Boolean(),
  coverUrl: Type.Union([Type.String(), Type.Null()]),
})
export type OrderLine = Static<typeof OrderLineSchema>

export const ClaimReasons = ['damaged', 'rotten', 'missing', 'other'] as const
export const ClaimStatuses = ['open', 'refunded', 'rejected', 'escalated'] as const
export const ClaimViewSchema = Type.Object({
  id: IdSchema,
  orderId: IdSchema,
  reason: Type.Enum([...ClaimReasons]),
  description: Type.String(),
  imageUrls: Type.Array(Type.String()),
  requestedFen: FenSchema,
  status: Type.Enum([...ClaimStatuses]),
  refundFen: FenSchema,
  resolution: Type.Union([Type.String(), Type.Null()]),
  decidedBy: Type.Union([IdSchema, Type.Null()]),
  createdAt: TimestampSchema,
  decidedAt: Type.Union([TimestampSchema, Type.Null()]),
  escalatedAt: Type.Union([TimestampSchema, Type.Null()], { description: 'Set once the buyer asked an arbiter; the arbiter\'s decision is final' }),
})
export type ClaimView = Static<typeof ClaimViewSchema>

export const OrderEventSchema = Type.Object({
  at: TimestampSchema,
  from: Type.Union([Type.String(), Type.Null()]),
  to: Type.String(),
  actorId: Type.Union([IdSchema, Type.Null()], { description: 'null = the system (expiry, auto-confirm, payment webhook)' }),
  reason: Type.String(),
})

export const OrderViewSchema = Type.Object({
  id: IdSchema,
  checkoutId: IdSchema,
  shopId: IdSchema,
  shopName: Type.String(),
  buyerId: IdSchema,
  buyerDisplayName: Type.String(),
  status: Type.Enum([...OrderStatuses]),
  lines: Type.Array(OrderLineSchema),
  itemsFen: FenSchema,
  shippingFen: FenSchema,
  totalFen: FenSchema,
  refundedFen: FenSchema,
  pendingRefundFen: Type.Integer({ minimum: 0, description: 'Refunds asked for that the payment provider has not answered yet (退款处理中)' }),
  address: Type.Object({ recipient: Type.String(), phone: Type.String(), region: Type.String(), detail: Type.String(), countyCode: RegionCodeSchema }),
  note: Type.String(),
  hasFresh: Type.Boolean(),
  freshConfirmedAt: Type.Union([TimestampSchema, Type.Null()]),
  flashSaleId: Type.Union([IdSchema, Type.Null()]),
  liveRoomId: Type.Union([IdSchema, Type.Null()]),
  carrier: Type.Union([Type.String(), Type.Null()]),
  waybill: Type.Union([Type.String(), Type.Null()]),
  payBefore: Type.Union([TimestampSchema, Type.Null()]),
  autoConfirmAt: Type.Union([TimestampSchema, Type.Null()]),
  createdAt: TimestampSchema,
  paidAt: Type.Union([TimestampSchema, Type.Null()]),
  shippedAt: Type.Union([TimestampSchema, Type.Null()]),
  deliveredAt: Type.Union([TimestampSchema, Type.Null()]),
  completedAt: Type.Union([TimestampSchema, Type.Null()]),
  cancelledAt: Type.Union([TimestampSchema, Type.Null()]),
  reviewed: Type.Boolean(),
  claim: Type.Union([ClaimViewSchema, Type.Null()]),
  events: Type.Array(OrderEventSchema),
})
export type OrderView = Static<typeof OrderViewSchema>
export const OrderPageSchema = PageSchema(OrderViewSchema)

export const CheckoutResultSchema = Type.Object({
  checkoutId: IdSchema,
  orders: Type.Array(OrderViewSchema),
  totalFen: FenSchema,
  payBefore: TimestampSchema,
})
export type CheckoutResult = Static<typeof CheckoutResultSchema>

export const PreviewResultSchema = Type.Object({
  shops: Type.Array(Type.Object({
    shopId: IdSchema, shopName: Type.String(), lines: Type.Array(OrderLineSchema), itemsFen: FenSchema,
    shippingFen: Type.Union([FenSchema, Type.Null()], { description: 'Null until an address is given: delivery depends on the province' }),
    deliverable: Type.Boolean(), problems: Type.Array(Type.String()),
  })),
  /** Items plus delivery; items only while no address is given. */
  totalFen: FenSchema,
  hasFresh: Type.Boolean(),
})
export type PreviewResult = Static<typeof PreviewResultSchema>

export const ListOrdersQuerySchema = Type.Object({
  status: Type.Optional(Type.Enum([...OrderStatuses], { description: 'shipped also lists delivered orders not yet confirmed (待收货)' })),
  checkoutId: Type.Optional(IdSchema),
  cursor: Type.Optional(Type.String({ maxLength: 200 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 20 })),
})
export type ListOrdersQuery = Static<typeof ListOrdersQuerySchema>

export const ShipBodySchema = Type.Object({
  carrier: NonBlankString({ minLength: 2, maxLength: 30, description: 'e.g. 中国邮政, 顺丰, 中通' }),
  waybill: Type.String({ pattern: '^[A-Za-z0-9-]{6,40}$' }),
})
export const ReasonBodySchema = Type.Object({ reason: Type.Optional(Type.String({ maxLength: 200 })) })

export const ReviewBodySchema = Type.Object({
  rating: Type.Integer({ minimum: 1, maximum: 5 }),
  text: Type.String({ maxLength: 500, default: '' }),
  imageIds: Type.Array(IdSchema, { maxItems: 6, default: [] }),
})
export type ReviewBody = Static<typeof ReviewBodySchema>
export const ReviewViewSchema = Type.Object({
  id: IdSchema, orderId: IdSchema, productId: IdSchema, buyerDisplayName: Type.String(), rating: Type.Integer(), text: Type.String(),
  imageUrls: Type.Array(Type.String()), createdAt: TimestampSchema,
})
export type ReviewView = Static<typeof ReviewViewSchema>
export const ReviewListSchema = Type.Array(ReviewViewSchema)

export const ClaimBodySchema = Type.Object({
  reason: Type.Enum([...ClaimReasons]),
  description: NonBlankString({ minLength: 2, maxLength: 500 }),
  imageIds: Type.Array(IdSchema, { minItems: 1, maxItems: 6, description: 'Photos of the box as it arrived' }),
  requestedFen: FenSchema,
})
export type ClaimBody = Static<typeof ClaimBodySchema>
export const ResolveClaimBodySchema = Type.Object({
  refundFen: FenSchema,
  note: NonBlankString({ minLength: 1, maxLength: 300 }),
})
export type ResolveClaimBody = Static<typeof ResolveClaimBodySchema>

export const IncomeViewSchema = Type.Object({
  grossFen: Type.Integer(),
  feeFen: Type.Integer(),
  refundFen: Type.Integer(),
  netFen: Type.Integer(),
  feeRateBps: Type.Integer({ description: 'Platform fee in basis points (1/100 of a percent)' }),
  orders: Type.Integer(),
  pendingFen: Type.Integer({ description: 'Not yet settled: what orders paid, shipped or delivered (less refunds and the platform fee) will add to netFen once their buyers confirm receipt' }),
  pendingOrders: Type.Integer(),
  entries: Type.Array(Type.Object({ id: IdSchema, orderId: IdSchema, kind: Type.Enum(['sale', 'fee', 'refund', 'fee_refund']), amountFen: Type.Integer(), at: TimestampSchema })),
})
export type IncomeView = Static<typeof IncomeViewSchema>

// ---- flash sales (秒杀) in the live room
export const FlashSaleStatuses = ['scheduled', 'running', 'sold_out', 'ended'] as const
export const FlashSaleViewSchema = Type.Object({
  id: IdSchema,
  roomId: IdSchema,
  skuId: IdSchema,
  productId: IdSchema,
  title: Type.String(),
  skuName: Type.String(),
  coverUrl: Type.Union([Type.String(), Type.Null()]),
  priceFen: FenSchema,
  originalPriceFen: FenSchema,
  quantity: Type.Integer(),
  remaining: Type.Integer(),
  perBuyerLimit: Type.Integer(),
  startsAt: TimestampSchema,
  endsAt: TimestampSchema,
  status: Type.Enum([...FlashSaleStatuses]),
  isFresh: Type.Boolean(),
})
export type FlashSaleView = Static<typeof FlashSaleViewSchema>
export const StartFlashSaleBodySchema = Type.Object({
  skuId: IdSchema,
  priceFen: Type.Integer({ minimum: 1, maximum: 10_000_000 }),
  quantity: Type.Integer({ minimum: 1, maximum: 100_000 }),
  perBuyerLimit: Type.Integer({ minimum: 1, maximum: 99, default: 1 }),
  startsInSeconds: Type.Integer({ minimum: 0, maximum: 3600, default: 0, description: '0 = now; otherwise a countdown' }),
  durationSeconds: Type.Integer({ minimum: 10, maximum: 86_400, default: 600 }),
})
export type StartFlashSaleBody = Static<typeof StartFlashSaleBodySchema>
export const GrabBodySchema = Type.Object({
  qty: Type.Integer({ minimum: 1, maximum: 99, default: 1 }),
  addressId: IdSchema,
  freshConfirmed: Type.Boolean(),
})
export type GrabBody = Static<typeof GrabBodySchema>
export const GrabResultSchema = Type.Object({ order: OrderViewSchema, sale: FlashSaleViewSchema })
export const FlashHeldSchema = Type.Object({
  heldUnits: Type.Integer({ minimum: 0, description: "Units the logged-in buyer holds in this sale (orders not cancelled); the per-buyer limit counts these" }),
})
export type FlashHeld = Static<typeof FlashHeldSchema>
export const FlashQuoteBodySchema = Type.Object({
  qty: Type.Integer({ minimum: 1, maximum: 99, default: 1 }),
  addressId: IdSchema,
})
export type FlashQuoteBody = Static<typeof FlashQuoteBodySchema>
export const FlashQuoteSchema = Type.Object({
  itemsFen: FenSchema,
  shippingFen: FenSchema,
  totalFen: FenSchema,
  deliverable: Type.Boolean({ description: 'false: the shop does not deliver to this address (a grab would be refused)' }),
})
export type FlashQuote = Static<typeof FlashQuoteSchema>
export const FlashSaleListSchema = Type.Array(FlashSaleViewSchema)
