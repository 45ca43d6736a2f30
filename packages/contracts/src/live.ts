import { Type, type Static } from 'typebox'
import { IdSchema, NonBlankString, PageSchema, RegionCodeSchema, TimestampSchema } from './common.ts'
import { ProductSummarySchema } from './catalog.ts'
import type { FlashSaleView } from './orders.ts'

export const LiveStatuses = ['scheduled', 'live', 'ended'] as const
export type LiveStatus = (typeof LiveStatuses)[number]

export const PlaybackSchema = Type.Object({
  flv: Type.String({ description: 'HTTP-FLV URL (mpegts.js)' }),
  wsFlv: Type.String({ description: 'WebSocket-FLV URL' }),
  hls: Type.Union([Type.String(), Type.Null()], { description: 'HLS playlist, for browsers without MSE (iOS); null when not available' }),
  audio: Type.Union([Type.String(), Type.Null()], { description: 'Audio-only HLS (AAC) for low-data mode; null when not available (then low-data mode hides the video but still downloads it)' }),
})
export type Playback = Static<typeof PlaybackSchema>

export const ReplaySchema = Type.Object({
  url: Type.String({ description: 'The recording of the whole live' }),
  type: Type.Enum(['video/mp4', 'video/x-flv'], { description: 'MP4 when ffmpeg remuxed it (plays in <video>); else FLV (mpegts.js)' }),
  durationSeconds: Type.Number(),
  retainUntil: TimestampSchema,
})

export const LiveRoomViewSchema = Type.Object({
  id: IdSchema,
  shopId: IdSchema,
  shopName: Type.String(),
  shopCoverUrl: Type.Union([Type.String(), Type.Null()]),
  countyCode: RegionCodeSchema,
  countyName: Type.String(),
  anchorId: IdSchema,
  anchorDisplayName: Type.String(),
  title: Type.String(),
  coverUrl: Type.Union([Type.String(), Type.Null()]),
  scheduledAt: TimestampSchema,
  status: Type.Enum([...LiveStatuses]),
  startedAt: Type.Union([TimestampSchema, Type.Null()]),
  endedAt: Type.Union([TimestampSchema, Type.Null()]),
  featuredProducts: Type.Array(ProductSummarySchema),
  pinnedProductId: Type.Union([IdSchema, Type.Null()]),
  viewerCount: Type.Integer(),
  peakViewers: Type.Integer(),
  likeCount: Type.Integer(),
  followerCount: Type.Integer(),
  followedByMe: Type.Boolean(),
  myRole: Type.Union([Type.Enum(['anchor', 'moderator']), Type.Null()], { description: 'anchor = a member of the shop' }),
  isPublishing: Type.Boolean({ description: 'A video stream is arriving right now' }),
  playback: Type.Union([PlaybackSchema, Type.Null()]),
  replay: Type.Union([ReplaySchema, Type.Null()]),
  isDemo: Type.Boolean(),
})
export type LiveRoomView = Static<typeof LiveRoomViewSchema>
export const LiveRoomPageSchema = PageSchema(LiveRoomViewSchema)

export const ScheduleLiveBodySchema = Type.Object({
  title: NonBlankString({ minLength: 2, maxLength: 40 }),
  coverImageId: Type.Optional(Type.Union([IdSchema, Type.Null()])),
  scheduledAt: TimestampSchema,
  productIds: Type.Array(IdSchema, { maxItems: 30, default: [] }),
})
export type ScheduleLiveBody = Static<typeof ScheduleLiveBodySchema>

export const UpdateLiveBodySchema = Type.Object({
  title: Type.Optional(NonBlankString({ minLength: 2, maxLength: 40 })),
  coverImageId: Type.Optional(Type.Union([IdSchema, Type.Null()])),
  scheduledAt: Type.Optional(TimestampSchema),
  productIds: Type.Optional(Type.Array(IdSchema, { maxItems: 30 })),
}, { minProperties: 1 })
export type UpdateLiveBody = Static<typeof UpdateLiveBodySchema>

export const ListLiveQuerySchema = Type.Object({
  status: Type.Optional(Type.Enum([...LiveStatuses])),
  countyCode: Type.Optional(RegionCodeSchema),
  shopId: Type.Optional(IdSchema),
  cursor: Type.Optional(Type.String({ maxLength: 200 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 20 })),
})
export type ListLiveQuery = Static<typeof ListLiveQuerySchema>

export const StreamKeyViewSchema = Type.Object({
  rtmpServer: Type.String({ description: 'e.g. rtmp://host:1935/live — the "server" field in OBS/Larix' }),
  streamKey: Type.String({ description: 'Secret: `<roomId>?key=<secret>` — the "stream key" field' }),
  fullUrl: Type.String({ description: 'rtmpServer/streamKey in one URL (for ffmpeg and QR codes)' }),
  rotatedAt: TimestampSchema,
})
export type StreamKeyView = Static<typeof StreamKeyViewSchema>

export const PinBodySchema = Type.Object({ productId: Type.Union([IdSchema, Type.Null()], { description: 'null unpins' }) })
export type PinBody = Static<typeof PinBodySchema>
export const AnnouncementBodySchema = Type.Object({ text: NonBlankString({ minLength: 1, maxLength: 200 }) })
export const MuteBodySchema = Type.Object({ userId: IdSchema, minutes: Type.Integer({ minimum: 1, maximum: 7 * 24 * 60 }) })
export const BanBodySchema = Type.Object({ userId: IdSchema })
export const RoomUserParamsSchema = Type.Object({ id: IdSchema, userId: IdSchema })
export const RoomMessageParamsSchema = Type.Object({ id: IdSchema, messageId: IdSchema })

export const ChatMessageSchema = Type.Object({
  id: IdSchema,
  userId: IdSchema,
  displayName: Type.String(),
  text: Type.String(),
  role: Type.Union([Type.Enum(['anchor', 'moderator']), Type.Null()]),
  at: TimestampSchema,
})
export type ChatMessage = Static<typeof ChatMessageSchema>
export const ChatHistorySchema = Type.Array(ChatMessageSchema)

export const ClipBodySchema = Type.Object({
  startSeconds: Type.Number({ minimum: 0 }),
  endSeconds: Type.Number({ minimum: 0 }),
  title: NonBlankString({ minLength: 1, maxLength: 30, description: 'e.g. 采摘 picking, 装箱 packing' }),
})
export type ClipBody = Static<typeof ClipBodySchema>
export const ClipViewSchema = Type.Object({
  id: IdSchema,
  roomId: IdSchema,
  title: Type.String(),
  startSeconds: Type.Number(),
  endSeconds: Type.Number(),
  replayUrl: Type.Union([Type.String(), Type.Null()]),
  createdAt: TimestampSchema,
})
export type ClipView = Static<typeof ClipViewSchema>
export const ClipListSchema = Type.Array(ClipViewSchema)

export const NoticeViewSchema = Type.Object({
  id: IdSchema,
  kind: Type.Enum(['live.started']),
  title: Type.String(),
  roomId: Type.Union([IdSchema, Type.Null()]),
  readAt: Type.Union([TimestampSchema, Type.Null()]),
  createdAt: TimestampSchema,
})
export type NoticeView = Static<typeof NoticeViewSchema>
export const NoticeListSchema = Type.Object({ items: Type.Array(NoticeViewSchema), unread: Type.Integer() })

/**
 * WebSocket /api/live-rooms/:id/socket — one per viewer.
 * Server → client: one frame per tick (≤ 100 ms): { t: serverTimeMs, e: LiveEvent[] }.
 * Client → server: one LiveClientMessage per frame.
 */
export type LiveEvent =
  | { type: 'hello'; roomId: string; status: LiveStatus; viewers: number; peak: number; likes: number; pinned: Static<typeof ProductSummarySchema> | null; announcement: { text: string; at: string } | null; you: { userId: string | null; role: 'anchor' | 'moderator' | null; mutedUntil: string | null } }
  | { type: 'chat'; message: ChatMessage }
  | { type: 'chat.deleted'; messageId: string }
  | { type: 'likes'; total: number }
  | { type: 'viewers'; now: number; peak: number }
  | { type: 'pin'; product: Static<typeof ProductSummarySchema> | null }
  | { type: 'announcement'; text: string; at: string }
  | { type: 'follow'; displayName: string; followerCount: number }
  | { type: 'status'; status: LiveStatus; publishing: boolean }
  | { type: 'muted'; userId: string; until: string }
  | { type: 'banned'; userId: string }
  | { type: 'error'; code: string; message: string }
  | { type: 'flash'; sale: FlashSaleView }
  | { type: 'flash.grabbed'; saleId: string; displayName: string; remaining: number }

export type LiveClientMessage =
  | { type: 'chat'; text: string }
  | { type: 'like'; count?: number }
  | { type: 'ping' }

export interface LiveFrame {
  t: number
  e: LiveEvent[]
}
