// Pulls the queryable facts out of an EPCIS 2.0 JSON-LD event, and canonical forms for CBV values.
import { createHash } from 'node:crypto'

export type EpcisEvent = Record<string, unknown> & { type: string; eventTime: string }

const BIZSTEP_PREFIXES = ['https://ref.gs1.org/cbv/BizStep-', 'urn:epcglobal:cbv:bizstep:']
const DISPOSITION_PREFIXES = ['https://ref.gs1.org/cbv/Disp-', 'urn:epcglobal:cbv:disp:']

/** CBV values in their bare form ('commissioning'); custom vocabulary stays a full URI. */
export function cbvShort(value: unknown, prefixes: string[]): string | null {
  if (typeof value !== 'string') return null
  for (const p of prefixes) if (value.startsWith(p)) return value.slice(p.length)
  return value
}
export const bizStepOf = (v: unknown) => cbvShort(v, BIZSTEP_PREFIXES)
export const dispositionOf = (v: unknown) => cbvShort(v, DISPOSITION_PREFIXES)

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [])
const classesOf = (v: unknown): string[] =>
  Array.isArray(v) ? v.map((q) => (q as { epcClass?: unknown }).epcClass).filter((x): x is string => typeof x === 'string') : []

export function epcsOf(ev: EpcisEvent): string[] {
  return [...new Set([
    ...strings(ev.epcList), ...strings(ev.childEPCs), ...strings(ev.inputEPCList), ...strings(ev.outputEPCList),
    ...(typeof ev.parentID === 'string' ? [ev.parentID] : []),
  ])]
}

export function epcClassesOf(ev: EpcisEvent): string[] {
  return [...new Set([...classesOf(ev.quantityList), ...classesOf(ev.childQuantityList), ...classesOf(ev.inputQuantityList), ...classesOf(ev.outputQuantityList)])]
}

/** The lot an identifier belongs to: GS1 Digital Link …/01/{gtin}/10/{lot}[/21/…] or urn:epc:class:lgtin:… */
export function lotKeyOf(id: string): string | null {
  const dl = /\/01\/(\d{14})\/10\/([^/?#]+)/.exec(id)
  if (dl) return `lot:${dl[1]}:${decodeURIComponent(dl[2]!)}`
  const urn = /^urn:epc:class:lgtin:(.+)$/.exec(id)
  if (urn) return `lot:urn:${urn[1]}`
  return null
}

/** The hash chain an event extends: the first lot it names, else one chain for everything else. */
export function chainKeyOf(ev: EpcisEvent): string {
  for (const id of [...epcClassesOf(ev), ...epcsOf(ev)]) {
    const k = lotKeyOf(id)
    if (k) return k
  }
  return 'global'
}

export const idOf = (v: unknown): string | null => (v && typeof v === 'object' && typeof (v as { id?: unknown }).id === 'string' ? (v as { id: string }).id : null)

/** JSON with keys sorted at every level: the same event always hashes the same. */
export function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`
  if (v && typeof v === 'object') {
    return `{${Object.keys(v as object).sort().map((k) => `${JSON.stringify(k)}:${canonicalJson((v as Record<string, unknown>)[k])}`).join(',')}}`
  }
  return JSON.stringify(v)
}

export function chainHash(prevHash: string, document: unknown): string {
  return createHash('sha256').update(prevHash).update('\n').update(canonicalJson(document)).digest('hex')
}

export const GENESIS = '0'.repeat(64)
