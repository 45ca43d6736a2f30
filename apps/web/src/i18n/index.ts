import { createI18n } from 'vue-i18n'
import { Locale } from 'vant'
import vantEnUS from 'vant/es/locale/lang/en-US'
import vantZhCN from 'vant/es/locale/lang/zh-CN'
import zhCN from './zh-CN'
import enUS from './en-US'

export const LOCALES = ['zh-CN', 'en-US'] as const
export type AppLocale = (typeof LOCALES)[number]
export const LOCALE_STORAGE_KEY = 'hotland.locale'

export function storedLocale(): AppLocale {
  try {
    const v = localStorage.getItem(LOCALE_STORAGE_KEY)
    if (v && (LOCALES as readonly string[]).includes(v)) return v as AppLocale
  } catch { /* storage blocked */ }
  return 'zh-CN'
}

export const i18n = createI18n({
  legacy: false,
  locale: storedLocale(),
  fallbackLocale: 'zh-CN',
  messages: { 'zh-CN': zhCN, 'en-US': enUS },
  missingWarn: false,
  fallbackWarn: false,
})

function applyVantLocale(locale: AppLocale) {
  if (locale === 'en-US') Locale.use('en-US', vantEnUS)
  else Locale.use('zh-CN', vantZhCN)
}

/** Switches the UI language and remembers it on this phone. */
export function setLocale(locale: AppLocale) {
  i18n.global.locale.value = locale
  try { localStorage.setItem(LOCALE_STORAGE_KEY, locale) } catch { /* storage blocked */ }
  document.documentElement.lang = locale
  applyVantLocale(locale)
}

applyVantLocale(storedLocale())
