import { describe, expect, it } from 'vitest'
import { createI18n } from 'vue-i18n'
import zhCN from '@/i18n/zh-CN'
import enUS from '@/i18n/en-US'
import { payLeftText, secondsToPay } from './payLeft'

const tOf = (locale: 'zh-CN' | 'en-US') => {
  const i18n = createI18n({ legacy: false, locale, messages: { 'zh-CN': zhCN, 'en-US': enUS } })
  return (key: string, named?: Record<string, unknown>) => i18n.global.t(key, named ?? {})
}

describe('time left to pay', () => {
  it('says minutes and seconds in words, not a clock that reads like a time of day', () => {
    expect(payLeftText(899, tOf('zh-CN'))).toBe('14分59秒')
    expect(payLeftText(899, tOf('en-US'))).toBe('14 min 59 s')
    expect(payLeftText(600, tOf('zh-CN'))).toBe('10分0秒')
  })

  it('drops the minutes under a minute', () => {
    expect(payLeftText(59, tOf('zh-CN'))).toBe('59秒')
    expect(payLeftText(59.9, tOf('en-US'))).toBe('59 s')
    expect(payLeftText(-3, tOf('zh-CN'))).toBe('0秒')
  })

  it('says hours and minutes for a long window', () => {
    expect(payLeftText(3600 + 5 * 60 + 7, tOf('zh-CN'))).toBe('1小时5分')
    expect(payLeftText(3600 + 5 * 60 + 7, tOf('en-US'))).toBe('1 h 5 min')
  })

  it('counts whole seconds to payBefore from the server\'s now, and none once it has passed', () => {
    const now = Date.parse('2025-06-01T10:00:00Z')
    expect(secondsToPay('2025-06-01T10:14:59.800Z', now)).toBe(899)
    expect(secondsToPay('2025-06-01T09:59:59Z', now)).toBe(0)
    expect(secondsToPay(null, now)).toBe(0)
    expect(secondsToPay('not a date', now)).toBe(0)
  })
})
