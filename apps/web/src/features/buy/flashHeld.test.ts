import { beforeEach, describe, expect, it } from 'vitest'
import { heldUnits, rememberHeld } from './flashHeld'

describe('units a buyer holds in a flash sale, remembered on the phone', () => {
  beforeEach(() => localStorage.clear())

  it('counts per user and per sale, and nothing for a visitor', () => {
    rememberHeld('usr_a', 'fls_1', 1)
    expect(heldUnits('usr_a', 'fls_1')).toBe(1)
    expect(heldUnits('usr_b', 'fls_1')).toBe(0)
    expect(heldUnits('usr_a', 'fls_2')).toBe(0)
    expect(heldUnits(null, 'fls_1')).toBe(0)
    rememberHeld(null, 'fls_1', 3)
    expect(heldUnits('usr_a', 'fls_1')).toBe(1)
  })
})
