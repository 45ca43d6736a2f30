// Ceilings measured in the same run as the scenarios, on the same machine, to tell what the hardware allows:
//   db   — the database alone: the very statement the server writes a batch of grabs with (ordersRepository.insertFlashBatch),
//          batches of BATCH grabs from CONNECTIONS connections, on the pg-redis scenario's database, for a sale of its own.
//          No HTTP, no Redis, no sessions, no addresses read: what PostgreSQL can write when it has the machine to itself.
//          Batches of 200 from 2 connections is about what the server's group commit forms under the benchmark's load.
//          Its PostgreSQL CPU counts every backend, so an autovacuum running meanwhile is counted too.
//   http — the Hotland server answering GET /api/health (no database, no Redis) to the same number of connections,
//          with wrk, when wrk is installed: what one server process can answer when a request does nothing.
import { execFileSync } from 'node:child_process'
import { newId } from '../../apps/server/src/platform/ids.ts'
import { openPostgres } from '../../apps/server/src/platform/db/client.ts'
import { ordersRepository, type FlashBatch } from '../../apps/server/src/modules/orders/repository.ts'

const BATCH = 200
const CONNECTIONS = 2

export interface DbCeiling { machineBusy: number; grabs: number; batch: number; connections: number; seconds: number; grabsPerSecond: number; postgresCpuSeconds: number; postgresMsPerGrab: number }

/** Writes `grabs` grabs (one per buyer) for a new sale copied from `likeSaleId`; returns the rate. */
export async function dbCeiling(url: string, likeSaleId: string, buyerIds: string[], grabs: number, postgresCpu: () => number, busy: () => { busy: number; total: number }): Promise<DbCeiling> {
  const h = openPostgres(url, CONNECTIONS)
  try {
    const saleId = newId('fls')
    await h.pool.query(`insert into flash_sales (id, room_id, shop_id, sku_id, product_id, price_fen, quantity, sold, per_buyer_limit, starts_at, ends_at, created_at)
      select $1, room_id, shop_id, sku_id, product_id, price_fen, $2, 0, per_buyer_limit, now(), now() + interval '1 hour', now() from flash_sales where id = $3`, [saleId, grabs, likeSaleId])
    const { rows: [s] } = await h.pool.query(`select f.room_id, f.shop_id, f.sku_id, f.product_id, f.price_fen, s.name as sku_name, p.title, p.is_fresh
      from flash_sales f join skus s on s.id = f.sku_id join products p on p.id = f.product_id where f.id = $1`, [saleId])
    const repo = ordersRepository(h.db)
    const sale: FlashBatch['sales'][number] = {
      saleId, shopId: s.shop_id, roomId: s.room_id, skuId: s.sku_id, productId: s.product_id, title: s.title, skuName: s.sku_name, priceFen: s.price_fen, isFresh: s.is_fresh, coverImageId: null,
    }
    const address = { recipient: '买家', phone: '13912345678', region: '上海市 黄浦区', detail: '南京东路 1 号', countyCode: '310101' }
    const batches: FlashBatch[] = []
    for (let i = 0; i < grabs; i += BATCH) {
      const at = new Date()
      batches.push({
        at, payBefore: new Date(at.getTime() + 15 * 60_000), reason: 'flash sale grab', sales: [sale],
        rows: buyerIds.slice(i, Math.min(grabs, i + BATCH)).map((buyerId) => ({
          orderId: newId('ord'), checkoutId: newId('chk'), eventId: newId('oev'), buyerId, idempotencyKey: `ceiling-${newId('key')}`, saleId, qty: 1,
          shippingFen: 0, address, freshConfirmed: true,
        })),
      })
    }
    await Promise.all(Array.from({ length: CONNECTIONS }, () => h.pool.query('select pg_sleep(0.05)'))) // every connection open before the clock starts
    const cpu0 = postgresCpu()
    const m0 = busy()
    const t0 = performance.now()
    let next = 0
    await Promise.all(Array.from({ length: CONNECTIONS }, async () => {
      while (next < batches.length) await repo.insertFlashBatch(batches[next++]!)
    }))
    const seconds = (performance.now() - t0) / 1000
    const m1 = busy()
    const postgresCpuSeconds = postgresCpu() - cpu0
    const { rows: [after] } = await h.pool.query('select sold from flash_sales where id = $1', [saleId])
    if (after.sold !== grabs) throw new Error(`db ceiling: sold ${after.sold}, expected ${grabs}`)
    return {
      machineBusy: Math.round(((m1.busy - m0.busy) / Math.max(1, m1.total - m0.total)) * 100) / 100, grabs, batch: BATCH, connections: CONNECTIONS, seconds: Math.round(seconds * 1000) / 1000, grabsPerSecond: Math.round(grabs / seconds),
      postgresCpuSeconds: Math.round(postgresCpuSeconds * 100) / 100, postgresMsPerGrab: Math.round((postgresCpuSeconds * 1000 / grabs) * 1000) / 1000,
    }
  } finally {
    await h.close()
  }
}

export interface HttpCeiling { machineBusy: number; path: string; connections: number; seconds: number; requestsPerSecond: number }

/** GET /api/health with wrk (1 thread); null when wrk is not installed. */
export function httpCeiling(base: string, connections: number, busy: () => { busy: number; total: number }, seconds = 5): HttpCeiling | null {
  try {
    execFileSync('wrk', ['--version'], { stdio: 'ignore' })
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null
  }
  const m0 = busy()
  const out = execFileSync('wrk', ['-t1', `-c${connections}`, `-d${seconds}s`, `${base}/api/health`]).toString()
  const m1 = busy()
  const m = /Requests\/sec:\s+([\d.]+)/.exec(out)
  if (!m) throw new Error(`wrk said:\n${out}`)
  return { machineBusy: Math.round(((m1.busy - m0.busy) / Math.max(1, m1.total - m0.total)) * 100) / 100, path: '/api/health', connections, seconds, requestsPerSecond: Math.round(Number(m[1])) }
}
