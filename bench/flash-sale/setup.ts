// Bench-only fast path (never part of the server): puts N buyers, each with a session and an address, straight into a
// Hotland database, because registering 20,000 users over HTTP costs an argon2id hash each (~80 ms). Sessions are
// created exactly as the server would (HMAC of the token with SECRET_KEY): in the sessions table, or in Redis under
// hotland:session:<hmac> when --redis is given. Also: `verify` reads the sale's final state from the database.
//
//   node --import tsx setup.ts buyers <out.jsonl> <n> (--pglite <dir> | --pg <url>) [--redis <url>] --secret <key>
//   node --import tsx setup.ts verify <saleId> (--pglite <dir> | --pg <url>)            → JSON on stdout
import { randomBytes } from 'node:crypto'
import { writeFileSync } from 'node:fs'
import { Redis } from 'ioredis'
import pg from 'pg'
import { PGlite } from '@electric-sql/pglite'
import { hashToken } from '../../apps/server/src/platform/crypto.ts'
import { newId } from '../../apps/server/src/platform/ids.ts'

const args = process.argv.slice(2)
const opt = (name: string) => { const i = args.indexOf(name); return i === -1 ? undefined : args[i + 1] }

interface Q { query(sql: string, params?: unknown[]): Promise<{ rows: any[] }>; end(): Promise<void> }
async function open(): Promise<Q> {
  const dir = opt('--pglite')
  if (dir) {
    const client = await PGlite.create({ dataDir: dir })
    return { query: (s, p) => client.query(s, p as never) as never, end: () => client.close() }
  }
  const client = new pg.Client({ connectionString: opt('--pg')! })
  await client.connect()
  return { query: (s, p) => client.query(s, p as never), end: () => client.end() }
}

async function buyers(out: string, n: number) {
  const db = await open()
  const secret = opt('--secret')!
  const redisUrl = opt('--redis')
  const redis = redisUrl ? new Redis(redisUrl) : null
  const tag = randomBytes(3).toString('hex')
  const phoneBase = 190_000_000 + Math.floor(Math.random() * 9_000_000) * 10
  const lines: string[] = []
  const now = new Date()
  const expires = new Date(now.getTime() + 7 * 86_400_000)
  const CHUNK = 1000
  for (let start = 0; start < n; start += CHUNK) {
    const rows = Array.from({ length: Math.min(CHUNK, n - start) }, (_, j) => {
      const i = start + j
      const token = randomBytes(32).toString('base64url')
      return { i, userId: newId('usr'), addressId: newId('adr'), token, hash: hashToken(token, secret), phone: `1${String(phoneBase + i).padStart(10, '0').slice(-10)}` }
    })
    const u: unknown[] = []
    await db.query(`insert into users (id, phone, password_hash, display_name, roles) values ${rows.map((r, k) => { u.push(r.userId, r.phone, 'bench-no-login', `抢购${tag}-${r.i}`); return `($${k * 4 + 1}, $${k * 4 + 2}, $${k * 4 + 3}, $${k * 4 + 4}, '{buyer}')` }).join(',')}`, u)
    const a: unknown[] = []
    await db.query(`insert into addresses (id, user_id, recipient, phone, county_code, detail, is_default) values ${rows.map((r, k) => { a.push(r.addressId, r.userId, `买家${r.i}`, r.phone, '310101', `南京东路${r.i}号`); return `($${k * 6 + 1}, $${k * 6 + 2}, $${k * 6 + 3}, $${k * 6 + 4}, $${k * 6 + 5}, $${k * 6 + 6}, true)` }).join(',')}`, a)
    if (redis) {
      const p = redis.pipeline()
      for (const r of rows) p.set(`hotland:session:${r.hash}`, r.userId, 'EX', 7 * 86_400)
      await p.exec()
    } else {
      const s: unknown[] = []
      await db.query(`insert into sessions (token_hash, user_id, expires_at, created_at) values ${rows.map((r, k) => { s.push(r.hash, r.userId, expires, now); return `($${k * 4 + 1}, $${k * 4 + 2}, $${k * 4 + 3}, $${k * 4 + 4})` }).join(',')}`, s)
    }
    for (const r of rows) lines.push(JSON.stringify({ buyerId: r.userId, cookie: `hotland_session=${r.token}`, addressId: r.addressId }))
  }
  // The demo SKUs hold a few hundred boxes; the sale takes its 10,000 units out of the SKU's stock.
  await db.query(`update skus set stock = greatest(stock, 1000000)`)
  writeFileSync(out, lines.join('\n') + '\n')
  await redis?.quit()
  await db.end()
}

async function verify(saleId: string) {
  const db = await open()
  const [sale] = (await db.query(`select quantity, sold from flash_sales where id = $1`, [saleId])).rows
  const [o] = (await db.query(`select count(*)::int as orders, coalesce(sum(l.qty), 0)::int as units, count(distinct o.buyer_id)::int as buyers,
      count(*) filter (where o.status = 'cancelled')::int as cancelled
    from orders o join order_lines l on l.order_id = o.id where o.flash_sale_id = $1`, [saleId])).rows
  const [b] = (await db.query(`select coalesce(sum(qty), 0)::int as units from flash_sale_buyers where sale_id = $1`, [saleId])).rows
  process.stdout.write(JSON.stringify({ quantity: sale.quantity, sold: sale.sold, orders: o.orders, orderUnits: o.units, distinctBuyers: o.buyers, cancelled: o.cancelled, buyerLimitUnits: b.units }))
  await db.end()
}

if (args[0] === 'buyers') await buyers(args[1]!, Number(args[2]))
else if (args[0] === 'verify') await verify(args[1]!)
else throw new Error('usage: setup.ts buyers|verify …')
