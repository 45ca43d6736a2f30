import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import {
  CreateLotBodySchema, ErrorResponseSchema, LotBoxListSchema, IdParamsSchema, InspectionBodySchema, LotClipsBodySchema, LotListSchema, LotViewSchema, OrchardBodySchema,
  OrchardListSchema, OrchardViewSchema, PackBodySchema, PackResultSchema, ShopProductsParamsSchema, TraceViewSchema,
} from '@hotland/contracts'
import type { HarvestService } from './service.ts'
import type { TraceService } from './trace.service.ts'

const errors = { 400: ErrorResponseSchema, 401: ErrorResponseSchema, 403: ErrorResponseSchema, 404: ErrorResponseSchema, 409: ErrorResponseSchema }
const tags = ['lots']

/** /api/shops/:shopId/orchards|lots, /api/orchards/:id, /api/lots/:id… */
export const harvestRoutes: FastifyPluginAsyncTypebox<{ harvest: HarvestService }> = async (app, { harvest }) => {
  app.get('/shops/:shopId/orchards', { schema: { tags, summary: 'The shop\'s orchards (each has a GLN)', params: ShopProductsParamsSchema, response: { 200: OrchardListSchema, ...errors } } },
    async (req) => harvest.orchards(req.actor, req.params.shopId))
  app.post('/shops/:shopId/orchards', { schema: { tags, summary: 'Add an orchard', params: ShopProductsParamsSchema, body: OrchardBodySchema, response: { 201: OrchardViewSchema, ...errors } } },
    async (req, reply) => reply.status(201).send(await harvest.addOrchard(req.actor, req.params.shopId, req.body)))
  app.patch('/orchards/:id', { schema: { tags, summary: 'Edit an orchard', params: IdParamsSchema, body: Type.Partial(OrchardBodySchema, { minProperties: 1 }), response: { 200: OrchardViewSchema, ...errors } } },
    async (req) => harvest.updateOrchard(req.actor, req.params.id, req.body))

  app.get('/shops/:shopId/lots', { schema: { tags, summary: 'The shop\'s harvest lots, newest first', params: ShopProductsParamsSchema, response: { 200: LotListSchema, ...errors } } },
    async (req) => harvest.lots(req.actor, req.params.shopId))
  app.post('/shops/:shopId/lots', { schema: { tags, summary: 'Record a harvest lot with its 承诺达标合格证 (captures an EPCIS commissioning event)', params: ShopProductsParamsSchema, body: CreateLotBodySchema, response: { 201: LotViewSchema, ...errors } } },
    async (req, reply) => reply.status(201).send(await harvest.createLot(req.actor, req.params.shopId, req.body)))
  app.get('/lots/:id', { schema: { tags, summary: 'A lot (shop members, the county\'s commissioners, admins)', params: IdParamsSchema, response: { 200: LotViewSchema, ...errors } } },
    async (req) => harvest.lot(req.actor, req.params.id))
  app.post('/lots/:id/inspections', { schema: { tags, summary: 'Record an inspection (a nonconformant result blocks the lot)', params: IdParamsSchema, body: InspectionBodySchema, response: { 201: LotViewSchema, ...errors } } },
    async (req, reply) => reply.status(201).send(await harvest.addInspection(req.actor, req.params.id, req.body)))
  app.post('/lots/:id/pack', { schema: { tags, summary: 'Pack boxes from the lot: serials, EPCIS packing events, stock for the SKU', params: IdParamsSchema, body: PackBodySchema, response: { 201: PackResultSchema, ...errors } } },
    async (req, reply) => reply.status(201).send(await harvest.pack(req.actor, req.params.id, req.body)))
  app.get('/lots/:id/boxes', { schema: { tags, summary: 'The lot\'s packed boxes (serial, Digital Link, shipped or not)', params: IdParamsSchema, response: { 200: LotBoxListSchema, ...errors } } },
    async (req) => harvest.boxes(req.actor, req.params.id))
  app.put('/lots/:id/clips', { schema: { tags, summary: 'Link live-stream clips (picking, packing) to the lot', params: IdParamsSchema, body: LotClipsBodySchema, response: { 200: LotViewSchema, ...errors } } },
    async (req) => harvest.setClips(req.actor, req.params.id, req.body))
}

const TraceParams = Type.Object({ gtin: Type.String({ maxLength: 14 }), lot: Type.String({ maxLength: 20 }), serial: Type.Optional(Type.String({ maxLength: 20 })) })

/** /api/trace/:gtin/:lot[/:serial] — public. */
export const traceRoutes: FastifyPluginAsyncTypebox<{ trace: TraceService }> = async (app, { trace }) => {
  const schema = { tags: ['trace'], params: TraceParams, response: { 200: TraceViewSchema, 400: ErrorResponseSchema, 404: ErrorResponseSchema } }
  app.get('/:gtin/:lot', { schema: { ...schema, summary: 'A lot\'s trace page data' } }, async (req) => trace.view(req.params.gtin, req.params.lot, null))
  app.get('/:gtin/:lot/:serial', { schema: { ...schema, summary: 'One box\'s trace page data (from its QR)' } }, async (req) => trace.view(req.params.gtin, req.params.lot, req.params.serial ?? null))
}
