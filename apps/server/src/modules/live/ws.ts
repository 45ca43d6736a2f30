import type {} from '@fastify/websocket'
import type { FastifyPluginAsync } from 'fastify'
import type { LiveClientMessage } from '@hotland/contracts'
import { IdParamsSchema } from '@hotland/contracts'
import { AppError } from '../../platform/errors.ts'
import { rawSocketOf, type LiveHub, type Viewer } from './hub.ts'
import type { LiveService } from './service.ts'

const MAX_FRAME_BYTES = 2048
const MAX_CLIENT_MESSAGES_PER_SECOND = 20

/** WebSocket /api/live-rooms/:id/socket — anyone may watch; logged-in users may chat and like. */
export const liveSocket: FastifyPluginAsync<{ live: LiveService; hub: LiveHub }> = async (app, { live, hub }) => {
  app.get('/:id/socket', { websocket: true, schema: { params: IdParamsSchema, hide: true } }, async (socket, req) => {
    const { id } = req.params as { id: string }
    const actor = req.actor
    let room
    try {
      room = await live.roomForSocket(id)
      if (actor && (await live.isBanned(id, actor.id))) {
        socket.send(JSON.stringify({ t: Date.now(), e: [{ type: 'error', code: 'LIVE_BANNED', message: 'You are banned from this room' }] }))
        socket.close(4003, 'banned')
        return
      }
    } catch (err) {
      socket.send(JSON.stringify({ t: Date.now(), e: [{ type: 'error', code: err instanceof AppError ? err.code : 'INTERNAL', message: 'Room unavailable' }] }))
      socket.close(4004, 'not found')
      return
    }

    const raw = rawSocketOf(socket)
    const viewer: Viewer = { socket, userId: actor?.id ?? null, raw, fd: raw?._handle?.fd, counted: actor?.id !== room.anchorId }
    // A flooding client is cut off at the socket: it costs one counter per frame, not a database round trip.
    let windowStart = Date.now()
    let inWindow = 0
    let closed = false

    socket.on('message', async (data, isBinary) => {
      if (closed) return
      const now = Date.now()
      if (now - windowStart >= 1000) {
        windowStart = now
        inWindow = 0
      }
      if (++inWindow > MAX_CLIENT_MESSAGES_PER_SECOND) {
        if (inWindow === MAX_CLIENT_MESSAGES_PER_SECOND + 1) hub.direct(viewer, [{ type: 'error', code: 'LIVE_RATE_LIMITED', message: 'Too many messages' }])
        return
      }
      if (isBinary || (data as Buffer).length > MAX_FRAME_BYTES) {
        hub.direct(viewer, [{ type: 'error', code: 'VALIDATION_FAILED', message: 'Frames are JSON text, at most 2 KB' }])
        return
      }
      let msg: LiveClientMessage
      try {
        msg = JSON.parse(String(data)) as LiveClientMessage
      } catch {
        hub.direct(viewer, [{ type: 'error', code: 'VALIDATION_FAILED', message: 'Not JSON' }])
        return
      }
      if (msg.type === 'like') {
        // A frame may carry up to 50 taps (the client folds fast tapping); more per frame is not a human.
        hub.like(id, Math.max(1, Math.min(50, Math.floor(Number(msg.count) || 1))))
      } else if (msg.type === 'chat') {
        try {
          await live.chat(room, actor, typeof msg.text === 'string' ? msg.text : '')
        } catch (err) {
          if (!(err instanceof AppError)) {
            req.log.error({ err }, 'chat failed')
            hub.direct(viewer, [{ type: 'error', code: 'INTERNAL', message: 'Could not send' }])
            return
          }
          hub.direct(viewer, [{ type: 'error', code: err.code, message: err.message }])
        }
      } else if (msg.type === 'ping') {
        hub.direct(viewer, [])
      }
    })
    socket.on('close', () => {
      closed = true
      void hub.leave(id, viewer)
    })
    await hub.join(id, viewer, await live.hello(room, actor))
  })
}
