import type {
  ClipView, CreateLotBody, InspectionBody, LotClipsBody, LotView, OrchardBody, OrchardView, PackBody, PackResult,
} from '@hotland/contracts'
import { http } from './http'

/** One box of `GET /lots/:id/boxes` (contracts' LotBoxListSchema has no exported type yet). */
export interface LotBox {
  serial: string
  digitalLink: string
  kg: number
  packedAt: string
  /** Set once the box left in a shipment. */
  orderId: string | null
}

const id = (s: string) => encodeURIComponent(s)

/** Orchards, harvest lots (with their 承诺达标合格证), inspections, packing boxes and the live clips of a lot. */
export const harvestApi = {
  orchards: (shopId: string) => http<OrchardView[]>(`/shops/${id(shopId)}/orchards`),
  addOrchard: (shopId: string, body: OrchardBody) => http<OrchardView>(`/shops/${id(shopId)}/orchards`, { method: 'POST', body }),
  updateOrchard: (orchardId: string, body: Partial<OrchardBody>) =>
    http<OrchardView>(`/orchards/${id(orchardId)}`, { method: 'PATCH', body }),
  lots: (shopId: string) => http<LotView[]>(`/shops/${id(shopId)}/lots`),
  createLot: (shopId: string, body: CreateLotBody) => http<LotView>(`/shops/${id(shopId)}/lots`, { method: 'POST', body }),
  lot: (lotId: string) => http<LotView>(`/lots/${id(lotId)}`),
  addInspection: (lotId: string, body: InspectionBody) =>
    http<LotView>(`/lots/${id(lotId)}/inspections`, { method: 'POST', body }),
  pack: (lotId: string, body: PackBody) => http<PackResult>(`/lots/${id(lotId)}/pack`, { method: 'POST', body }),
  /** Every box packed from the lot, shipped or not. */
  boxes: (lotId: string) => http<LotBox[]>(`/lots/${id(lotId)}/boxes`),
  setClips: (lotId: string, body: LotClipsBody) => http<LotView>(`/lots/${id(lotId)}/clips`, { method: 'PUT', body }),
  /** Clips marked in the shop's live recordings, to pick from. */
  shopClips: (shopId: string) => http<ClipView[]>(`/shops/${id(shopId)}/clips`),
}
