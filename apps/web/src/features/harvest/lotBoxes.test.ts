import { describe, expect, it } from 'vitest'
import type { LotBox } from '@/api/harvest'
import { boxesShown } from './lotBoxes'

const box = (serial: string, packedAt: string, orderId: string | null = null): LotBox =>
  ({ serial, digitalLink: `https://id.example/01/06900000000019/10/L1/21/${serial}`, kg: 5, packedAt, orderId })

describe('boxesShown', () => {
  const boxes = [
    box('2', '2026-11-20T08:00:00.000Z', 'ord_1'),
    box('10', '2026-11-21T08:00:00.000Z'),
    box('1', '2026-11-20T08:00:00.000Z'),
    box('9', '2026-11-21T08:00:00.000Z'),
  ]
  it('should list the newest packing first and serials in number order within one packing', () => {
    expect(boxesShown(boxes, 'all').items.map((b) => b.serial)).toEqual(['9', '10', '1', '2'])
  })
  it('should keep only unshipped or only shipped boxes, and count each', () => {
    const r = boxesShown(boxes, 'shipped')
    expect(r.items.map((b) => b.serial)).toEqual(['2'])
    expect(boxesShown(boxes, 'unshipped').items.map((b) => b.serial)).toEqual(['9', '10', '1'])
    expect(r.counts).toEqual({ all: 4, unshipped: 3, shipped: 1 })
  })
})
