import type { FastifyError, FastifyInstance } from 'fastify'
import type { ErrorCode, ErrorResponse } from '@hotland/contracts'
import { NOT_BLANK } from '@hotland/contracts'
import { AppError, statusOfKind } from '../errors.ts'

interface ValidationItem {
  instancePath?: string
  params?: Record<string, unknown>
  message?: string
}

/** 'body' + '/skus/0/priceFen' → 'body.skus.0.priceFen'; a missing property is named too. */
export function fieldOf(context: string | undefined, item: ValidationItem | undefined): string {
  const parts = [context ?? 'body']
  const path = (item?.instancePath ?? '').split('/').filter(Boolean)
  parts.push(...path)
  const missing = item?.params?.missingProperty ?? (item?.params?.requiredProperties as string[] | undefined)?.[0]
  if (typeof missing === 'string') parts.push(missing)
  const extra = item?.params?.additionalProperty
  if (typeof extra === 'string') parts.push(extra)
  return parts.join('.')
}

function body(code: ErrorCode, message: string, field?: string): ErrorResponse {
  return { error: field ? { code, message, field } : { code, message } }
}

/** One error shape for the whole API. 4xx messages pass through; 5xx messages are hidden and logged. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | AppError, req, reply) => {
    if (err instanceof AppError) {
      return reply.status(statusOfKind[err.kind]).send(body(err.code, err.message, err.field))
    }
    const fe = err as FastifyError
    if (fe.validation) {
      const first = fe.validation[0] as ValidationItem | undefined
      const field = fieldOf(fe.validationContext, first)
      const message = first?.params?.pattern === NOT_BLANK ? 'must not be blank' : first?.message ?? 'is invalid'
      return reply.status(400).send(body('VALIDATION_FAILED', `${field} ${message}`, field))
    }
    const status = fe.statusCode ?? 500
    if (status === 413 || fe.code === 'FST_REQ_FILE_TOO_LARGE') {
      return reply.status(413).send(body('PAYLOAD_TOO_LARGE', 'The request is too large'))
    }
    if (status === 429) return reply.status(429).send(body('RATE_LIMITED', 'Too many requests'))
    if (status >= 400 && status < 500) {
      // Fastify's own 4xx (bad JSON, wrong content type): say what it was.
      return reply.status(status).send(body('VALIDATION_FAILED', fe.message, 'body'))
    }
    req.log.error({ err }, 'unhandled error')
    return reply.status(500).send(body('INTERNAL', 'Something went wrong on our side'))
  })
}
