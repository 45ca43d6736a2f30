import type { CreatePaymentBody, PaymentView } from '@hotland/contracts'
import { http } from './http'

export const paymentsApi = {
  /** Starts (or resumes) paying a checkout; the server answers the same pending payment when asked again. */
  create: (body: CreatePaymentBody) => http<PaymentView>('/payments', { method: 'POST', body }),
  get: (paymentId: string) => http<PaymentView>(`/payments/${encodeURIComponent(paymentId)}`),
}
