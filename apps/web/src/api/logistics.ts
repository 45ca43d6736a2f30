import type {
  BatchBody, BatchView, HubView, ScanBody, ShipOrderBody, ShipmentView, TrackingStatus,
} from '@hotland/contracts'
import { API_BASE, http, withQuery } from './http'

const id = (s: string) => encodeURIComponent(s)

/** County distribution centres, village pickup points, shipments, hub scans, outbound batches and labels. */
export const logisticsApi = {
  hubs: (query: { countyCode?: string; mine?: boolean } = {}) => http<HubView[]>('/hubs', { query: { ...query } }),
  hub: (hubId: string) => http<HubView>(`/hubs/${id(hubId)}`),
  hubShipments: (hubId: string, status?: TrackingStatus) =>
    http<ShipmentView[]>(`/hubs/${id(hubId)}/shipments`, { query: { status } }),
  scan: (hubId: string, body: ScanBody) => http<ShipmentView>(`/hubs/${id(hubId)}/scans`, { method: 'POST', body }),
  batches: (hubId: string) => http<BatchView[]>(`/hubs/${id(hubId)}/batches`),
  createBatch: (hubId: string, body: BatchBody) => http<BatchView>(`/hubs/${id(hubId)}/batches`, { method: 'POST', body }),
  depart: (batchId: string) => http<BatchView>(`/batches/${id(batchId)}/depart`, { method: 'POST' }),
  /** Ship an order: through a village pickup point (waybill generated) or any courier (carrier + waybill). */
  shipOrder: (orderId: string, body: ShipOrderBody) =>
    http<ShipmentView>(`/orders/${id(orderId)}/shipment`, { method: 'POST', body }),
  orderShipment: (orderId: string) => http<ShipmentView>(`/orders/${id(orderId)}/shipment`),
}

/** A6 label PDF for one order (plain link: the browser downloads or shows it). */
export function orderLabelUrl(orderId: string): string {
  return `${API_BASE}/orders/${id(orderId)}/label.pdf`
}

/** The day's labels for a shop, one PDF (404 LOGISTICS_NO_ORDERS when nothing shipped that day). */
export function dayLabelsUrl(shopId: string, date: string): string {
  return `${API_BASE}${withQuery(`/shops/${id(shopId)}/labels.pdf`, { date })}`
}
