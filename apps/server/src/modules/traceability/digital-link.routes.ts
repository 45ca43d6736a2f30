import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { Type } from 'typebox'
import { ErrorResponseSchema } from '@hotland/contracts'
import { DigitalLinkError, formatDigitalLink, isValidGtin14 } from '@hotland/epcis'
import { invalid, notFound } from '../../platform/errors.ts'
import { EPCIS_CONTEXT, type TraceabilityService } from './service.ts'

export interface DigitalLinkOptions {
  traceability: TraceabilityService
  catalog: { byGtin(gtin: string): Promise<{ productId: string; title: string; skuName: string } | null> }
  publicUrl: string
}

const Params = Type.Object({ gtin: Type.String({ maxLength: 14 }), lot: Type.Optional(Type.String({ maxLength: 20 })), serial: Type.Optional(Type.String({ maxLength: 20 })) })
const Query = Type.Object({ linkType: Type.Optional(Type.String({ maxLength: 60 })) })

/**
 * GS1 Digital Link resolver: /01/{gtin}[/10/{lot}[/21/{serial}]].
 * linkType=gs1:epcis or Accept: application/ld+json → the item's EPCIS events; linkType=all → a linkset (RFC 9264);
 * otherwise (a phone scanning the box) → a redirect to the trace page (gs1:traceability, the default) when the link
 * names a lot, or to the product page (gs1:pip) for a bare GTIN.
 */
export const digitalLinkRoutes: FastifyPluginAsyncTypebox<DigitalLinkOptions> = async (app, opts) => {
  async function resolve(req: FastifyRequest<{ Params: { gtin: string; lot?: string; serial?: string }; Querystring: { linkType?: string } }>, reply: FastifyReply) {
    const { gtin, lot, serial } = req.params
    if (!/^\d{14}$/.test(gtin) || !isValidGtin14(gtin)) throw invalid('VALIDATION_FAILED', 'Not a valid GTIN-14 (check digit)', 'params.gtin')
    const item = await opts.catalog.byGtin(gtin)
    if (!item) throw notFound('NOT_FOUND', 'No product with this GTIN')
    let self: string
    try {
      self = formatDigitalLink(opts.publicUrl, { gtin, lot, serial })
    } catch (err) {
      if (err instanceof DigitalLinkError) throw invalid('VALIDATION_FAILED', err.message, serial ? 'params.serial' : 'params.lot')
      throw err
    }
    const pip = `${opts.publicUrl}/products/${item.productId}`
    const tracePage = lot ? `${opts.publicUrl}/trace/${gtin}/${encodeURIComponent(lot)}${serial ? `/${encodeURIComponent(serial)}` : ''}` : null
    const defaultHref = tracePage ?? pip
    const epcisHref = `${self}?linkType=gs1:epcis`
    const linkType = req.query.linkType
    const wantsJsonLd = (req.headers.accept ?? '').includes('application/ld+json')

    if (linkType === 'all') {
      return reply.type('application/linkset+json').send({
        linkset: [{
          anchor: self,
          'https://gs1.org/voc/pip': [{ href: pip, title: `${item.title} ${item.skuName}`, type: 'text/html', hreflang: ['zh-CN'] }],
          ...(tracePage ? { 'https://gs1.org/voc/traceability': [{ href: tracePage, title: '溯源 Trace', type: 'text/html', hreflang: ['zh-CN'] }] } : {}),
          'https://gs1.org/voc/epcis': [{ href: epcisHref, title: 'EPCIS events', type: 'application/ld+json' }],
          'https://gs1.org/voc/defaultLink': [{ href: defaultHref, type: 'text/html' }],
        }],
      })
    }
    if (linkType === 'gs1:epcis' || wantsJsonLd) {
      // Public: whoever holds the box reads its events (and its lot's), but not the order and waybill numbers
      // (bizTransactionList); partners with rights read whole events at /epcis.
      const events = (lot ? await opts.traceability.eventsAbout({ gtin, lot, serial }, { otherBoxesPacking: true }) : [])
        .map(({ bizTransactionList: _private, ...e }) => e)
      return reply.type('application/ld+json').send({
        '@context': [EPCIS_CONTEXT], type: 'EPCISQueryDocument', schemaVersion: '2.0', creationDate: new Date().toISOString(),
        epcisBody: { queryResults: { queryName: 'SimpleEventQuery', resultsBody: { eventList: events } } },
      })
    }
    return reply.redirect(linkType === 'gs1:pip' ? pip : defaultHref, 307)
  }

  const schema = {
    tags: ['digital-link'], params: Params, querystring: Query,
    response: {
      200: Type.Object({}, { additionalProperties: true, description: 'linkType=all: a linkset; gs1:epcis or Accept: application/ld+json: an EPCISQueryDocument' }),
      307: Type.Null({ description: 'Browsers go to the consumer page' }),
      400: ErrorResponseSchema, 404: ErrorResponseSchema,
    },
  }
  app.get('/01/:gtin', { schema: { ...schema, summary: 'GS1 Digital Link for a product' } }, resolve)
  app.get('/01/:gtin/10/:lot', { schema: { ...schema, summary: 'GS1 Digital Link for a lot' } }, resolve)
  app.get('/01/:gtin/10/:lot/21/:serial', { schema: { ...schema, summary: 'GS1 Digital Link for one box' } }, resolve)
}
