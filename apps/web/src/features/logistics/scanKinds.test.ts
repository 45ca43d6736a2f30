import { describe, expect, it } from 'vitest'
import { scanKindsAt } from './scanKinds'

describe('scan buttons per place', () => {
  it('offers a village pickup point the pick-up scan first and never arrival or departure', () => {
    expect(scanKindsAt('pickup_point')[0]).toBe('picked_up')
    expect(scanKindsAt('pickup_point')).not.toContain('arrived')
    expect(scanKindsAt('pickup_point')).not.toContain('departed')
  })
  it('offers the county hub arrival, departure and delivery, but not village pick-up', () => {
    expect(scanKindsAt('county_hub')).toEqual(['arrived', 'departed', 'out_for_delivery', 'delivered'])
  })
})
