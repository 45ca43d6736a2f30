import { randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import { rm } from 'node:fs/promises'
import type {
  ChatMessage, ClipBody, ClipView, ListLiveQuery, LiveEvent, LiveRoomView, NoticeView, ProductSummary, ScheduleLiveBody,
  StreamKeyView, UpdateLiveBody,
} from '@hotland/contracts'
import type { Actor } from '../../platform/auth/actor.ts'
import { hasRole, requireActor, requireRole } from '../../platform/auth/actor.ts'
import type { EventBus } from '../../platform/bus/types.ts'
import type { KeyValue } from '../../platform/cache/types.ts'
import type { Clock } from '../../platform/clock.ts'
import type { Config } from '../../config.ts'
import { hashToken, type Sealer } from '../../platform/crypto.ts'
import { decodeCursor, encodeCursor } from '../../platform/cursor.ts'
import type { Db } from '../../platform/db/client.ts'
import { AppError, conflict, forbidden, invalid, notFound } from '../../platform/errors.ts'
import { newId } from '../../platform/ids.ts'
import type { CatalogService } from '../catalog/index.ts'
import type { MediaService } from '../media/index.ts'
import type { ShopsService } from '../shops/index.ts'
import { createChatFilter, createRateLimiter, DEFAULT_BANNED_WORDS, type ChatFilter } from './chat-filter.ts'
import type { LiveHub } from './hub.ts'
import { liveRepository, type RoomRow } from './repository.ts'

export interface LiveDeps {
  db: Db
  clock: Clock
  kv: KeyValue
  bus: EventBus
  sealer: Sealer
  secretKey: string
  hub: LiveHub
  media: MediaService
  shops: Pick<ShopsService, 'assertCanManage' | 'isMember' | 'memberIds' | 'get' | 'getMany' | 'follow' | 'followerIds' | 'shopIdsInCounty'>
  catalog: Pick<CatalogService, 'summariesByIds' | 'requireShopProducts'>
  accounts: {
    isVerifiedAnchor(userId: string): Promise<boolean>
    displayNames(ids: string[]): Promise<Map<string, string>>
  }
  live: Config['live']
  mediaUrls: Pick<Config['media'], 'rtmpPublicUrl' | 'playFlvUrl' | 'playWsFlvUrl' | 'playHlsUrl' | 'playAudioUrl'>
  /** Whether an audio-only rendition is being made (embedded media server with ffmpeg). */
  mediaAudio(): boolean
  log: { warn(obj: unknown, msg: string): void; info(obj: unknown, msg: string): void }
}

type Role = 'anchor' | 'moderator' | null
/** `ended`: sockets opened before the end still hold the room as it was then; chat checks this instead. */
interface RoomModeration { anchors: Set<string>; moderators: Set<string>; banned: Set<string>; mutes: Map<string, Date>; ended: boolean }
const KEY_CHANNEL = 'live:keys'
const MOD_TTL_MS = 5000

export function createLiveService(deps: LiveDeps) {
  const repo = liveRepository(deps.db)
  const keyIndex = new Map<string, string>() // roomId → HMAC of its stream key, for the synchronous publish check
  const chatLimiter = createRateLimiter(1, 3) // a user may say something every second, three in a burst
  let filter: ChatFilter = createChatFilter(DEFAULT_BANNED_WORDS)
  const modCache = new Map<string, { at: number; state: Promise<RoomModeration> }>()
  let pendingMessages: Array<{ id: string; roomId: string; userId: string; text: string; createdAt: Date }> = []
  let unsubscribeKeys: (() => Promise<void>) | null = null

  const keyHash = (key: string) => hashToken(`stream:${key}`, deps.secretKey)
  const fill = (template: string, roomId: string) => template.replaceAll('{roomId}', roomId)

  const flushTimer = setInterval(() => void flushMessages(), 250)
  flushTimer.unref()
  // Flushes run one after another: a caller that needs a message stored (delete, history) also waits for a flush the
  // timer already started, whose batch may hold that message.
  let flushing: Promise<void> = Promise.resolve()
  function flushMessages(): Promise<void> {
    flushing = flushing.then(writePendingMessages)
    return flushing
  }
  async function writePendingMessages() {
    if (!pendingMessages.length) return
    const batch = pendingMessages
    pendingMessages = []
    try {
      await repo.insertMessages(batch)
    } catch (err) {
      deps.log.warn({ err, count: batch.length }, 'could not store chat messages')
    }
  }

  async function roomOr404(id: string) {
    const r = await repo.roomById(id)
    if (!r) throw notFound('LIVE_NOT_FOUND', 'Live room not found')
    return r
  }

  async function requireAnchor(actor: Actor | null, room: RoomRow) {
    const a = requireActor(actor)
    if (!(await deps.shops.isMember(a.id, room.shopId))) throw forbidden('LIVE_NOT_ANCHOR', 'Only the shop\'s anchors may do this')
    return a
  }

  async function roleIn(room: RoomRow, userId: string): Promise<Role> {
    if (await deps.shops.isMember(userId, room.shopId)) return 'anchor'
    if (await repo.isModerator(room.id, userId)) return 'moderator'
    return null
  }

  async function requireModerator(actor: Actor | null, room: RoomRow) {
    const a = requireActor(actor)
    const role = await roleIn(room, a.id)
    if (!role && !hasRole(a, 'platform_admin')) throw forbidden('LIVE_NOT_ANCHOR', 'Only the anchor and moderators may do this')
    return a
  }

  /**
   * Who is what in a room (anchors, moderators, bans, mutes), read with four queries and kept a few seconds: chat is
   * hot and moderation rare. One snapshot per room, not per chatter: per-chatter entries expired together and sent a
   * busy room's event loop into hundreds of database reads at once. This process's own moderation actions drop it.
   */
  function roomModeration(room: RoomRow): Promise<RoomModeration> {
    const hit = modCache.get(room.id)
    if (hit && Date.now() - hit.at < MOD_TTL_MS) return hit.state
    const state = (async (): Promise<RoomModeration> => {
      const [anchors, moderators, banned, mutes, current] = await Promise.all([
        deps.shops.memberIds(room.shopId), repo.moderators(room.id), repo.bannedIds(room.id), repo.activeMutes(room.id, deps.clock.now()),
        repo.roomById(room.id),
      ])
      return {
        anchors: new Set(anchors), moderators: new Set(moderators.map((m) => m.userId)), banned: new Set(banned),
        mutes: new Map(mutes.map((m) => [m.userId, m.until])), ended: !current || current.status === 'ended',
      }
    })()
    modCache.set(room.id, { at: Date.now(), state })
    state.catch(() => modCache.get(room.id)?.state === state && modCache.delete(room.id))
    if (modCache.size > 10_000) for (const [id, e] of modCache) if (Date.now() - e.at >= MOD_TTL_MS) modCache.delete(id)
    return state
  }

  async function modState(room: RoomRow, userId: string) {
    const m = await roomModeration(room)
    const role: Role = m.anchors.has(userId) ? 'anchor' : m.moderators.has(userId) ? 'moderator' : null
    const until = m.mutes.get(userId)
    return { role, mutedUntil: until && until > deps.clock.now() ? until : null, banned: m.banned.has(userId), ended: m.ended }
  }

  async function newStreamKey() {
    const key = randomBytes(18).toString('base64url')
    return { key, hash: keyHash(key), sealed: deps.sealer.seal(key) }
  }

  async function setKey(roomId: string, hash: string | null) {
    if (hash) keyIndex.set(roomId, hash)
    else keyIndex.delete(roomId)
    await deps.bus.publish(KEY_CHANNEL, JSON.stringify({ roomId, hash }))
  }

  async function views(rows: RoomRow[], actor: Actor | null): Promise<LiveRoomView[]> {
    const ids = rows.map((r) => r.id)
    const [featured, recordings, anchors, shops, moderated] = await Promise.all([
      repo.roomProductIds(ids), repo.recordingsOf(ids), deps.accounts.displayNames(rows.map((r) => r.anchorId)),
      deps.shops.getMany(actor, rows.map((r) => r.shopId)), actor ? repo.moderatedAmong(actor.id, ids) : Promise.resolve([] as string[]),
    ])
    const summaries = new Map((await deps.catalog.summariesByIds([...new Set(featured.map((f) => f.productId))])).map((p) => [p.id, p]))
    return Promise.all(rows.map(async (r) => {
      const shop = shops.get(r.shopId)!
      const publishing = (await deps.kv.get(`live:publishing:${r.id}`)) === '1'
      const rec = recordings.filter((x) => x.roomId === r.id).sort((a, b) => b.durationSeconds - a.durationSeconds)[0]
      const role: Role = shop.myRole ? 'anchor' : moderated.includes(r.id) ? 'moderator' : null
      return {
        id: r.id, shopId: r.shopId, shopName: shop.name, shopCoverUrl: shop.coverUrl, countyCode: shop.countyCode, countyName: shop.countyName,
        anchorId: r.anchorId, anchorDisplayName: anchors.get(r.anchorId) ?? '', title: r.title,
        coverUrl: r.coverImageId ? deps.media.urlsOf(r.coverImageId).large : shop.coverUrl,
        scheduledAt: r.scheduledAt.toISOString(), status: r.status,
        startedAt: r.startedAt?.toISOString() ?? null, endedAt: r.endedAt?.toISOString() ?? null,
        featuredProducts: featured.filter((f) => f.roomId === r.id).map((f) => summaries.get(f.productId)).filter((p): p is ProductSummary => !!p),
        pinnedProductId: r.pinnedProductId,
        viewerCount: r.status === 'live' ? deps.hub.localViewers(r.id) : 0,
        peakViewers: r.peakViewers, likeCount: r.likeCount,
        followerCount: shop.followerCount, followedByMe: shop.followedByMe, myRole: role,
        isPublishing: publishing,
        playback: r.status === 'live' ? {
          flv: fill(deps.mediaUrls.playFlvUrl, r.id), wsFlv: fill(deps.mediaUrls.playWsFlvUrl, r.id),
          hls: deps.mediaUrls.playHlsUrl ? fill(deps.mediaUrls.playHlsUrl, r.id) : null,
          audio: deps.mediaUrls.playAudioUrl && deps.mediaAudio() ? fill(deps.mediaUrls.playAudioUrl, r.id) : null,
        } : null,
        replay: r.status === 'ended' && rec && rec.durationSeconds > 0
          ? {
            url: `/api/live-rooms/${r.id}/replay?recording=${rec.id}`, durationSeconds: rec.durationSeconds, retainUntil: rec.retainUntil.toISOString(),
            type: existsSync(rec.file.replace(/\.flv$/, '.mp4')) ? 'video/mp4' as const : 'video/x-flv' as const,
          }
          : null,
        isDemo: r.isDemo,
      }
    }))
  }
  const view = async (r: RoomRow, actor: Actor | null) => (await views([r], actor))[0]!

  async function pinnedSummary(productId: string | null) {
    if (!productId) return null
    return (await deps.catalog.summariesByIds([productId]))[0] ?? null
  }

  return {
    async start() {
      for (const r of await repo.publishableRooms()) keyIndex.set(r.id, r.streamKeyHash)
      await repo.seedBannedWords(DEFAULT_BANNED_WORDS)
      filter = createChatFilter(await repo.bannedWords())
      unsubscribeKeys = await deps.bus.subscribe(KEY_CHANNEL, (m) => {
        const { roomId, hash } = JSON.parse(m) as { roomId: string; hash: string | null }
        if (hash) keyIndex.set(roomId, hash)
        else keyIndex.delete(roomId)
      })
    },
    async stop() {
      clearInterval(flushTimer)
      chatLimiter.stop()
      await flushMessages()
      await unsubscribeKeys?.()
    },

    // ---- rooms
    async schedule(actorOrNull: Actor | null, shopId: string, body: ScheduleLiveBody, opts: { isDemo?: boolean } = {}) {
      const actor = requireActor(actorOrNull)
      await deps.shops.assertCanManage(actor, shopId)
      if (body.coverImageId) await deps.media.requireImages([body.coverImageId], 'body.coverImageId')
      await deps.catalog.requireShopProducts(body.productIds ?? [], shopId, (i) => `body.productIds.${i}`)
      const k = await newStreamKey()
      const now = deps.clock.now()
      const room = await deps.db.transaction(async (tx) => {
        const r = liveRepository(tx as unknown as Db)
        const row = await r.insertRoom({
          id: newId('room'), shopId, anchorId: actor.id, title: body.title.trim(), coverImageId: body.coverImageId ?? null,
          scheduledAt: new Date(body.scheduledAt), streamKeyHash: k.hash, streamKeySealed: k.sealed, streamKeyRotatedAt: now,
          isDemo: opts.isDemo ?? false, createdAt: now,
        })
        await r.setRoomProducts(row.id, [...new Set(body.productIds ?? [])])
        return row
      })
      await setKey(room.id, k.hash)
      return view(room, actor)
    },

    async update(actor: Actor | null, id: string, body: UpdateLiveBody) {
      const room = await roomOr404(id)
      await requireAnchor(actor, room)
      if (room.status === 'ended') throw conflict('LIVE_ENDED', 'This live has ended')
      if (body.coverImageId) await deps.media.requireImages([body.coverImageId], 'body.coverImageId')
      if (body.productIds) await deps.catalog.requireShopProducts(body.productIds, room.shopId, (i) => `body.productIds.${i}`)
      const { productIds, scheduledAt, ...rest } = body
      const updated = await deps.db.transaction(async (tx) => {
        const r = liveRepository(tx as unknown as Db)
        const row = await r.updateRoom(id, { ...rest, ...(scheduledAt ? { scheduledAt: new Date(scheduledAt) } : {}) })
        if (productIds) await r.setRoomProducts(id, [...new Set(productIds)])
        return row!
      })
      return view(updated, actor)
    },

    async get(actor: Actor | null, id: string) {
      return view(await roomOr404(id), actor)
    },

    async list(actor: Actor | null, q: ListLiveQuery) {
      const limit = q.limit ?? 20
      const shopIds = q.shopId ? [q.shopId] : q.countyCode ? await deps.shops.shopIdsInCounty(q.countyCode) : undefined
      const rows = await repo.listRooms({ status: q.status, shopIds, beforeId: q.cursor ? decodeCursor(q.cursor, 'query.cursor') : undefined, limit: limit + 1 })
      const page = rows.slice(0, limit)
      if (q.status === 'scheduled') page.sort((a, b) => a.scheduledAt.getTime() - b.scheduledAt.getTime())
      return { items: await views(page, actor), nextCursor: rows.length > limit ? encodeCursor(page[page.length - 1]!.id) : null }
    },

    async end(actor: Actor | null, id: string, kickPublisher: (roomId: string) => void) {
      const room = await roomOr404(id)
      await requireAnchor(actor, room)
      const ended = await repo.markEnded(id, deps.clock.now())
      if (!ended) throw conflict('LIVE_ENDED', 'This live has already ended')
      modCache.delete(id) // chat on sockets opened before the end is refused from now on
      await setKey(id, null)
      kickPublisher(id)
      const until = new Date(deps.clock.now().getTime() + deps.live.videoRetentionDays * 86_400_000)
      await repo.setRetention(id, until)
      await deps.hub.publish(id, [{ type: 'status', status: 'ended', publishing: false }])
      return view(ended, actor)
    },

    // ---- stream keys
    async streamKey(actorOrNull: Actor | null, id: string): Promise<StreamKeyView> {
      const room = await roomOr404(id)
      const actor = await requireAnchor(actorOrNull, room)
      if (room.status === 'ended') throw conflict('LIVE_ENDED', 'This live has ended; schedule a new one')
      if (!(await deps.accounts.isVerifiedAnchor(actor.id))) {
        throw forbidden('LIVE_NOT_VERIFIED', 'Real-name verification must be approved before going live')
      }
      return keyView(room.id, deps.sealer.open(room.streamKeySealed), room.streamKeyRotatedAt)
    },

    async rotateKey(actorOrNull: Actor | null, id: string, kickPublisher: (roomId: string) => void): Promise<StreamKeyView> {
      const room = await roomOr404(id)
      const actor = await requireAnchor(actorOrNull, room)
      if (room.status === 'ended') throw conflict('LIVE_ENDED', 'This live has ended')
      if (!(await deps.accounts.isVerifiedAnchor(actor.id))) throw forbidden('LIVE_NOT_VERIFIED', 'Real-name verification must be approved before going live')
      const k = await newStreamKey()
      const now = deps.clock.now()
      await repo.updateRoom(id, { streamKeyHash: k.hash, streamKeySealed: k.sealed, streamKeyRotatedAt: now })
      await setKey(id, k.hash)
      kickPublisher(id) // whoever was streaming with the old key is cut off
      return keyView(id, k.key, now)
    },

    /** For the embedded media server: synchronous, from memory. */
    authorizePublish(roomId: string, key: string | undefined): boolean {
      const expected = keyIndex.get(roomId)
      return !!expected && !!key && keyHash(key) === expected
    },

    /** For external media servers (publish hook): checks the database. */
    async authorizePublishAsync(roomId: string, key: string | undefined): Promise<boolean> {
      if (!key) return false
      const room = await repo.roomById(roomId)
      return !!room && room.status !== 'ended' && room.streamKeyHash === keyHash(key)
    },

    async onPublishStart(roomId: string) {
      const now = deps.clock.now()
      const started = await repo.markLive(roomId, now)
      // Live first, then publishing: a room read in between must never say "publishing" without playback URLs (seen
      // in CI on PostgreSQL under load, where the status write came after the flag).
      await deps.kv.set(`live:publishing:${roomId}`, '1', 86_400)
      const room = started ?? (await repo.roomById(roomId))
      if (!room) return
      await deps.hub.publish(roomId, [{ type: 'status', status: room.status, publishing: true }])
      if (started) {
        // Followers get an in-app notice the first time the room goes live.
        const shop = await deps.shops.get(null, room.shopId)
        const followers = await deps.shops.followerIds(room.shopId)
        await repo.insertNotices(followers.map((userId) => ({
          id: newId('ntc'), userId, kind: 'live.started' as const, title: `${shop.name} 开播了：${room.title}`, roomId, createdAt: now,
        })))
      }
    },

    async onPublishEnd(roomId: string) {
      await deps.kv.del(`live:publishing:${roomId}`)
      const room = await repo.roomById(roomId)
      if (room) await deps.hub.publish(roomId, [{ type: 'status', status: room.status, publishing: false }])
    },

    async onRecordingStart(roomId: string, file: string, at: Date) {
      if (!(await repo.roomById(roomId))) return
      const until = new Date(at.getTime() + deps.live.videoRetentionDays * 86_400_000)
      await repo.insertRecording({ id: newId('rec'), roomId, file, startedAt: at, durationSeconds: 0, retainUntil: until })
    },
    async onRecordingEnd(file: string, durationSeconds: number) {
      await repo.finishRecording(file, durationSeconds)
    },

    async recordingFile(roomId: string, recordingId: string) {
      const rec = await repo.recordingById(recordingId)
      if (!rec || rec.roomId !== roomId || rec.deletedAt) throw notFound('LIVE_NO_RECORDING', 'No such recording')
      return rec.file
    },

    /** Deletes recordings past their retention date. */
    async purgeExpiredRecordings() {
      const now = deps.clock.now()
      for (const rec of await repo.expiredRecordings(now)) {
        await rm(rec.file, { force: true })
        await rm(rec.file.replace(/\.flv$/, '.mp4'), { force: true })
        await repo.markRecordingDeleted(rec.id, now)
      }
    },

    // ---- realtime
    async hello(room: RoomRow, actor: Actor | null): Promise<LiveEvent> {
      const state = actor ? await modState(room, actor.id) : null
      return {
        type: 'hello', roomId: room.id, status: room.status, viewers: deps.hub.localViewers(room.id), peak: room.peakViewers,
        likes: room.likeCount, pinned: await pinnedSummary(room.pinnedProductId),
        // The latest announcement while the room is on; a replay does not bring back yesterday's notice.
        announcement: room.announcement && room.announcedAt && room.status !== 'ended' ? { text: room.announcement, at: room.announcedAt.toISOString() } : null,
        you: { userId: actor?.id ?? null, role: state?.role ?? null, mutedUntil: state?.mutedUntil?.toISOString() ?? null },
      }
    },

    roomForSocket: (id: string) => roomOr404(id),

    async isBanned(roomId: string, userId: string) {
      return repo.isBanned(roomId, userId)
    },

    /** Validates, filters and fans out one chat message. Throws AppError with a stable code when refused. */
    async chat(room: RoomRow, actor: Actor | null, raw: string): Promise<ChatMessage> {
      const a = requireActor(actor)
      if (room.status === 'ended') throw conflict('LIVE_ENDED', 'This live has ended')
      const state = await modState(room, a.id)
      if (state.ended) throw conflict('LIVE_ENDED', 'This live has ended')
      if (state.banned) throw forbidden('LIVE_BANNED', 'You are banned from this room')
      if (state.mutedUntil && state.mutedUntil > deps.clock.now()) throw forbidden('LIVE_MUTED', `Muted until ${state.mutedUntil.toISOString()}`)
      const text = raw.trim()
      if (!text) throw invalid('VALIDATION_FAILED', 'Say something', 'text')
      if ([...text].length > deps.live.chatMaxLength) throw invalid('LIVE_MESSAGE_TOO_LONG', `At most ${deps.live.chatMaxLength} characters`, 'text')
      if (!chatLimiter.take(`${room.id}:${a.id}`)) throw new AppError('rate_limited', 'LIVE_RATE_LIMITED', 'Slow down a little')
      const filtered = filter.apply(text)
      if (!filtered.ok) throw invalid('LIVE_BLOCKED_WORD', `Messages with "${filtered.word}" are not allowed`, 'text')
      const now = deps.clock.now()
      const message: ChatMessage = { id: newId('msg'), userId: a.id, displayName: a.displayName, text: filtered.text, role: state.role, at: now.toISOString() }
      pendingMessages.push({ id: message.id, roomId: room.id, userId: a.id, text: filtered.text, createdAt: now })
      await deps.hub.publish(room.id, [{ type: 'chat', message }])
      return message
    },

    async chatHistory(id: string, limit = 50): Promise<ChatMessage[]> {
      const room = await roomOr404(id)
      await flushMessages()
      const rows = (await repo.recentMessages(room.id, limit)).reverse()
      const names = await deps.accounts.displayNames(rows.map((r) => r.userId))
      return Promise.all(rows.map(async (r) => ({
        id: r.id, userId: r.userId, displayName: names.get(r.userId) ?? '', text: r.text, role: (await modState(room, r.userId)).role, at: r.createdAt.toISOString(),
      })))
    },

    // ---- anchor actions
    async pin(actor: Actor | null, id: string, productId: string | null) {
      const room = await roomOr404(id)
      await requireModerator(actor, room)
      if (room.status === 'ended') throw conflict('LIVE_ENDED', 'This live has ended')
      if (productId) await deps.catalog.requireShopProducts([productId], room.shopId, () => 'body.productId')
      const updated = await repo.updateRoom(id, { pinnedProductId: productId })
      await deps.hub.publish(id, [{ type: 'pin', product: await pinnedSummary(productId) }])
      return view(updated!, actor)
    },

    async announce(actor: Actor | null, id: string, text: string) {
      const room = await roomOr404(id)
      await requireModerator(actor, room)
      if (room.status === 'ended') throw conflict('LIVE_ENDED', 'This live has ended')
      const f = filter.apply(text)
      if (!f.ok) throw invalid('LIVE_BLOCKED_WORD', `Announcements with "${f.word}" are not allowed`, 'body.text')
      const at = deps.clock.now()
      await repo.updateRoom(id, { announcement: f.text, announcedAt: at })
      await deps.hub.publish(id, [{ type: 'announcement', text: f.text, at: at.toISOString() }])
      return { ok: true as const }
    },

    async followFromRoom(actor: Actor | null, id: string, on: boolean) {
      const room = await roomOr404(id)
      const shop = await deps.shops.follow(actor, room.shopId, on)
      if (on) await deps.hub.publish(id, [{ type: 'follow', displayName: requireActor(actor).displayName, followerCount: shop.followerCount }])
      return view(room, actor)
    },

    // ---- moderation
    async deleteMessage(actor: Actor | null, id: string, messageId: string) {
      const room = await roomOr404(id)
      const a = await requireModerator(actor, room)
      await flushMessages()
      const msg = await repo.messageById(messageId)
      if (!msg || msg.roomId !== id) throw notFound('LIVE_MESSAGE_NOT_FOUND', 'Message not found')
      await repo.deleteMessage(messageId, a.id, deps.clock.now())
      await deps.hub.publish(id, [{ type: 'chat.deleted', messageId }])
      return { ok: true as const }
    },

    async mute(actor: Actor | null, id: string, userId: string, minutes: number) {
      const room = await roomOr404(id)
      const a = await requireModerator(actor, room)
      if (await deps.shops.isMember(userId, room.shopId)) throw forbidden('FORBIDDEN', 'Anchors cannot be muted')
      const until = new Date(deps.clock.now().getTime() + minutes * 60_000)
      await repo.mute({ roomId: id, userId, until, by: a.id })
      modCache.delete(id)
      await deps.hub.publish(id, [{ type: 'muted', userId, until: until.toISOString() }])
      return { ok: true as const }
    },

    async ban(actor: Actor | null, id: string, userId: string) {
      const room = await roomOr404(id)
      const a = await requireModerator(actor, room)
      if (await deps.shops.isMember(userId, room.shopId)) throw forbidden('FORBIDDEN', 'Anchors cannot be banned')
      await repo.ban({ roomId: id, userId, by: a.id, at: deps.clock.now() })
      modCache.delete(id)
      await deps.hub.publish(id, [{ type: 'banned', userId }])
      return { ok: true as const }
    },

    async setModerator(actor: Actor | null, id: string, userId: string, on: boolean) {
      const room = await roomOr404(id)
      await requireAnchor(actor, room)
      if (on) await repo.addModerator(id, userId)
      else await repo.removeModerator(id, userId)
      modCache.delete(id)
      return { ok: true as const }
    },

    // ---- clips
    async addClip(actor: Actor | null, id: string, body: ClipBody): Promise<ClipView> {
      const room = await roomOr404(id)
      const a = await requireAnchor(actor, room)
      if (body.endSeconds <= body.startSeconds) throw invalid('LIVE_CLIP_INVALID', 'The clip must end after it starts', 'body.endSeconds')
      const recs = await repo.recordingsOf([id])
      const rec = recs.sort((x, y) => y.durationSeconds - x.durationSeconds)[0] ?? null
      if (!rec) throw conflict('LIVE_NO_RECORDING', 'This live has no recording yet')
      if (rec.durationSeconds > 0 && body.endSeconds > rec.durationSeconds + 1) {
        throw invalid('LIVE_CLIP_INVALID', `The recording is ${Math.floor(rec.durationSeconds)} seconds long`, 'body.endSeconds')
      }
      const clip = await repo.insertClip({ id: newId('clip'), roomId: id, recordingId: rec.id, title: body.title.trim(), startSeconds: body.startSeconds, endSeconds: body.endSeconds, createdBy: a.id, createdAt: deps.clock.now() })
      return clipView(clip)
    },

    /** For trace pages and lots: clips with where to play them (the recording as MP4 with a #t media fragment). */
    async clipDetails(where: { ids: string[] } | { shopId: string }) {
      const rows = await repo.clipsWithRooms(where)
      return rows.map((r) => ({
        ...clipView(r.clip), shopId: r.shopId, roomTitle: r.roomTitle,
        posterUrl: r.coverImageId ? deps.media.urlsOf(r.coverImageId).medium : null,
      }))
    },

    async shopClips(actor: Actor | null, shopId: string): Promise<ClipView[]> {
      await deps.shops.assertCanManage(actor, shopId)
      return (await repo.clipsWithRooms({ shopId })).map((r) => clipView(r.clip))
    },

    async clips(id: string): Promise<ClipView[]> {
      await roomOr404(id)
      return (await repo.clipsOf(id)).map(clipView)
    },

    // ---- banned words (platform admins)
    async bannedWords(actor: Actor | null) {
      requireRole(actor, 'platform_admin')
      return repo.bannedWords()
    },
    async setBannedWords(actor: Actor | null, words: Array<{ word: string; action: 'mask' | 'block' }>) {
      requireRole(actor, 'platform_admin')
      await repo.replaceBannedWords(words)
      filter = createChatFilter(words)
      return repo.bannedWords()
    },
    filterText: (text: string) => filter.apply(text),

    // ---- notices
    async notices(actorOrNull: Actor | null): Promise<{ items: NoticeView[]; unread: number }> {
      const actor = requireActor(actorOrNull)
      const rows = await repo.noticesOf(actor.id, 50)
      return {
        items: rows.map((n) => ({ id: n.id, kind: n.kind, title: n.title, roomId: n.roomId, readAt: n.readAt?.toISOString() ?? null, createdAt: n.createdAt.toISOString() })),
        unread: await repo.unreadCount(actor.id),
      }
    },
    async readNotices(actorOrNull: Actor | null) {
      const actor = requireActor(actorOrNull)
      await repo.markNoticesRead(actor.id, deps.clock.now())
      return { ok: true as const }
    },

    saveStats: (roomId: string, s: { viewers: number; likes: number }) => repo.saveStats(roomId, s.viewers, s.likes),
    seedLikes: async (roomId: string) => (await repo.roomById(roomId))?.likeCount ?? 0,
  }

  function keyView(roomId: string, key: string, rotatedAt: Date): StreamKeyView {
    const streamKey = `${roomId}?key=${key}`
    return { rtmpServer: deps.mediaUrls.rtmpPublicUrl, streamKey, fullUrl: `${deps.mediaUrls.rtmpPublicUrl}/${streamKey}`, rotatedAt: rotatedAt.toISOString() }
  }

  function clipView(c: { id: string; roomId: string; title: string; startSeconds: number; endSeconds: number; recordingId: string | null; createdAt: Date }): ClipView {
    return {
      id: c.id, roomId: c.roomId, title: c.title, startSeconds: c.startSeconds, endSeconds: c.endSeconds,
      replayUrl: c.recordingId ? `/api/live-rooms/${c.roomId}/replay?recording=${c.recordingId}#t=${c.startSeconds},${c.endSeconds}` : null,
      createdAt: c.createdAt.toISOString(),
    }
  }
}
export type LiveService = ReturnType<typeof createLiveService>
