import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { ErrorResponseSchema } from '@hotland/contracts'
import { EPCIS_CONTEXT, type TraceabilityService } from './service.ts'
import type { ApiKeysService } from './api-keys.service.ts'
import { AppError } from '../../platform/errors.ts'
import { bizStepOf, dispositionOf } from './normalize.ts'

const errors = { 400: ErrorResponseSchema, 401: ErrorResponseSchema, 403: ErrorResponseSchema, 404: ErrorResponseSchema, 409: ErrorResponseSchema }
const tags = ['epcis']
const Json = Type.Object({}, { additionalProperties: true, description: 'EPCIS 2.0 JSON(-LD); validated against the EPCIS 2.0 JSON schema' })
const list = (v: string | undefined) => (v ? v.split(',').map((s) => s.trim()).filter(Boolean) : undefined)

const QuerySchema = Type.Object({
  eventType: Type.Optional(Type.String({ description: 'ObjectEvent, AggregationEvent, TransformationEvent, TransactionEvent, AssociationEvent (comma-separated)' })),
  GE_eventTime: Type.Optional(Type.String({ format: 'date-time' })),
  LT_eventTime: Type.Optional(Type.String({ format: 'date-time' })),
  EQ_bizStep: Type.Optional(Type.String()),
  EQ_disposition: Type.Optional(Type.String()),
  MATCH_epc: Type.Optional(Type.String()),
  MATCH_anyEPC: Type.Optional(Type.String()),
  MATCH_anyEPCClass: Type.Optional(Type.String()),
  EQ_bizLocation: Type.Optional(Type.String()),
  EQ_readPoint: Type.Optional(Type.String()),
  perPage: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 30 })),
  nextPageToken: Type.Optional(Type.String({ maxLength: 200 })),
})

/** GS1 EPCIS 2.0 REST binding, mounted at /epcis. */
export const epcisRoutes: FastifyPluginAsyncTypebox<{ traceability: TraceabilityService; apiKeys: ApiKeysService }> = async (app, { traceability, apiKeys }) => {
  // Devices and other systems authenticate with `Authorization: Bearer hlk_…`; people with their session cookie.
  app.addHook('preHandler', async (req) => {
    const auth = req.headers.authorization
    if (!auth) return
    const m = /^Bearer\s+(hlk_[A-Za-z0-9_-]{20,60})$/.exec(auth)
    const actor = m ? await apiKeys.actorForKey(m[1]!) : null
    if (!actor) throw new AppError('unauthenticated', 'TRACE_API_KEY_INVALID', 'Unknown or revoked API key')
    req.actor = actor
  })

  app.post('/capture', {
    schema: {
      tags, summary: 'Capture an EPCISDocument (202 + capture job). GS1-Capture-Error-Behaviour: rollback (default) or proceed',
      headers: Type.Object({ 'gs1-capture-error-behaviour': Type.Optional(Type.Enum(['rollback', 'proceed'])) }),
      body: Json, response: { 202: Type.Object({ captureID: Type.String() }), ...errors },
    },
  }, async (req, reply) => {
    const id = await traceability.capture(req.actor, req.body, req.headers['gs1-capture-error-behaviour'] ?? 'rollback')
    return reply.status(202).header('location', `/epcis/capture/${id}`).send({ captureID: id })
  })

  app.get('/capture/:captureID', {
    schema: { tags, summary: 'A capture job', params: Type.Object({ captureID: Type.String({ maxLength: 40 }) }), response: { 200: Type.Object({}, { additionalProperties: true }), ...errors } },
  }, async (req) => traceability.job(req.actor, req.params.captureID))

  app.post('/events', {
    schema: { tags, summary: 'Capture one event (201; 409 for a known eventID)', body: Json, response: { 201: Json, ...errors } },
  }, async (req, reply) => {
    const ev = await traceability.captureOne(req.actor, req.body)
    return reply.status(201).header('location', `/epcis/events/${encodeURIComponent(String(ev.eventID))}`).send(ev)
  })

  app.get('/events', {
    schema: { tags, summary: 'Query events (EPCISQueryDocument); the Link header carries the next page', querystring: QuerySchema, response: { 200: Json, ...errors } },
  }, async (req, reply) => {
    await traceability.assertReader(req.actor)
    const q = req.query
    const res = await traceability.query({
      eventType: list(q.eventType), geEventTime: q.GE_eventTime ? new Date(q.GE_eventTime) : undefined, ltEventTime: q.LT_eventTime ? new Date(q.LT_eventTime) : undefined,
      bizStep: list(q.EQ_bizStep)?.map((s) => bizStepOf(s)!), disposition: list(q.EQ_disposition)?.map((s) => dispositionOf(s)!),
      epc: list(q.MATCH_epc), anyEpc: list(q.MATCH_anyEPC), anyEpcClass: list(q.MATCH_anyEPCClass), bizLocation: list(q.EQ_bizLocation), readPoint: list(q.EQ_readPoint),
      perPage: q.perPage ?? 30, nextPageToken: q.nextPageToken,
    })
    if (res.nextPageToken) {
      const next = new URLSearchParams(Object.entries({ ...q, nextPageToken: res.nextPageToken }).map(([k, v]) => [k, String(v)] as [string, string]))
      reply.header('link', `</epcis/events?${next.toString()}>; rel="next"`)
    }
    return {
      '@context': [EPCIS_CONTEXT], type: 'EPCISQueryDocument', schemaVersion: '2.0', creationDate: new Date().toISOString(),
      epcisBody: { queryResults: { queryName: 'SimpleEventQuery', resultsBody: { eventList: res.events } } },
    }
  })

  app.get('/events/:eventID', {
    schema: { tags, summary: 'One event by eventID (with its errorDeclaration, if any)', params: Type.Object({ eventID: Type.String({ maxLength: 300 }) }), response: { 200: Json, ...errors } },
  }, async (req) => {
    await traceability.assertReader(req.actor)
    return traceability.get(req.params.eventID)
  })

  app.get('/chains/:key/verify', {
    schema: {
      tags, summary: 'Recompute a lot\'s hash chain: detects any change to stored events', params: Type.Object({ key: Type.String({ maxLength: 200 }) }),
      response: { 200: Type.Object({ chainKey: Type.String(), valid: Type.Boolean(), length: Type.Integer(), brokenAt: Type.Union([Type.Object({ seq: Type.Integer(), eventId: Type.Union([Type.String(), Type.Null()]) }), Type.Null()]) }), ...errors },
    },
  }, async (req) => {
    await traceability.assertReader(req.actor)
    return traceability.verify(req.params.key)
  })
}
