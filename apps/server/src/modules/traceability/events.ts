// EPCIS 2.0 events the platform itself produces as things happen (harvest, inspection, packing, shipping, hub scans,
// sale). Identifiers are GS1 Digital Link URIs in their canonical id.gs1.org form; the box's QR uses PUBLIC_URL.
import type { EpcisEvent } from './normalize.ts'

const ID = 'https://id.gs1.org'
export const HOTLAND_VOC = 'urn:hotland:voc:'
const context = [{ hotland: HOTLAND_VOC }]

export const lotClass = (gtin: string, lot: string) => `${ID}/01/${gtin}/10/${encodeURIComponent(lot)}`
export const boxEpc = (gtin: string, lot: string, serial: string) => `${lotClass(gtin, lot)}/21/${encodeURIComponent(serial)}`
export const ssccEpc = (sscc: string) => `${ID}/00/${sscc}`
export const locationId = (gln: string) => `${ID}/414/${gln}`

/** The GLN behind a readPoint/bizLocation id: Digital Link …/414/{gln} or urn:epc:id:sgln:{prefix}.{ref}.{ext}. */
export function glnOf(id: string): string | null {
  const dl = /\/414\/(\d{13})(?:\/|$)/.exec(id)
  if (dl) return dl[1]!
  const urn = /^urn:epc:id:sgln:(\d+)\.(\d*)\.[^.]*$/.exec(id)
  if (urn && urn[1]!.length + urn[2]!.length === 12) {
    const body = urn[1]! + urn[2]!
    let sum = 0
    for (let i = 0; i < 12; i++) sum += Number(body[11 - i]) * (i % 2 === 0 ? 3 : 1)
    return body + String((10 - (sum % 10)) % 10)
  }
  return null
}

const base = (at: Date) => ({ eventTime: at.toISOString(), eventTimeZoneOffset: '+08:00' })
const kg = (epcClass: string, quantity: number) => ({ epcClass, quantity: Math.round(quantity * 1000) / 1000, uom: 'KGM' })

export function harvestEvent(a: { at: Date; gtin: string; lot: string; weightKg: number; orchardGln: string; harvestDate: string; countyCode: string; grade: string }): EpcisEvent {
  return {
    '@context': context, type: 'ObjectEvent', ...base(a.at), action: 'ADD', bizStep: 'commissioning', disposition: 'active',
    quantityList: [kg(lotClass(a.gtin, a.lot), a.weightKg)],
    readPoint: { id: locationId(a.orchardGln) }, bizLocation: { id: locationId(a.orchardGln) },
    ilmd: {
      'cbvmda:harvestStartDate': a.harvestDate, 'cbvmda:harvestEndDate': a.harvestDate, 'cbvmda:countryOfOrigin': 'CN',
      'hotland:countyCode': a.countyCode, 'hotland:grade': a.grade,
    },
  }
}

export function inspectionEvent(a: { at: Date; gtin: string; lot: string; weightKg: number; orchardGln: string; conformant: boolean; kind: string; inspector: string }): EpcisEvent {
  return {
    '@context': context, type: 'ObjectEvent', ...base(a.at), action: 'OBSERVE', bizStep: 'inspecting', disposition: a.conformant ? 'conformant' : 'non_conformant',
    quantityList: [kg(lotClass(a.gtin, a.lot), a.weightKg)], readPoint: { id: locationId(a.orchardGln) },
    'hotland:inspection': { 'hotland:kind': a.kind, 'hotland:inspector': a.inspector },
  }
}

export function packingEvent(a: { at: Date; gtin: string; lot: string; serial: string; kg: number; orchardGln: string }): EpcisEvent {
  return {
    type: 'AggregationEvent', ...base(a.at), action: 'ADD', bizStep: 'packing', disposition: 'in_progress',
    parentID: boxEpc(a.gtin, a.lot, a.serial), childQuantityList: [kg(lotClass(a.gtin, a.lot), a.kg)],
    readPoint: { id: locationId(a.orchardGln) }, bizLocation: { id: locationId(a.orchardGln) },
  }
}

const transactions = (orderId: string, waybill?: string) => [
  { type: 'po', bizTransaction: `urn:hotland:order:${orderId}` },
  ...(waybill ? [{ type: 'bol', bizTransaction: `urn:hotland:waybill:${encodeURIComponent(waybill)}` }] : []),
]

export function saleEvent(a: { at: Date; epcs: string[]; orderId: string; shopGln: string | null }): EpcisEvent {
  return {
    type: 'ObjectEvent', ...base(a.at), action: 'OBSERVE', bizStep: 'retail_selling', disposition: 'retail_sold', epcList: a.epcs,
    ...(a.shopGln ? { readPoint: { id: locationId(a.shopGln) } } : {}), bizTransactionList: transactions(a.orderId),
  }
}

/** What a scan means in CBV terms. */
export const SCAN_STEPS = {
  shipped: { bizStep: 'shipping', disposition: 'in_transit' },
  picked_up: { bizStep: 'accepting', disposition: 'in_transit' },
  arrived: { bizStep: 'arriving', disposition: 'in_transit' },
  departed: { bizStep: 'departing', disposition: 'in_transit' },
  out_for_delivery: { bizStep: 'loading', disposition: 'in_transit' },
  delivered: { bizStep: 'receiving', disposition: 'in_progress' },
} as const

export function movementEvent(a: { at: Date; step: keyof typeof SCAN_STEPS; epcs: string[]; orderId: string; waybill: string; gln: string | null }): EpcisEvent {
  const s = SCAN_STEPS[a.step]
  return {
    type: 'ObjectEvent', ...base(a.at), action: 'OBSERVE', bizStep: s.bizStep, disposition: s.disposition, epcList: a.epcs,
    ...(a.gln ? { readPoint: { id: locationId(a.gln) } } : {}),
    ...(a.gln && a.step === 'arrived' ? { bizLocation: { id: locationId(a.gln) } } : {}),
    bizTransactionList: transactions(a.orderId, a.waybill),
  }
}
