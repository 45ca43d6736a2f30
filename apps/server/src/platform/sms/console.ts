import type { FastifyBaseLogger } from 'fastify'
import type { SmsProvider } from './types.ts'

/** Development provider: writes the code to the server log instead of sending an SMS. */
export function consoleSms(log: Pick<FastifyBaseLogger, 'info'>): SmsProvider & { lastCode(phone: string): string | undefined } {
  const last = new Map<string, string>()
  return {
    async sendCode(phone, code, purpose) {
      last.set(phone, code)
      log.info({ sms: { phone, purpose } }, `[sms:console] verification code for ${phone}: ${code}`)
    },
    lastCode: (phone) => last.get(phone),
  }
}
