import { describe, expect, it, vi } from 'vitest'
import { useCursorList } from './useCursorList'

describe('useCursorList', () => {
  it('follows nextCursor until the server says there is no more', async () => {
    const fetchPage = vi.fn(async (cursor: string | undefined) =>
      cursor === undefined ? { items: [1, 2], nextCursor: 'c2' } : { items: [3], nextCursor: null })
    const l = useCursorList<number>(fetchPage)
    await l.loadMore()
    expect(l.items.value).toEqual([1, 2])
    expect(l.finished.value).toBe(false)
    await l.loadMore()
    expect(fetchPage).toHaveBeenLastCalledWith('c2')
    expect(l.items.value).toEqual([1, 2, 3])
    expect(l.finished.value).toBe(true)
    await l.loadMore()
    expect(fetchPage).toHaveBeenCalledTimes(2)
  })

  it('drops a late page that belongs to the previous filter', async () => {
    let release!: (v: { items: string[]; nextCursor: null }) => void
    const slow = new Promise<{ items: string[]; nextCursor: null }>((r) => { release = r })
    const fetchPage = vi.fn().mockReturnValueOnce(slow).mockResolvedValueOnce({ items: ['new'], nextCursor: null })
    const l = useCursorList<string>(fetchPage)
    const first = l.loadMore()
    l.reset()
    await l.loadMore()
    release({ items: ['stale'], nextCursor: null })
    await first
    expect(l.items.value).toEqual(['new'])
  })

  it('keeps the error so van-list can offer a retry', async () => {
    const l = useCursorList<number>(vi.fn().mockRejectedValue(new Error('offline')))
    await l.loadMore()
    expect(l.error.value).toBeInstanceOf(Error)
    expect(l.loading.value).toBe(false)
    expect(l.finished.value).toBe(false)
  })
})
