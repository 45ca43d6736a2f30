import { computed, readonly, ref } from 'vue'
import { defineStore } from 'pinia'
import type { LoginBody, MeView, OtpLoginBody, RegisterBody, Role } from '@hotland/contracts'
import { accountsApi } from '@/api/accounts'

/** Who is logged in. Shared by the Me page, the router guard and every page that needs a login. */
export const useSessionStore = defineStore('session', () => {
  const me = ref<MeView | null>(null)
  const loaded = ref(false)
  let inflight: Promise<MeView | null> | null = null

  const user = computed(() => me.value?.user ?? null)
  const isLoggedIn = computed(() => me.value !== null)
  const roles = computed<readonly Role[]>(() => me.value?.user.roles ?? [])
  const verification = computed(() => me.value?.verification ?? null)
  const isCommissioner = computed(() => roles.value.includes('commissioner'))

  function hasRole(role: Role) {
    return roles.value.includes(role)
  }

  /** Loads /accounts/session once (or again with force): null means "not logged in", not an error. */
  async function load(force = false): Promise<MeView | null> {
    if (loaded.value && !force) return me.value
    if (inflight && !force) return inflight
    inflight = accountsApi
      .session()
      .then((s) => { me.value = s.me; return s.me })
      .finally(() => { loaded.value = true; inflight = null })
    return inflight
  }

  async function login(body: LoginBody) {
    await accountsApi.login(body)
    return load(true)
  }
  async function loginWithOtp(body: OtpLoginBody) {
    await accountsApi.loginWithOtp(body)
    return load(true)
  }
  async function register(body: RegisterBody) {
    await accountsApi.register(body)
    return load(true)
  }
  async function logout() {
    try {
      await accountsApi.logout()
    } finally {
      me.value = null
      loaded.value = true
    }
  }

  return {
    me: readonly(me),
    loaded: readonly(loaded),
    user, isLoggedIn, roles, verification, isCommissioner,
    hasRole, load, login, loginWithOtp, register, logout,
  }
})
