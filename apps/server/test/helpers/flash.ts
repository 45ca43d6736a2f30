import type { Built } from '../../src/app.ts'
import { productBody, registerUser } from './app.ts'
import { anchorWithRoom } from './live.ts'
import { buyerWithAddress, idem } from './orders.ts'

/** A live room with its product pinned and a flash sale running on its SKU. */
export async function runningFlashSale(built: Built, sale: Record<string, unknown> = {}, stock = 100) {
  const { farmer, shop, room } = await anchorWithRoom(built)
  const product = (await built.app.inject({ method: 'POST', url: `/api/shops/${shop.id}/products`, headers: farmer.headers, payload: productBody({ skus: [{ name: '秒杀 5kg', priceFen: 6980, stock, weightGrams: 5000 }] }) })).json()
  await built.services.live.onPublishStart(room.id)
  await built.app.inject({ method: 'POST', url: `/api/live-rooms/${room.id}/pin`, headers: farmer.headers, payload: { productId: product.id } })
  const res = await built.app.inject({ method: 'POST', url: `/api/live-rooms/${room.id}/flash-sales`, headers: farmer.headers, payload: { skuId: product.skus[0].id, priceFen: 3990, quantity: 10, perBuyerLimit: 1, ...sale } })
  if (res.statusCode !== 201) throw new Error(`flash sale failed: ${res.body}`)
  return { farmer, shop, room, product, skuId: product.skus[0].id as string, sale: res.json() as { id: string; quantity: number } }
}

export async function grab(built: Built, saleId: string, buyer: Awaited<ReturnType<typeof buyerWithAddress>>, qty = 1, key = idem()) {
  return built.app.inject({ method: 'POST', url: `/api/flash-sales/${saleId}/grab`, headers: { ...buyer.buyer.headers, ...key }, payload: { qty, addressId: buyer.addressId, freshConfirmed: true } })
}

export async function buyers(built: Built, n: number) {
  const out = []
  for (let i = 0; i < n; i++) out.push(await buyerWithAddress(built))
  return out
}
export { registerUser }
