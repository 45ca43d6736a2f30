import type { OrderView } from '@hotland/contracts'

/** The most parcels one shipment can have (the server's ShipBody: 1–20). */
export const MAX_PARCELS = 20

/** 件数 to start the ship form with: one parcel per unit bought (an order of ×2 boxes is 2 parcels), within 1–20. */
export function defaultParcels(order: Pick<OrderView, 'lines'>): number {
  const units = order.lines.reduce((n, l) => n + l.qty, 0)
  return Math.min(MAX_PARCELS, Math.max(1, units))
}
