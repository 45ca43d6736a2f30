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

  it('names Hotland\'s county logistics in the reader\'s language', () => {
    expect(carrierText('县级物流', tr('en-US'))).toBe('County logistics')
    expect(carrierText('县级物流', tr('zh-CN'))).toBe('县级物流')
  })

  it('names the known couriers in English, also with 快递 / 速运 / 物流 after the name', () => {
    const en = tr('en-US')
    expect(['顺丰', '中通', '圆通', '申通', '韵达', '京东', '中国邮政', '邮政', 'EMS', '极兔', '德邦'].map((c) => carrierText(c, en))).toEqual([
      'SF Express', 'ZTO Express', 'YTO Express', 'STO Express', 'Yunda Express', 'JD Logistics', 'China Post', 'China Post', 'EMS',
      'J&T Express', 'Deppon',
    ])
    expect(carrierText('顺丰速运', en)).toBe('SF Express')
    expect(carrierText('京东物流', en)).toBe('JD Logistics')
    expect(carrierText('ems', en)).toBe('EMS')
  })

  it('shows a courier as typed in Chinese, and an unknown courier as typed in both languages', () => {
    expect(carrierText('顺丰速运', tr('zh-CN'))).toBe('顺丰速运')
    expect(carrierText('邮政', tr('zh-CN'))).toBe('邮政')
    expect(carrierText('安能物流', tr('en-US'))).toBe('安能物流')
    expect(carrierText('天天快递', tr('zh-CN'))).toBe('天天快递')
  })
})
