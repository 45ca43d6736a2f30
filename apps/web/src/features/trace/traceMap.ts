// The "simple map" of a box's trip: no tiles, no downloads — dots for origin → hub(s) → destination on a gentle arc,
// joined by a line, each with its name. Pure layout so it can be tested; TraceMap.vue draws it as inline SVG.
import type { TraceView } from '@hotland/contracts'

export type TracePlace = TraceView['places'][number]

export interface MapPoint {
  x: number
  y: number
  kind: TracePlace['kind']
  name: string
  region: string
  /** Where the label's first line sits and how it is anchored, so it stays inside the picture. */
  labelX: number
  labelY: number
  anchor: 'start' | 'middle' | 'end'
  /** Label above the dot (alternating when crowded) or below. */
  above: boolean
  /** Longest label that fits beside the neighbours, in characters. */
  maxChars: number
}

export interface MapLayout { width: number; height: number; points: MapPoint[]; path: string }

const KIND_ORDER = { origin: 0, hub: 1, destination: 2 } as const

/** Origin first, hubs in the order given, destination last. Consecutive duplicates (same name) are dropped. */
export function orderPlaces(places: readonly TracePlace[]): TracePlace[] {
  const sorted = places.map((p, i) => ({ p, i })).sort((a, b) => (KIND_ORDER[a.p.kind] - KIND_ORDER[b.p.kind]) || (a.i - b.i)).map((x) => x.p)
  return sorted.filter((p, i) => i === 0 || p.name !== sorted[i - 1]?.name)
}

/** Cuts a label to n characters with an ellipsis. */
export function clip(text: string, n: number): string {
  const chars = Array.from(text)
  return chars.length <= n ? text : `${chars.slice(0, Math.max(1, n - 1)).join('')}…`
}

export function layoutMap(places: readonly TracePlace[], width = 320, height = 150, charWidth = 12): MapLayout {
  const list = orderPlaces(places)
  const n = list.length
  const pad = 18
  const mid = height / 2
  const amp = Math.min(26, height / 5)
  const crowded = n >= 4
  const step = n > 1 ? (width - 2 * pad) / (n - 1) : 0
  const points: MapPoint[] = list.map((p, i) => {
    const f = n > 1 ? i / (n - 1) : 0.5
    const x = n > 1 ? pad + i * step : width / 2
    // a gentle arc from lower-left (the west, where the farm is) to the right
    const y = mid + amp * 0.6 - Math.sin(f * Math.PI) * amp
    // hubs sit at the top of the arc: their names go above it, clear of the origin's and destination's names below
    const above = crowded ? i % 2 === 1 : p.kind === 'hub'
    const anchor: MapPoint['anchor'] = n === 1 ? 'middle' : i === 0 ? 'start' : i === n - 1 ? 'end' : 'middle'
    const labelX = anchor === 'start' ? Math.max(2, x - 8) : anchor === 'end' ? Math.min(width - 2, x + 8) : x
    const room = n === 1 ? width - 8 : crowded ? step * 2 - 8 : step - 8
    const maxChars = Math.max(3, Math.floor((anchor === 'middle' ? room : room + 8) / charWidth))
    return { x, y, kind: p.kind, name: p.name, region: p.region, labelX, labelY: above ? y - 30 : y + 24, anchor, above, maxChars }
  })
  const path = points.map((pt, i) => {
    if (i === 0) return `M${r(pt.x)},${r(pt.y)}`
    const prev = points[i - 1] as MapPoint
    const cx = (prev.x + pt.x) / 2
    return `Q${r(cx)},${r(Math.min(prev.y, pt.y) - 10)} ${r(pt.x)},${r(pt.y)}`
  }).join(' ')
  return { width, height, points, path }
}

function r(v: number): number {
  return Math.round(v * 10) / 10
}
