import { describe, expect, it, vi } from 'vitest'
import { coalesce } from './coalesce.ts'

describe('coalesce', () => {
  it('answers every caller of one event-loop turn from one load of the distinct keys', async () => {
    const load = vi.fn(async (keys: string[]) => new Map(keys.map((k) => [k, k.toUpperCase()])))
    const get = coalesce(load)
    expect(await Promise.all([get('a'), get('b'), get('a')])).toEqual(['A', 'B', 'A'])
    expect(load).toHaveBeenCalledTimes(1)
    expect(load.mock.calls[0]![0]).toEqual(['a', 'b'])
    expect(await get('c')).toBe('C') // a later turn loads again
    expect(load).toHaveBeenCalledTimes(2)
  })

  it('gives null for a key the load did not find, and rejects every waiter when the load fails, even synchronously', async () => {
    expect(await coalesce(async () => new Map<string, string>())('x')).toBeNull()
    const get = coalesce<string, string>(() => { throw new Error('down') })
    await expect(Promise.all([get('a'), get('b')])).rejects.toThrow('down')
  })
})
