import type {
  AddressBody, AddressView, CartView, CheckoutBody, CheckoutResult, ClaimBody, FlashHeld, FlashQuote, FlashQuoteBody, FlashSaleView, GrabBody, IncomeView,
  ListOrdersQuery, OrderView, Page, PreviewBody, PreviewResult, ResolveClaimBody, ReviewBody, ReviewView, ShippingRules,
  StartFlashSaleBody,
} from '@hotland/contracts'
import { http } from './http'

const id = (s: string) => encodeURIComponent(s)
const idem = (key: string) => ({ 'idempotency-key': key })

export const ordersApi = {
  // addresses
  addresses: () => http<AddressView[]>('/addresses'),
  addAddress: (body: AddressBody) => http<AddressView>('/addresses', { method: 'POST', body }),
  updateAddress: (addressId: string, body: AddressBody) => http<AddressView>(`/addresses/${id(addressId)}`, { method: 'PUT', body }),
  removeAddress: (addressId: string) => http<{ ok: true }>(`/addresses/${id(addressId)}`, { method: 'DELETE' }),

  // shipping rules
  shippingRules: (shopId: string) => http<ShippingRules>(`/shops/${id(shopId)}/shipping-rules`),
  saveShippingRules: (shopId: string, body: ShippingRules) =>
    http<ShippingRules>(`/shops/${id(shopId)}/shipping-rules`, { method: 'PUT', body }),

  // cart and checkout
  cart: () => http<CartView>('/cart'),
  setCartItem: (skuId: string, qty: number) => http<CartView>(`/cart/items/${id(skuId)}`, { method: 'PUT', body: { qty } }),
  preview: (body: PreviewBody) => http<PreviewResult>('/checkout/preview', { method: 'POST', body }),
  /** One Idempotency-Key per checkout attempt: the caller reuses it when retrying the same attempt. */
  checkout: (body: CheckoutBody, idempotencyKey: string) =>
    http<CheckoutResult>('/orders', { method: 'POST', body, headers: idem(idempotencyKey) }),

  // orders
  mine: (query: ListOrdersQuery = {}) => http<Page<OrderView>>('/orders/mine', { query: { ...query } }),
  get: (orderId: string) => http<OrderView>(`/orders/${id(orderId)}`),
  cancel: (orderId: string, reason?: string) => http<OrderView>(`/orders/${id(orderId)}/cancel`, { method: 'POST', body: { reason } }),
  confirmReceipt: (orderId: string) => http<OrderView>(`/orders/${id(orderId)}/confirm-receipt`, { method: 'POST' }),
  review: (orderId: string, body: ReviewBody) => http<ReviewView>(`/orders/${id(orderId)}/reviews`, { method: 'POST', body }),
  claim: (orderId: string, body: ClaimBody) => http<OrderView>(`/orders/${id(orderId)}/claims`, { method: 'POST', body }),
  escalateClaim: (claimId: string) => http<OrderView>(`/claims/${id(claimId)}/escalate`, { method: 'POST' }),
  resolveClaim: (claimId: string, body: ResolveClaimBody) =>
    http<OrderView>(`/claims/${id(claimId)}/resolve`, { method: 'POST', body }),
  decideClaim: (claimId: string, body: ResolveClaimBody) =>
    http<OrderView>(`/claims/${id(claimId)}/decide`, { method: 'POST', body }),
  productReviews: (productId: string) => http<ReviewView[]>(`/products/${id(productId)}/reviews`),

  // the shop's side
  shopOrders: (shopId: string, query: ListOrdersQuery = {}) =>
    http<Page<OrderView>>(`/shops/${id(shopId)}/orders`, { query: { ...query } }),
  ship: (orderId: string, carrier: string, waybill: string) =>
    http<OrderView>(`/orders/${id(orderId)}/ship`, { method: 'POST', body: { carrier, waybill } }),
  income: (shopId: string) => http<IncomeView>(`/shops/${id(shopId)}/income`),

  // flash sales (秒杀)
  roomFlashSales: (roomId: string) => http<FlashSaleView[]>(`/live-rooms/${id(roomId)}/flash-sales`),
  flashSale: (saleId: string) => http<FlashSaleView>(`/flash-sales/${id(saleId)}`),
  startFlashSale: (roomId: string, body: StartFlashSaleBody) =>
    http<FlashSaleView>(`/live-rooms/${id(roomId)}/flash-sales`, { method: 'POST', body }),
  endFlashSale: (saleId: string) => http<FlashSaleView>(`/flash-sales/${id(saleId)}/end`, { method: 'POST' }),
  flashHeld: (saleId: string) => http<FlashHeld>(`/flash-sales/${id(saleId)}/mine`),
  flashQuote: (saleId: string, body: FlashQuoteBody) => http<FlashQuote>(`/flash-sales/${id(saleId)}/quote`, { method: 'POST', body }),
  grab: (saleId: string, body: GrabBody, idempotencyKey: string) =>
    http<{ order: OrderView; sale: FlashSaleView }>(`/flash-sales/${id(saleId)}/grab`, { method: 'POST', body, headers: idem(idempotencyKey) }),
}
