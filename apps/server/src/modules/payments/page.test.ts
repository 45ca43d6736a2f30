import { describe, expect, it } from 'vitest'
import { sandboxPageHtml } from './page.ts'

// The page's own script, run against stand-ins for the DOM: where does 返回商城 lead, and where does paying go?
function open(returnUrl: string, at: { hostname: string; origin: string }) {
  const html = sandboxPageHtml({
    payment: { id: 'pay_1' } as Parameters<typeof sandboxPageHtml>[0]['payment'],
    trade: { amountFen: 100, subject: '苹果', status: 'pending', returnUrl },
  })
  const backHref = html.match(/id="back" href="([^"]*)"/)![1]!.replace(/&amp;/g, '&')
  const elements: Record<string, { checked?: boolean; value?: string; disabled?: boolean; textContent?: string; href?: string; onclick?: () => void; getAttribute?: (n: string) => string }> = {
    duplicate: { checked: false }, delay: { value: '0' }, msg: {}, pay: {}, decline: {}, back: { getAttribute: () => backHref },
  }
  const location = { href: `${at.origin}/api/payments/sandbox/pay_1/page`, ...at }
  const document = { getElementById: (id: string) => elements[id], querySelectorAll: () => [elements.pay, elements.decline] }
  let later: (() => void) | undefined
  const fetch = async () => ({ ok: true, json: async () => ({}) })
  const script = html.slice(html.indexOf('<script>') + 8, html.indexOf('</script>'))
  new Function('document', 'fetch', 'location', 'setTimeout', script)(document, fetch, location, (f: () => void) => { later = f })
  return { elements, location, after: () => later!() }
}

describe('the sandbox cashier page\'s way back', () => {
  it('leads a phone that came by the computer\'s LAN address back to it, when the server calls itself localhost', async () => {
    const page = open('http://localhost:3000/orders?checkout=chk_1', { hostname: '192.168.1.5', origin: 'http://192.168.1.5:3000' })
    expect(page.elements.back!.href).toBe('http://192.168.1.5:3000/orders?checkout=chk_1&result=unpaid')
    page.elements.pay!.onclick!()
    await new Promise((r) => setTimeout(r, 10))
    page.after()
    expect(page.location.href).toBe('http://192.168.1.5:3000/orders?checkout=chk_1')
  })

  it('keeps a return address that names a real host, and a localhost one on the computer itself', () => {
    expect(open('https://shop.example/orders?checkout=chk_1', { hostname: '192.168.1.5', origin: 'http://192.168.1.5:3000' }).elements.back!.href)
      .toBe('https://shop.example/orders?checkout=chk_1&result=unpaid')
    expect(open('http://localhost:3000/orders?checkout=chk_1', { hostname: 'localhost', origin: 'http://localhost:3000' }).elements.back!.href)
      .toBe('http://localhost:3000/orders?checkout=chk_1&result=unpaid')
  })
})
