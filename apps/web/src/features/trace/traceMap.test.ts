import { describe, expect, it } from 'vitest'
import { clip, layoutMap, orderPlaces, type TracePlace } from './traceMap'

const origin: TracePlace = { kind: 'origin', name: '张大叔果园', region: '甘肃省 陇南市 礼县' }
const hub: TracePlace = { kind: 'hub', name: '礼县分拨中心', region: '甘肃省 陇南市 礼县' }
const hub2: TracePlace = { kind: 'hub', name: '西安转运中心', region: '陕西省 西安市' }
const dest: TracePlace = { kind: 'destination', name: '上海市', region: '上海市' }

describe('the simple map of a box\'s trip', () => {
  it('puts the origin first and the destination last, whatever order the server sends', () => {
    expect(orderPlaces([dest, hub, origin]).map((p) => p.kind)).toEqual(['origin', 'hub', 'destination'])
    expect(orderPlaces([origin, hub, hub]).length).toBe(2)
  })

  it('spreads the dots from left to right inside the picture and joins them with one line', () => {
    const m = layoutMap([origin, hub, dest], 320, 150)
    expect(m.points.map((p) => p.kind)).toEqual(['origin', 'hub', 'destination'])
    const xs = m.points.map((p) => p.x)
    expect(xs).toEqual([...xs].sort((a, b) => a - b))
    for (const p of m.points) {
      expect(p.x).toBeGreaterThan(0); expect(p.x).toBeLessThan(320)
      expect(p.y).toBeGreaterThan(0); expect(p.y).toBeLessThan(150)
    }
    expect(m.path.startsWith('M')).toBe(true)
    expect(m.path.match(/Q/g)).toHaveLength(2)
  })

  it('anchors the end labels inward so names are not cut at the edges', () => {
    const m = layoutMap([origin, hub, dest])
    expect(m.points[0]?.anchor).toBe('start')
    expect(m.points[1]?.anchor).toBe('middle')
    expect(m.points[2]?.anchor).toBe('end')
  })

  it('alternates labels above and below when four or more places would crowd', () => {
    const m = layoutMap([origin, hub, hub2, dest])
    expect(m.points.map((p) => p.above)).toEqual([false, true, false, true])
    for (const p of m.points) expect(p.labelY).toBeGreaterThan(0)
  })

  it('puts a hub\'s name above the line so it does not run into the farm\'s name below', () => {
    const m = layoutMap([origin, hub, dest])
    expect(m.points.map((p) => p.above)).toEqual([false, true, false])
    expect(m.points[1]!.labelY).toBeLessThan(m.points[1]!.y)
    expect(m.points[1]!.labelY).toBeGreaterThan(10)
  })

  it('draws a single place in the middle with no line segments', () => {
    const m = layoutMap([origin])
    expect(m.points[0]).toMatchObject({ x: 160, anchor: 'middle' })
    expect(m.path).not.toContain('Q')
    expect(layoutMap([]).points).toEqual([])
  })

  it('shortens long names to what fits', () => {
    expect(clip('甘肃省陇南市礼县城关镇分拨中心', 6)).toBe('甘肃省陇南…')
    expect(clip('礼县', 6)).toBe('礼县')
  })
})
