import { afterEach, describe, expect, it, vi } from 'vitest'
import { ApiError, http, toApiError, withQuery } from './http'

function mockFetch(res: Response) {
  // a fresh Response per call (a body can be read only once)
  const fn = vi.fn(async (_url: string, _init?: RequestInit) => res.clone())
  vi.stubGlobal('fetch', fn)
  return fn
}
afterEach(() => { vi.unstubAllGlobals() })

describe('http', () => {
  it('sends JSON with a content-type only when there is a body', async () => {
    const fn = mockFetch(new Response(JSON.stringify({ ok: true }), { status: 200 }))
    await http('/shops/shp_1/follow', { method: 'POST' })
    const [url, init] = fn.mock.calls[0]!
    expect(url).toBe('/api/shops/shp_1/follow')
    expect(new Headers(init?.headers).has('content-type')).toBe(false)
    expect(init?.body).toBeUndefined()
    expect(init?.credentials).toBe('include')

    await http('/accounts/login', { method: 'POST', body: { phone: '13800000000', password: 'x' } })
    const [, init2] = fn.mock.calls[1]!
    expect(new Headers(init2?.headers).get('content-type')).toBe('application/json')
    expect(init2?.body).toBe('{"phone":"13800000000","password":"x"}')
  })

  it('throws ApiError with the stable code and the field at fault', async () => {
    mockFetch(new Response(JSON.stringify({ error: { code: 'ACCOUNTS_PHONE_TAKEN', message: 'taken', field: 'body.phone' } }), { status: 409 }))
    const err = await http('/accounts/register', { method: 'POST', body: {} }).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ApiError)
    expect(err).toMatchObject({ status: 409, code: 'ACCOUNTS_PHONE_TAKEN', field: 'body.phone' })
  })

  it('maps a body-less 5xx to INTERNAL and a network failure to NETWORK_ERROR', async () => {
    mockFetch(new Response('oops', { status: 502, statusText: 'Bad Gateway' }))
    await expect(http('/x')).rejects.toMatchObject({ status: 502, code: 'INTERNAL' })
    vi.stubGlobal('fetch', vi.fn(async () => { throw new TypeError('Failed to fetch') }))
    await expect(http('/x')).rejects.toMatchObject({ status: 0, code: 'NETWORK_ERROR' })
  })

  it('returns undefined for 204 No Content', async () => {
    mockFetch(new Response(null, { status: 204 }))
    await expect(http('/accounts/logout', { method: 'POST' })).resolves.toBeUndefined()
  })

  it('builds query strings without empty values', () => {
    expect(withQuery('/products', { countyCode: '621226', category: undefined, q: '', limit: 20, cursor: null }))
      .toBe('/products?countyCode=621226&limit=20')
    expect(withQuery('/products', {})).toBe('/products')
    expect(withQuery('/products', { q: '苹果 5kg' })).toBe('/products?q=%E8%8B%B9%E6%9E%9C+5kg')
  })

  it('treats 413 without a code as PAYLOAD_TOO_LARGE', () => {
    expect(toApiError(413, 'Payload Too Large', null).code).toBe('PAYLOAD_TOO_LARGE')
  })
})
