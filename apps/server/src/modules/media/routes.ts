import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { ErrorResponseSchema, ImageViewSchema } from '@hotland/contracts'
import { requireActor } from '../../platform/auth/actor.ts'
import { invalid } from '../../platform/errors.ts'
import type { MediaService } from './service.ts'

const tags = ['media']

export const mediaRoutes: FastifyPluginAsyncTypebox<{ media: MediaService }> = async (app, { media }) => {
  app.post('/images', {
    schema: {
      tags, summary: 'Upload a JPEG/PNG/WebP (≤ 10 MB) as multipart field "file"; stored as WebP at 1080/480/160 px',
      consumes: ['multipart/form-data'],
      response: { 201: ImageViewSchema, 400: ErrorResponseSchema, 401: ErrorResponseSchema, 413: ErrorResponseSchema },
    },
  }, async (req, reply) => {
    requireActor(req.actor)
    if (!req.isMultipart()) throw invalid('VALIDATION_FAILED', 'Send the image as multipart/form-data with a field named "file"', 'file')
    const file = await req.file()
    if (!file || file.fieldname !== 'file') throw invalid('VALIDATION_FAILED', 'A file field named "file" is required', 'file')
    const data = await file.toBuffer().catch((err: { code?: string }) => {
      if (err.code === 'FST_REQ_FILE_TOO_LARGE') return null
      throw err
    })
    const view = await media.uploadImage(req.actor, data ?? Buffer.alloc(0), data === null || file.file.truncated)
    return reply.status(201).send(view)
  })

  app.get('/files/:name', {
    schema: {
      tags, summary: 'A stored image rendition',
      params: Type.Object({ name: Type.String({ pattern: '^[A-Za-z0-9_.-]+$', maxLength: 80 }) }),
      response: { 200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description: 'image/webp bytes' }), 404: ErrorResponseSchema },
    },
  }, async (req, reply) => {
    const stream = await media.openFile(req.params.name)
    if (!stream) return reply.status(404).send({ error: { code: 'NOT_FOUND', message: 'No such file' } })
    return reply.type('image/webp').header('cache-control', 'public, max-age=31536000, immutable').send(stream as never)
  })
}
