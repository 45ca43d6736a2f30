import { describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createI18n } from 'vue-i18n'
import type { ShopView } from '@hotland/contracts'
import zhCN from '@/i18n/zh-CN'
import enUS from '@/i18n/en-US'
import { shopsApi } from '@/api/shops'
import FollowingPage from './FollowingPage.vue'

vi.mock('@/api/shops', () => ({ shopsApi: { following: vi.fn() } }))
const i18n = () => createI18n({ legacy: false, locale: 'zh-CN', messages: { 'zh-CN': zhCN, 'en-US': enUS } })
const stubs = { 'van-nav-bar': true, 'van-skeleton': true, 'van-image': true, 'van-icon': true, ErrorState: true,
  'van-empty': { props: ['description'], template: '<p class="empty">{{ description }}</p>' },
  'van-cell-group': { template: '<ul><slot /></ul>' },
  'van-cell': { props: ['title', 'label'], template: '<li>{{ title }} | {{ label }}</li>' } }
const shop = { id: 'shp_1', name: '张大叔的苹果园', countyName: '礼县', followerCount: 2, coverUrl: null } as unknown as ShopView

describe('FollowingPage', () => {
  it('lists the shops I follow with county and follower count', async () => {
    vi.mocked(shopsApi.following).mockResolvedValue([shop])
    const w = mount(FollowingPage, { global: { plugins: [i18n()], stubs } })
    await flushPromises()
    expect(w.get('li').text()).toBe('张大叔的苹果园 | 礼县 · 2 粉丝')
  })

  it('says how to follow when I follow nobody', async () => {
    vi.mocked(shopsApi.following).mockResolvedValue([])
    const w = mount(FollowingPage, { global: { plugins: [i18n()], stubs } })
    await flushPromises()
    expect(w.get('.empty').text()).toContain('还没有关注店铺')
  })
})
