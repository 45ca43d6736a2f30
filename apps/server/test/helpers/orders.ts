import type { Built } from '../../src/app.ts'
import { registerUser, type TestUser } from './app.ts'

/** Records refunds instead of calling a payment provider. */
export function fakeRefunds(built: Built) {
  const calls: Array<{ checkoutId: string; orderId: string; amountFen: number }> = []
  built.setRefunds({ refund: async ({ checkoutId, orderId, amountFen }) => { calls.push({ checkoutId, orderId, amountFen }); return { refundId: `rfd_fake_${calls.length}_${orderId}`, amountFen, status: 'succeeded' } } })
  return calls
}

export async function buyerWithAddress(built: Built, countyCode = '310101') {
  const buyer = await registerUser(built, { displayName: '上海的李女士' })
  const res = await built.app.inject({ method: 'POST', url: '/api/addresses', headers: buyer.headers, payload: { recipient: '李女士', phone: '13912345678', countyCode, detail: '人民路 1 号 101 室' } })
  if (res.statusCode !== 201) throw new Error(`address failed: ${res.body}`)
  return { buyer, addressId: res.json().id as string }
}

let key = 0
export const idem = () => ({ 'idempotency-key': `test-key-${process.pid}-${Date.now()}-${key++}` })

export async function order(built: Built, buyer: TestUser, addressId: string, items: Array<{ skuId: string; qty: number }>, extra: Record<string, unknown> = {}) {
  return built.app.inject({ method: 'POST', url: '/api/orders', headers: { ...buyer.headers, ...idem() }, payload: { items, addressId, freshConfirmed: true, ...extra } })
}
