import { createApp } from 'vue'
import { createPinia } from 'pinia'
import { Lazyload } from 'vant'
import App from './App.vue'
import { router } from './router'
import { i18n, storedLocale } from './i18n'
import './styles/theme.css'

document.documentElement.lang = storedLocale()

createApp(App).use(createPinia()).use(router).use(i18n).use(Lazyload, { lazyComponent: true }).mount('#app')
