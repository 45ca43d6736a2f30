import { describe, expect, it } from 'vitest'
import { createI18n } from 'vue-i18n'
import zhCN from '@/i18n/zh-CN'
import enUS from '@/i18n/en-US'
import { carrierText, scanNote } from './shipmentText'

const tr = (locale: 'zh-CN' | 'en-US') => {
  const i18n = createI18n({ legacy: false, locale, messages: { 'zh-CN': zhCN, 'en-US': enUS } })
  return (key: string, named?: Record<string, unknown>) => i18n.global.t(key, named ?? {})
}

describe('the server\'s fixed parcel phrases in the reader\'s language', () => {
  it('says who a parcel was handed to, in English and in Chinese', () => {
    expect(scanNote('交给 龙槐村收寄点', tr('en-US'))).toBe('Handed to 龙槐村收寄点')
    expect(scanNote('交给 县级物流', tr('en-US'))).toBe('Handed to County logistics')
    expect(scanNote('交给 龙槐村收寄点', tr('zh-CN'))).toBe('交给 龙槐村收寄点')
    expect(scanNote('本人签收', tr('en-US'))).toBe('本人签收')
  })

  it('names Hotland\'s county logistics in the reader\'s language and leaves couriers\' names alone', () => {
    expect(carrierText('县级物流', tr('en-US'))).toBe('County logistics')
    expect(carrierText('县级物流', tr('zh-CN'))).toBe('县级物流')
    expect(carrierText('顺丰', tr('en-US'))).toBe('顺丰')
  })
})
