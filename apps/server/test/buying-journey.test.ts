import { describe, expect, it } from 'vitest'
import { farmerWithShop, productBody } from './helpers/app.ts'
import { buyers, grab, runningFlashSale } from './helpers/flash.ts'
import { buyerWithAddress, order as placeOrder } from './helpers/orders.ts'
import { useTestApp } from './helpers/suite.ts'

const t = useTestApp()

/** Reads until the value is the wanted one (the sandbox's webhooks arrive on their own time); returns the last read. */
async function until<T>(read: () => Promise<T>, want: T): Promise<T> {
  let v = await read()
  for (let i = 0; i < 50 && v !== want; i++) {
    await new Promise((r) => setTimeout(r, 100))
    v = await read()
  }
  return v
}

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

  it('charges only the orders left after one unpaid order of a two-shop checkout is cancelled; money of the old amount goes back', async () => {
    const skuOf = async (priceFen: number) => {
      const { farmer, shop } = await farmerWithShop(t.built)
      const p = (await t.built.app.inject({ method: 'POST', url: `/api/shops/${shop.id}/products`, headers: farmer.headers, payload: productBody({ skus: [{ name: '一箱', priceFen, stock: 10, weightGrams: 1000 }] }) })).json()
      return p.skus[0].id as string
    }
    const [apples, honey] = [await skuOf(5980), await skuOf(3800)]
    const { buyer, addressId } = await buyerWithAddress(t.built)
    const co = (await placeOrder(t.built, buyer, addressId, [{ skuId: apples, qty: 3 }, { skuId: honey, qty: 1 }])).json()
    const [keep, drop] = [co.orders.find((o: { totalFen: number; lines: Array<{ skuId: string }> }) => o.lines[0]!.skuId === apples), co.orders.find((o: { lines: Array<{ skuId: string }> }) => o.lines[0]!.skuId === honey)]
    const api = (method: 'GET' | 'POST', url: string, payload?: object) => t.built.app.inject({ method, url, headers: buyer.headers, payload })
    const before = (await api('POST', '/api/payments', { checkoutId: co.checkoutId, provider: 'sandbox' })).json()
    expect(before.amountFen).toBe(co.totalFen)

    expect((await api('POST', `/api/orders/${drop.id}/cancel`, {})).json().status).toBe('cancelled')
    const after = (await api('POST', '/api/payments', { checkoutId: co.checkoutId, provider: 'sandbox' })).json()
    expect(after.amountFen).toBe(keep.totalFen)
    expect(after.id).not.toBe(before.id)

    // The old cashier page was still open and the buyer paid the old amount there: nothing is marked paid, it goes back.
    expect((await api('POST', `/api/payments/sandbox/${before.id}/complete`, { outcome: 'pay' })).statusCode).toBe(202)
    expect(await until(async () => (await api('GET', `/api/payments/${before.id}`)).json().status, 'refunded')).toBe('refunded')
    expect((await api('GET', `/api/orders/${keep.id}`)).json().status).toBe('pending_payment')

    expect((await api('POST', `/api/payments/sandbox/${after.id}/complete`, { outcome: 'pay' })).statusCode).toBe(202)
    expect(await until(async () => (await api('GET', `/api/orders/${keep.id}`)).json().status, 'paid')).toBe('paid')
    expect((await api('GET', `/api/orders/${drop.id}`)).json().status).toBe('cancelled')
  })

  it('sends back a payment of the old amount that arrives after the checkout was paid, from that payment, not the one that paid', async () => {
    const { farmer, shop } = await farmerWithShop(t.built)
    const skus = (await t.built.app.inject({ method: 'POST', url: `/api/shops/${shop.id}/products`, headers: farmer.headers, payload: productBody({ skus: [{ name: '大箱', priceFen: 5980, stock: 10, weightGrams: 1000 }, { name: '小箱', priceFen: 2990, stock: 10, weightGrams: 500 }] }) })).json().skus
    const other = await farmerWithShop(t.built)
    const honey = (await t.built.app.inject({ method: 'POST', url: `/api/shops/${other.shop.id}/products`, headers: other.farmer.headers, payload: productBody({ skus: [{ name: '一罐', priceFen: 3800, stock: 10, weightGrams: 500 }] }) })).json().skus[0].id
    const { buyer, addressId } = await buyerWithAddress(t.built)
    const co = (await placeOrder(t.built, buyer, addressId, [{ skuId: skus[0].id, qty: 1 }, { skuId: honey, qty: 1 }])).json()
    const api = (method: 'GET' | 'POST', url: string, payload?: object) => t.built.app.inject({ method, url, headers: buyer.headers, payload })
    const keep = co.orders.find((o: { shopId: string }) => o.shopId === shop.id)
    const drop = co.orders.find((o: { shopId: string }) => o.shopId === other.shop.id)
    const before = (await api('POST', '/api/payments', { checkoutId: co.checkoutId, provider: 'sandbox' })).json()
    await api('POST', `/api/orders/${drop.id}/cancel`, {})
    const after = (await api('POST', '/api/payments', { checkoutId: co.checkoutId, provider: 'sandbox' })).json()
    const statusOf = (id: string, want: string) => until(async () => (await api('GET', `/api/payments/${id}`)).json().status as string, want)
    await api('POST', `/api/payments/sandbox/${after.id}/complete`, { outcome: 'pay' })
    expect(await statusOf(after.id, 'paid')).toBe('paid')
    await api('POST', `/api/payments/sandbox/${before.id}/complete`, { outcome: 'pay' })
    expect(await statusOf(before.id, 'refunded')).toBe('refunded')
    expect(await statusOf(after.id, 'paid')).toBe('paid')
    expect((await api('GET', `/api/orders/${keep.id}`)).json()).toMatchObject({ status: 'paid', refundedFen: 0 })
    // and the order's own refunds still come from the payment that paid it
    expect((await api('POST', `/api/orders/${keep.id}/cancel`, {})).json()).toMatchObject({ status: 'cancelled', refundedFen: keep.totalFen })
    expect(await statusOf(after.id, 'refunded')).toBe('refunded')
  })

  it('cancels the checkout when its last unpaid order is cancelled, so it cannot be paid', async () => {
    const { sale } = await runningFlashSale(t.built)
    const [b] = await buyers(t.built, 1)
    const o = (await grab(t.built, sale.id, b!)).json().order
    expect((await t.built.app.inject({ method: 'POST', url: `/api/orders/${o.id}/cancel`, headers: b!.buyer.headers, payload: {} })).json().status).toBe('cancelled')
    const pay = await t.built.app.inject({ method: 'POST', url: '/api/payments', headers: b!.buyer.headers, payload: { checkoutId: o.checkoutId, provider: 'sandbox' } })
    expect(pay.json().error).toMatchObject({ code: 'PAYMENTS_NOT_PAYABLE' })
  })
})
