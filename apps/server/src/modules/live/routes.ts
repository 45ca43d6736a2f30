import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import fastifyFormbody from '@fastify/formbody'
import { Type } from 'typebox'
import {
  AnnouncementBodySchema, BanBodySchema, ChatHistorySchema, ClipBodySchema, ClipListSchema, ClipViewSchema, ErrorResponseSchema,
  IdParamsSchema, ListLiveQuerySchema, LiveRoomPageSchema, LiveRoomViewSchema, MuteBodySchema, NoticeListSchema, OkSchema, PinBodySchema,
  RoomMessageParamsSchema, RoomUserParamsSchema, ScheduleLiveBodySchema, ShopProductsParamsSchema, StreamKeyViewSchema, UpdateLiveBodySchema,
} from '@hotland/contracts'
import { join } from 'node:path'
import { sendFileWithRanges } from '../../platform/http/send-file.ts'
import type { LiveService } from './service.ts'

const errors = { 400: ErrorResponseSchema, 401: ErrorResponseSchema, 403: ErrorResponseSchema, 404: ErrorResponseSchema, 409: ErrorResponseSchema }
const tags = ['live']
const BannedWordsSchema = Type.Array(Type.Object({ word: Type.String({ minLength: 1, maxLength: 20 }), action: Type.Enum(['mask', 'block']) }), { maxItems: 2000 })

export interface LiveRoutesOptions {
  live: LiveService
  kickPublisher(roomId: string): void
  /** Absolute path of a recording's file (FLV or its MP4 remux) for replay. */
  replayFile(flvFile: string): Promise<{ root: string; name: string; type: string }>
}

/** /api/live-rooms */
export const liveRoutes: FastifyPluginAsyncTypebox<LiveRoutesOptions> = async (app, { live, kickPublisher, replayFile }) => {
  app.get('/', { schema: { tags, summary: 'Live rooms: live now, upcoming (soonest first) or ended; by county or shop', querystring: ListLiveQuerySchema, response: { 200: LiveRoomPageSchema, ...errors } } },
    async (req) => live.list(req.actor, req.query))
  app.get('/:id', { schema: { tags, summary: 'A live room, with playback URLs while live and the replay after', params: IdParamsSchema, response: { 200: LiveRoomViewSchema, ...errors } } },
    async (req) => live.get(req.actor, req.params.id))
  app.patch('/:id', { schema: { tags, summary: 'Edit a room before it ends (anchor)', params: IdParamsSchema, body: UpdateLiveBodySchema, response: { 200: LiveRoomViewSchema, ...errors } } },
    async (req) => live.update(req.actor, req.params.id, req.body))
  app.post('/:id/end', { schema: { tags, summary: 'End the live: revokes the key and stops the stream (anchor)', params: IdParamsSchema, response: { 200: LiveRoomViewSchema, ...errors } } },
    async (req) => live.end(req.actor, req.params.id, kickPublisher))

  app.get('/:id/stream-key', { schema: { tags, summary: 'RTMP server and secret stream key (real-name-verified anchor)', params: IdParamsSchema, response: { 200: StreamKeyViewSchema, ...errors } } },
    async (req) => live.streamKey(req.actor, req.params.id))
  app.post('/:id/stream-key/rotate', { schema: { tags, summary: 'New stream key; the old one stops working at once', params: IdParamsSchema, response: { 200: StreamKeyViewSchema, ...errors } } },
    async (req) => live.rotateKey(req.actor, req.params.id, kickPublisher))

  app.post('/:id/pin', { schema: { tags, summary: '上链接: pin (or unpin with null) one of the shop\'s products', params: IdParamsSchema, body: PinBodySchema, response: { 200: LiveRoomViewSchema, ...errors } } },
    async (req) => live.pin(req.actor, req.params.id, req.body.productId))
  app.post('/:id/announcements', { schema: { tags, summary: 'Announce to the room (anchor, moderators)', params: IdParamsSchema, body: AnnouncementBodySchema, response: { 200: OkSchema, ...errors } } },
    async (req) => live.announce(req.actor, req.params.id, req.body.text))
  app.post('/:id/follow', { schema: { tags, summary: 'Follow the shop from its room', params: IdParamsSchema, response: { 200: LiveRoomViewSchema, ...errors } } },
    async (req) => live.followFromRoom(req.actor, req.params.id, true))
  app.delete('/:id/follow', { schema: { tags, summary: 'Unfollow the shop', params: IdParamsSchema, response: { 200: LiveRoomViewSchema, ...errors } } },
    async (req) => live.followFromRoom(req.actor, req.params.id, false))

  app.get('/:id/chat', { schema: { tags, summary: 'Recent chat (oldest first)', params: IdParamsSchema, response: { 200: ChatHistorySchema, ...errors } } },
    async (req) => live.chatHistory(req.params.id))
  app.delete('/:id/messages/:messageId', { schema: { tags, summary: 'Delete a chat message (anchor, moderators)', params: RoomMessageParamsSchema, response: { 200: OkSchema, ...errors } } },
    async (req) => live.deleteMessage(req.actor, req.params.id, req.params.messageId))
  app.post('/:id/mutes', { schema: { tags, summary: 'Mute a user for some minutes (anchor, moderators)', params: IdParamsSchema, body: MuteBodySchema, response: { 200: OkSchema, ...errors } } },
    async (req) => live.mute(req.actor, req.params.id, req.body.userId, req.body.minutes))
  app.post('/:id/bans', { schema: { tags, summary: 'Ban a user from the room (anchor, moderators)', params: IdParamsSchema, body: BanBodySchema, response: { 200: OkSchema, ...errors } } },
    async (req) => live.ban(req.actor, req.params.id, req.body.userId))
  app.put('/:id/moderators/:userId', { schema: { tags, summary: 'Appoint a moderator (anchor)', params: RoomUserParamsSchema, response: { 200: OkSchema, ...errors } } },
    async (req) => live.setModerator(req.actor, req.params.id, req.params.userId, true))
  app.delete('/:id/moderators/:userId', { schema: { tags, summary: 'Remove a moderator (anchor)', params: RoomUserParamsSchema, response: { 200: OkSchema, ...errors } } },
    async (req) => live.setModerator(req.actor, req.params.id, req.params.userId, false))

  app.get('/:id/clips', { schema: { tags, summary: 'Clips marked in the recording (采摘, 装箱 …)', params: IdParamsSchema, response: { 200: ClipListSchema, ...errors } } },
    async (req) => live.clips(req.params.id))
  app.post('/:id/clips', { schema: { tags, summary: 'Mark a clip in the recording (anchor)', params: IdParamsSchema, body: ClipBodySchema, response: { 201: ClipViewSchema, ...errors } } },
    async (req, reply) => reply.status(201).send(await live.addClip(req.actor, req.params.id, req.body)))

  app.get('/:id/replay', {
    schema: {
      tags, summary: 'The recording (MP4 when ffmpeg remuxed it, else FLV), with range requests',
      params: IdParamsSchema, querystring: Type.Object({ recording: Type.String({ pattern: '^rec_[0-9A-Z]{26}$' }) }),
      response: { 200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary' }), ...errors },
    },
  }, async (req, reply) => {
    const file = await live.recordingFile(req.params.id, req.query.recording)
    const f = await replayFile(file)
    reply.header('cache-control', 'public, max-age=3600')
    return sendFileWithRanges(req, reply, join(f.root, f.name), f.type)
  })
}

/** /api/shops/:shopId/live-rooms */
export const shopLiveRoutes: FastifyPluginAsyncTypebox<{ live: LiveService }> = async (app, { live }) => {
  app.post('/:shopId/live-rooms', { schema: { tags, summary: 'Schedule a live (owner or operator)', params: ShopProductsParamsSchema, body: ScheduleLiveBodySchema, response: { 201: LiveRoomViewSchema, ...errors } } },
    async (req, reply) => reply.status(201).send(await live.schedule(req.actor, req.params.shopId, req.body)))
  app.get('/:shopId/clips', { schema: { tags, summary: 'Clips marked in the shop\'s live recordings (to link to harvest lots)', params: ShopProductsParamsSchema, response: { 200: ClipListSchema, ...errors } } },
    async (req) => live.shopClips(req.actor, req.params.shopId))
}

/** /api/notices and /api/live (admin settings, media hooks) */
export const noticesRoutes: FastifyPluginAsyncTypebox<{ live: LiveService }> = async (app, { live }) => {
  app.get('/', { schema: { tags: ['notices'], summary: 'My in-app notices (e.g. a followed shop went live)', response: { 200: NoticeListSchema, ...errors } } },
    async (req) => live.notices(req.actor))
  app.post('/read', { schema: { tags: ['notices'], summary: 'Mark all my notices read', response: { 200: OkSchema, ...errors } } },
    async (req) => live.readNotices(req.actor))
}

export const liveAdminRoutes: FastifyPluginAsyncTypebox<{ live: LiveService; onPublish(roomId: string, on: boolean): Promise<void> }> = async (app, { live, onPublish }) => {
  await app.register(fastifyFormbody) // nginx-rtmp and SRS hooks post application/x-www-form-urlencoded
  app.get('/banned-words', { schema: { tags, summary: 'The chat and product-text filter (platform admin)', response: { 200: BannedWordsSchema, ...errors } } },
    async (req) => (await live.bannedWords(req.actor)).map((w) => ({ word: w.word, action: w.action })))
  app.put('/banned-words', { schema: { tags, summary: 'Replace the filter list (platform admin)', body: BannedWordsSchema, response: { 200: BannedWordsSchema, ...errors } } },
    async (req) => (await live.setBannedWords(req.actor, req.body)).map((w) => ({ word: w.word, action: w.action })))

  // Publish-auth hook for external media servers (nginx-rtmp on_publish / on_publish_done, SRS http_hooks).
  // nginx-rtmp posts form fields: name = the stream name, plus the publish URL's query (key=…). 2xx allows, 403 refuses.
  const HookBody = Type.Object({ name: Type.Optional(Type.String()), stream: Type.Optional(Type.String()), key: Type.Optional(Type.String()), param: Type.Optional(Type.String()) }, { additionalProperties: true })
  const streamOf = (b: { name?: string; stream?: string }) => (b.name ?? b.stream ?? '').split('?')[0] ?? ''
  const keyOf = (b: { key?: string; param?: string; name?: string }) =>
    b.key ?? new URLSearchParams((b.param ?? '').replace(/^\?/, '')).get('key') ?? new URLSearchParams((b.name ?? '').split('?')[1] ?? '').get('key') ?? undefined
  app.post('/hooks/publish', { schema: { tags, summary: 'External media server: may this publish start?', body: HookBody, response: { 200: OkSchema, 403: ErrorResponseSchema } } },
    async (req, reply) => {
      const roomId = streamOf(req.body)
      if (!(await live.authorizePublishAsync(roomId, keyOf(req.body)))) {
        req.log.warn({ roomId }, 'refused publish (external media server)')
        return reply.status(403).send({ error: { code: 'FORBIDDEN', message: 'Wrong, rotated or revoked stream key' } })
      }
      await onPublish(roomId, true)
      return { ok: true as const }
    })
  app.post('/hooks/publish-done', { schema: { tags, summary: 'External media server: a publish ended', body: HookBody, response: { 200: OkSchema } } },
    async (req) => {
      await onPublish(streamOf(req.body), false)
      return { ok: true as const }
    })
}
