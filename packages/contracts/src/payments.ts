import { Type, type Static } from 'typebox'
import { FenSchema, IdSchema, TimestampSchema } from './common.ts'

export const PaymentProviders = ['sandbox', 'alipay', 'wechat'] as const
export type PaymentProviderName = (typeof PaymentProviders)[number]
export const PaymentStatuses = ['pending', 'paid', 'failed', 'closed', 'refunded', 'partially_refunded'] as const

export const CreatePaymentBodySchema = Type.Object({
  checkoutId: IdSchema,
  provider: Type.Enum([...PaymentProviders], { default: 'sandbox' }),
})
export type CreatePaymentBody = Static<typeof CreatePaymentBodySchema>

export const PaymentViewSchema = Type.Object({
  id: IdSchema,
  checkoutId: IdSchema,
  provider: Type.Enum([...PaymentProviders]),
  amountFen: FenSchema,
  status: Type.Enum([...PaymentStatuses]),
  payUrl: Type.Union([Type.String(), Type.Null()], { description: 'Where to send the buyer (sandbox pay page, Alipay, …)' }),
  providerTradeNo: Type.Union([Type.String(), Type.Null()]),
  createdAt: TimestampSchema,
  paidAt: Type.Union([TimestampSchema, Type.Null()]),
})
export type PaymentView = Static<typeof PaymentViewSchema>

export const PaymentIdParamsSchema = Type.Object({ id: IdSchema })
export const PaymentProviderParamsSchema = Type.Object({ provider: Type.String({ minLength: 1, maxLength: 40, pattern: '^[a-z0-9_-]+$' }) })
export type PaymentProviderParams = Static<typeof PaymentProviderParamsSchema>
export const SandboxPaymentParamsSchema = Type.Object({ paymentId: IdSchema })
export type SandboxPaymentParams = Static<typeof SandboxPaymentParamsSchema>
export const SandboxPageQuerySchema = Type.Object({
  lang: Type.Optional(Type.Enum(['zh-CN', 'en-US'], { description: "The page's language; without it, the browser's Accept-Language (Chinese unless it prefers English)" })),
})

/** What the sandbox pay page sends: pay or decline, and the test switches for the webhook it then sends. */
export const SandboxCompleteBodySchema = Type.Object({
  outcome: Type.Enum(['pay', 'decline'], { description: 'pay = the buyer confirmed (确认支付); decline = a simulated failure (模拟失败)' }),
  duplicate: Type.Optional(Type.Boolean({ description: 'Send the same notification twice, as a retrying provider would' })),
  delayMs: Type.Optional(Type.Integer({ minimum: 0, maximum: 600_000, description: 'Send the notification after this many milliseconds' })),
})
export type SandboxCompleteBody = Static<typeof SandboxCompleteBodySchema>

export const SandboxCompleteResultSchema = Type.Object({
  paymentId: IdSchema,
  outcome: Type.Enum(['pay', 'decline']),
  notifications: Type.Integer({ description: 'How many webhook deliveries were (or will be) made' }),
  delayed: Type.Boolean(),
  returnUrl: Type.String(),
})
export type SandboxCompleteResult = Static<typeof SandboxCompleteResultSchema>

/** A webhook body is taken verbatim (signatures cover the exact bytes); the acknowledgement is what the provider expects. */
export const WebhookBodySchema = Type.String({ maxLength: 256 * 1024 })
export const WebhookAckSchema = Type.Union([Type.String(), Type.Object({ code: Type.String(), message: Type.String() })])

export const RefundStatuses = ['pending', 'succeeded', 'failed'] as const
export const RefundViewSchema = Type.Object({
  id: IdSchema,
  paymentId: IdSchema,
  orderId: Type.Union([IdSchema, Type.Null()], { description: 'null: the checkout never took this payment, so all of it went back' }),
  amountFen: FenSchema,
  status: Type.Enum([...RefundStatuses]),
  createdAt: TimestampSchema,
})
export type RefundView = Static<typeof RefundViewSchema>
