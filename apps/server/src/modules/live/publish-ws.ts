import type {} from '@fastify/websocket'
import type { FastifyPluginAsync } from 'fastify'
import { IdParamsSchema } from '@hotland/contracts'
import { AppError } from '../../platform/errors.ts'
import type { LiveMedia } from './media.ts'
import type { LiveService } from './service.ts'

const MAX_CHUNK_BYTES = 4 * 1024 * 1024

/**
 * WebSocket /api/live-rooms/:id/publish — the anchor console's 开播 button. The browser sends MediaRecorder chunks
 * (binary frames); the server pipes them through ffmpeg into the RTMP ingest, so viewers watch the same HTTP-FLV as
 * from OBS. Text frames from the server report state: {"type":"publishing"} or {"type":"error","code":…}.
 */
export const publishSocket: FastifyPluginAsync<{ live: LiveService; media: LiveMedia }> = async (app, { live, media }) => {
  app.get('/:id/publish', { websocket: true, schema: { params: IdParamsSchema, hide: true } }, async (socket, req) => {
    const { id } = req.params as { id: string }
    const fail = (code: string, message: string) => {
      socket.send(JSON.stringify({ type: 'error', code, message }))
      socket.close(4000, code)
    }
    const early: Buffer[] = []
    let job: ReturnType<LiveMedia['startBrowserPublish']> | null = null
    socket.on('message', (data, isBinary) => {
      if (!isBinary) return
      const chunk = data as Buffer
      if (chunk.length > MAX_CHUNK_BYTES) return fail('VALIDATION_FAILED', 'Chunk too large')
      if (job) job.write(chunk)
      else early.push(chunk)
    })
    socket.on('close', () => job?.end())

    if (!media.ffmpeg) return fail('LIVE_PUBLISH_UNAVAILABLE', 'Browser publishing needs ffmpeg on the server; use an RTMP app (OBS, Larix) instead')
    let key: string
    try {
      key = (await live.streamKey(req.actor, id)).streamKey
    } catch (err) {
      if (err instanceof AppError) return fail(err.code, err.message)
      throw err
    }
    job = media.startBrowserPublish(id, key)
    for (const c of early.splice(0)) job.write(c)
    socket.send(JSON.stringify({ type: 'publishing' }))
    void job.done.then((code) => {
      if (socket.readyState === socket.OPEN) fail('LIVE_PUBLISH_UNAVAILABLE', `The encoder stopped (${code})`)
    })
  })
}
