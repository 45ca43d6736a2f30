import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import type { FastifyReply, FastifyRequest } from 'fastify'

/**
 * Streams a file with HTTP range support (video players seek with Range requests). Independent of @fastify/static,
 * whose reply.sendFile only exists when the web app build is present.
 */
export async function sendFileWithRanges(req: FastifyRequest, reply: FastifyReply, path: string, type: string) {
  const { size } = await stat(path)
  reply.header('accept-ranges', 'bytes').type(type)
  const range = /^bytes=(\d*)-(\d*)$/.exec(req.headers.range ?? '')
  if (!range || (!range[1] && !range[2])) {
    reply.header('content-length', size)
    return reply.send(createReadStream(path))
  }
  let start = range[1] ? Number(range[1]) : size - Number(range[2])
  let end = range[1] && range[2] ? Number(range[2]) : size - 1
  start = Math.max(0, start)
  end = Math.min(end, size - 1)
  if (start > end || start >= size) {
    return reply.status(416).header('content-range', `bytes */${size}`).send()
  }
  return reply.status(206).header('content-range', `bytes ${start}-${end}/${size}`).header('content-length', end - start + 1)
    .send(createReadStream(path, { start, end }))
}
