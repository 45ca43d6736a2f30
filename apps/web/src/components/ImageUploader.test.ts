import { describe, expect, it, vi } from 'vitest'
import { mount } from '@vue/test-utils'
import { createI18n } from 'vue-i18n'
import zhCN from '@/i18n/zh-CN'
import enUS from '@/i18n/en-US'
import ImageUploader from './ImageUploader.vue'

vi.mock('@/api/media', () => ({ uploadImage: vi.fn() }))

const i18n = () => createI18n({ legacy: false, locale: 'zh-CN', messages: { 'zh-CN': zhCN, 'en-US': enUS } })
const stubs = { 'van-icon': true, 'van-progress': true }
const photos = [{ id: 'img_1', url: '/1.jpg' }, { id: 'img_2', url: '/2.jpg' }]

describe('ImageUploader, the 封面 badge', () => {
  it('marks the first photo 封面 by default, as a product\'s first photo is its cover', () => {
    const w = mount(ImageUploader, { props: { modelValue: photos, max: 9 }, global: { plugins: [i18n()], stubs } })
    expect(w.findAll('.uploader__cover').map((b) => b.text())).toEqual(['封面'])
  })

  it('marks no photo 封面 when told the photos have no cover', () => {
    const w = mount(ImageUploader, { props: { modelValue: photos, max: 6, coverBadge: false }, global: { plugins: [i18n()], stubs } })
    expect(w.find('.uploader__cover').exists()).toBe(false)
  })
})
