import { ApiError } from '@/api/http'
import { paymentsApi } from '@/api/payments'
import { i18n } from '@/i18n'

/**
 * Pays a checkout with the sandbox provider: the server answers a PaymentView whose payUrl is the provider's cashier
 * (for the sandbox, its own page under /api/payments/sandbox/:id/page). The page returns to /orders?checkout=<id>.
 * Returns false when it was already paid (nothing to open).
 */
export async function payCheckout(checkoutId: string, open: (url: string) => void = (url) => window.location.assign(url)): Promise<boolean> {
  const create = () => paymentsApi.create({ checkoutId, provider: 'sandbox' })
  // a grab's order row may be written in a batch a moment later (Redis mode): one short retry on 404 / network
  const payment = await create().catch(async (err: unknown) => {
    if (err instanceof ApiError && err.status !== 404 && err.status !== 0) throw err
    await new Promise((r) => setTimeout(r, 600))
    return create()
  })
  if (payment.status === 'paid' || !payment.payUrl) return false
  open(sameOriginIfOurs(payment.payUrl, undefined, i18n.global.locale.value))
  return true
}

/**
 * The server builds payUrl from PUBLIC_URL; when it points at our own API (the sandbox cashier), stay on this origin
 * (dev proxy, LAN IPs) and tell the cashier the app's language.
 */
export function sameOriginIfOurs(url: string, origin = typeof location !== 'undefined' ? location.origin : '', lang?: string): string {
  try {
    const u = new URL(url, origin || undefined)
    if (!u.pathname.startsWith('/api/payments/sandbox/')) return u.toString()
    if (lang) u.searchParams.set('lang', lang)
    return origin ? `${origin}${u.pathname}${u.search}` : u.toString()
  } catch {
    return url
  }
}
