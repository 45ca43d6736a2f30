import { describe, expect, it } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createI18n } from 'vue-i18n'
import { createMemoryHistory, createRouter } from 'vue-router'
import zhCN from '@/i18n/zh-CN'
import enUS from '@/i18n/en-US'
import AddressPicker from './AddressPicker.vue'

const stubs = {
  'van-cell': { props: ['to', 'title'], template: '<a class="cell" :data-to="JSON.stringify(to ?? null)">{{ title }}</a>' },
  'van-popup': true, 'van-cell-group': true, 'van-icon': true,
}

async function pickerAt(path: string, resume?: Record<string, string>) {
  const router = createRouter({ history: createMemoryHistory(), routes: [
    { path: '/live/:id', name: 'live', component: { template: '<div />' } },
    { path: '/me/addresses/new', name: 'address-new', component: { template: '<div />' } },
  ] })
  await router.push(path)
  const i18n = createI18n({ legacy: false, locale: 'zh-CN', messages: { 'zh-CN': zhCN, 'en-US': enUS } })
  const w = mount(AddressPicker, { props: { addresses: [], chosen: null, resume }, global: { plugins: [i18n, router], stubs } })
  await flushPromises()
  return JSON.parse(w.get('.cell').attributes('data-to')!) as { name: string; query: { redirect: string } }
}

describe('AddressPicker, adding an address', () => {
  it('comes back to the same page with what the sheet needs to open again as it was', async () => {
    const to = await pickerAt('/live/room_1?from=home', { buy: 'prd_1', sku: 'sku_2', qty: '3' })
    expect(to.name).toBe('address-new')
    const back = new URL(to.query.redirect, 'http://x')
    expect(back.pathname).toBe('/live/room_1')
    expect(Object.fromEntries(back.searchParams)).toEqual({ from: 'home', buy: 'prd_1', sku: 'sku_2', qty: '3' })
  })

  it('comes back to the page as it was when there is nothing to resume', async () => {
    expect((await pickerAt('/live/room_1?from=home')).query.redirect).toBe('/live/room_1?from=home')
  })
})
