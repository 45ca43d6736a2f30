import type { RouteLocationNormalizedLoaded, Router } from 'vue-router'

/**
 * Where to go after logging in or signing up: back to the page that asked for a login, or (new farmers) straight to
 * "open a shop". Called from the form itself — the form unmounts as soon as the session changes, so an emitted event
 * would be lost.
 */
export async function afterAuth(router: Router, route: RouteLocationNormalizedLoaded, role?: 'buyer' | 'farmer') {
  const redirect = typeof route.query.redirect === 'string' ? route.query.redirect : ''
  if (redirect.startsWith('/') && !redirect.startsWith('//')) await router.replace(redirect)
  else if (role === 'farmer') await router.push({ name: 'open-shop' })
}
