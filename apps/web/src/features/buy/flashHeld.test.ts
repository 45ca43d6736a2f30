import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { KEEP_MS, heldUnits, rememberHeld } from './flashHeld'

const T0 = Date.parse('2026-06-01T12:00:00Z')
const HOUR = 3600 * 1000

describe('units a buyer holds in a flash sale, remembered on the phone', () => {
  beforeEach(() => {
    localStorage.clear()
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(T0)
  })
  afterEach(() => vi.useRealTimers())

  it('counts per user and per sale, and nothing for a visitor', () => {
    rememberHeld('usr_a', 'fls_1', 1)
    expect(heldUnits('usr_a', 'fls_1')).toBe(1)
    expect(heldUnits('usr_b', 'fls_1')).toBe(0)
    expect(heldUnits('usr_a', 'fls_2')).toBe(0)
    expect(heldUnits(null, 'fls_1')).toBe(0)
    rememberHeld(null, 'fls_1', 3)
    expect(heldUnits('usr_a', 'fls_1')).toBe(1)
  })

  it('forgets the sales remembered more than two days ago when it remembers another, for every user', () => {
    rememberHeld('usr_a', 'fls_old', 2)
    rememberHeld('usr_b', 'fls_old', 1)
    vi.setSystemTime(T0 + 47 * HOUR)
    rememberHeld('usr_a', 'fls_recent', 1)
    vi.setSystemTime(T0 + KEEP_MS + HOUR)

    rememberHeld('usr_a', 'fls_new', 3)

    expect(heldUnits('usr_a', 'fls_old')).toBe(0)
    expect(heldUnits('usr_b', 'fls_old')).toBe(0)
    expect(heldUnits('usr_a', 'fls_recent')).toBe(1)
    expect(heldUnits('usr_a', 'fls_new')).toBe(3)
    expect(Object.keys(localStorage).sort()).toEqual(['hotland.flash.held.usr_a.fls_new', 'hotland.flash.held.usr_a.fls_recent'])
  })

  it('reads a count stored without its time, and drops it as old at the next remember', () => {
    localStorage.setItem('hotland.flash.held.usr_a.fls_1', '2')
    expect(heldUnits('usr_a', 'fls_1')).toBe(2)

    rememberHeld('usr_a', 'fls_2', 1)

    expect(heldUnits('usr_a', 'fls_1')).toBe(0)
    expect(heldUnits('usr_a', 'fls_2')).toBe(1)
  })

  it('keeps the time fresh when the same sale is remembered again', () => {
    rememberHeld('usr_a', 'fls_1', 1)
    vi.setSystemTime(T0 + 40 * HOUR)
    rememberHeld('usr_a', 'fls_1', 2)
    vi.setSystemTime(T0 + 80 * HOUR)
    rememberHeld('usr_a', 'fls_2', 1)
    expect(heldUnits('usr_a', 'fls_1')).toBe(2)
  })

  it('leaves other keys on the phone alone', () => {
    localStorage.setItem('hotland.cart.draft', 'x')
    localStorage.setItem('hotland.flash.other', '1')
    rememberHeld('usr_a', 'fls_1', 1)
    expect(localStorage.getItem('hotland.cart.draft')).toBe('x')
    expect(localStorage.getItem('hotland.flash.other')).toBe('1')
  })

  it('reads a damaged value as nothing held', () => {
    localStorage.setItem('hotland.flash.held.usr_a.fls_1', '{oops')
    expect(heldUnits('usr_a', 'fls_1')).toBe(0)
  })
})
