import { describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createI18n } from 'vue-i18n'
import { createMemoryHistory, createRouter } from 'vue-router'
import type { ShipmentView } from '@hotland/contracts'
import zhCN from '@/i18n/zh-CN'
import enUS from '@/i18n/en-US'
import { logisticsApi } from '@/api/logistics'
import ShipmentTracking from './ShipmentTracking.vue'

vi.mock('@/api/logistics', () => ({ logisticsApi: { orderShipment: vi.fn() }, orderLabelUrl: (id: string) => `/label/${id}` }))

const shipment = (over: Partial<ShipmentView>): ShipmentView => ({
  id: 'shp_1', orderId: 'ord_1', carrierCode: 'external', carrierName: '顺丰', waybill: 'SF1234567890', parcels: 1, weightGrams: null,
  status: 'created', pickupPoint: null, batchId: null, boxes: [], tracking: [], receiverCity: '上海', createdAt: '2026-06-01T12:00:00.000Z', ...over,
})

async function mountFor(s: ShipmentView, locale = 'zh-CN') {
  vi.mocked(logisticsApi.orderShipment).mockResolvedValue(s)
  const i18n = createI18n({ legacy: false, locale, messages: { 'zh-CN': zhCN, 'en-US': enUS } })
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/:p(.*)*', component: { template: '<div />' } }] })
  const w = mount(ShipmentTracking, { props: { orderId: 'ord_1', version: 0 }, global: { plugins: [i18n, router], stubs: { 'van-icon': true, 'van-steps': true, 'van-step': true } } })
  await flushPromises()
  return w
}
const header = async (s: ShipmentView) => (await mountFor(s)).find('h2').text()

describe('ShipmentTracking', () => {
  it('shows no status for an outside courier\'s parcel, which it cannot follow (it said 等待揽收 after the box arrived)', async () => {
    expect(await header(shipment({ carrierCode: 'external' }))).not.toContain('等待揽收')
  })

  it('shows where a county-logistics parcel is', async () => {
    expect(await header(shipment({ carrierCode: 'hub', carrierName: '县级物流', status: 'created' }))).toContain('等待揽收')
  })

  it('names an outside courier in English for an English reader', async () => {
    const w = await mountFor(shipment({ carrierCode: 'external', carrierName: '顺丰' }), 'en-US')
    expect(w.text()).toContain('SF Express · Waybill')
    expect(w.text()).toContain('Track SF Express parcels on the SF Express website')
    expect(w.text()).not.toContain('顺丰')
  })
})
