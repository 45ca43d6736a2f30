import { describe, expect, it } from 'vitest'
import { ErrorCodes } from '@hotland/contracts'
import zhCN from './zh-CN'
import enUS from './en-US'

function leaves(obj: Record<string, unknown>, prefix = ''): string[] {
  return Object.entries(obj).flatMap(([k, v]) =>
    v && typeof v === 'object' ? leaves(v as Record<string, unknown>, `${prefix}${k}.`) : [`${prefix}${k}`],
  )
}

describe('translations', () => {
  it('translate every error code the API can return, in both languages', () => {
    for (const code of ErrorCodes) {
      expect(zhCN.errors, `zh-CN errors.${code}`).toHaveProperty(code)
      expect(enUS.errors, `en-US errors.${code}`).toHaveProperty(code)
    }
  })

  it('have the same keys in Chinese and English', () => {
    expect(leaves(enUS).sort()).toEqual(leaves(zhCN).sort())
  })

  it('have no empty strings and no unescaped vue-i18n special characters', () => {
    for (const [name, msgs] of [['zh-CN', zhCN], ['en-US', enUS]] as const) {
      for (const key of leaves(msgs)) {
        const value = key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], msgs)
        expect(typeof value === 'string' && value.length > 0, `${name} ${key}`).toBe(true)
        expect(value as string, `${name} ${key}`).not.toMatch(/[@|$]/)
      }
    }
  })

  it('give the order page\'s address and tracking sections different titles', () => {
    for (const msgs of [zhCN, enUS]) expect(msgs.buy.order.address).not.toBe(msgs.trace.track.title)
  })

  it('keep the fresh-produce notice wording required on product pages', () => {
    expect(zhCN.product.freshNotice).toBe('生鲜商品，不支持7天无理由退货')
  })
})

describe('language switch', () => {
  it('switches to English and remembers it on this phone', async () => {
    localStorage.clear()
    const { i18n, setLocale, storedLocale, LOCALE_STORAGE_KEY } = await import('./index')
    expect(storedLocale()).toBe('zh-CN')
    setLocale('en-US')
    expect(i18n.global.locale.value).toBe('en-US')
    expect(localStorage.getItem(LOCALE_STORAGE_KEY)).toBe('en-US')
    expect(document.documentElement.lang).toBe('en-US')
    expect(storedLocale()).toBe('en-US')
    expect(i18n.global.t('nav.home')).toBe('Home')
    setLocale('zh-CN')
    expect(i18n.global.t('nav.home')).toBe('首页')
  })
})
