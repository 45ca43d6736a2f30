// The naive flash sale (issue 4, item 7 (c)): the obvious implementation many shops start with. Per grab (POST /sales/:id/grab), on PostgreSQL:
//   BEGIN; SELECT quantity, sold FROM sale WHERE id = $1 FOR UPDATE; (check) UPDATE sale SET sold = sold + qty;
//   INSERT the order row; COMMIT
// It never oversells (the row lock serialises every grab), but every grab waits for the one before it to commit.
// Deliberately kinder to itself than Hotland: no session lookup (the buyer id comes in a header), no address, no
// shipping rules, one narrow order row. Env: DATABASE_URL, PORT, SALE_QUANTITY, PG_POOL (default 20).
import { createServer } from 'node:http'
import pg from 'pg'

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.PG_POOL ?? 20) })
pool.on('error', () => {})
await pool.query(`
  create table if not exists naive_sales (id text primary key, quantity int not null, sold int not null default 0, check (sold >= 0 and sold <= quantity));
  create table if not exists naive_orders (id bigserial primary key, sale_id text not null references naive_sales(id), buyer_id text not null,
    qty int not null, idempotency_key text not null unique, created_at timestamptz not null default now(), unique (sale_id, buyer_id));
  insert into naive_sales (id, quantity) values ('sale', ${Number(process.env.SALE_QUANTITY ?? 10000)}), ('warmup', ${Number(process.env.WARMUP_QUANTITY ?? 1000)}) on conflict do nothing;`)

function send(res: import('node:http').ServerResponse, status: number, body: unknown) {
  const s = JSON.stringify(body)
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(s) })
  res.end(s)
}

const server = createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/ready') return send(res, 200, { ok: true })
  const state = /^\/sales\/(\w+)\/state$/.exec(req.url ?? '')
  if (req.method === 'GET' && state) {
    return void pool.query(`select s.quantity, s.sold, (select count(*)::int from naive_orders o where o.sale_id = s.id) as orders, (select coalesce(sum(qty), 0)::int from naive_orders o where o.sale_id = s.id) as "orderUnits",
      (select count(distinct buyer_id)::int from naive_orders o where o.sale_id = s.id) as "distinctBuyers" from naive_sales s where id = $1`, [state[1]])
      .then((r) => send(res, 200, r.rows[0]), (e) => send(res, 500, { error: String(e) }))
  }
  const m = /^\/sales\/(\w+)\/grab$/.exec(req.url ?? '')
  if (req.method !== 'POST' || !m) return send(res, 404, { error: { code: 'NOT_FOUND' } })
  const saleId = m[1]!
  const chunks: Buffer[] = []
  req.on('data', (c: Buffer) => chunks.push(c))
  req.on('end', async () => {
    const buyer = String(req.headers['x-buyer-id'] ?? '')
    const key = String(req.headers['idempotency-key'] ?? '')
    let qty = 1
    try { qty = Number(JSON.parse(Buffer.concat(chunks).toString('utf8')).qty ?? 1) } catch { return send(res, 400, { error: { code: 'BAD_JSON' } }) }
    if (!buyer || !key) return send(res, 400, { error: { code: 'BAD_REQUEST' } })
    const c = await pool.connect()
    try {
      await c.query('begin')
      const { rows: [s] } = await c.query('select quantity, sold from naive_sales where id = $1 for update', [saleId])
      if (s.sold + qty > s.quantity) {
        await c.query('rollback')
        return send(res, 409, { error: { code: 'ORDERS_SOLD_OUT' } })
      }
      await c.query('update naive_sales set sold = sold + $2 where id = $1', [saleId, qty])
      const { rows: [o] } = await c.query('insert into naive_orders (sale_id, buyer_id, qty, idempotency_key) values ($1, $2, $3, $4) returning id', [saleId, buyer, qty, key])
      await c.query('commit')
      send(res, 201, { orderId: String(o.id), remaining: s.quantity - s.sold - qty })
    } catch (err) {
      await c.query('rollback').catch(() => {})
      const code = (err as { code?: string }).code === '23505' ? 'ORDERS_PER_BUYER_LIMIT' : 'INTERNAL'
      send(res, code === 'INTERNAL' ? 500 : 409, { error: { code } })
    } finally {
      c.release()
    }
  })
})
server.keepAliveTimeout = 60_000
server.listen(Number(process.env.PORT), '127.0.0.1')
for (const s of ['SIGINT', 'SIGTERM'] as const) process.on(s, () => { server.close(); void pool.end().finally(() => process.exit(0)) })
