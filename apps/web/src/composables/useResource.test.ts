import { describe, expect, it, vi } from 'vitest'
import { nextTick, ref } from 'vue'
import { flushPromises } from '@vue/test-utils'
import { useResource } from './useResource'

describe('useResource', () => {
  it('loads once, exposes loading, and reloads when the key changes', async () => {
    const id = ref('a')
    const load = vi.fn(async () => `item ${id.value}`)
    const r = useResource(load, () => id.value)
    expect(r.loading.value).toBe(true)
    await flushPromises()
    expect(r.data.value).toBe('item a')
    expect(r.loading.value).toBe(false)
    id.value = 'b'
    await nextTick()
    await flushPromises()
    expect(r.data.value).toBe('item b')
    expect(load).toHaveBeenCalledTimes(2)
  })

  it('keeps the error and drops old data when a reload fails', async () => {
    let fail = false
    const r = useResource(async () => {
      if (fail) throw new Error('offline')
      return [1, 2]
    })
    await flushPromises()
    expect(r.data.value).toEqual([1, 2])
    fail = true
    await r.reload()
    expect(r.data.value).toBeNull()
    expect((r.error.value as Error).message).toBe('offline')
  })

  it('ignores a slow answer for an older key that arrives after the newer one', async () => {
    const id = ref('a')
    const waits: Record<string, (v: string) => void> = {}
    const r = useResource(() => new Promise<string>((res) => { waits[id.value] = res }), () => id.value)
    id.value = 'b'
    await nextTick()
    waits.b!('item b')
    await flushPromises()
    waits.a!('item a')
    await flushPromises()
    expect(r.data.value).toBe('item b')
    expect(r.loading.value).toBe(false)
  })
})
