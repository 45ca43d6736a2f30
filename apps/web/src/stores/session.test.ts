import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import type { MeView } from '@hotland/contracts'
import { ApiError } from '@/api/http'
import { accountsApi } from '@/api/accounts'
import { useSessionStore } from './session'

vi.mock('@/api/accounts', () => ({
  accountsApi: {
    session: vi.fn(), login: vi.fn(), loginWithOtp: vi.fn(), register: vi.fn(), logout: vi.fn(),
  },
}))
const api = vi.mocked(accountsApi)

const me = (roles: MeView['user']['roles'] = ['buyer']): MeView => ({
  user: { id: 'usr_1', phoneMasked: '138****0001', displayName: '老张', roles, isDemo: false, createdAt: '2026-01-01T00:00:00Z' },
  verification: null,
  commissionerCountyCodes: [],
  countyAdminCountyCodes: [],
})

describe('session store', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    vi.resetAllMocks()
  })

  it('treats a visitor (no one logged in) as logged out, not as an error', async () => {
    api.session.mockResolvedValue({ me: null })
    const s = useSessionStore()
    await expect(s.load()).resolves.toBeNull()
    expect(s.isLoggedIn).toBe(false)
    expect(s.loaded).toBe(true)
  })

  it('rethrows other failures so the page can offer a retry', async () => {
    api.session.mockRejectedValue(new ApiError(0, 'NETWORK_ERROR', 'offline'))
    const s = useSessionStore()
    await expect(s.load()).rejects.toMatchObject({ code: 'NETWORK_ERROR' })
    expect(s.isLoggedIn).toBe(false)
  })

  it('loads /accounts/session once and shares the answer', async () => {
    api.session.mockResolvedValue({ me: me() })
    const s = useSessionStore()
    await Promise.all([s.load(), s.load()])
    await s.load()
    expect(api.session).toHaveBeenCalledTimes(1)
  })

  it('reloads the user after login and exposes roles', async () => {
    api.session.mockResolvedValueOnce({ me: null }).mockResolvedValue({ me: me(['buyer', 'commissioner']) })
    api.login.mockResolvedValue(me().user)
    const s = useSessionStore()
    await s.load()
    expect(s.isLoggedIn).toBe(false)
    await s.login({ phone: '13800000001', password: 'hotland-demo' })
    expect(api.login).toHaveBeenCalledWith({ phone: '13800000001', password: 'hotland-demo' })
    expect(s.isLoggedIn).toBe(true)
    expect(s.isCommissioner).toBe(true)
    expect(s.hasRole('farmer')).toBe(false)
  })

  it('forgets the user on logout even when the request fails', async () => {
    api.session.mockResolvedValue({ me: me() })
    api.logout.mockRejectedValue(new ApiError(0, 'NETWORK_ERROR', 'offline'))
    const s = useSessionStore()
    await s.load()
    await expect(s.logout()).rejects.toBeInstanceOf(ApiError)
    expect(s.isLoggedIn).toBe(false)
    expect(s.user).toBeNull()
  })
})
