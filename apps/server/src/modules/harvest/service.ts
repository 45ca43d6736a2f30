// Orchards, harvest lots with their 承诺达标合格证, inspections and packing. Each step writes its EPCIS event in the
// same transaction; packing adds the boxes to the SKU's stock ("lots feed stock").
import type {
  CreateLotBody, InspectionBody, InspectionView, LotClipsBody, LotView, OrchardBody, OrchardView, PackBody, PackResult, TraceClip,
} from '@hotland/contracts'
import { formatDigitalLink } from '@hotland/epcis'
import type { Actor } from '../../platform/auth/actor.ts'
import { hasRole, requireActor } from '../../platform/auth/actor.ts'
import type { Clock } from '../../platform/clock.ts'
import type { Db } from '../../platform/db/client.ts'
import { conflict, invalid, notFound } from '../../platform/errors.ts'
import { newId, ulid } from '../../platform/ids.ts'
import type { EpcisEvent } from '../traceability/normalize.ts'
import { harvestEvent, inspectionEvent, packingEvent } from '../traceability/events.ts'
import { harvestRepository, type HarvestRepository, type InspectionRow, type LotRow, type OrchardRow } from './repository.ts'

export interface SkuFacts { skuId: string; skuName: string; gtin: string | null; productId: string; title: string; shopId: string; isDemo: boolean; imageUrl: string | null }
export interface ClipFacts { id: string; roomId: string; title: string; startSeconds: number; endSeconds: number; replayUrl: string | null; shopId: string; roomTitle: string; posterUrl: string | null }

export interface HarvestDeps {
  db: Db
  clock: Clock
  publicUrl: string
  shops: { assertCanManage(actor: Actor | null, shopId: string): Promise<{ id: string; name: string; countyCode: string }>; countyOf(shopId: string): Promise<string | null> }
  regions: { countyPath(code: string, field: string): Promise<unknown>; regionText(code: string): Promise<string>; commissionerCountiesOf(userId: string): Promise<string[]> }
  media: { requireImages(ids: string[], field: string): Promise<void>; urlsOf(id: string): { large: string; medium: string; small: string } }
  catalog: { skuFacts(ids: string[]): Promise<Map<string, SkuFacts>>; byGtin(gtin: string): Promise<{ skuId: string } | null> }
  /** Adds packed boxes to the SKU's stock, in the packing transaction. */
  stock(tx: Db): { give(skuId: string, qty: number): Promise<void>; takeUpTo(skuId: string, qty: number): Promise<number> }
  clips(where: { ids: string[] } | { shopId: string }): Promise<ClipFacts[]>
  traceability: { recordIn(tx: Db, events: EpcisEvent[], by: string): Promise<unknown>; newGln(tx?: Db): Promise<string> }
}

const MAX_BOXES_PER_PACK = 500

export function createHarvestService(deps: HarvestDeps) {
  const repo = harvestRepository(deps.db)
  const now = () => deps.clock.now()
  const inTx = <T>(fn: (r: HarvestRepository, tx: Db) => Promise<T>) => deps.db.transaction((tx) => fn(harvestRepository(tx as unknown as Db), tx as unknown as Db))
  const dl = (gtin: string, lot: string, serial?: string) => formatDigitalLink(deps.publicUrl, { gtin, lot, serial })

  async function orchardView(o: OrchardRow): Promise<OrchardView> {
    return { id: o.id, shopId: o.shopId, name: o.name, countyCode: o.countyCode, region: await deps.regions.regionText(o.countyCode), address: o.address, story: o.story, gln: o.gln, createdAt: o.createdAt.toISOString() }
  }

  function inspectionView(i: InspectionRow): InspectionView {
    return {
      id: i.id, kind: i.kind, result: i.result, inspectedOn: i.inspectedOn, inspector: i.inspector, note: i.note,
      imageUrls: i.imageIds.map((id) => deps.media.urlsOf(id)), createdAt: i.createdAt.toISOString(),
    }
  }

  function traceClip(c: ClipFacts, purpose: TraceClip['purpose']): TraceClip {
    return {
      id: c.id, purpose, title: c.title, roomId: c.roomId, roomTitle: c.roomTitle, startSeconds: c.startSeconds, endSeconds: c.endSeconds,
      videoUrl: c.replayUrl, posterUrl: c.posterUrl,
    }
  }

  async function lotViews(rows: LotRow[]): Promise<LotView[]> {
    const ids = rows.map((r) => r.id)
    const [skus, orchards, inspections, counts, lotClips] = await Promise.all([
      deps.catalog.skuFacts(rows.map((r) => r.skuId)), repo.orchardsByIds([...new Set(rows.map((r) => r.orchardId))]),
      repo.inspectionsOf(ids), repo.boxCounts(ids), repo.clipsOf(ids),
    ])
    const clips = lotClips.length ? await deps.clips({ ids: [...new Set(lotClips.map((c) => c.clipId))] }) : []
    return rows.map((r) => {
      const sku = skus.get(r.skuId)!
      const o = orchards.find((x) => x.id === r.orchardId)!
      const ins = inspections.filter((i) => i.lotId === r.id)
      const c = counts.find((x) => x.lotId === r.id)
      return {
        id: r.id, code: r.code, shopId: r.shopId, orchard: { id: o.id, name: o.name, gln: o.gln },
        productId: sku.productId, productTitle: sku.title, skuId: r.skuId, skuName: sku.skuName, gtin: sku.gtin!,
        harvestDate: r.harvestDate, weightKg: r.weightKg, grade: r.grade, imageUrls: r.imageIds.map((id) => deps.media.urlsOf(id)),
        certificate: { basis: r.certBasis, issuer: r.certIssuer, contactPhone: r.certPhone, issuedOn: r.certIssuedOn, fileUrl: r.certFileImageId ? deps.media.urlsOf(r.certFileImageId).large : null },
        inspections: ins.map(inspectionView), blocked: ins.some((i) => i.result === 'nonconformant'),
        boxesPacked: Number(c?.packed ?? 0), boxesShipped: Number(c?.shipped ?? 0), packedKg: r.packedKg,
        clips: lotClips.filter((lc) => lc.lotId === r.id).flatMap((lc) => {
          const f = clips.find((x) => x.id === lc.clipId)
          return f ? [traceClip(f, lc.purpose)] : []
        }),
        digitalLink: dl(sku.gtin!, r.code), createdAt: r.createdAt.toISOString(),
      }
    })
  }
  const lotView = async (r: LotRow) => (await lotViews([r]))[0]!

  async function lotOr404(id: string) {
    const lot = await repo.lot(id)
    if (!lot) throw notFound('LOTS_NOT_FOUND', 'Lot not found')
    return lot
  }

  /** Shop managers; commissioners of the shop's county and platform admins may read and add inspections. */
  async function assertCanSee(actorOrNull: Actor | null, lot: LotRow) {
    const actor = requireActor(actorOrNull)
    if (hasRole(actor, 'platform_admin')) return actor
    if (hasRole(actor, 'commissioner')) {
      const county = await deps.shops.countyOf(lot.shopId)
      if (county && (await deps.regions.commissionerCountiesOf(actor.id)).includes(county)) return actor
    }
    await deps.shops.assertCanManage(actor, lot.shopId)
    return actor
  }

  return {
    // ---- orchards
    async orchards(actor: Actor | null, shopId: string) {
      await deps.shops.assertCanManage(actor, shopId)
      return Promise.all((await repo.orchardsOf(shopId)).map(orchardView))
    },

    async addOrchard(actorOrNull: Actor | null, shopId: string, body: OrchardBody) {
      await deps.shops.assertCanManage(actorOrNull, shopId)
      await deps.regions.countyPath(body.countyCode, 'body.countyCode')
      const row = await inTx(async (r, tx) => r.insertOrchard({
        id: newId('orc'), shopId, name: body.name.trim(), countyCode: body.countyCode, address: body.address.trim(), story: (body.story ?? '').trim(),
        gln: await deps.traceability.newGln(tx), createdAt: now(),
      }))
      return orchardView(row)
    },

    async updateOrchard(actor: Actor | null, id: string, body: Partial<OrchardBody>) {
      const o = await repo.orchard(id)
      if (!o) throw notFound('LOTS_ORCHARD_NOT_FOUND', 'Orchard not found')
      await deps.shops.assertCanManage(actor, o.shopId)
      if (body.countyCode) await deps.regions.countyPath(body.countyCode, 'body.countyCode')
      const patch = Object.fromEntries(Object.entries({ name: body.name?.trim(), countyCode: body.countyCode, address: body.address?.trim(), story: body.story?.trim() }).filter(([, v]) => v !== undefined))
      return orchardView(Object.keys(patch).length ? await repo.updateOrchard(id, patch) : o)
    },

    // ---- lots
    async lots(actor: Actor | null, shopId: string) {
      await deps.shops.assertCanManage(actor, shopId)
      return lotViews(await repo.lotsOf(shopId))
    },

    async lot(actor: Actor | null, id: string) {
      const lot = await lotOr404(id)
      await assertCanSee(actor, lot)
      return lotView(lot)
    },

    async createLot(actorOrNull: Actor | null, shopId: string, body: CreateLotBody, opts: { code?: string; at?: Date } = {}) {
      const shop = await deps.shops.assertCanManage(actorOrNull, shopId)
      const actor = requireActor(actorOrNull)
      const sku = (await deps.catalog.skuFacts([body.skuId])).get(body.skuId)
      if (!sku || sku.shopId !== shopId) throw invalid('VALIDATION_FAILED', 'Not a product option (SKU) of this shop', 'body.skuId')
      if (!sku.gtin) throw invalid('VALIDATION_FAILED', 'This SKU has no GTIN yet', 'body.skuId')
      const orchard = await repo.orchard(body.orchardId)
      if (!orchard || orchard.shopId !== shopId) throw notFound('LOTS_ORCHARD_NOT_FOUND', 'Not an orchard of this shop')
      if (body.imageIds?.length) await deps.media.requireImages(body.imageIds, 'body.imageIds')
      if (body.certificate.fileImageId) await deps.media.requireImages([body.certificate.fileImageId], 'body.certificate.fileImageId')
      const at = opts.at ?? now()
      // L + harvest date (yyMMdd) + 4 random characters: short enough for the label, unique per GTIN (unique index).
      const code = opts.code ?? `L${body.harvestDate.slice(2).replaceAll('-', '')}${ulid().slice(-4)}`
      const row = await inTx(async (r, tx) => {
        const lot = await r.insertLot({
          id: newId('lot'), code, shopId, orchardId: orchard.id, skuId: sku.skuId, harvestDate: body.harvestDate, weightKg: body.weightKg, grade: body.grade.trim(),
          imageIds: body.imageIds ?? [], certBasis: body.certificate.basis, certIssuer: body.certificate.issuer.trim(), certPhone: body.certificate.contactPhone,
          certIssuedOn: body.certificate.issuedOn, certFileImageId: body.certificate.fileImageId ?? null, packedKg: 0, nextSerial: 1, createdBy: actor.id, createdAt: at,
        })
        await deps.traceability.recordIn(tx, [harvestEvent({
          at, gtin: sku.gtin!, lot: code, weightKg: body.weightKg, orchardGln: orchard.gln, harvestDate: body.harvestDate, countyCode: orchard.countyCode || shop.countyCode, grade: lot.grade,
        })], actor.id)
        return lot
      })
      return lotView(row)
    },

    async addInspection(actorOrNull: Actor | null, id: string, body: InspectionBody, opts: { at?: Date } = {}) {
      const lot = await lotOr404(id)
      const actor = await assertCanSee(actorOrNull, lot)
      if (body.imageIds?.length) await deps.media.requireImages(body.imageIds, 'body.imageIds')
      const [sku, orchard] = await Promise.all([deps.catalog.skuFacts([lot.skuId]).then((m) => m.get(lot.skuId)!), repo.orchard(lot.orchardId)])
      const at = opts.at ?? now()
      await inTx(async (r, tx) => {
        await r.insertInspection({
          id: newId('isp'), lotId: lot.id, kind: body.kind.trim(), result: body.result, inspectedOn: body.inspectedOn, inspector: body.inspector.trim(),
          note: (body.note ?? '').trim(), imageIds: body.imageIds ?? [], createdBy: actor.id, createdAt: at,
        })
        await deps.traceability.recordIn(tx, [inspectionEvent({
          at, gtin: sku.gtin!, lot: lot.code, weightKg: lot.weightKg, orchardGln: orchard!.gln, conformant: body.result === 'conformant', kind: body.kind.trim(), inspector: body.inspector.trim(),
        })], actor.id)
        // A failed test withdraws the lot's boxes that have not left yet: off sale, never assigned to an order.
        if (body.result === 'nonconformant') {
          const unshipped = await r.unshippedBoxCount(lot.id)
          if (unshipped) await deps.stock(tx).takeUpTo(lot.skuId, unshipped)
        }
      })
      return lotView(lot)
    },

    async pack(actorOrNull: Actor | null, id: string, body: PackBody, opts: { at?: Date } = {}): Promise<PackResult> {
      const lot = await lotOr404(id)
      await deps.shops.assertCanManage(actorOrNull, lot.shopId)
      const actor = requireActor(actorOrNull)
      if (body.boxes > MAX_BOXES_PER_PACK) throw invalid('VALIDATION_FAILED', `At most ${MAX_BOXES_PER_PACK} boxes at a time`, 'body.boxes')
      const [sku, orchard] = await Promise.all([deps.catalog.skuFacts([lot.skuId]).then((m) => m.get(lot.skuId)!), repo.orchard(lot.orchardId)])
      const at = opts.at ?? now()
      const serials = await inTx(async (r, tx) => {
        // Checked inside the transaction, after the lot row is locked by reserveSerials' update, so a failed test
        // recorded at the same moment is seen.
        const first = await r.reserveSerials(lot.id, body.boxes, body.boxes * body.kgPerBox)
        if (await r.hasNonconformant(lot.id)) throw conflict('LOTS_BLOCKED', 'This lot failed an inspection; it may not be packed or sold')
        if (first === null) throw conflict('LOTS_TOO_HEAVY', `The lot has ${Math.max(0, lot.weightKg - lot.packedKg).toFixed(1)} kg left to pack`, 'body.boxes')
        const serials = Array.from({ length: body.boxes }, (_, i) => String(first + i).padStart(4, '0'))
        await r.insertBoxes(serials.map((serial) => ({ lotId: lot.id, serial, skuId: lot.skuId, kg: body.kgPerBox, orderId: null, packedAt: at, shippedAt: null })))
        await deps.stock(tx).give(lot.skuId, body.boxes)
        await deps.traceability.recordIn(tx, serials.map((serial) => packingEvent({ at, gtin: sku.gtin!, lot: lot.code, serial, kg: body.kgPerBox, orchardGln: orchard!.gln })), actor.id)
        return serials
      })
      return { lot: await lotView((await repo.lot(lot.id))!), boxes: serials.map((serial) => ({ serial, digitalLink: dl(sku.gtin!, lot.code, serial) })) }
    },

    async boxes(actor: Actor | null, id: string) {
      const lot = await lotOr404(id)
      await assertCanSee(actor, lot)
      const sku = (await deps.catalog.skuFacts([lot.skuId])).get(lot.skuId)!
      return (await repo.boxesOfLot(lot.id)).map((b) => ({ serial: b.serial, digitalLink: dl(sku.gtin!, lot.code, b.serial), kg: b.kg, packedAt: b.packedAt.toISOString(), orderId: b.orderId }))
    },

    async setClips(actorOrNull: Actor | null, id: string, body: LotClipsBody) {
      const lot = await lotOr404(id)
      await deps.shops.assertCanManage(actorOrNull, lot.shopId)
      body.clips.forEach((c, i) => {
        if (body.clips.findIndex((x) => x.clipId === c.clipId) !== i) throw invalid('VALIDATION_FAILED', 'A clip can be linked once', `body.clips.${i}.clipId`)
      })
      const found = await deps.clips({ ids: body.clips.map((c) => c.clipId) })
      body.clips.forEach((c, i) => {
        if (!found.some((f) => f.id === c.clipId && f.shopId === lot.shopId)) throw notFound('LOTS_CLIP_NOT_FOUND', `Clip ${c.clipId} is not from this shop's lives (clips[${i}])`)
      })
      await inTx((r) => r.setClips(lot.id, body.clips))
      return lotView(lot)
    },

    // ---- for other modules
    /** Takes packed, unshipped boxes of the SKU for an order (oldest first), in the shipping transaction. */
    async takeBoxes(tx: Db, skuId: string, n: number, orderId: string, at: Date) {
      const boxes = await harvestRepository(tx).takeBoxes(skuId, n, orderId, at)
      const lots = await harvestRepository(tx).lotsByIds([...new Set(boxes.map((b) => b.lotId))])
      return boxes.map((b) => ({ ...b, lotCode: lots.find((l) => l.id === b.lotId)!.code }))
    },
    /** The boxes each order took (three queries for any number of orders: hub lists show up to 200). */
    async boxesOfOrders(orderIds: string[]) {
      const boxes = await repo.boxesOfOrders([...new Set(orderIds)])
      const lots = await repo.lotsByIds([...new Set(boxes.map((b) => b.lotId))])
      const skus = await deps.catalog.skuFacts([...new Set(boxes.map((b) => b.skuId))])
      const out = new Map<string, Array<{ lotId: string; lotCode: string; serial: string; gtin: string; digitalLink: string }>>(orderIds.map((id) => [id, []]))
      for (const b of boxes) {
        const code = lots.find((l) => l.id === b.lotId)!.code
        const gtin = skus.get(b.skuId)?.gtin ?? ''
        out.get(b.orderId!)!.push({ lotId: b.lotId, lotCode: code, serial: b.serial, gtin, digitalLink: dl(gtin, code, b.serial) })
      }
      return out
    },
    orchardOf: (id: string) => repo.orchard(id),
    /** Orchard GLN per lot key (lot:{gtin}:{code}) for lots Hotland issued; unknown keys are left out. */
    async orchardGlnsOfLots(keys: string[]) {
      const out = new Map<string, string>()
      for (const key of keys) {
        const m = /^lot:(\d{14}):(.+)$/.exec(key)
        const sku = m ? await deps.catalog.byGtin(m[1]!) : null
        const lot = sku ? await repo.lotByCode([sku.skuId], m![2]!) : null
        const orchard = lot ? await repo.orchard(lot.orchardId) : null
        if (orchard) out.set(key, orchard.gln)
      }
      return out
    },
    lotByGtinAndCode: async (skuId: string, code: string) => repo.lotByCode([skuId], code),
    box: (lotId: string, serial: string) => repo.box(lotId, serial),
    lotViewsForTrace: lotViews,
    /** GLNs of the orchards of these shops / counties (EPCIS capture rights). */
    orchardGlnsOfShops: async (shopIds: string[]) => (await repo.orchardGlnsOfShops(shopIds)).map((r) => r.gln),
    orchardGlnsInCounties: async (codes: string[]) => (await repo.orchardsInCounties(codes)).map((r) => r.gln),
  }
}
export type HarvestService = ReturnType<typeof createHarvestService>
