import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import {
  CountyCommissionerParamsSchema, CountySummarySchema, CountyViewSchema, ErrorResponseSchema, RegionCodeParamsSchema,
  RegionViewSchema, SearchCountiesQuerySchema, UpdateCountyProfileBodySchema,
} from '@hotland/contracts'
import type { RegionsService } from './service.ts'

const errors = { 400: ErrorResponseSchema, 401: ErrorResponseSchema, 403: ErrorResponseSchema, 404: ErrorResponseSchema }
const tags = ['regions']

export const regionsRoutes: FastifyPluginAsyncTypebox<{ regions: RegionsService }> = async (app, { regions }) => {
  app.get('/provinces', { schema: { tags, summary: 'All provinces', response: { 200: Type.Array(RegionViewSchema) } } },
    async () => regions.provinces())

  app.get('/:code/children', {
    schema: { tags, summary: 'Cities of a province, or counties of a city', params: RegionCodeParamsSchema, response: { 200: Type.Array(RegionViewSchema), ...errors } },
  }, async (req) => regions.children(req.params.code))

  app.get('/counties', {
    schema: { tags, summary: 'Search counties (functional zones excluded)', querystring: SearchCountiesQuerySchema, response: { 200: Type.Array(CountySummarySchema), ...errors } },
  }, async (req) => regions.searchCounties(req.query))

  app.get('/counties/:code', {
    schema: { tags, summary: 'County profile', params: RegionCodeParamsSchema, response: { 200: CountyViewSchema, ...errors } },
  }, async (req) => regions.county(req.params.code))

  app.put('/counties/:code/profile', {
    schema: { tags, summary: 'Edit a county profile (its county admins or a platform admin)', params: RegionCodeParamsSchema, body: UpdateCountyProfileBodySchema, response: { 200: CountyViewSchema, ...errors } },
  }, async (req) => regions.updateProfile(req.actor, req.params.code, req.body))

  app.put('/counties/:code/commissioners/:userId', {
    schema: { tags, summary: 'Assign a commissioner to a county (platform admin)', params: CountyCommissionerParamsSchema, response: { 200: CountyViewSchema, ...errors } },
  }, async (req) => regions.assignCommissioner(req.actor, req.params.code, req.params.userId))

  app.delete('/counties/:code/commissioners/:userId', {
    schema: { tags, summary: 'Remove a commissioner from a county (platform admin)', params: CountyCommissionerParamsSchema, response: { 200: CountyViewSchema, ...errors } },
  }, async (req) => regions.removeCommissioner(req.actor, req.params.code, req.params.userId))
}
