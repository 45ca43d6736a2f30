import { describe, expect, it } from 'vitest'
import { defaultParcels } from './shipParcels'

const lines = (...qty: number[]) => ({ lines: qty.map((q) => ({ qty: q })) }) as unknown as Parameters<typeof defaultParcels>[0]

describe('parcels to ship by default', () => {
  it('is one per unit bought, over all lines', () => {
    expect(defaultParcels(lines(2))).toBe(2)
    expect(defaultParcels(lines(1, 3))).toBe(4)
  })

  it('stays within what one shipment can hold', () => {
    expect(defaultParcels(lines(30))).toBe(20)
    expect(defaultParcels(lines())).toBe(1)
  })
})
