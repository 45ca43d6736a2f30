import { describe, expect, it } from 'vitest'
import { ApiError } from '@/api/http'
import { errorMessage, normalizeField } from './apiError'

describe('API error helpers', () => {
  it('turns server field paths into form field names', () => {
    expect(normalizeField('body.phone')).toBe('phone')
    expect(normalizeField('/body/skus/0/priceFen')).toBe('skus.0.priceFen')
    expect(normalizeField('body.skus.1.name')).toBe('skus.1.name')
    expect(normalizeField('body')).toBeUndefined()
    expect(normalizeField(undefined)).toBeUndefined()
  })

  it('translates the code, never shows the server text, and falls back to UNKNOWN', () => {
    const dict: Record<string, string> = { 'errors.ACCOUNTS_PHONE_TAKEN': '已注册', 'errors.UNKNOWN': '出错了' }
    const t = (k: string) => dict[k] ?? k
    const te = (k: string) => k in dict
    expect(errorMessage(new ApiError(409, 'ACCOUNTS_PHONE_TAKEN', 'Phone taken'), t, te)).toBe('已注册')
    expect(errorMessage(new ApiError(418, 'SOMETHING_NEW', 'teapot'), t, te)).toBe('出错了')
    expect(errorMessage(new Error('boom'), t, te)).toBe('出错了')
  })
})
