import type { FastifyPluginAsyncTypebox, TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import {
  CreatePaymentBodySchema, ErrorResponseSchema, PaymentIdParamsSchema, PaymentProviderParamsSchema, PaymentViewSchema,
  SandboxCompleteBodySchema, SandboxCompleteResultSchema, SandboxPageQuerySchema, SandboxPaymentParamsSchema, WebhookAckSchema, WebhookBodySchema,
} from '@hotland/contracts'
import { Type } from 'typebox'
import { sandboxPageHtml, sandboxPageLang } from './page.ts'
import type { PaymentsService, SandboxDeliver } from './service.ts'

const errors = { 400: ErrorResponseSchema, 401: ErrorResponseSchema, 403: ErrorResponseSchema, 404: ErrorResponseSchema, 409: ErrorResponseSchema }
const tags = ['payments']

export interface PaymentsRoutesOptions {
  payments: PaymentsService
  /**
   * How the sandbox delivers its notifications. Default: POST them through this server's own HTTP stack (inject) to the
   * webhook route, so they take exactly the path a real provider's do — no network needed.
   */
  sandboxDeliver?: SandboxDeliver
}

export const paymentsRoutes: FastifyPluginAsyncTypebox<PaymentsRoutesOptions> = async (app, { payments, sandboxDeliver }) => {
  app.post('/', { schema: { tags, summary: 'Start (or resume) paying a checkout', body: CreatePaymentBodySchema, response: { 201: PaymentViewSchema, ...errors } } },
    async (req, reply) => reply.status(201).send(await payments.create(req.actor, req.body)))

  app.get('/:id', { schema: { tags, summary: 'A payment (its buyer)', params: PaymentIdParamsSchema, response: { 200: PaymentViewSchema, ...errors } } },
    async (req) => payments.get(req.actor, req.params.id))

  // Webhooks: signatures cover the exact bytes, so in this scope bodies are kept as the raw string, never parsed.
  await app.register(async (scope) => {
    const hooks = scope.withTypeProvider<TypeBoxTypeProvider>()
    hooks.removeAllContentTypeParsers()
    hooks.addContentTypeParser(['application/json', 'application/x-www-form-urlencoded'], { parseAs: 'string', bodyLimit: 256 * 1024 },
      (_req, body, done) => done(null, body))
    hooks.post('/webhooks/:provider', {
      schema: {
        tags, summary: 'Provider notifications (sandbox, alipay, wechat); answered in the format each provider expects',
        params: PaymentProviderParamsSchema, body: WebhookBodySchema, response: { 200: WebhookAckSchema, 500: WebhookAckSchema, ...errors },
      },
    }, async (req, reply) => {
      const ack = await payments.handleWebhook(req.params.provider, req.headers, req.body)
      return reply.status(ack.status).header('content-type', ack.contentType).send(ack.body)
    })
  })

  const deliver: SandboxDeliver = sandboxDeliver ?? (async (n) => {
    const res = await app.inject({ method: 'POST', url: new URL(n.notifyUrl).pathname, headers: n.headers, payload: n.rawBody })
    if (res.statusCode >= 300) throw new Error(`webhook answered ${res.statusCode}: ${res.body.slice(0, 200)}`)
  })

  app.get('/sandbox/:paymentId/page', {
    schema: { tags, summary: 'The sandbox cashier page (HTML)', params: SandboxPaymentParamsSchema, querystring: SandboxPageQuerySchema, response: { 200: Type.String(), ...errors } },
  }, async (req, reply) => {
    const html = sandboxPageHtml(await payments.sandboxPage(req.params.paymentId), sandboxPageLang(req.query.lang, req.headers['accept-language']))
    return reply.header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-store').send(html)
  })

  app.post('/sandbox/:paymentId/complete', {
    schema: {
      tags, summary: 'Sandbox: pay or decline, then send the signed webhook (switches: duplicate, delayMs)',
      params: SandboxPaymentParamsSchema, body: SandboxCompleteBodySchema, response: { 202: SandboxCompleteResultSchema, ...errors },
    },
  }, async (req, reply) => {
    const { done: _done, ...result } = await payments.completeSandboxAsBuyer(req.actor, req.params.paymentId, req.body, deliver)
    return reply.status(202).send(result)
  })
}
