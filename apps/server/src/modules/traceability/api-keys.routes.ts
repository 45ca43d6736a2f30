import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { ApiKeyBodySchema, ApiKeyCreatedSchema, ApiKeyListSchema, ApiKeyViewSchema, ErrorResponseSchema, IdParamsSchema } from '@hotland/contracts'
import type { ApiKeysService } from './api-keys.service.ts'

const errors = { 400: ErrorResponseSchema, 401: ErrorResponseSchema, 403: ErrorResponseSchema, 404: ErrorResponseSchema }
const tags = ['epcis']

/** /api/api-keys — keys for EPCIS capture from devices and other systems. */
export const apiKeysRoutes: FastifyPluginAsyncTypebox<{ apiKeys: ApiKeysService }> = async (app, { apiKeys }) => {
  app.get('/', { schema: { tags, summary: 'My API keys', response: { 200: ApiKeyListSchema, ...errors } } }, async (req) => apiKeys.list(req.actor))
  app.post('/', { schema: { tags, summary: 'Issue a key for locations I have rights on (the key is shown once)', body: ApiKeyBodySchema, response: { 201: ApiKeyCreatedSchema, ...errors } } },
    async (req, reply) => reply.status(201).send(await apiKeys.create(req.actor, req.body)))
  app.delete('/:id', { schema: { tags, summary: 'Revoke a key', params: IdParamsSchema, response: { 200: ApiKeyViewSchema, ...errors } } },
    async (req) => apiKeys.revoke(req.actor, req.params.id))
}
