import type { TraceView } from '@hotland/contracts'
import { http } from './http'

const id = (s: string) => encodeURIComponent(s)

/** The public trace view of a box (or of a whole lot when there is no serial). No login. */
export const traceApi = {
  get: (gtin: string, lot: string, serial?: string | null) =>
    http<TraceView>(serial ? `/trace/${id(gtin)}/${id(lot)}/${id(serial)}` : `/trace/${id(gtin)}/${id(lot)}`),
}
