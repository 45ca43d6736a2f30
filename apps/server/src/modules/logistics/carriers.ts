// Carrier adapters. Hotland never invents tracking: the built-in county carrier is tracked only by the hub scans that
// really happened; an external courier (顺丰, 中通 …) is tracked on its own site until someone writes its adapter.
import { randomInt } from 'node:crypto'
import type { TrackingStatus } from '@hotland/contracts'

export interface ScanFact { status: TrackingStatus; place: string; note: string; at: Date }

export interface CarrierAdapter {
  code: 'hub' | 'external'
  name: string
  /** A waybill number for a new shipment, when the carrier issues them (null: the farmer enters the courier's). */
  newWaybill(at: Date): string | null
  /** The tracking timeline shown to the buyer. */
  tracking(scans: ScanFact[]): ScanFact[]
}

export const HUB_CARRIER_NAME = '县级物流'

/** Hotland county logistics: village pickup point → county hub → out for delivery, every step a hub scan. */
export const hubCarrier: CarrierAdapter = {
  code: 'hub',
  name: HUB_CARRIER_NAME,
  newWaybill(at) {
    const d = at.toISOString().slice(2, 10).replaceAll('-', '')
    return `HL${d}${String(randomInt(0, 1_000_000)).padStart(6, '0')}`
  },
  tracking: (scans) => scans,
}

/** Any other courier: we record the handover; the rest of the journey is on the courier's site. */
export function externalCarrier(name: string): CarrierAdapter {
  return { code: 'external', name, newWaybill: () => null, tracking: (scans) => scans.filter((s) => s.status === 'created') }
}
