// Harvest lots, 承诺达标合格证 certificates, inspections, orchards, API keys and the buyer's trace page.
import { Type, type Static } from 'typebox'
import { DateSchema, IdSchema, ImageUrlsSchema, PhoneSchema, RegionCodeSchema, TimestampSchema } from './common.ts'

export const GlnSchema = Type.String({ pattern: '^\\d{13}$', description: 'GS1 Global Location Number (13 digits, check digit validated)' })
export const GtinSchema = Type.String({ pattern: '^\\d{14}$', description: 'GTIN-14 (check digit validated)' })
export const LotCodeSchema = Type.String({ pattern: '^[A-Z0-9]{4,20}$', description: 'GS1 AI (10) batch/lot, upper-case letters and digits' })

// ---- orchards (one GLN each)
export const OrchardBodySchema = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 40, description: 'e.g. 南坡果园 3 号地' }),
  countyCode: RegionCodeSchema,
  address: Type.String({ minLength: 1, maxLength: 100, description: '乡镇、村、组' }),
  story: Type.String({ maxLength: 500, default: '', description: 'The orchard in the farmer\'s words (shown on trace pages)' }),
})
export type OrchardBody = Static<typeof OrchardBodySchema>
export const OrchardViewSchema = Type.Object({
  id: IdSchema, shopId: IdSchema, name: Type.String(), countyCode: RegionCodeSchema, region: Type.String({ description: '省 市 县' }),
  address: Type.String(), story: Type.String(), gln: GlnSchema, createdAt: TimestampSchema,
})
export type OrchardView = Static<typeof OrchardViewSchema>
export const OrchardListSchema = Type.Array(OrchardViewSchema)

// ---- 承诺达标合格证 (promise-to-meet-standards certificate)
export const CertificateBases = ['self_test', 'commissioned_test', 'quality_control', 'self_promise'] as const
export const CertificateBodySchema = Type.Object({
  promiseConfirmed: Type.Literal(true, { description: 'The producer promises: no banned pesticides or veterinary drugs, no illegal additives, safety intervals kept, residues within national standards' }),
  basis: Type.Enum([...CertificateBases], { description: '自我检测 / 委托检测 / 内部质量控制 / 自我承诺' }),
  issuer: Type.String({ minLength: 1, maxLength: 40, description: 'Producer name as signed on the certificate' }),
  contactPhone: PhoneSchema,
  issuedOn: DateSchema,
  fileImageId: Type.Optional(IdSchema),
})
export type CertificateBody = Static<typeof CertificateBodySchema>
export const CertificateViewSchema = Type.Object({
  basis: Type.Enum([...CertificateBases]), issuer: Type.String(), contactPhone: Type.String(), issuedOn: DateSchema,
  fileUrl: Type.Union([Type.String(), Type.Null()]),
})
export type CertificateView = Static<typeof CertificateViewSchema>

// ---- inspections
export const InspectionResults = ['conformant', 'nonconformant'] as const
export const InspectionBodySchema = Type.Object({
  kind: Type.String({ minLength: 1, maxLength: 30, description: 'e.g. 农药残留速测 pesticide rapid test' }),
  result: Type.Enum([...InspectionResults]),
  inspectedOn: DateSchema,
  inspector: Type.String({ minLength: 1, maxLength: 40, description: 'Person or agency' }),
  note: Type.String({ maxLength: 200, default: '' }),
  imageIds: Type.Array(IdSchema, { maxItems: 6, default: [] }),
})
export type InspectionBody = Static<typeof InspectionBodySchema>
export const InspectionViewSchema = Type.Object({
  id: IdSchema, kind: Type.String(), result: Type.Enum([...InspectionResults]), inspectedOn: DateSchema, inspector: Type.String(),
  note: Type.String(), imageUrls: Type.Array(ImageUrlsSchema), createdAt: TimestampSchema,
})
export type InspectionView = Static<typeof InspectionViewSchema>

// ---- lots
export const CreateLotBodySchema = Type.Object({
  skuId: IdSchema,
  orchardId: IdSchema,
  harvestDate: DateSchema,
  weightKg: Type.Number({ exclusiveMinimum: 0, maximum: 1_000_000 }),
  grade: Type.String({ minLength: 1, maxLength: 20, description: 'e.g. 特级, 一级, 80 mm+' }),
  imageIds: Type.Array(IdSchema, { maxItems: 9, default: [] }),
  certificate: CertificateBodySchema,
})
export type CreateLotBody = Static<typeof CreateLotBodySchema>
export const PackBodySchema = Type.Object({
  boxes: Type.Integer({ minimum: 1, maximum: 500, description: 'Boxes packed now; each gets a serial and adds one unit of stock to the SKU' }),
  kgPerBox: Type.Number({ exclusiveMinimum: 0, maximum: 100 }),
})
export type PackBody = Static<typeof PackBodySchema>
export const ClipPurposes = ['harvest', 'packing', 'other'] as const
export const LotClipsBodySchema = Type.Object({
  clips: Type.Array(Type.Object({ clipId: IdSchema, purpose: Type.Enum([...ClipPurposes]) }), { maxItems: 10, uniqueItems: true }),
})
export type LotClipsBody = Static<typeof LotClipsBodySchema>
export const TraceClipSchema = Type.Object({
  id: IdSchema, purpose: Type.Enum([...ClipPurposes]), title: Type.String(), roomId: IdSchema, roomTitle: Type.String(),
  startSeconds: Type.Number(), endSeconds: Type.Number(), videoUrl: Type.Union([Type.String(), Type.Null()], { description: 'MP4 with a #t=start,end media fragment' }),
  posterUrl: Type.Union([Type.String(), Type.Null()]),
})
export type TraceClip = Static<typeof TraceClipSchema>
export const LotViewSchema = Type.Object({
  id: IdSchema, code: LotCodeSchema, shopId: IdSchema,
  orchard: Type.Object({ id: IdSchema, name: Type.String(), gln: GlnSchema }),
  productId: IdSchema, productTitle: Type.String(), skuId: IdSchema, skuName: Type.String(), gtin: GtinSchema,
  harvestDate: DateSchema, weightKg: Type.Number(), grade: Type.String(), imageUrls: Type.Array(ImageUrlsSchema),
  certificate: CertificateViewSchema, inspections: Type.Array(InspectionViewSchema),
  blocked: Type.Boolean({ description: 'A nonconformant inspection: the lot may not be packed or sold' }),
  boxesPacked: Type.Integer(), boxesShipped: Type.Integer(), packedKg: Type.Number(),
  clips: Type.Array(TraceClipSchema),
  digitalLink: Type.String({ description: 'The lot\'s GS1 Digital Link (…/01/{gtin}/10/{lot})' }),
  createdAt: TimestampSchema,
})
export type LotView = Static<typeof LotViewSchema>
export const LotListSchema = Type.Array(LotViewSchema)
export const PackResultSchema = Type.Object({
  lot: LotViewSchema,
  boxes: Type.Array(Type.Object({ serial: Type.String(), digitalLink: Type.String() })),
})
export type PackResult = Static<typeof PackResultSchema>

export const LotBoxListSchema = Type.Array(Type.Object({
  serial: Type.String(), digitalLink: Type.String(), kg: Type.Number(), packedAt: TimestampSchema,
  orderId: Type.Union([IdSchema, Type.Null()], { description: 'Set once the box left in a shipment' }),
}))

// ---- API keys for EPCIS capture from outside (a scale at the hub, a co-op's ERP)
export const ApiKeyBodySchema = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 40 }),
  locations: Type.Array(GlnSchema, { minItems: 1, maxItems: 50, uniqueItems: true, description: 'GLNs the key may capture events at; you need rights on each' }),
})
export type ApiKeyBody = Static<typeof ApiKeyBodySchema>
export const ApiKeyViewSchema = Type.Object({
  id: IdSchema, name: Type.String(), locations: Type.Array(GlnSchema), prefix: Type.String({ description: 'First characters of the key, to recognise it' }),
  createdAt: TimestampSchema, lastUsedAt: Type.Union([TimestampSchema, Type.Null()]), revokedAt: Type.Union([TimestampSchema, Type.Null()]),
})
export type ApiKeyView = Static<typeof ApiKeyViewSchema>
export const ApiKeyCreatedSchema = Type.Object({ key: Type.String({ description: 'Shown once. Send as Authorization: Bearer <key>' }), apiKey: ApiKeyViewSchema })
export const ApiKeyListSchema = Type.Array(ApiKeyViewSchema)

// ---- the buyer's trace page (public; opened from the box's QR)
export const TraceSteps = ['harvested', 'inspected', 'packed', 'shipped', 'picked_up', 'at_hub', 'departed', 'out_for_delivery', 'delivered', 'sold', 'corrected', 'other'] as const
export const TraceJourneyItemSchema = Type.Object({
  at: TimestampSchema, step: Type.Enum([...TraceSteps]), place: Type.String({ description: 'Human name of the place, e.g. 洛川县分拨中心' }),
  bizStep: Type.Union([Type.String(), Type.Null()]), eventId: Type.String(),
})
export const TracePlaceSchema = Type.Object({ kind: Type.Enum(['origin', 'hub', 'destination']), name: Type.String(), region: Type.String() })
export const TraceViewSchema = Type.Object({
  gtin: GtinSchema, lot: LotCodeSchema, serial: Type.Union([Type.String(), Type.Null()]),
  product: Type.Object({ id: IdSchema, title: Type.String(), skuName: Type.String(), imageUrl: Type.Union([Type.String(), Type.Null()]) }),
  shop: Type.Object({ id: IdSchema, name: Type.String(), ownerName: Type.String() }),
  orchard: Type.Object({ name: Type.String(), region: Type.String(), story: Type.String(), gln: GlnSchema }),
  lotFacts: Type.Object({ harvestDate: DateSchema, weightKg: Type.Number(), grade: Type.String(), imageUrls: Type.Array(ImageUrlsSchema) }),
  certificate: CertificateViewSchema,
  inspections: Type.Array(InspectionViewSchema),
  journey: Type.Array(TraceJourneyItemSchema),
  places: Type.Array(TracePlaceSchema, { description: 'For the simple map: county of origin → hub(s) → buyer\'s city (city only)' }),
  clips: Type.Array(TraceClipSchema),
  verified: Type.Object({ valid: Type.Boolean(), events: Type.Integer(), chainKey: Type.String() }),
  boxFound: Type.Boolean({ description: 'false when the serial is not a box Hotland packed (the lot facts still show)' }),
  isDemo: Type.Boolean(),
})
export type TraceView = Static<typeof TraceViewSchema>
