// County distribution centres, village pickup points, shipments, hub scans and outbound batches.
import { Type, type Static } from 'typebox'
import { DateSchema, IdSchema, PhoneSchema, RegionCodeSchema, TimestampSchema } from './common.ts'
import { GlnSchema } from './traceability.ts'

export const HubKinds = ['county_hub', 'pickup_point'] as const
export const ScanKinds = ['picked_up', 'arrived', 'departed', 'out_for_delivery', 'delivered'] as const
export const HubBodySchema = Type.Object({
  kind: Type.Enum([...HubKinds], { description: 'county_hub = 县级分拨中心; pickup_point = 村级收寄点' }),
  name: Type.String({ minLength: 1, maxLength: 40 }),
  countyCode: RegionCodeSchema,
  address: Type.String({ minLength: 1, maxLength: 100 }),
  contactName: Type.String({ minLength: 1, maxLength: 20 }),
  contactPhone: PhoneSchema,
  parentHubId: Type.Optional(IdSchema),
})
export type HubBody = Static<typeof HubBodySchema>
export const HubViewSchema = Type.Object({
  id: IdSchema, kind: Type.Enum([...HubKinds]), name: Type.String(), countyCode: RegionCodeSchema, region: Type.String(), address: Type.String(),
  contactName: Type.String(), contactPhone: Type.String(), gln: GlnSchema, parentHubId: Type.Union([IdSchema, Type.Null()]),
  isOperator: Type.Boolean({ description: 'The caller scans at this hub' }),
  scanKinds: Type.Array(Type.Enum([...ScanKinds]), { description: 'The scans this kind of place accepts' }),
  createdAt: TimestampSchema,
})
export type HubView = Static<typeof HubViewSchema>
export const HubListSchema = Type.Array(HubViewSchema)
export const HubListQuerySchema = Type.Object({ countyCode: Type.Optional(RegionCodeSchema), mine: Type.Optional(Type.Boolean()) })
export const AddOperatorBodySchema = Type.Object({ phone: PhoneSchema })

export const TrackingStatuses = ['created', 'picked_up', 'at_hub', 'departed', 'out_for_delivery', 'delivered'] as const
export type TrackingStatus = (typeof TrackingStatuses)[number]
export const TrackingItemSchema = Type.Object({
  at: TimestampSchema, status: Type.Enum([...TrackingStatuses]), place: Type.String(), note: Type.String(),
})
export const ShipmentViewSchema = Type.Object({
  id: IdSchema, orderId: IdSchema, carrierCode: Type.Enum(['hub', 'external'], { description: 'hub = Hotland county logistics, tracked by hub scans; external = a courier tracked on its own site' }),
  carrierName: Type.String(), waybill: Type.String(), parcels: Type.Integer(), weightGrams: Type.Union([Type.Integer(), Type.Null()]),
  status: Type.Enum([...TrackingStatuses]),
  pickupPoint: Type.Union([Type.Object({ id: IdSchema, name: Type.String() }), Type.Null()]),
  batchId: Type.Union([IdSchema, Type.Null()]),
  boxes: Type.Array(Type.Object({ lot: Type.String({ description: 'Lot code: which box to put in the parcel is lot + serial' }), serial: Type.String(), digitalLink: Type.String() })),
  tracking: Type.Array(TrackingItemSchema),
  receiverCity: Type.String(),
  createdAt: TimestampSchema,
})
export type ShipmentView = Static<typeof ShipmentViewSchema>
export const ShipmentListSchema = Type.Array(ShipmentViewSchema)

/** Farmer ships an order: either through the county hub (drop at a village pickup point) or any courier. */
export const ShipOrderBodySchema = Type.Object({
  pickupPointId: Type.Optional(IdSchema),
  carrier: Type.Optional(Type.String({ minLength: 2, maxLength: 30, description: 'Courier name when not shipping through the county hub, e.g. 顺丰' })),
  waybill: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9-]{6,40}$', description: 'Required with an external courier; generated for hub shipping' })),
  parcels: Type.Integer({ minimum: 1, maximum: 20, default: 1 }),
  weightGrams: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
})
export type ShipOrderBody = Static<typeof ShipOrderBodySchema>

export const ScanBodySchema = Type.Object({
  waybill: Type.String({ pattern: '^[A-Za-z0-9-]{6,40}$' }),
  kind: Type.Enum([...ScanKinds]),
  note: Type.String({ maxLength: 100, default: '' }),
})
export type ScanBody = Static<typeof ScanBodySchema>

export const BatchBodySchema = Type.Object({
  destination: Type.String({ minLength: 1, maxLength: 40, description: 'e.g. 西安转运中心' }),
  waybills: Type.Array(Type.String({ pattern: '^[A-Za-z0-9-]{6,40}$' }), { minItems: 1, maxItems: 500, uniqueItems: true }),
})
export type BatchBody = Static<typeof BatchBodySchema>
export const BatchViewSchema = Type.Object({
  id: IdSchema, hubId: IdSchema, destination: Type.String(), waybills: Type.Array(Type.String()), createdAt: TimestampSchema,
  departedAt: Type.Union([TimestampSchema, Type.Null()]),
})
export type BatchView = Static<typeof BatchViewSchema>
export const BatchListSchema = Type.Array(BatchViewSchema)
export const HubShipmentsQuerySchema = Type.Object({ status: Type.Optional(Type.Enum([...TrackingStatuses])) })
export const LabelsQuerySchema = Type.Object({ date: DateSchema })
