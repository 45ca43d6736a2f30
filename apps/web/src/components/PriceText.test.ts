import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import { createI18n } from 'vue-i18n'
import zhCN from '@/i18n/zh-CN'
import enUS from '@/i18n/en-US'
import PriceText from './PriceText.vue'

const i18n = (locale = 'zh-CN') =>
  createI18n({ legacy: false, locale, messages: { 'zh-CN': zhCN, 'en-US': enUS } })

describe('PriceText', () => {
  it('shows fen as ¥ yuan with two decimals', () => {
    const w = mount(PriceText, { props: { fen: 3990 }, global: { plugins: [i18n()] } })
    expect(w.text()).toBe('¥39.90')
    expect(w.attributes('aria-label')).toBe('¥39.90')
  })

  it('marks a starting price with 起', () => {
    const w = mount(PriceText, { props: { fen: 4980, from: true }, global: { plugins: [i18n()] } })
    expect(w.text()).toBe('¥49.80起')
    expect(w.attributes('aria-label')).toBe('¥49.80起')
  })

  it('puts "from" before a starting price in English', () => {
    const w = mount(PriceText, { props: { fen: 4980, from: true }, global: { plugins: [i18n('en-US')] } })
    expect(w.text()).toBe('from ¥49.80')
    expect(w.attributes('aria-label')).toBe('from ¥49.80')
  })

  it('shows small amounts with leading zero', () => {
    const w = mount(PriceText, { props: { fen: 5 }, global: { plugins: [i18n()] } })
    expect(w.text()).toBe('¥0.05')
  })

  it('puts the minus sign before ¥ for money going out', () => {
    const w = mount(PriceText, { props: { fen: -299 }, global: { plugins: [i18n()] } })
    expect(w.text()).toBe('-¥2.99')
    expect(w.attributes('aria-label')).toBe('-¥2.99')
  })

  it('shows zero without a sign, even when it was negated', () => {
    const w = mount(PriceText, { props: { fen: -0 }, global: { plugins: [i18n()] } })
    expect(w.text()).toBe('¥0.00')
  })

  it('keeps the minus sign before ¥ in a starting price', () => {
    const w = mount(PriceText, { props: { fen: -299, from: true }, global: { plugins: [i18n('en-US')] } })
    expect(w.text()).toBe('from -¥2.99')
  })
})
