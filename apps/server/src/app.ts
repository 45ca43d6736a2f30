// The composition root: read top to bottom to know what the server is made of and in which order it starts.
import { hasRole, type Actor } from './platform/auth/actor.ts'
import { installServerTime } from './platform/http/server-time.ts'
import Fastify, { type FastifyServerOptions } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import fastifyCookie from '@fastify/cookie'
import fastifyMultipart from '@fastify/multipart'
import fastifySwagger from '@fastify/swagger'
import fastifySwaggerUi from '@fastify/swagger-ui'
import fastifyStatic from '@fastify/static'
import fastifyWebsocket from '@fastify/websocket'
import type { Redis } from 'ioredis'
import type { Config } from './config.ts'
import authPlugin from './platform/auth/plugin.ts'
import { memoryBus } from './platform/bus/memory.ts'
import { redisBus } from './platform/bus/redis.ts'
import type { EventBus } from './platform/bus/types.ts'
import { memoryKeyValue } from './platform/cache/memory.ts'
import { openRedis, redisKeyValue } from './platform/cache/redis.ts'
import type { KeyValue } from './platform/cache/types.ts'
import { type Clock, systemClock } from './platform/clock.ts'
import { createSealer } from './platform/crypto.ts'
import { type DbHandle, openPglite, openPostgres } from './platform/db/client.ts'
import { installErrorHandler } from './platform/http/error-handler.ts'
import { installValidators } from './platform/http/validation.ts'
import { healthRoutes } from './platform/http/health.ts'
import { testRoutes } from './platform/http/test-routes.ts'
import { serveWebApp } from './platform/http/web.ts'
import { consoleSms } from './platform/sms/console.ts'
import { diskStorage } from './platform/storage/disk.ts'
import { accountsRepository, accountsRoutes, createAccountsService, dbSessionStore, redisSessionStore } from './modules/accounts/index.ts'
import { createCatalogService, productsRoutes, shopProductsRoutes } from './modules/catalog/index.ts'
import { createMediaService, mediaRoutes } from './modules/media/index.ts'
import { createRegionsService, regionsRoutes } from './modules/regions/index.ts'
import { createShopsService, shopsRoutes } from './modules/shops/index.ts'
import { stockRepository } from './modules/catalog/index.ts'
import { createAlipayProvider, createPaymentsService, createSandboxProvider, createWechatPayProvider, paymentsRoutes, type PaymentProvider } from './modules/payments/index.ts'
import { apiKeysRoutes, createApiKeysService, createTraceabilityService, digitalLinkRoutes, epcisRoutes } from './modules/traceability/index.ts'
import { createHarvestService, createTraceService, harvestRoutes, traceRoutes } from './modules/harvest/index.ts'
import { createLogisticsService, logisticsRoutes, renderLabels } from './modules/logistics/index.ts'
import { createCartService, createFlashSaleService, createOrdersService, memoryFlashStore, ordersRoutes, redisFlashStore, type OrdersDeps } from './modules/orders/index.ts'
import { conflict } from './platform/errors.ts'
import {
  createLiveHub, createLiveService, liveAdminRoutes, liveRoutes, liveSocket, memoryCounters, noticesRoutes, publishSocket,
  redisCounters, shopLiveRoutes, startLiveMedia,
} from './modules/live/index.ts'

export interface Overrides {
  dbHandle?: DbHandle
  kv?: KeyValue
  bus?: EventBus
  clock?: Clock
  /** Skip migrations and reference data (the test golden image already has them). */
  skipMigrations?: boolean
  logger?: FastifyServerOptions['logger']
}

export async function buildApp(config: Config, override: Overrides = {}) {
  const app = Fastify({
    logger: override.logger ?? { level: config.logLevel },
    trustProxy: config.trustProxy,
    bodyLimit: 1024 * 1024,
  }).withTypeProvider<TypeBoxTypeProvider>()

  // 1) Infrastructure: database, cache, clock, storage, SMS.
  const dbHandle = override.dbHandle ?? (config.databaseUrl ? openPostgres(config.databaseUrl) : await openPglite(config.dataDir + '/pglite'))
  if (!override.skipMigrations) await dbHandle.migrate()
  const redis: Redis | null = config.redisUrl ? openRedis(config.redisUrl, app.log) : null
  const kv = override.kv ?? (redis ? redisKeyValue(redis) : memoryKeyValue(override.clock))
  const bus = override.bus ?? (redis ? redisBus(redis) : memoryBus())
  const clock = override.clock ?? systemClock
  const db = dbHandle.db
  const sealer = createSealer(config.secretKey)
  const sms = consoleSms(app.log)
  const storage = diskStorage(config.mediaDir)
  const sessionOpts = { secret: config.secretKey, ttlHours: config.sessionTtlHours, clock }
  const sessions = redis ? redisSessionStore(redis, sessionOpts) : dbSessionStore(accountsRepository(db), sessionOpts)

  // 2) Services, in dependency order. Cross-module needs are passed as small functions, never as tables.
  const media = createMediaService({ db, storage, clock, maxUploadBytes: config.maxUploadBytes })
  let catalogRef: ReturnType<typeof createCatalogService> | undefined
  let shopsRef: ReturnType<typeof createShopsService> | undefined
  const accounts = createAccountsService({ db, kv, sms, sealer, clock, sessions, secretKey: config.secretKey, regions: () => regions })
  const regions = createRegionsService({
    db, clock, media,
    async countyStats(codes) {
      const [shops, products] = await Promise.all([shopsRef!.countByCounty(codes), catalogRef!.onSaleCountsByCounty(codes)])
      return new Map(codes.map((c) => [c, { shopCount: shops.get(c) ?? 0, productCount: products.get(c) ?? 0 }]))
    },
    countiesWithProducts: () => catalogRef!.countiesWithOnSale(),
    users: {
      displayNames: async (ids) => new Map((await accounts.usersByIds(ids)).map((u) => [u.id, u.displayName])),
      exists: async (id) => (await accounts.userById(id)) !== null,
      grantRole: (id, role) => accounts.grantRole(id, role),
    },
  })
  const shops = createShopsService({
    db, clock, sealer, media, regions,
    users: { byIds: (ids) => accounts.usersByIds(ids), byPhone: (p) => accounts.userByPhone(p), grantRole: (id, role) => accounts.grantRole(id, role) },
    productCounts: (ids) => catalogRef!.onSaleCountsByShop(ids),
  })
  shopsRef = shops
  const catalog = createCatalogService({ db, clock, media, shops, regions, gs1CompanyPrefix: config.gs1CompanyPrefix })
  catalogRef = catalog
  const statsSavedAt = new Map<string, number>()
  const hub = createLiveHub({
    bus, counters: redis ? redisCounters(redis) : memoryCounters(), tickMs: config.live.tickMs, chatCapPerTick: config.live.chatCapPerTick,
    slowSocketBytes: 1024 * 1024, log: app.log,
    onStats(roomId, s) {
      // Peak viewers and likes reach the database every 5 seconds, not every second.
      if (Date.now() - (statsSavedAt.get(roomId) ?? 0) < 5000) return
      statsSavedAt.set(roomId, Date.now())
      live.saveStats(roomId, s).catch((err) => app.log.warn({ err }, 'saving live stats failed'))
    },
  })
  let liveMediaRef: { ffmpeg: boolean } | null = null
  const live = createLiveService({
    db, clock, kv, bus, sealer, secretKey: config.secretKey, hub, media, shops, catalog,
    accounts: {
      isVerifiedAnchor: (id) => accounts.isVerifiedAnchor(id),
      displayNames: async (ids) => new Map((await accounts.usersByIds(ids)).map((u) => [u.id, u.displayName])),
    },
    live: config.live, mediaUrls: config.media, log: app.log,
    // Embedded: ffmpeg makes the audio rendition. External: MEDIA_PLAY_AUDIO_URL is set only if the operator serves one.
    mediaAudio: () => (config.media.mode === 'embedded' ? !!liveMediaRef?.ffmpeg : true),
  })
  if (!override.skipMigrations) await regions.ensureRegionsLoaded()
  await live.start()
  const liveMedia = await startLiveMedia(config, live, app.log)
  liveMediaRef = liveMedia

  const cart = createCartService({ db, clock, stock: stockRepository, regions, shops, media })
  let refundsRef: ReturnType<OrdersDeps['refunds']> | null = null
  const orders = createOrdersService({
    db, clock, config: config.orders, cart, stock: stockRepository, shops, media, log: app.log,
    users: { displayNames: async (ids) => new Map((await accounts.usersByIds(ids)).map((u) => [u.id, u.displayName])) },
    commissioners: { countiesOf: (id) => regions.commissionerCountiesOf(id) },
    refunds: () => {
      if (!refundsRef) throw new Error('payments are not wired')
      return refundsRef
    },
    onFlashRelease: (tx, order, lines) => flash.release(tx, order, lines),
  })
  const flash = createFlashSaleService({
    db, clock, store: redis ? redisFlashStore(redis) : memoryFlashStore(), orders, cart, stock: stockRepository, shops, regions, media, log: app.log,
    payMinutes: config.orders.payMinutes,
    rooms: { room: (id) => live.roomForSocket(id), publish: (roomId, events) => hub.publish(roomId, events) },
  })
  await flash.recover()

  const providers: Record<string, PaymentProvider> = { sandbox: createSandboxProvider({ db, clock, baseUrl: `${config.publicUrl}/api/payments` }) }
  if (config.payments.alipay) providers.alipay = createAlipayProvider({ ...config.payments.alipay, gateway: config.payments.alipay.gateway, clock })
  if (config.payments.wechat) providers.wechat = createWechatPayProvider({ ...config.payments.wechat, clock })
  const payments = createPaymentsService({
    db, clock, log: app.log, publicUrl: config.publicUrl, providers,
    checkouts: {
      forPayment: (checkoutId, buyerId) => orders.forPayment(checkoutId, buyerId),
      markPaid: (checkoutId, amountFen, paymentId, at) => orders.markPaid(checkoutId, amountFen, paymentId, at),
      refundSettled: (input) => orders.refundSettled(input),
    },
  })
  refundsRef = {
    async refund(input) {
      const r = await payments.refund({ ...input, paymentId: input.paymentId ?? undefined })
      if (r.status === 'failed') throw conflict('PAYMENTS_REFUND_FAILED', 'The payment provider refused the refund; nothing was refunded yet (a cancelled order is refunded again by itself; otherwise try again later)')
      return { refundId: r.id, amountFen: r.amountFen, status: r.status }
    },
  }
  // Where an actor may capture EPCIS events: the orchards of their shops, the hubs they scan at, everything in the
  // counties they administer or serve as commissioner; platform admins anywhere.
  const locationRights = async (actor: Actor): Promise<'all' | Set<string>> => {
    if (hasRole(actor, 'platform_admin')) return 'all'
    const counties = [
      ...(hasRole(actor, 'commissioner') ? await regions.commissionerCountiesOf(actor.id) : []),
      ...(hasRole(actor, 'county_admin') ? await regions.countyAdminCountiesOf(actor.id) : []),
    ]
    const shopIds = await shops.shopIdsOf(actor.id)
    const glns = await Promise.all([
      harvest.orchardGlnsOfShops(shopIds), harvest.orchardGlnsInCounties(counties), logistics.hubGlnsOf(actor.id), logistics.hubGlnsInCounties(counties),
    ])
    return new Set(glns.flat())
  }
  const traceability = createTraceabilityService({
    db, clock, gs1CompanyPrefix: config.gs1CompanyPrefix, publicUrl: config.publicUrl, locationRights,
    lotOrchards: (keys) => harvest.orchardGlnsOfLots(keys), hubGlns: (glns) => logistics.hubGlnSet(glns),
  })
  const apiKeys = createApiKeysService({
    db, clock, locationRights,
    owner: async (id) => (await accounts.usersByIds([id]))[0] ?? null,
  })
  const harvest = createHarvestService({
    db, clock, publicUrl: config.publicUrl, shops, regions, media, catalog, traceability,
    stock: (tx) => stockRepository(tx), clips: (where) => live.clipDetails(where),
  })
  const logistics = createLogisticsService({
    db, clock, orders, shops, regions, traceability, boxes: harvest,
    users: { byPhone: (p) => accounts.userByPhone(p) },
    skuGtins: async (ids) => new Map([...(await catalog.skuFacts(ids))].map(([id, f]) => [id, f.gtin])),
    renderLabels: (labels) => renderLabels(labels),
  })
  const trace = createTraceService({ harvest, catalog, shops, regions, traceability, logistics })
  const stopReconciler = payments.startReconciler({ everyMs: 60_000, olderThanMs: 5 * 60_000 })

  // 3) HTTP plumbing: errors, cookies, sessions, uploads, OpenAPI.
  installErrorHandler(app)
  installValidators(app)
  installServerTime(app, clock)
  await app.register(fastifyCookie)
  await app.register(authPlugin, { resolveSession: (token) => accounts.resolveSession(token) })
  await app.register(fastifyWebsocket, { options: { maxPayload: 4 * 1024 * 1024 } })
  await app.register(fastifyMultipart, { limits: { fileSize: config.maxUploadBytes, files: 1, fields: 5 } })
  await app.register(fastifySwagger, {
    openapi: {
      info: { title: 'Hotland API', version: '0.1.0', description: 'Hotland (热土): live commerce for rural producers. Money in integer fen.' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'hotland_session' } } },
    },
  })
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' })

  // 4) API routes.
  await app.register(async (api) => {
    api.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger())
    await api.register(healthRoutes, { ping: () => dbHandle.ping(), database: dbHandle.kind })
    await api.register(accountsRoutes, { prefix: '/accounts', accounts, cookieSecure: config.cookieSecure })
    await api.register(regionsRoutes, { prefix: '/regions', regions })
    await api.register(mediaRoutes, { prefix: '/media', media })
    await api.register(shopsRoutes, { prefix: '/shops', shops })
    await api.register(shopProductsRoutes, { prefix: '/shops', catalog })
    await api.register(productsRoutes, { prefix: '/products', catalog })
    await api.register(shopLiveRoutes, { prefix: '/shops', live })
    await api.register(liveRoutes, { prefix: '/live-rooms', live, kickPublisher: (id) => liveMedia.kick(id), replayFile: (f) => liveMedia.replayFile(f) })
    await api.register(liveSocket, { prefix: '/live-rooms', live, hub })
    await api.register(publishSocket, { prefix: '/live-rooms', live, media: liveMedia })
    await api.register(noticesRoutes, { prefix: '/notices', live })
    await api.register(liveAdminRoutes, { prefix: '/live', live, onPublish: (id, on) => liveMedia.onExternalPublish(id, on) })
    await api.register(ordersRoutes, {
      orders, cart, flash,
      ship: async (actor, id, body) => {
        await logistics.shipOrder(actor, id, { carrier: body.carrier, waybill: body.waybill, parcels: 1 })
        return orders.get(actor, id)
      },
    })
    await api.register(paymentsRoutes, { prefix: '/payments', payments })
    await api.register(harvestRoutes, { harvest })
    await api.register(traceRoutes, { prefix: '/trace', trace })
    await api.register(logisticsRoutes, { logistics })
    await api.register(apiKeysRoutes, { prefix: '/api-keys', apiKeys })
    if (config.enableTestRoutes) await api.register(testRoutes, { prefix: '/__test__', lastCode: (p) => sms.lastCode(p) })
  }, { prefix: '/api' })
  // GS1 EPCIS 2.0 REST binding at its conventional root.
  await app.register(epcisRoutes, { prefix: '/epcis', traceability, apiKeys })
  // GS1 Digital Link URIs printed on boxes: https://{host}/01/{gtin}/10/{lot}/21/{serial}
  await app.register(digitalLinkRoutes, { traceability, catalog, publicUrl: config.publicUrl })

  // Live HLS segments written by ffmpeg (for players without MSE).
  await app.register(fastifyStatic, {
    root: liveMedia.hlsDir, prefix: '/media/hls/', decorateReply: false, wildcard: true,
    setHeaders: (reply) => void reply.header('cache-control', 'no-cache'),
  })

  // 5) The web app (built into apps/web/dist) for every other GET.
  await serveWebApp(app, config.webDistDir)

  // Housekeeping: expired sessions are refused on read; this only keeps the table small.
  // Recordings past their retention date are deleted.
  const purge = setInterval(() => {
    accounts.purgeExpiredSessions().catch((err) => app.log.warn({ err }, 'session purge failed'))
    live.purgeExpiredRecordings().catch((err) => app.log.warn({ err }, 'recording purge failed'))
  }, 3600_000)
  purge.unref()
  // Unpaid orders expire, shipped ones auto-confirm, flash sales close: database-driven, so restarts lose nothing.
  const jobs = setInterval(() => {
    orders.runJobs().catch((err) => app.log.warn({ err }, 'order jobs failed'))
    flash.runJobs().catch((err) => app.log.warn({ err }, 'flash sale jobs failed'))
  }, 15_000)
  jobs.unref()

  app.addHook('onClose', async () => {
    clearInterval(purge)
    clearInterval(jobs)
    stopReconciler()
    await flash.flushNow()
    await hub.close()
    await live.stop()
    await liveMedia.stop()
    await bus.close()
    await kv.close()
    if (redis) await redis.quit().catch(() => {})
    if (!override.dbHandle) await dbHandle.close()
  })

  return {
    app, services: { accounts, regions, shops, catalog, media, live, cart, orders, flash, payments, traceability, harvest, logistics, trace, apiKeys }, dbHandle, sms, hub, liveMedia,
    /** Payments are wired after their module exists; tests may set a fake. */
    setRefunds: (r: typeof refundsRef) => { refundsRef = r },
  }
}
export type Built = Awaited<ReturnType<typeof buildApp>>
export type Services = Built['services']
