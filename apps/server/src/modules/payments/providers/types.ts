/** What every payment provider (sandbox, Alipay, WeChat Pay) offers the payments service. Money in integer fen. */

export interface CreateInput {
  paymentId: string
  amountFen: number
  subject: string
  /** Where the provider must POST its notifications (our webhook URL for this provider). */
  notifyUrl: string
  /** Where the buyer's browser goes after paying. */
  returnUrl: string
}

export interface PaymentRef {
  id: string
  amountFen: number
  providerTradeNo: string | null
}

export type ProviderTradeStatus = 'pending' | 'paid' | 'closed'

export interface QueryResult {
  status: ProviderTradeStatus
  paidFen: number
  providerTradeNo: string | null
}

export interface RefundInput {
  payment: PaymentRef
  refundId: string
  amountFen: number
}

export interface RefundResult {
  status: 'succeeded' | 'pending' | 'failed'
  reason?: string
}

/** A verified notification. `status` 'failed' = the buyer's payment failed; 'pending' = nothing to do yet. */
export interface WebhookEvent {
  eventId: string
  paymentId: string
  status: 'paid' | 'closed' | 'failed' | 'pending' | 'other'
  amountFen: number
  providerTradeNo: string | null
}

export interface WebhookInput {
  /** Lower-cased header names, as Node gives them. */
  headers: Record<string, string | string[] | undefined>
  /** The body exactly as received: signatures cover these bytes. */
  rawBody: string
}

export interface Ack {
  status: number
  contentType: string
  body: string
}

export interface PaymentProvider {
  readonly name: string
  create(input: CreateInput): Promise<{ payUrl: string }>
  query(payment: PaymentRef): Promise<QueryResult>
  refund(input: RefundInput): Promise<RefundResult>
  /** Verifies the signature (and freshness) and returns the event; throws WebhookRejected when it is not genuine. */
  parseWebhook(input: WebhookInput): Promise<WebhookEvent>
  /** The response the provider expects, so it stops (ok) or keeps (not ok) retrying. */
  ack(ok: boolean): Ack
}

/** Thrown by parseWebhook for a notification that must not be trusted (bad signature, stale, undecryptable …). */
export class WebhookRejected extends Error {
  readonly reason: string
  constructor(reason: string, message?: string) {
    super(message ?? reason)
    this.reason = reason
  }
}

export type FetchLike = (url: string, init: { method: string; headers: Record<string, string>; body?: string }) =>
  Promise<{ status: number; text(): Promise<string>; headers: { get(name: string): string | null } }>

export function header(headers: WebhookInput['headers'], name: string): string | undefined {
  const v = headers[name.toLowerCase()]
  return Array.isArray(v) ? v[0] : v
}

/** "12.34" → 1234 without floating point; null when it is not a plain yuan amount with at most 2 decimals. */
export function yuanToFen(yuan: string): number | null {
  const m = /^(\d{1,12})(?:\.(\d{1,2}))?$/.exec(yuan.trim())
  if (!m) return null
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'))
}

export function fenToYuan(fen: number): string {
  const s = Math.trunc(fen).toString().padStart(3, '0')
  return `${s.slice(0, -2)}.${s.slice(-2)}`
}
