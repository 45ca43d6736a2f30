import { describe, expect, it } from 'vitest'
import { buyers, grab, runningFlashSale } from './helpers/flash.ts'
import { useTestApp } from './helpers/suite.ts'

const t = useTestApp()

describe('buying in the stream, end to end through the API', () => {
  it('a viewer grabs a flash-sale box, pays in the sandbox, and the farmer sees it to ship', async () => {
    const { farmer, shop, sale } = await runningFlashSale(t.built)
    const [b] = await buyers(t.built, 1)
    const grabbed = await grab(t.built, sale.id, b!)
    expect(grabbed.statusCode).toBe(201)
    const order = grabbed.json().order
    expect(order).toMatchObject({ status: 'pending_payment', flashSaleId: sale.id })

    const pay = await t.built.app.inject({ method: 'POST', url: '/api/payments', headers: b!.buyer.headers, payload: { checkoutId: order.checkoutId, provider: 'sandbox' } })
    expect(pay.statusCode).toBe(201)
    expect(pay.json()).toMatchObject({ amountFen: order.totalFen, status: 'pending', payUrl: expect.stringContaining('/sandbox/') })
    const page = await t.built.app.inject({ method: 'GET', url: `/api/payments/sandbox/${pay.json().id}/page`, headers: b!.buyer.headers })
    expect(page.statusCode).toBe(200)
    expect(page.body).toContain('确认支付')
    const done = await t.built.app.inject({ method: 'POST', url: `/api/payments/sandbox/${pay.json().id}/complete`, headers: b!.buyer.headers, payload: { outcome: 'pay' } })
    expect(done.statusCode).toBe(202)

    let status = ''
    for (let i = 0; i < 50 && status !== 'paid'; i++) {
      status = (await t.built.app.inject({ method: 'GET', url: `/api/orders/${order.id}`, headers: b!.buyer.headers })).json().status
      if (status !== 'paid') await new Promise((r) => setTimeout(r, 100))
    }
    expect(status).toBe('paid')
    const toShip = (await t.built.app.inject({ method: 'GET', url: `/api/shops/${shop.id}/orders?status=paid`, headers: farmer.headers })).json()
    expect(toShip.items.map((o: { id: string }) => o.id)).toContain(order.id)
    expect((await t.built.app.inject({ method: 'GET', url: `/api/payments/${pay.json().id}`, headers: b!.buyer.headers })).json().status).toBe('paid')
  })

  it('refunds through the provider when a paid order is cancelled before shipping', async () => {
    const { sale } = await runningFlashSale(t.built)
    const [b] = await buyers(t.built, 1)
    const order = (await grab(t.built, sale.id, b!)).json().order
    const pay = (await t.built.app.inject({ method: 'POST', url: '/api/payments', headers: b!.buyer.headers, payload: { checkoutId: order.checkoutId, provider: 'sandbox' } })).json()
    await t.built.app.inject({ method: 'POST', url: `/api/payments/sandbox/${pay.id}/complete`, headers: b!.buyer.headers, payload: { outcome: 'pay' } })
    for (let i = 0; i < 50; i++) {
      if ((await t.built.app.inject({ method: 'GET', url: `/api/orders/${order.id}`, headers: b!.buyer.headers })).json().status === 'paid') break
      await new Promise((r) => setTimeout(r, 100))
    }
    const cancelled = await t.built.app.inject({ method: 'POST', url: `/api/orders/${order.id}/cancel`, headers: b!.buyer.headers, payload: {} })
    expect(cancelled.json()).toMatchObject({ status: 'cancelled', refundedFen: order.totalFen })
    expect((await t.built.app.inject({ method: 'GET', url: `/api/payments/${pay.id}`, headers: b!.buyer.headers })).json().status).toBe('refunded')
    expect((await t.built.app.inject({ method: 'GET', url: `/api/flash-sales/${sale.id}` })).json().remaining).toBe(10)
  })
})
