// The buyer's trace page (opened from the box's QR): lot facts, certificate, the journey from EPCIS events, the live
// clips of picking and packing, and whether the lot's hash chain is unchanged. Public: no personal data beyond the
// farmer's display name and the receiver's city.
import type { TraceView } from '@hotland/contracts'
import { isValidGtin14 } from '@hotland/epcis'
import { invalid, notFound } from '../../platform/errors.ts'
import { maskPhone } from '../../platform/mask.ts'
import { glnOf } from '../traceability/events.ts'
import { bizStepOf } from '../traceability/normalize.ts'
import type { HarvestService } from './service.ts'

type Step = TraceView['journey'][number]['step']
const STEPS: Record<string, Step> = {
  commissioning: 'harvested', inspecting: 'inspected', packing: 'packed', shipping: 'shipped', accepting: 'picked_up', arriving: 'at_hub',
  departing: 'departed', loading: 'out_for_delivery', receiving: 'delivered', retail_selling: 'sold',
}

export interface TraceDeps {
  harvest: HarvestService
  catalog: { byGtin(gtin: string): Promise<{ skuId: string } | null>; skuFacts(ids: string[]): Promise<Map<string, { title: string; skuName: string; productId: string; imageUrl: string | null; isDemo: boolean }>> }
  shops: { senderOf(shopId: string): Promise<{ name: string; ownerName: string; isDemo: boolean } | null> }
  regions: { regionText(code: string): Promise<string> }
  traceability: {
    eventsAbout(link: { gtin: string; lot: string; serial?: string }, opts: { otherBoxesPacking: boolean }): Promise<Array<Record<string, unknown>>>
    verifyEvents(eventIds: string[]): Promise<{ valid: boolean }>
  }
  logistics: {
    tracePlaces(orderId: string): Promise<{ hubs: Array<{ name: string; region: string }>; receiverCity: string } | null>
    placeNames(glns: string[]): Promise<Map<string, string>>
  }
}

export function createTraceService(deps: TraceDeps) {
  return {
    async view(gtin: string, lotCode: string, serial: string | null): Promise<TraceView> {
      if (!/^\d{14}$/.test(gtin) || !isValidGtin14(gtin)) throw invalid('VALIDATION_FAILED', 'Not a valid GTIN-14 (check digit)', 'params.gtin')
      const sku = await deps.catalog.byGtin(gtin)
      const lotRow = sku ? await deps.harvest.lotByGtinAndCode(sku.skuId, lotCode) : null
      if (!sku || !lotRow) throw notFound('TRACE_NOT_FOUND', 'No lot with this GTIN and lot number')
      const [[lot], orchard, sender, facts, box] = await Promise.all([
        deps.harvest.lotViewsForTrace([lotRow]), deps.harvest.orchardOf(lotRow.orchardId), deps.shops.senderOf(lotRow.shopId),
        deps.catalog.skuFacts([sku.skuId]).then((m) => m.get(sku.skuId)!), serial ? deps.harvest.box(lotRow.id, serial) : Promise.resolve(null),
      ])
      const region = await deps.regions.regionText(orchard!.countyCode)

      // The lot's events (not its other boxes' packing) and this box's own: packing, sale, shipping, hub scans.
      const events = await deps.traceability.eventsAbout({ gtin, lot: lotCode, serial: box?.serial }, { otherBoxesPacking: false })
      const glnOfEvent = (e: Record<string, unknown>) => {
        const id = (e.bizLocation as { id?: string } | undefined)?.id ?? (e.readPoint as { id?: string } | undefined)?.id
        return id ? glnOf(id) : null
      }
      const hubNames = await deps.logistics.placeNames(events.map(glnOfEvent).filter((g): g is string => !!g))
      const route = box?.orderId ? await deps.logistics.tracePlaces(box.orderId) : null
      const journey = events.map((e) => {
        const gln = glnOfEvent(e)
        const step: Step = e.errorDeclaration ? 'corrected' : (STEPS[bizStepOf(e.bizStep) ?? ''] ?? 'other')
        // The last mile is scanned by the hub that runs it, but it happens in the buyer's city.
        const lastMile = (step === 'out_for_delivery' || step === 'delivered') && route
        return {
          at: String(e.eventTime), step, bizStep: bizStepOf(e.bizStep), eventId: String(e.eventID),
          place: lastMile ? route.receiverCity : gln ? (gln === orchard!.gln ? orchard!.name : (hubNames.get(gln) ?? '')) : '',
        }
      })

      // Every chain the shown events sit in must verify (an order's events are chained under its first lot).
      const verified = await deps.traceability.verifyEvents(events.map((e) => String(e.eventID)))
      return {
        gtin, lot: lotCode, serial,
        product: { id: facts.productId, title: facts.title, skuName: facts.skuName, imageUrl: facts.imageUrl },
        shop: { id: lotRow.shopId, name: sender?.name ?? '', ownerName: sender?.ownerName ?? '' },
        orchard: { name: orchard!.name, region, story: orchard!.story, gln: orchard!.gln },
        lotFacts: { harvestDate: lot!.harvestDate, weightKg: lot!.weightKg, grade: lot!.grade, imageUrls: lot!.imageUrls },
        // The paper certificate carries the phone; the public page shows it masked.
        certificate: { ...lot!.certificate, contactPhone: maskPhone(lot!.certificate.contactPhone) }, inspections: lot!.inspections, journey,
        places: [
          { kind: 'origin' as const, name: orchard!.name, region },
          ...(route?.hubs ?? []).map((h) => ({ kind: 'hub' as const, name: h.name, region: h.region })),
          ...(route ? [{ kind: 'destination' as const, name: route.receiverCity, region: route.receiverCity }] : []),
        ],
        clips: lot!.clips,
        verified: { valid: verified.valid, events: events.length, chainKey: `lot:${gtin}:${lotCode}` },
        boxFound: !!box, isDemo: facts.isDemo || !!sender?.isDemo,
      }
    },
  }
}
export type TraceService = ReturnType<typeof createTraceService>
