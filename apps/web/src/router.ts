import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router'
import type { Role } from '@hotland/contracts'
import { useSessionStore } from '@/stores/session'

declare module 'vue-router' {
  interface RouteMeta {
    /** Shows the bottom tab bar. */
    tabbar?: boolean
    requiresAuth?: boolean
    role?: Role
  }
}

const routes: RouteRecordRaw[] = [
  { path: '/', name: 'home', component: () => import('@/features/home/HomePage.vue'), meta: { tabbar: true } },
  {
    path: '/categories/:category?', name: 'categories',
    component: () => import('@/features/category/CategoryPage.vue'), props: true, meta: { tabbar: true },
  },
  {
    path: '/orders', name: 'orders', component: () => import('@/features/orders/OrdersPage.vue'),
    meta: { tabbar: true, requiresAuth: true },
  },
  {
    path: '/orders/:id', name: 'order', component: () => import('@/features/orders/OrderDetailPage.vue'),
    props: true, meta: { requiresAuth: true },
  },
  { path: '/cart', name: 'cart', component: () => import('@/features/cart/CartPage.vue'), meta: { requiresAuth: true } },
  { path: '/checkout', name: 'checkout', component: () => import('@/features/cart/CheckoutPage.vue'), meta: { requiresAuth: true } },
  {
    path: '/me/addresses', name: 'addresses',
    component: () => import('@/features/address/AddressListPage.vue'), meta: { requiresAuth: true },
  },
  {
    path: '/me/addresses/new', name: 'address-new',
    component: () => import('@/features/address/AddressEditPage.vue'), meta: { requiresAuth: true },
  },
  {
    path: '/me/addresses/:addressId', name: 'address-edit',
    component: () => import('@/features/address/AddressEditPage.vue'), props: true, meta: { requiresAuth: true },
  },
  {
    path: '/farmer/shops/:shopId/orders', name: 'shop-orders',
    component: () => import('@/features/farmer/ShopOrdersPage.vue'), props: true, meta: { requiresAuth: true },
  },
  {
    path: '/farmer/shops/:shopId/income', name: 'shop-income',
    component: () => import('@/features/farmer/IncomePage.vue'), props: true, meta: { requiresAuth: true },
  },
  {
    path: '/farmer/shops/:shopId/shipping', name: 'shop-shipping',
    component: () => import('@/features/farmer/ShippingRulesPage.vue'), props: true, meta: { requiresAuth: true },
  },
  { path: '/me', name: 'me', component: () => import('@/features/me/MePage.vue'), meta: { tabbar: true } },
  { path: '/products/:id', name: 'product', component: () => import('@/features/product/ProductPage.vue'), props: true },
  { path: '/shops/:id', name: 'shop', component: () => import('@/features/shop/ShopPage.vue'), props: true },
  { path: '/counties/:code', name: 'county', component: () => import('@/features/county/CountyPage.vue'), props: true },
  {
    path: '/me/verification', name: 'verification',
    component: () => import('@/features/verification/VerificationPage.vue'), meta: { requiresAuth: true },
  },
  {
    path: '/commissioner', name: 'commissioner',
    component: () => import('@/features/commissioner/CommissionerPage.vue'),
    meta: { requiresAuth: true, role: 'commissioner' },
  },
  {
    path: '/farmer/open-shop', name: 'open-shop',
    component: () => import('@/features/farmer/OpenShopPage.vue'), meta: { requiresAuth: true },
  },
  {
    path: '/farmer/shops/:shopId', name: 'shop-manage',
    component: () => import('@/features/farmer/ShopManagePage.vue'), props: true, meta: { requiresAuth: true },
  },
  {
    path: '/farmer/shops/:shopId/edit', name: 'shop-edit',
    component: () => import('@/features/farmer/ShopEditPage.vue'), props: true, meta: { requiresAuth: true },
  },
  {
    path: '/farmer/shops/:shopId/products/new', name: 'product-new',
    component: () => import('@/features/farmer/ProductEditPage.vue'), props: true, meta: { requiresAuth: true },
  },
  {
    path: '/farmer/shops/:shopId/products/:productId', name: 'product-edit',
    component: () => import('@/features/farmer/ProductEditPage.vue'), props: true, meta: { requiresAuth: true },
  },
  {
    path: '/farmer/shops/:shopId/members', name: 'shop-members',
    component: () => import('@/features/farmer/MembersPage.vue'), props: true, meta: { requiresAuth: true },
  },
  {
    path: '/farmer/shops/:shopId/payout', name: 'shop-payout',
    component: () => import('@/features/farmer/PayoutPage.vue'), props: true, meta: { requiresAuth: true },
  },
  { path: '/live/:id', name: 'live', component: () => import('@/features/live/LiveRoomPage.vue'), props: true },
  {
    path: '/live/:id/console', name: 'live-console',
    component: () => import('@/features/live/AnchorConsolePage.vue'), props: true, meta: { requiresAuth: true },
  },
  {
    path: '/farmer/shops/:shopId/lives/new', name: 'live-schedule',
    component: () => import('@/features/live/ScheduleLivePage.vue'), props: true, meta: { requiresAuth: true },
  },
  {
    path: '/live/:id/edit', name: 'live-edit',
    component: () => import('@/features/live/ScheduleLivePage.vue'), props: true, meta: { requiresAuth: true },
  },
  {
    path: '/me/following', name: 'following',
    component: () => import('@/features/me/FollowingPage.vue'), meta: { requiresAuth: true },
  },
  {
    path: '/me/notices', name: 'notices',
    component: () => import('@/features/me/NoticesPage.vue'), meta: { requiresAuth: true },
  },
  // 溯源 (public, from the QR on the box) and logistics (hub operators)
  {
    path: '/trace/:gtin/:lot/:serial?', name: 'trace',
    component: () => import('@/features/trace/TracePage.vue'), props: true,
  },
  {
    path: '/farmer/shops/:shopId/lots', name: 'shop-lots',
    component: () => import('@/features/harvest/LotsPage.vue'), props: true, meta: { requiresAuth: true },
  },
  {
    path: '/farmer/shops/:shopId/lots/new', name: 'lot-new',
    component: () => import('@/features/harvest/LotNewPage.vue'), props: true, meta: { requiresAuth: true },
  },
  {
    path: '/farmer/shops/:shopId/lots/:lotId', name: 'lot',
    component: () => import('@/features/harvest/LotDetailPage.vue'), props: true, meta: { requiresAuth: true },
  },
  { path: '/hubs', name: 'hubs', component: () => import('@/features/logistics/HubsPage.vue'), meta: { requiresAuth: true } },
  {
    path: '/hubs/:id', name: 'hub',
    component: () => import('@/features/logistics/HubPage.vue'), props: true, meta: { requiresAuth: true },
  },
  { path: '/:pathMatch(.*)*', name: 'not-found', component: () => import('@/features/NotFoundPage.vue') },
]

export const router = createRouter({
  history: createWebHistory(),
  routes,
  scrollBehavior: (_to, _from, saved) => saved ?? { top: 0 },
})

router.beforeEach(async (to) => {
  if (!to.meta.requiresAuth) return true
  const session = useSessionStore()
  try {
    await session.load()
  } catch {
    // the page itself will show the error; don't block navigation on a flaky network
    return true
  }
  if (!session.isLoggedIn) return { name: 'me', query: { redirect: to.fullPath } }
  if (to.meta.role && !session.hasRole(to.meta.role)) return { name: 'me' }
  return true
})
