import { afterAll, describe, expect, it } from 'vitest'
import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Redis } from 'ioredis'
import pg from 'pg'
import { hashToken } from '../src/platform/crypto.ts'
import { newId } from '../src/platform/ids.ts'
import { openTestDb } from './helpers/db.ts'
import { freePort } from './helpers/ports.ts'

// Faults around flash sales (issue 4, item 8), on real PostgreSQL and Redis with real server processes:
// kill -9 mid-sale, Redis restarted empty mid-sale, and 50 buyers racing for the last units.
const enabled = !!process.env.TEST_DATABASE_URL && !!process.env.TEST_REDIS_URL
const serverDir = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const SECRET = 'flash-fault-secret-flash-fault-secret-0000'
const children = new Set<ChildProcess>()
afterAll(() => children.forEach((c) => c.kill('SIGKILL')))
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

async function startServer(databaseUrl: string, redisUrl: string) {
  const port = await freePort()
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: serverDir,
    env: {
      ...process.env, PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: databaseUrl, REDIS_URL: redisUrl, SECRET_KEY: SECRET,
      MEDIA_SERVER: 'external', DEMO_DATA: 'true', LOG_LEVEL: 'error', HOTLAND_DATA_DIR: mkdtempSync(join(tmpdir(), 'hotland-flash-fault-')),
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  children.add(child)
  child.on('exit', () => children.delete(child))
  const base = `http://127.0.0.1:${port}`
  for (let i = 0; i < 160; i++) {
    if (await fetch(`${base}/api/ready`).then((r) => r.ok, () => false)) return { proc: child, base }
    await sleep(250)
  }
  throw new Error('server did not become ready')
}

async function killed(proc: ChildProcess, signal: NodeJS.Signals) {
  if (proc.exitCode !== null || proc.signalCode !== null) return
  const exited = new Promise((r) => proc.once('exit', r))
  proc.kill(signal)
  await exited
}

async function startRedis(port: number, dir: string) {
  const proc = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], { stdio: ['ignore', 'pipe', 'ignore'] })
  children.add(proc)
  proc.on('exit', () => children.delete(proc))
  let out = ''
  proc.stdout!.on('data', (c: Buffer) => { out += c.toString() })
  for (let i = 0; i < 100 && !out.includes('Ready to accept connections'); i++) await sleep(50)
  if (!out.includes('Ready to accept connections')) throw new Error('redis-server did not start')
  return proc
}

async function call(base: string, path: string, opts: { cookie?: string; body?: unknown; form?: string; key?: string; method?: string } = {}) {
  const headers: Record<string, string> = {}
  if (opts.cookie) headers.cookie = opts.cookie
  if (opts.key) headers['idempotency-key'] = opts.key
  if (opts.body !== undefined) headers['content-type'] = 'application/json'
  if (opts.form !== undefined) headers['content-type'] = 'application/x-www-form-urlencoded'
  const res = await fetch(base + path, { method: opts.method ?? (opts.body !== undefined || opts.form !== undefined ? 'POST' : 'GET'), headers, body: opts.form ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body)) })
  return { status: res.status, body: (await res.json().catch(() => ({}))) as any, res }
}

/** The demo room, live (through the external media server's publish hook), its product pinned. */
async function liveDemoRoom(base: string) {
  const login = await call(base, '/api/accounts/login', { body: { phone: '13800000002', password: 'hotland-demo' } })
  const farmer = login.res.headers.getSetCookie().map((c) => c.split(';')[0]!).find((c) => c.startsWith('hotland_session='))!
  const room = (await call(base, '/api/live-rooms?status=scheduled')).body.items[0]
  const key = (await call(base, `/api/live-rooms/${room.id}/stream-key`, { cookie: farmer })).body.streamKey as string
  expect((await call(base, '/api/live/hooks/publish', { form: `name=${room.id}&key=${new URLSearchParams(key.split('?')[1]).get('key')}` })).status).toBe(200)
  const productId = room.featuredProducts[0].id as string
  expect((await call(base, `/api/live-rooms/${room.id}/pin`, { cookie: farmer, body: { productId } })).status).toBe(200)
  const skus = (await call(base, `/api/products/${productId}`)).body.skus as Array<{ id: string; stock: number }>
  return { farmer, room, skus }
}

async function startSale(base: string, farmer: string, roomId: string, skuId: string, quantity: number) {
  const r = await call(base, `/api/live-rooms/${roomId}/flash-sales`, { cookie: farmer, body: { skuId, priceFen: 1990, quantity, perBuyerLimit: 1, durationSeconds: 600 } })
  expect(r.status, JSON.stringify(r.body)).toBe(201)
  return r.body.id as string
}

interface Buyer { id: string; token: string; cookie: string; addressId: string }
/** Buyers straight into the database (registering over HTTP costs an argon2id hash each); sessions made as the server makes them. */
async function makeBuyers(databaseUrl: string, n: number): Promise<Buyer[]> {
  const c = new pg.Client({ connectionString: databaseUrl })
  await c.connect()
  const out: Buyer[] = []
  for (let i = 0; i < n; i++) {
    const token = randomBytes(32).toString('base64url')
    out.push({ id: newId('usr'), token, cookie: `hotland_session=${token}`, addressId: newId('adr') })
  }
  const base = 170_000_000 + Math.floor(Math.random() * 90_000_000)
  await c.query(`insert into users (id, phone, password_hash, display_name) select * from unnest($1::text[], $2::text[], $3::text[], $4::text[])`,
    [out.map((b) => b.id), out.map((_, i) => `1${base + i}`), out.map(() => 'no-login'), out.map((_, i) => `买家${i}`)])
  await c.query(`insert into addresses (id, user_id, recipient, phone, county_code, detail, is_default) select a, u, '李女士', '13912345678', '310101', '人民路 1 号', true from unnest($1::text[], $2::text[]) as t(a, u)`,
    [out.map((b) => b.addressId), out.map((b) => b.id)])
  await c.end()
  return out
}
async function putSessions(redisUrl: string, buyers: Buyer[]) {
  const r = new Redis(redisUrl)
  const p = r.pipeline()
  for (const b of buyers) p.set(`hotland:session:${hashToken(b.token, SECRET)}`, b.id, 'EX', 3600)
  await p.exec()
  await r.quit()
}

const grab = (base: string, saleId: string, b: Buyer, key = `grab-${b.id}`) =>
  call(base, `/api/flash-sales/${saleId}/grab`, { cookie: b.cookie, key, body: { qty: 1, addressId: b.addressId, freshConfirmed: true } })
    .catch(() => ({ status: 0, body: {} as any, res: null }))

async function dbState(databaseUrl: string, saleId: string) {
  const c = new pg.Client({ connectionString: databaseUrl })
  await c.connect()
  const { rows: [s] } = await c.query('select quantity, sold from flash_sales where id = $1', [saleId])
  const { rows: [o] } = await c.query(`select count(*)::int as orders, coalesce(sum(l.qty), 0)::int as units, count(distinct o.buyer_id)::int as buyers,
      count(*) filter (where o.status = 'paid')::int as paid from orders o join order_lines l on l.order_id = o.id where o.flash_sale_id = $1 and o.status <> 'cancelled'`, [saleId])
  const { rows: ids } = await c.query('select id, status from orders where flash_sale_id = $1', [saleId])
  await c.end()
  return { quantity: s.quantity as number, sold: s.sold as number, ...o as { orders: number; units: number; buyers: number; paid: number }, orderIds: new Map(ids.map((r) => [r.id as string, r.status as string])) }
}

describe.skipIf(!enabled)('flash-sale faults (PostgreSQL + Redis, real server processes)', () => {
  it('kill -9 mid-sale: no paid or acknowledged order lost, no unit sold twice, counters agree with the database after recovery', async () => {
    const db = await openTestDb()
    const redisUrl = process.env.TEST_REDIS_URL!
    try {
      let s = await startServer(db.url!, redisUrl)
      const { farmer, room, skus } = await liveDemoRoom(s.base)
      const QTY = 120
      const saleId = await startSale(s.base, farmer, room.id, skus[0]!.id, QTY)
      const buyers = await makeBuyers(db.url!, 200)
      await putSessions(redisUrl, buyers)

      // 10 buyers grab and pay in the sandbox before the crash.
      const paid: string[] = []
      for (const b of buyers.slice(0, 10)) {
        const g = await grab(s.base, saleId, b)
        expect(g.status, JSON.stringify(g.body)).toBe(201)
        const pay = await call(s.base, '/api/payments', { cookie: b.cookie, body: { checkoutId: g.body.order.checkoutId, provider: 'sandbox' } })
        expect(pay.status, JSON.stringify(pay.body)).toBe(201)
        expect((await call(s.base, `/api/payments/sandbox/${pay.body.id}/complete`, { cookie: b.cookie, body: { outcome: 'pay' } })).status).toBeLessThan(300)
        paid.push(g.body.order.id)
      }
      for (let i = 0; i < 40 && (await dbState(db.url!, saleId)).paid < 10; i++) await sleep(100)
      expect((await dbState(db.url!, saleId)).paid).toBe(10)

      // 150 grabs in flight, then kill -9.
      const inFlight = buyers.slice(10, 160).map((b) => grab(s.base, saleId, b))
      await sleep(120)
      await killed(s.proc, 'SIGKILL')
      const answers = await Promise.all(inFlight)
      const acknowledged = answers.filter((a) => a.status === 201).map((a) => a.body.order.id as string)

      // Every order the buyers were told about, and every paid one, is in the database; nothing sold twice.
      let st = await dbState(db.url!, saleId)
      for (const id of [...paid, ...acknowledged]) expect(st.orderIds.has(id), `order ${id} lost`).toBe(true)
      for (const id of paid) expect(st.orderIds.get(id)).toBe('paid')
      expect(st.sold).toBe(st.units)
      expect(st.buyers).toBe(st.orders) // one unit per buyer: none got two
      expect(st.sold).toBeLessThanOrEqual(QTY)

      // Reservations the crash left without an order are released once older than 30 s: age them instead of waiting.
      const redis = new Redis(redisUrl)
      const pendingKey = `hotland:flash:{${saleId}}:pending`
      const pending = await redis.hgetall(pendingKey)
      for (const [rid, v] of Object.entries(pending)) {
        const [buyer, q, , ...rest] = v.split('|') // buyer|qty|at|idempotency key
        await redis.hset(pendingKey, rid, [buyer, q, Date.now() - 60_000, ...rest].join('|'))
      }
      s = await startServer(db.url!, redisUrl) // recover() runs at start
      st = await dbState(db.url!, saleId)
      expect(Number(await redis.hget(`hotland:flash:{${saleId}}`, 'remaining'))).toBe(QTY - st.sold)

      // The sale carries on and sells exactly what is left.
      const rest = await Promise.all(buyers.slice(160).map((b) => grab(s.base, saleId, b)))
      expect(rest.every((r) => r.status === 201 || r.body?.error?.code === 'ORDERS_SOLD_OUT')).toBe(true)
      const after = await dbState(db.url!, saleId)
      expect(after.sold).toBe(Math.min(QTY, st.sold + 40))
      expect(after.units).toBe(after.sold)
      expect(after.buyers).toBe(after.orders)
      expect(rest.filter((r) => r.status === 201).length).toBe(after.sold - st.sold)
      expect(Number(await redis.hget(`hotland:flash:{${saleId}}`, 'remaining'))).toBe(QTY - after.sold)
      for (const id of paid) expect(after.orderIds.get(id)).toBe('paid')
      await redis.quit()
    } finally {
      for (const c of children) await killed(c, 'SIGTERM')
      await db.close()
    }
  }, 90_000)

  it('Redis restarted empty mid-sale: the sale carries on from the database and never oversells', async () => {
    const db = await openTestDb()
    const port = await freePort()
    const dir = mkdtempSync(join(tmpdir(), 'hotland-flash-redis-'))
    const redisUrl = `redis://127.0.0.1:${port}/0`
    try {
      let redisProc = await startRedis(port, dir)
      const s = await startServer(db.url!, redisUrl)
      const { farmer, room, skus } = await liveDemoRoom(s.base)
      const QTY = 80
      const saleId = await startSale(s.base, farmer, room.id, skus[0]!.id, QTY)
      const buyers = await makeBuyers(db.url!, 140)
      await putSessions(redisUrl, buyers)

      const first = await Promise.all(buyers.slice(0, 30).map((b) => grab(s.base, saleId, b)))
      expect(first.filter((r) => r.status === 201).length).toBe(30)

      // Grabs in flight while Redis dies and comes back with nothing in it.
      const during = buyers.slice(30, 90).map((b) => grab(s.base, saleId, b))
      await sleep(30)
      await killed(redisProc, 'SIGKILL')
      await sleep(300)
      redisProc = await startRedis(port, dir)
      await putSessions(redisUrl, buyers) // sessions lived in Redis too: the buyers log in again
      const mid = await Promise.all(during)
      // Answers during the outage are orders, "sold out", "paused" or errors — never more orders than units.
      expect((await dbState(db.url!, saleId)).sold).toBeLessThanOrEqual(QTY)

      // Everyone not served yet tries (again) until the sale is sold out.
      const served = new Set<string>()
      const all = [...first, ...mid]
      all.forEach((r, i) => { if (r.status === 201) served.add(buyers[i]!.id) })
      let created = all.filter((r) => r.status === 201).length
      for (let round = 0; round < 5; round++) {
        const todo = buyers.filter((b) => !served.has(b.id))
        const res = await Promise.all(todo.map((b) => grab(s.base, saleId, b)))
        res.forEach((r, i) => { if (r.status === 201) { served.add(todo[i]!.id); created++ } })
        if (res.every((r) => r.status === 201 || r.body?.error?.code === 'ORDERS_SOLD_OUT' || r.body?.error?.code === 'ORDERS_PER_BUYER_LIMIT')) break
        await sleep(300)
      }
      const st = await dbState(db.url!, saleId)
      expect(st.sold).toBe(QTY) // 140 buyers for 80 units: all sold, none twice
      expect(st.units).toBe(QTY)
      expect(st.buyers).toBe(st.orders)
      expect(created).toBeLessThanOrEqual(QTY)
      const redis = new Redis(redisUrl)
      expect(Number(await redis.hget(`hotland:flash:{${saleId}}`, 'remaining'))).toBe(0)
      await redis.quit()
    } finally {
      for (const c of children) await killed(c, 'SIGTERM')
      await db.close()
    }
  }, 90_000)

  it('50 buyers racing for the last units: exactly the available count succeeds (flash sale and normal checkout)', async () => {
    const db = await openTestDb()
    const redisUrl = process.env.TEST_REDIS_URL!
    try {
      const s = await startServer(db.url!, redisUrl)
      const { farmer, room, skus } = await liveDemoRoom(s.base)
      const buyers = await makeBuyers(db.url!, 103)
      await putSessions(redisUrl, buyers)

      // Flash sale: 10 units, 3 sold, 50 buyers race for the last 7.
      const saleId = await startSale(s.base, farmer, room.id, skus[0]!.id, 10)
      for (const b of buyers.slice(0, 3)) expect((await grab(s.base, saleId, b)).status).toBe(201)
      const racers = buyers.slice(3, 53)
      const res = await Promise.all(racers.map((b) => grab(s.base, saleId, b)))
      expect(res.filter((r) => r.status === 201).length).toBe(7)
      expect(res.filter((r) => r.body?.error?.code === 'ORDERS_SOLD_OUT').length).toBe(43)
      const st = await dbState(db.url!, saleId)
      expect(st.sold).toBe(10)
      expect(st.units).toBe(10)

      // Normal checkout: a SKU with stock 7, 50 buyers at once.
      const skuId = skus[skus.length - 1]!.id
      const c = new pg.Client({ connectionString: db.url! })
      await c.connect()
      await c.query('update skus set stock = 7 where id = $1', [skuId])
      const orders = await Promise.all(buyers.slice(53, 103).map((b) =>
        call(s.base, '/api/orders', { cookie: b.cookie, key: `race-${b.id}`, body: { items: [{ skuId, qty: 1 }], addressId: b.addressId, freshConfirmed: true } })))
      expect(orders.filter((r) => r.status === 201).length).toBe(7)
      expect(orders.filter((r) => r.body?.error?.code === 'ORDERS_OUT_OF_STOCK').length).toBe(43)
      const { rows: [sku] } = await c.query('select stock from skus where id = $1', [skuId])
      const { rows: [held] } = await c.query(`select coalesce(sum(l.qty), 0)::int as n from order_lines l join orders o on o.id = l.order_id where l.sku_id = $1 and o.status <> 'cancelled'`, [skuId])
      await c.end()
      expect(sku.stock).toBe(0)
      expect(held.n).toBe(7)
    } finally {
      for (const c of children) await killed(c, 'SIGTERM')
      await db.close()
    }
  }, 90_000)
})
