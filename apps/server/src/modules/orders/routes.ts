import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import {
  AddressBodySchema, AddressListSchema, AddressViewSchema, CartViewSchema, CheckoutBodySchema, CheckoutResultSchema, ClaimBodySchema,
  ErrorResponseSchema, FlashHeldSchema, FlashQuoteBodySchema, FlashQuoteSchema, FlashSaleListSchema, FlashSaleViewSchema, GrabBodySchema, GrabResultSchema, IdParamsSchema, IncomeViewSchema,
  ListOrdersQuerySchema, OkSchema, OrderPageSchema, OrderViewSchema, PreviewBodySchema, PreviewResultSchema, ReasonBodySchema,
  ResolveClaimBodySchema, ReviewBodySchema, ReviewListSchema, ReviewViewSchema, SetCartItemBodySchema, ShipBodySchema,
  ShippingRulesSchema, ShopProductsParamsSchema, SkuParamsSchema, StartFlashSaleBodySchema,
} from '@hotland/contracts'
import type { CartService } from './cart.service.ts'
import type { FlashSaleService } from './flash-sale.service.ts'
import type { OrdersService } from './service.ts'
import type { Actor } from '../../platform/auth/actor.ts'
import type { OrderView } from '@hotland/contracts'

const errors = { 400: ErrorResponseSchema, 401: ErrorResponseSchema, 403: ErrorResponseSchema, 404: ErrorResponseSchema, 409: ErrorResponseSchema, 429: ErrorResponseSchema }
const tags = ['orders']
const IdemHeaders = Type.Object({ 'idempotency-key': Type.Optional(Type.String({ maxLength: 100, description: 'Required: a fresh random key per order attempt; a retry with the same key returns the first result' })) })

export interface OrdersRoutesOptions {
  orders: OrdersService
  cart: CartService
  flash: FlashSaleService
  /** Shipping goes through the logistics module (shipment, boxes, EPCIS events); this route keeps the short form. */
  ship(actor: Actor | null, orderId: string, body: { carrier: string; waybill: string }): Promise<OrderView>
}

/** /api — buying: addresses, cart, checkout, orders, claims, flash sales. */
export const ordersRoutes: FastifyPluginAsyncTypebox<OrdersRoutesOptions> = async (app, { orders, cart, flash, ship }) => {
  app.get('/addresses', { schema: { tags, summary: 'My delivery addresses', response: { 200: AddressListSchema, ...errors } } }, async (req) => cart.addresses(req.actor))
  app.post('/addresses', { schema: { tags, summary: 'Add an address', body: AddressBodySchema, response: { 201: AddressViewSchema, ...errors } } },
    async (req, reply) => reply.status(201).send(await cart.addAddress(req.actor, req.body)))
  app.put('/addresses/:id', { schema: { tags, summary: 'Change an address', params: IdParamsSchema, body: AddressBodySchema, response: { 200: AddressViewSchema, ...errors } } },
    async (req) => cart.updateAddress(req.actor, req.params.id, req.body))
  app.delete('/addresses/:id', { schema: { tags, summary: 'Remove an address (orders keep their copy)', params: IdParamsSchema, response: { 200: OkSchema, ...errors } } },
    async (req) => cart.deleteAddress(req.actor, req.params.id))

  app.get('/shops/:shopId/shipping-rules', { schema: { tags, summary: 'A shop\'s shipping fees', params: ShopProductsParamsSchema, response: { 200: ShippingRulesSchema, ...errors } } },
    async (req) => cart.shippingRules(req.params.shopId))
  app.put('/shops/:shopId/shipping-rules', { schema: { tags, summary: 'Set shipping fees (owner or operator)', params: ShopProductsParamsSchema, body: ShippingRulesSchema, response: { 200: ShippingRulesSchema, ...errors } } },
    async (req) => cart.setShippingRules(req.actor, req.params.shopId, req.body))

  app.get('/cart', { schema: { tags, summary: 'My cart, by shop', response: { 200: CartViewSchema, ...errors } } }, async (req) => cart.cart(req.actor))
  app.put('/cart/items/:skuId', { schema: { tags, summary: 'Set a cart line (qty 0 removes it)', params: SkuParamsSchema, body: SetCartItemBodySchema, response: { 200: CartViewSchema, ...errors } } },
    async (req) => cart.setCartItem(req.actor, req.params.skuId, req.body.qty))

  app.post('/checkout/preview', { schema: { tags, summary: 'Prices, shipping and problems before ordering', body: PreviewBodySchema, response: { 200: PreviewResultSchema, ...errors } } },
    async (req) => orders.preview(req.actor, req.body))
  app.post('/orders', { schema: { tags, summary: 'Order (one order per shop), reserving stock; needs Idempotency-Key', headers: IdemHeaders, body: CheckoutBodySchema, response: { 200: CheckoutResultSchema, 201: CheckoutResultSchema, ...errors } } },
    async (req, reply) => {
      const { replayed, ...result } = await orders.checkout(req.actor, req.body, req.headers['idempotency-key'])
      return reply.status(replayed ? 200 : 201).send(result)
    })
  app.get('/orders/mine', { schema: { tags, summary: 'My orders, newest first', querystring: ListOrdersQuerySchema, response: { 200: OrderPageSchema, ...errors } } },
    async (req) => orders.mine(req.actor, req.query))
  app.get('/orders/:id', { schema: { tags, summary: 'An order (buyer, shop, or an arbiter of its claim)', params: IdParamsSchema, response: { 200: OrderViewSchema, ...errors } } },
    async (req) => orders.get(req.actor, req.params.id))
  app.post('/orders/:id/cancel', { schema: { tags, summary: 'Cancel before shipping (refunds what was paid)', params: IdParamsSchema, body: ReasonBodySchema, response: { 200: OrderViewSchema, ...errors } } },
    async (req) => orders.cancel(req.actor, req.params.id, req.body.reason))
  app.post('/orders/:id/ship', { schema: { tags, summary: 'Mark shipped with carrier and waybill (shop)', params: IdParamsSchema, body: ShipBodySchema, response: { 200: OrderViewSchema, ...errors } } },
    async (req) => ship(req.actor, req.params.id, req.body))
  app.post('/orders/:id/confirm-receipt', { schema: { tags, summary: 'Confirm the box arrived (buyer)', params: IdParamsSchema, response: { 200: OrderViewSchema, ...errors } } },
    async (req) => orders.confirmReceipt(req.actor, req.params.id))
  app.post('/orders/:id/reviews', { schema: { tags, summary: 'Review with photos (buyer, after receipt)', params: IdParamsSchema, body: ReviewBodySchema, response: { 201: ReviewViewSchema, ...errors } } },
    async (req, reply) => reply.status(201).send(await orders.review(req.actor, req.params.id, req.body)))
  app.post('/orders/:id/claims', { schema: { tags, summary: 'Quality claim for a damaged or rotten box, with photos (buyer)', params: IdParamsSchema, body: ClaimBodySchema, response: { 201: OrderViewSchema, ...errors } } },
    async (req, reply) => reply.status(201).send(await orders.claim(req.actor, req.params.id, req.body)))
  const ClaimsQuery = Type.Object({ status: Type.Optional(Type.Enum(['open', 'refunded', 'rejected', 'escalated'])) })
  app.get('/shops/:shopId/claims', { schema: { tags, summary: 'The shop\'s quality claims, newest first (owner or operator)', params: ShopProductsParamsSchema, querystring: ClaimsQuery, response: { 200: Type.Array(OrderViewSchema), ...errors } } },
    async (req) => orders.shopClaims(req.actor, req.params.shopId, req.query.status))
  app.get('/claims', { schema: { tags, summary: 'Claims to decide: a commissioner\'s counties, or all for an admin', querystring: ClaimsQuery, response: { 200: Type.Array(OrderViewSchema), ...errors } } },
    async (req) => orders.arbiterClaims(req.actor, req.query.status))
  app.post('/claims/:id/resolve', { schema: { tags, summary: 'The shop refunds fully, partly, or rejects (0)', params: IdParamsSchema, body: ResolveClaimBodySchema, response: { 200: OrderViewSchema, ...errors } } },
    async (req) => orders.resolveClaim(req.actor, req.params.id, req.body, 'shop'))
  app.post('/claims/:id/escalate', { schema: { tags, summary: 'Ask a commissioner or admin to decide (buyer)', params: IdParamsSchema, response: { 200: OrderViewSchema, ...errors } } },
    async (req) => orders.escalateClaim(req.actor, req.params.id))
  app.post('/claims/:id/decide', { schema: { tags, summary: 'Decide a claim (commissioner of the shop\'s county, or admin)', params: IdParamsSchema, body: ResolveClaimBodySchema, response: { 200: OrderViewSchema, ...errors } } },
    async (req) => orders.resolveClaim(req.actor, req.params.id, req.body, 'arbiter'))

  app.get('/shops/:shopId/orders', { schema: { tags, summary: 'A shop\'s orders (owner or operator)', params: ShopProductsParamsSchema, querystring: ListOrdersQuerySchema, response: { 200: OrderPageSchema, ...errors } } },
    async (req) => orders.ofShop(req.actor, req.params.shopId, req.query))
  app.get('/shops/:shopId/income', { schema: { tags, summary: 'Payout ledger: gross, platform fee, refunds, net', params: ShopProductsParamsSchema, response: { 200: IncomeViewSchema, ...errors } } },
    async (req) => orders.income(req.actor, req.params.shopId))
  app.get('/products/:id/reviews', { schema: { tags, summary: 'Reviews of a product', params: IdParamsSchema, response: { 200: ReviewListSchema, ...errors } } },
    async (req) => orders.productReviews(req.params.id))

  app.post('/live-rooms/:id/flash-sales', { schema: { tags: ['flash-sales'], summary: '秒杀: start a flash sale on the pinned product (anchor)', params: IdParamsSchema, body: StartFlashSaleBodySchema, response: { 201: FlashSaleViewSchema, ...errors } } },
    async (req, reply) => reply.status(201).send(await flash.start(req.actor, req.params.id, req.body)))
  app.get('/live-rooms/:id/flash-sales', { schema: { tags: ['flash-sales'], summary: 'Flash sales of a room, newest first', params: IdParamsSchema, response: { 200: FlashSaleListSchema, ...errors } } },
    async (req) => flash.ofRoom(req.params.id))
  app.post('/flash-sales/:id/end', { schema: { tags: ['flash-sales'], summary: 'End a flash sale now (anchor): unsold units go back to stock', params: IdParamsSchema, response: { 200: FlashSaleViewSchema, ...errors } } },
    async (req) => flash.end(req.actor, req.params.id))
  app.get('/flash-sales/:id', { schema: { tags: ['flash-sales'], summary: 'A flash sale with units left', params: IdParamsSchema, response: { 200: FlashSaleViewSchema, ...errors } } },
    async (req) => flash.get(req.params.id))
  app.get('/flash-sales/:id/mine', { schema: { tags: ['flash-sales'], summary: 'Units the logged-in buyer holds in this sale', params: IdParamsSchema, response: { 200: FlashHeldSchema, ...errors } } },
    async (req) => flash.held(req.actor, req.params.id))
  app.post('/flash-sales/:id/quote', { schema: { tags: ['flash-sales'], summary: 'The price of a grab to an address: items, delivery, total', params: IdParamsSchema, body: FlashQuoteBodySchema, response: { 200: FlashQuoteSchema, ...errors } } },
    async (req) => flash.quote(req.actor, req.params.id, req.body))
  app.post('/flash-sales/:id/grab', { schema: { tags: ['flash-sales'], summary: 'Grab units: an order waiting for payment; needs Idempotency-Key', params: IdParamsSchema, headers: IdemHeaders, body: GrabBodySchema, response: { 201: GrabResultSchema, ...errors } } },
    async (req, reply) => reply.status(201).send(await flash.grab(req.actor, req.params.id, req.body, req.headers['idempotency-key'])))
}
