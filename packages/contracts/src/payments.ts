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
