import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import {
  AddOperatorBodySchema, BatchBodySchema, BatchListSchema, BatchViewSchema, ErrorResponseSchema, HubBodySchema, HubListQuerySchema, HubListSchema,
  HubShipmentsQuerySchema, HubViewSchema, IdParamsSchema, LabelsQuerySchema, ScanBodySchema, ShipmentListSchema, ShipmentViewSchema,
  ShipOrderBodySchema, ShopProductsParamsSchema,
} from '@hotland/contracts'
import type { LogisticsService } from './service.ts'

const errors = { 400: ErrorResponseSchema, 401: ErrorResponseSchema, 403: ErrorResponseSchema, 404: ErrorResponseSchema, 409: ErrorResponseSchema }
const tags = ['logistics']
const Pdf = Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description: 'application/pdf, A6 pages' })

/** /api/hubs…, /api/batches/:id/depart, /api/orders/:id/shipment|label.pdf, /api/shops/:shopId/labels.pdf */
export const logisticsRoutes: FastifyPluginAsyncTypebox<{ logistics: LogisticsService }> = async (app, { logistics }) => {
  app.get('/hubs', { schema: { tags, summary: 'County hubs and village pickup points (mine=true: where I scan)', querystring: HubListQuerySchema, response: { 200: HubListSchema, ...errors } } },
    async (req) => logistics.hubs(req.actor, req.query))
  app.post('/hubs', { schema: { tags, summary: 'Add a hub or pickup point (county admins)', body: HubBodySchema, response: { 201: HubViewSchema, ...errors } } },
    async (req, reply) => reply.status(201).send(await logistics.createHub(req.actor, req.body)))
  app.get('/hubs/:id', { schema: { tags, summary: 'A hub', params: IdParamsSchema, response: { 200: HubViewSchema, ...errors } } },
    async (req) => logistics.hub(req.actor, req.params.id))
  app.post('/hubs/:id/operators', { schema: { tags, summary: 'Let a user scan at this hub (county admins)', params: IdParamsSchema, body: AddOperatorBodySchema, response: { 200: HubViewSchema, ...errors } } },
    async (req) => logistics.addOperator(req.actor, req.params.id, req.body.phone))
  app.get('/hubs/:id/shipments', { schema: { tags, summary: 'Parcels at (or waiting for pickup at) this hub', params: IdParamsSchema, querystring: HubShipmentsQuerySchema, response: { 200: ShipmentListSchema, ...errors } } },
    async (req) => logistics.hubShipments(req.actor, req.params.id, req.query.status))
  app.post('/hubs/:id/scans', { schema: { tags, summary: 'Scan a waybill here (tracking row + EPCIS event; delivered also moves the order)', params: IdParamsSchema, body: ScanBodySchema, response: { 200: ShipmentViewSchema, ...errors } } },
    async (req) => logistics.scan(req.actor, req.params.id, req.body))
  app.post('/hubs/:id/batches', { schema: { tags, summary: 'Consolidate parcels at the hub into an outbound batch', params: IdParamsSchema, body: BatchBodySchema, response: { 201: BatchViewSchema, ...errors } } },
    async (req, reply) => reply.status(201).send(await logistics.createBatch(req.actor, req.params.id, req.body)))
  app.get('/hubs/:id/batches', { schema: { tags, summary: 'Outbound batches of the hub', params: IdParamsSchema, response: { 200: BatchListSchema, ...errors } } },
    async (req) => logistics.batches(req.actor, req.params.id))
  app.post('/batches/:id/depart', { schema: { tags, summary: 'The batch leaves the hub (a departed scan per parcel)', params: IdParamsSchema, response: { 200: BatchViewSchema, ...errors } } },
    async (req) => logistics.departBatch(req.actor, req.params.id))

  app.post('/orders/:id/shipment', { schema: { tags, summary: 'Ship an order: through a village pickup point (county logistics) or any courier', params: IdParamsSchema, body: ShipOrderBodySchema, response: { 201: ShipmentViewSchema, ...errors } } },
    async (req, reply) => reply.status(201).send(await logistics.shipOrder(req.actor, req.params.id, req.body)))
  app.get('/orders/:id/shipment', { schema: { tags, summary: 'The order\'s shipment and tracking (buyer, shop, hub operators)', params: IdParamsSchema, response: { 200: ShipmentViewSchema, ...errors } } },
    async (req) => logistics.shipmentOfOrder(req.actor, req.params.id))
  app.get('/orders/:id/label.pdf', { schema: { tags, summary: 'A6 shipping label(s) of the order, one page per parcel, with the box\'s Digital Link QR', params: IdParamsSchema, response: { 200: Pdf, ...errors } } },
    async (req, reply) => {
      const pdf = await logistics.orderLabel(req.actor, req.params.id) // errors answer JSON, without the PDF headers
      return reply.type('application/pdf').header('content-disposition', `inline; filename="label-${req.params.id}.pdf"`).send(pdf)
    })
  app.get('/shops/:shopId/labels.pdf', { schema: { tags, summary: 'Every label of the shop\'s shipments of a day (China time)', params: ShopProductsParamsSchema, querystring: LabelsQuerySchema, response: { 200: Pdf, ...errors } } },
    async (req, reply) => {
      const pdf = await logistics.dayLabels(req.actor, req.params.shopId, req.query.date)
      return reply.type('application/pdf').header('content-disposition', `inline; filename="labels-${req.query.date}.pdf"`).send(pdf)
    })
}
