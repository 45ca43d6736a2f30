import type { LotBox } from '@/api/harvest'
import { traceRoute } from '@/lib/digitalLink'

export type BoxFilter = 'all' | 'unshipped' | 'shipped'

/** The boxes the filter keeps, newest packing first (then by serial), and the count per filter. */
export function boxesShown(boxes: readonly LotBox[], filter: BoxFilter): { items: Array<LotBox & { route: ReturnType<typeof traceRoute> }>; counts: Record<BoxFilter, number> } {
  const shipped = boxes.filter((b) => b.orderId !== null).length
  const items = boxes
    .filter((b) => filter === 'all' || (filter === 'shipped') === (b.orderId !== null))
    .sort((a, b) => b.packedAt.localeCompare(a.packedAt) || a.serial.localeCompare(b.serial, undefined, { numeric: true }))
    // The trace page route, parsed once per box here rather than on every render.
    .map((b) => ({ ...b, route: traceRoute(b.digitalLink) }))
  return { items, counts: { all: boxes.length, unshipped: boxes.length - shipped, shipped } }
}
