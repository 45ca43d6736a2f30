import type { OrderStatus } from '@hotland/contracts'

/** Statuses the shop names differently from the buyer: what the buyer waits for (待收货), the farmer has done (已发货). */
const SHOP_WORDS: Partial<Record<OrderStatus, string>> = { shipped: 'buy.orders.shopStatus.shipped' }

/** The i18n key of an order's status (or of a timeline step's, which the wire types as a plain string) as its buyer or its shop reads it. */
export function statusKey(status: OrderStatus | string, forShop: boolean): string {
  return (forShop && SHOP_WORDS[status as OrderStatus]) || `buy.orders.status.${status}`
}
