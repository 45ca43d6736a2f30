import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { HealthSchema, ReadySchema } from '@hotland/contracts'

export const healthRoutes: FastifyPluginAsyncTypebox<{ ping: () => Promise<boolean>; database: 'pglite' | 'postgres' }> = async (app, opts) => {
  app.get('/health', { schema: { tags: ['health'], summary: 'Liveness: the process is up', response: { 200: HealthSchema } } },
    async () => ({ status: 'ok' as const, uptimeSeconds: Math.round(process.uptime()) }))
  app.get('/ready', { schema: { tags: ['health'], summary: 'Readiness: the database answers', response: { 200: ReadySchema, 503: ReadySchema } } },
    async (_req, reply) => {
      const ok = await opts.ping().catch(() => false)
      return reply.status(ok ? 200 : 503).send({ status: ok ? 'ready' : 'unavailable', database: opts.database, checks: { database: ok } })
    })
}
