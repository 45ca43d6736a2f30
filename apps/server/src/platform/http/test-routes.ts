import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { PhoneSchema } from '@hotland/contracts'

/** Registered only when ENABLE_TEST_ROUTES=true (browser tests read SMS codes here). No secret: never enable in production. */
export const testRoutes: FastifyPluginAsyncTypebox<{ lastCode: (phone: string) => string | undefined }> = async (app, opts) => {
  app.get('/otp-codes/:phone', {
    schema: { hide: true, params: Type.Object({ phone: PhoneSchema }), response: { 200: Type.Object({ code: Type.String() }), 404: Type.Object({ error: Type.Object({ code: Type.String(), message: Type.String() }) }) } },
  }, async (req, reply) => {
    const code = opts.lastCode(req.params.phone)
    if (!code) return reply.status(404).send({ error: { code: 'NOT_FOUND', message: 'No code sent to this number' } })
    return { code }
  })
}
