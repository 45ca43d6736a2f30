// Flash-sale benchmark (issue 4, item 7). In one run, three scenarios with the same load and the same measurements:
//   pg-redis — ONE Hotland server process on a fresh PostgreSQL database + its own redis-server (Lua counters)
//   embedded — ONE Hotland server process, embedded PGlite, no Redis (in-process counters)
//   naive    — ./naive-server.ts on PostgreSQL: per grab BEGIN; SELECT … FOR UPDATE; UPDATE; INSERT; COMMIT
// Each: UNITS units of one SKU, BUYERS distinct buyers, each grabbing once over HTTP from WORKERS forked load processes.
// A warm-up sale (other SKU, other buyers) runs first so the JIT is warm. Writes bench/results/flash-sale-<date>.json/.md.
import { execSync, fork, spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { createWriteStream, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, release, tmpdir, totalmem } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import pg from 'pg'
import type { Buyer, Sample, WorkerJob } from './worker.ts'
import { dbCeiling, httpCeiling, type DbCeiling, type HttpCeiling } from './ceiling.ts'
import { buildC, children, cpuSeconds, freePort, freshResultName, onJsonLines, tempFile, log, sleep, tempDirs } from '../lib/process.ts'

const here = dirname(fileURLToPath(import.meta.url))
const repoRoot = resolve(here, '../..')
const env = process.env
const UNITS = Number(env.BENCH_FLASH_UNITS ?? 10_000)
const BUYERS = Number(env.BENCH_FLASH_BUYERS ?? 20_000)
const WARMUP_UNITS = Number(env.BENCH_FLASH_WARMUP_UNITS ?? 1_000)
const WARMUP_BUYERS = Number(env.BENCH_FLASH_WARMUP_BUYERS ?? 2_000)
const WORKERS = Number(env.BENCH_WORKERS ?? 2)
const CONNECTIONS = Number(env.BENCH_CONNECTIONS ?? 100) // per worker
const SERVERS = Math.max(1, Number(env.BENCH_FLASH_SERVERS ?? 1)) // Hotland server processes in the pg-redis scenario
const SCENARIOS = (env.BENCH_SCENARIOS ?? 'pg-redis,naive,embedded').split(',') as Scenario[]
const PG_ADMIN = env.BENCH_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
const SECRET = 'bench-flash-secret-bench-flash-secret-0000'
const REQUEST_TIMEOUT_MS = 60_000
type Scenario = 'pg-redis' | 'embedded' | 'naive'

const databases: string[] = []
/** CPU of every PostgreSQL backend and of redis-server (they are not our children). */
function cpuOfCommand(pattern: RegExp): number {
  let sum = 0
  for (const line of execSync('ps -eo pid=,comm=,args=').toString().split('\n')) {
    const m = /^\s*(\d+)\s+(\S+)\s+(.*)$/.exec(line)
    if (m && pattern.test(`${m[2]} ${m[3]}`)) sum += cpuSeconds(Number(m[1]))
  }
  return sum
}
function machineJiffies() {
  const f = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number)
  const total = f.reduce((a, b) => a + b, 0)
  return { busy: total - f[3]! - (f[4] ?? 0), total }
}

async function waitReady(proc: ChildProcess, url: string, logFile: string, what: string) {
  const until = Date.now() + 180_000
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`${what} exited during start; see ${logFile}:\n${readFileSync(logFile, 'utf8').slice(-2000)}`)
    if (Date.now() > until) throw new Error(`${what} not ready after 180 s; see ${logFile}`)
    if (await fetch(url).then((r) => r.ok, () => false)) return
    await sleep(250)
  }
}

function spawnLogged(cmd: string, args: string[], extraEnv: Record<string, string>, logFile: string) {
  const out = createWriteStream(logFile, { flags: 'a' })
  const proc = spawn(cmd, args, { cwd: repoRoot, env: { ...env, ...extraEnv }, stdio: ['ignore', 'pipe', 'pipe'] })
  children.add(proc)
  proc.stdout!.pipe(out)
  proc.stderr!.pipe(out)
  proc.on('exit', () => children.delete(proc))
  return proc
}

async function stop(proc: ChildProcess) {
  if (proc.exitCode !== null || proc.signalCode !== null) return
  const exited = once(proc, 'exit')
  proc.kill('SIGTERM')
  const t = setTimeout(() => proc.kill('SIGKILL'), 15_000)
  await exited
  clearTimeout(t)
}

function runNode(args: string[], cwd = here): string {
  return execSync(`${JSON.stringify(process.execPath)} --import tsx ${args.map((a) => JSON.stringify(a)).join(' ')}`, { cwd, maxBuffer: 64 * 1024 * 1024 }).toString()
}

async function createDatabase(prefix: string) {
  const name = `${prefix}_${Math.random().toString(36).slice(2, 8)}`
  const admin = new pg.Client({ connectionString: PG_ADMIN })
  await admin.connect()
  await admin.query(`create database ${name}`)
  await admin.end()
  databases.push(name)
  const u = new URL(PG_ADMIN)
  u.pathname = '/' + name
  return u.toString()
}
async function dropDatabases() {
  const admin = new pg.Client({ connectionString: PG_ADMIN })
  await admin.connect()
  for (const d of databases.splice(0)) await admin.query(`drop database if exists ${d} with (force)`).catch(() => {})
  await admin.end()
}

async function startRedis(dir: string) {
  const port = await freePort()
  const logFile = join(dir, 'redis.log')
  const proc = spawnLogged('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], {}, logFile)
  for (let i = 0; i < 100; i++) {
    if (readFileSync(logFile, { encoding: 'utf8', flag: 'a+' }).includes('Ready to accept connections')) return { proc, url: `redis://127.0.0.1:${port}/0` }
    await sleep(50)
  }
  throw new Error('redis-server did not start')
}

async function api(base: string, path: string, init: { method?: string; cookie?: string; body?: unknown; form?: string } = {}) {
  const headers: Record<string, string> = {}
  if (init.cookie) headers.cookie = init.cookie
  if (init.body !== undefined) headers['content-type'] = 'application/json'
  if (init.form !== undefined) headers['content-type'] = 'application/x-www-form-urlencoded'
  const res = await fetch(base + path, { method: init.method ?? (init.body !== undefined || init.form !== undefined ? 'POST' : 'GET'), headers, body: init.form ?? (init.body === undefined ? undefined : JSON.stringify(init.body)) })
  const body = await res.json().catch(() => ({}))
  if (!res.ok) throw new Error(`${path} → ${res.status} ${JSON.stringify(body)}`)
  return { body: body as any, res }
}

// The load client: 'c' (default) is loadgen.c, one epoll loop per process; 'node' is worker.ts. Same job, same
// samples; the C client leaves the 2 cores to the server, PostgreSQL and Redis.
const CLIENT = env.BENCH_CLIENT ?? 'c'
let loadgenBinary = ''

interface WorkerHandle { proc: ChildProcess; msgs: any[]; wait(evt: string): Promise<any> }
/** A C load worker gets its whole job at start; a Node one (`job` undefined) gets it as a message later. */
function startWorker(job?: WorkerJob): WorkerHandle {
  let proc: ChildProcess
  const msgs: any[] = []
  const waiters: Array<() => void> = []
  if (job) {
    const file = tempFile('buyers.tsv', job.buyers.map((b) => `${b.buyerId}\t${b.cookie ?? '-'}\t${b.addressId ?? '-'}`).join('\n') + '\n')
    proc = spawn(loadgenBinary, [job.kind, job.host, String(job.port), job.path, file, String(job.connections), String(job.startAt), String(job.timeoutMs)], { stdio: ['ignore', 'pipe', 'inherit'] })
    onJsonLines(proc.stdout!, (m) => { msgs.push(m); waiters.splice(0).forEach((f) => f()) })
  } else {
    proc = fork(join(here, 'worker.ts'), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
    proc.on('message', (m) => { msgs.push(m); waiters.splice(0).forEach((f) => f()) })
  }
  children.add(proc)
  proc.on('exit', (code, sig) => { children.delete(proc); if (code || sig) console.error(`load worker exited: code ${code} signal ${sig}`) })
  // 'close', not 'exit': a worker's last lines (its samples) may still be in the pipe when it has exited.
  let closed = false
  proc.on('close', () => { closed = true; waiters.splice(0).forEach((f) => f()) })
  return {
    proc, msgs,
    async wait(evt) {
      for (;;) {
        const i = msgs.findIndex((m) => m.evt === evt)
        if (i !== -1) return msgs.splice(i, 1)[0]
        if (closed) throw new Error(`load worker exited (code ${proc.exitCode}, signal ${proc.signalCode}) while waiting for ${evt}`)
        await new Promise<void>((r) => { waiters.push(r); setTimeout(r, 1000) })
      }
    },
  }
}

/** Fires every buyer once, from WORKERS processes, all starting at the same moment. */
async function load(kind: 'hotland' | 'naive', bases: string | string[], path: string, buyers: Buyer[], watchPids: number[]) {
  // With several server processes, load worker k talks to server k mod n.
  const urls = (Array.isArray(bases) ? bases : [bases]).map((b) => new URL(b))
  const jobs = Array.from({ length: WORKERS }, (_, k): WorkerJob => ({
    cmd: 'run', kind, host: urls[k % urls.length]!.hostname, port: Number(urls[k % urls.length]!.port), path, buyers: buyers.filter((_, i) => i % WORKERS === k),
    connections: CONNECTIONS, startAt: 0, timeoutMs: REQUEST_TIMEOUT_MS,
  }))
  let workers: WorkerHandle[]
  if (CLIENT === 'node') {
    workers = Array.from({ length: WORKERS }, () => startWorker())
    await Promise.all(workers.map((w) => w.wait('ready')))
    const startAt = Date.now() + 500
    workers.forEach((w, k) => w.proc.send({ ...jobs[k]!, startAt } satisfies WorkerJob))
  } else {
    const startAt = Date.now() + 1500 // the C workers read their buyers and build every request before this
    workers = jobs.map((j) => startWorker({ ...j, startAt }))
    await Promise.all(workers.map((w) => w.wait('ready')))
    if (Date.now() > startAt - 500) throw new Error('load workers were not ready in time for the start signal')
  }
  await sleep(400)
  const cpu0 = watchPids.map(cpuSeconds)
  const pg0 = cpuOfCommand(/^postgres /)
  const redis0 = cpuOfCommand(/^redis-server /)
  const m0 = machineJiffies()
  const w0 = workers.map((w) => cpuSeconds(w.proc.pid!))
  const done = await Promise.all(workers.map((w) => w.wait('done')))
  const cpu1 = watchPids.map(cpuSeconds)
  const m1 = machineJiffies()
  const samples: Sample[] = done.flatMap((d) => d.samples)
  return {
    samples,
    serverCpuSeconds: cpu1.reduce((a, b) => a + b, 0) - cpu0.reduce((a, b) => a + b, 0),
    postgresCpuSeconds: cpuOfCommand(/^postgres /) - pg0,
    redisCpuSeconds: cpuOfCommand(/^redis-server /) - redis0,
    // The load workers measure themselves (process.cpuUsage from the start signal to their last answer).
    workersCpuSeconds: done.reduce((a, d) => a + (d.cpuSeconds ?? 0), 0),
    machineBusy: (m1.busy - m0.busy) / Math.max(1, m1.total - m0.total),
  }
}

function pct(sorted: number[], p: number) {
  if (!sorted.length) return null
  return Math.round(sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * p) - 1)]! * 10) / 10
}

function analyse(samples: Sample[], units: number) {
  const t0 = Math.min(...samples.map((s) => s[0]))
  const ok = samples.filter((s) => s[2] === 201).sort((a, b) => a[1] - b[1])
  const soldOutAt = ok.length ? ok[Math.min(ok.length, units) - 1]![1] : t0
  if (env.BENCH_FLASH_TIMELINE) {
    // Debug: requests sent and answered (201 / other) per 250 ms from the first send.
    const bins = new Map<number, [number, number, number]>()
    const bin = (t: number) => { const k = Math.floor((t - t0) / 250); if (!bins.has(k)) bins.set(k, [0, 0, 0]); return bins.get(k)! }
    for (const s of samples) { bin(s[0])[0]++; bin(s[1])[s[2] === 201 ? 1 : 2]++ }
    log('  timeline (per 250 ms: sent / 201 / other): ' + [...bins].sort((a, b) => a[0] - b[0]).map(([k, v]) => `${k * 250}:${v.join('/')}`).join(' '))
  }
  const windowSeconds = (soldOutAt - t0) / 1000
  const statuses: Record<string, number> = {}
  for (const s of samples) { const k = `${s[2]}${s[3] ? ' ' + s[3] : ''}`; statuses[k] = (statuses[k] ?? 0) + 1 }
  const soldOut = samples.filter((s) => s[3] === 'ORDERS_SOLD_OUT')
  const lat = samples.map((s) => s[1] - s[0]).sort((a, b) => a - b)
  const okLat = ok.map((s) => s[1] - s[0]).sort((a, b) => a - b)
  const soldOutLat = soldOut.map((s) => s[1] - s[0]).sort((a, b) => a - b)
  return {
    requests: samples.length,
    created201: ok.length,
    soldOutRefusals: soldOut.length,
    otherErrors: samples.length - ok.length - soldOut.length,
    statuses,
    sellOutWindowSeconds: Math.round(windowSeconds * 1000) / 1000,
    grabsPerSecond: windowSeconds > 0 ? Math.round(Math.min(ok.length, units) / windowSeconds) : 0,
    totalSeconds: Math.round((Math.max(...samples.map((s) => s[1])) - t0)) / 1000,
    // Sold-out answers that came back before the last unit's order was committed: normal (a unit can be reserved but
    // not yet committed); they only matter if units stay unsold at the end.
    soldOutBeforeLastSuccess: soldOut.filter((s) => s[1] < soldOutAt).length,
    latencyMs: { p50: pct(lat, 0.5), p90: pct(lat, 0.9), p99: pct(lat, 0.99), max: pct(lat, 1) },
    successLatencyMs: { p50: pct(okLat, 0.5), p99: pct(okLat, 0.99) },
    soldOutLatencyMs: { p50: pct(soldOutLat, 0.5), p99: pct(soldOutLat, 0.99) },
  }
}

interface DbState { quantity: number; sold: number; orders: number; orderUnits: number; distinctBuyers: number }
function verdict(a: ReturnType<typeof analyse>, db: DbState, counterRemaining: number | null) {
  const oversell = Math.max(0, db.orderUnits - db.quantity, db.sold - db.quantity)
  const undersell = a.soldOutRefusals > 0 ? Math.max(0, db.quantity - db.sold) : 0
  return {
    oversell, undersell,
    consistent: db.sold === db.orderUnits && db.orderUnits === a.created201 && db.distinctBuyers === db.orders,
    counterRemaining,
    pass: oversell === 0 && undersell === 0 && db.sold === db.orderUnits && db.orderUnits === a.created201,
  }
}

function makeBuyersFile(dir: string, n: number, dbArg: string[], redisUrl?: string): Buyer[] {
  const file = join(dir, `buyers-${n}.jsonl`)
  runNode(['setup.ts', 'buyers', file, String(n), ...dbArg, ...(redisUrl ? ['--redis', redisUrl] : []), '--secret', SECRET])
  return readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l))
}

async function runHotland(scenario: 'pg-redis' | 'embedded') {
  const dir = mkdtempSync(join(tmpdir(), `hotland-bench-flash-${scenario}-`))
  tempDirs.push(dir)
  const logFile = join(dir, 'server.log')
  const dataDir = join(dir, 'data')
  let redis: { proc: ChildProcess; url: string } | null = null
  const serverEnv: Record<string, string> = {
    HOTLAND_DATA_DIR: dataDir, MEDIA_SERVER: 'external', ENABLE_TEST_ROUTES: 'true', LOG_LEVEL: 'warn', DEMO_DATA: 'true',
    NODE_ENV: 'production', SECRET_KEY: SECRET, HOST: '127.0.0.1',
  }
  if (scenario === 'pg-redis') {
    serverEnv.DATABASE_URL = await createDatabase('hotland_bench_flash')
    redis = await startRedis(dir)
    serverEnv.REDIS_URL = redis.url
  } else {
    delete env.DATABASE_URL
    delete env.REDIS_URL
  }
  const extra = (env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean)
  const start = async () => {
    const port = await freePort()
    const proc = spawnLogged(process.execPath, [...extra, '--import', 'tsx', join(repoRoot, 'apps/server/src/main.ts')], { ...serverEnv, PORT: String(port) }, logFile)
    const base = `http://127.0.0.1:${port}`
    await waitReady(proc, `${base}/api/ready`, logFile, 'hotland server')
    return { proc, base }
  }
  const dbArg = scenario === 'pg-redis' ? ['--pg', serverEnv.DATABASE_URL!] : ['--pglite', join(dataDir, 'pglite')]
  try {
    // First start migrates and loads the demo data; PGlite has one owner, so buyers go in while the server is down.
    let s = await start()
    await stop(s.proc)
    const t = Date.now()
    const all = makeBuyersFile(dir, WARMUP_BUYERS + BUYERS, dbArg, redis?.url)
    log(`  ${all.length} buyers with sessions and addresses inserted in ${((Date.now() - t) / 1000).toFixed(1)} s (bench-only fast path)`)
    s = await start()
    // PostgreSQL + Redis mode can run several server processes on the same database and Redis (BENCH_FLASH_SERVERS).
    const more = scenario === 'pg-redis' ? await Promise.all(Array.from({ length: SERVERS - 1 }, () => start())) : []
    const bases = [s.base, ...more.map((m) => m.base)]
    const pids = [s.proc.pid!, ...more.map((m) => m.proc.pid!)]

    const farmer = (await api(s.base, '/api/accounts/login', { body: { phone: '13800000002', password: 'hotland-demo' } })).res.headers.getSetCookie().map((c) => c.split(';')[0]!).find((c) => c.startsWith('hotland_session='))!
    const room = (await api(s.base, '/api/live-rooms?status=scheduled')).body.items[0]
    const key = (await api(s.base, `/api/live-rooms/${room.id}/stream-key`, { cookie: farmer })).body.streamKey as string
    await api(s.base, '/api/live/hooks/publish', { form: `name=${encodeURIComponent(room.id)}&key=${encodeURIComponent(new URLSearchParams(key.split('?')[1]).get('key')!)}` })
    const productId = room.featuredProducts[0].id
    await api(s.base, `/api/live-rooms/${room.id}/pin`, { cookie: farmer, body: { productId } })
    const skus = (await api(s.base, `/api/products/${productId}`)).body.skus as Array<{ id: string }>
    const startSale = async (skuId: string, quantity: number) =>
      (await api(s.base, `/api/live-rooms/${room.id}/flash-sales`, { cookie: farmer, body: { skuId, priceFen: 1990, quantity, perBuyerLimit: 1, durationSeconds: 1800 } })).body.id as string

    const warm = await startSale(skus[1 % skus.length]!.id, WARMUP_UNITS)
    const w = await load('hotland', bases, `/api/flash-sales/${warm}/grab`, all.slice(0, WARMUP_BUYERS), pids)
    log(`  warm-up: ${analyse(w.samples, WARMUP_UNITS).grabsPerSecond} grabs/s`)
    await api(s.base, `/api/flash-sales/${warm}/end`, { cookie: farmer, body: {} }) // one sale at a time in a room
    await sleep(1000)

    const saleId = await startSale(skus[0]!.id, UNITS)
    const r = await load('hotland', bases, `/api/flash-sales/${saleId}/grab`, all.slice(WARMUP_BUYERS), pids)
    const a = analyse(r.samples, UNITS)
    const counterRemaining = (await api(s.base, `/api/flash-sales/${saleId}`)).body.remaining as number
    const ceilings: { http?: HttpCeiling | null; db?: DbCeiling } = {}
    if (scenario === 'pg-redis') {
      await sleep(1000)
      ceilings.http = httpCeiling(s.base, WORKERS * CONNECTIONS, machineJiffies)
      if (ceilings.http) log(`  ceiling: GET /api/health ${ceilings.http.requestsPerSecond} requests/s (wrk, ${WORKERS * CONNECTIONS} connections)`)
    }
    for (const m of more) await stop(m.proc)
    await stop(s.proc)
    const db = JSON.parse(runNode(['setup.ts', 'verify', saleId, ...dbArg])) as DbState
    if (scenario === 'pg-redis') {
      ceilings.db = await dbCeiling(serverEnv.DATABASE_URL!, saleId, all.slice(WARMUP_BUYERS).map((b) => b.buyerId), UNITS, () => cpuOfCommand(/^postgres /), machineJiffies)
      log(`  ceiling: the batch statement alone ${ceilings.db.grabsPerSecond} grabs/s (${ceilings.db.postgresMsPerGrab} ms PostgreSQL CPU per grab)`)
    }
    return { scenario, ...a, db, ...verdict(a, db, counterRemaining), cpu: cpuOf(r), ceilings, serverLog: readFileSync(logFile, 'utf8').slice(-1500) }
  } finally {
    if (redis) await stop(redis.proc)
  }
}

function cpuOf(r: Awaited<ReturnType<typeof load>>) {
  const round = (x: number) => Math.round(x * 100) / 100
  return { serverSeconds: round(r.serverCpuSeconds), postgresSeconds: round(r.postgresCpuSeconds), redisSeconds: round(r.redisCpuSeconds), loadWorkersSeconds: round(r.workersCpuSeconds), machineBusy: round(r.machineBusy) }
}

async function runNaive() {
  const dir = mkdtempSync(join(tmpdir(), 'hotland-bench-flash-naive-'))
  tempDirs.push(dir)
  const logFile = join(dir, 'naive.log')
  const dbUrl = await createDatabase('hotland_bench_naive')
  // As many processes as Hotland's PostgreSQL + Redis scenario runs (BENCH_FLASH_SERVERS), on the same database.
  const start = async () => {
    const port = await freePort()
    const proc = spawnLogged(process.execPath, ['--import', 'tsx', join(here, 'naive-server.ts')], { DATABASE_URL: dbUrl, PORT: String(port), SALE_QUANTITY: String(UNITS), WARMUP_QUANTITY: String(WARMUP_UNITS) }, logFile)
    const base = `http://127.0.0.1:${port}`
    await waitReady(proc, `${base}/ready`, logFile, 'naive server')
    return { proc, base }
  }
  const servers: Array<{ proc: ChildProcess; base: string }> = []
  for (let i = 0; i < SERVERS; i++) servers.push(await start()) // one at a time: the first creates the tables
  const bases = servers.map((s) => s.base)
  const pids = servers.map((s) => s.proc.pid!)
  const buyer = (i: number): Buyer => ({ buyerId: `naive-buyer-${String(i).padStart(6, '0')}` })
  const w = await load('naive', bases, '/sales/warmup/grab', Array.from({ length: WARMUP_BUYERS }, (_, i) => buyer(i)), pids)
  log(`  warm-up: ${analyse(w.samples, WARMUP_UNITS).grabsPerSecond} grabs/s`)
  await sleep(1000)
  const r = await load('naive', bases, '/sales/sale/grab', Array.from({ length: BUYERS }, (_, i) => buyer(WARMUP_BUYERS + i)), pids)
  const a = analyse(r.samples, UNITS)
  const db = (await api(bases[0]!, '/sales/sale/state')).body as DbState
  for (const s of servers) await stop(s.proc)
  return { scenario: 'naive' as const, ...a, db, ...verdict(a, db, null), cpu: cpuOf(r), serverLog: readFileSync(logFile, 'utf8').slice(-1500) }
}

type Result = Awaited<ReturnType<typeof runHotland>> | Awaited<ReturnType<typeof runNaive>>

/** What this machine allows at most, measured in the pg-redis scenario (see ceiling.ts). */
function ceilingText(r: Result | undefined) {
  const c = r && 'ceilings' in r ? r.ceilings : undefined
  if (!c?.db) return ''
  const lines = [`Ceilings measured in the same run, on the same machine (bench/flash-sale/ceiling.ts):`, '',
    `- **The database alone**: the server's own batch statement (\`insertFlashBatch\`: checkout, order, line, event, per-buyer row and the sale's count, with their indexes and foreign keys), ${c.db.connections} connections × batches of ${c.db.batch}, no HTTP, no Redis, no sessions: **${c.db.grabsPerSecond.toLocaleString('en')} grabs/s**, ${c.db.postgresMsPerGrab} ms of PostgreSQL CPU per grab (${c.db.postgresCpuSeconds} s for ${c.db.grabs.toLocaleString('en')}); machine ${Math.round(c.db.machineBusy * 100)}% busy.`]
  if (c.http) lines.push(`- **HTTP alone**: the same Hotland server answering \`GET ${c.http.path}\` (no database, no Redis) to ${c.http.connections} connections with wrk: **${c.http.requestsPerSecond.toLocaleString('en')} requests/s**; machine ${Math.round(c.http.machineBusy * 100)}% busy (server and wrk).`)
  if (c.http) {
    // Machine CPU per operation (all cores, every process) while each ran alone; their sum is a floor for one grab.
    const cores = cpus().length
    const dbMs = (c.db.machineBusy * cores * c.db.seconds * 1000) / c.db.grabs
    const httpMs = (c.http.machineBusy * cores * 1000) / c.http.requestsPerSecond
    lines.push(`- A grab needs both: together ${(dbMs + httpMs).toFixed(3)} ms of machine CPU (${dbMs.toFixed(3)} + ${httpMs.toFixed(3)}, all processes, from the busy share of ${cores} cores while each ran alone), so at most **${Math.round((cores * 1000) / (dbMs + httpMs)).toLocaleString('en')} grabs/s** on this machine if nothing else a grab does (session, Redis reservation, validation, the address, the JSON answer) cost anything.`)
    if (r) {
      const whole = ((r.cpu.serverSeconds + r.cpu.postgresSeconds + r.cpu.redisSeconds) * 1000) / Math.max(1, r.created201)
      lines.push(`- The whole path in this scenario: ${whole.toFixed(3)} ms of server + PostgreSQL + Redis CPU per successful grab (the sold-out answers' CPU included, the load workers' not).`)
    }
  }
  return lines.join('\n') + '\n\n'
}

function markdown(date: string, results: Result[], meta: Record<string, unknown>) {
  const by = (s: Scenario) => results.find((r) => r.scenario === s)
  const naive = by('naive')
  const perRequest = (r: Result, seconds: number) => (r.requests ? (seconds * 1000 / r.requests).toFixed(3) : '—')
  const ratio = (r: Result) => (naive && naive.grabsPerSecond ? `${(r.grabsPerSecond / naive.grabsPerSecond).toFixed(1)}×` : '—')
  const rows = results.map((r) => `| ${r.scenario} | ${r.grabsPerSecond.toLocaleString('en')} | ${ratio(r)} | ${r.sellOutWindowSeconds} | ${r.latencyMs.p50} / ${r.latencyMs.p99} | ${r.successLatencyMs.p50} / ${r.successLatencyMs.p99} | ${r.created201.toLocaleString('en')} | ${r.soldOutRefusals.toLocaleString('en')} | ${r.otherErrors} | ${r.db.sold} / ${r.db.orderUnits} | **${r.oversell}** | **${r.undersell}** | ${r.counterRemaining ?? '—'} | ${r.cpu.serverSeconds} / ${r.cpu.postgresSeconds} / ${r.cpu.redisSeconds} / ${r.cpu.loadWorkersSeconds} | ${perRequest(r, r.cpu.serverSeconds)} / ${perRequest(r, r.cpu.serverSeconds + r.cpu.postgresSeconds + r.cpu.redisSeconds)} | ${Math.round(r.cpu.machineBusy * 100)}% |`)
  const pgr = by('pg-redis'), emb = by('embedded')
  const targets = [
    pgr && `- (b) PostgreSQL + Redis ≥ 10,000 successful grabs/s: **${pgr.grabsPerSecond.toLocaleString('en')}/s — ${pgr.grabsPerSecond >= 10_000 ? 'met' : `missed (${Math.round((pgr.grabsPerSecond / 10_000) * 100)}% of target)`}**`,
    pgr && naive && `- (b) ≥ 5× the naive baseline: **${ratio(pgr)} — ${pgr.grabsPerSecond >= 5 * naive.grabsPerSecond ? 'met' : 'missed'}**`,
    emb && `- (a) embedded ≥ 2,000 grabs/s: **${emb.grabsPerSecond.toLocaleString('en')}/s — ${emb.grabsPerSecond >= 2_000 ? 'met' : 'missed'}**`,
    `- oversell 0 and undersell 0 in every scenario: **${results.every((r) => r.oversell === 0 && r.undersell === 0) ? 'yes' : 'NO'}**; DB sold = order units = HTTP 201s: **${results.every((r) => r.pass) ? 'yes' : 'NO'}**`,
  ].filter(Boolean)
  return `# Flash-sale benchmark — ${date}

${env.BENCH_NOTE ? env.BENCH_NOTE + '\n\n' : ''}Load average (1/5/15 min) at the start: ${(meta.loadavgAtStart as number[]).map((x) => x.toFixed(2)).join(' / ')}; at the end: ${(meta.loadavgAtEnd as number[]).map((x) => x.toFixed(2)).join(' / ')}.

${UNITS.toLocaleString('en')} units of one SKU, ${BUYERS.toLocaleString('en')} distinct buyers each grabbing once over HTTP (keep-alive), from ${WORKERS} load-worker processes × ${CONNECTIONS} connections, all on one ${meta.cpus}-core machine (server, database, Redis and load share it). A warm-up sale (${WARMUP_UNITS} units, ${WARMUP_BUYERS} other buyers) ran first in each scenario. Produced by \`npm run bench:flash\` (bench/flash-sale/run.ts).

${targets.join('\n')}

| scenario | successful grabs/s | vs naive | sell-out window (s) | latency p50 / p99 (ms), all | 201 p50 / p99 (ms) | 201s | sold-out 409s | other errors | DB sold / order units | oversell | undersell | counter left | CPU s: server / postgres / redis / load workers | CPU ms per request: server / server+db+redis | machine busy |
|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|
${rows.join('\n')}

${ceilingText(pgr)}
- **successful grabs/s** = ${UNITS.toLocaleString('en')} ÷ (time of the ${UNITS.toLocaleString('en')}th HTTP 201 − time the first grab was sent): the rate at which the stock sells out.
- **oversell** = order units in the database beyond the quantity (or flash_sales.sold beyond it). **undersell** = units left unsold at the end although buyers were refused as sold out.
- **DB sold / order units**: \`flash_sales.sold\` and the sum of the sale's order lines after the run (server stopped gracefully first); the run also checks they equal the number of 201s.
- Latency is send → last byte of the response, measured in the load workers; the response comes only after the order row is committed.
- CPU seconds are utime + stime during the load, from /proc: the server process, all PostgreSQL backends, redis-server; the load workers measure their own (process.cpuUsage). CPU ms per request divides by all requests (201s and 409s).
- These are 2-core machines shared by everything above; expect ±15% between runs and compare ratios within one run.
`
}

async function main() {
  const date = new Date().toISOString().slice(0, 10)
  const loadavgAtStart = loadavg()
  if (CLIENT !== 'node') loadgenBinary = buildC(join(here, 'loadgen.c'))
  log(`flash-sale benchmark: ${UNITS} units, ${BUYERS} buyers, ${WORKERS} workers × ${CONNECTIONS} connections, scenarios ${SCENARIOS.join(', ')}`)
  const results: Result[] = []
  try {
    for (const sc of SCENARIOS) {
      log(`scenario ${sc}`)
      try {
        const r = sc === 'naive' ? await runNaive() : await runHotland(sc)
        results.push(r)
        log(`  ${r.grabsPerSecond} grabs/s over ${r.sellOutWindowSeconds} s; p50 ${r.latencyMs.p50} ms, p99 ${r.latencyMs.p99} ms; 201s ${r.created201}, sold-out ${r.soldOutRefusals}, other ${r.otherErrors} ${JSON.stringify(r.statuses)}; DB ${JSON.stringify(r.db)}; oversell ${r.oversell}, undersell ${r.undersell}; cpu ${JSON.stringify(r.cpu)}`)
      } catch (err) {
        log(`  ${sc} FAILED: ${(err as Error).stack}`)
        throw err
      }
      await sleep(2000)
    }
  } finally {
    await dropDatabases().catch(() => {})
  }
  const meta = { date, node: process.version, cpus: cpus().length, cpuModel: cpus()[0]?.model, memGiB: Math.round(totalmem() / 1024 ** 3), kernel: release(), loadavgAtStart, loadavgAtEnd: loadavg(), units: UNITS, buyers: BUYERS, warmupUnits: WARMUP_UNITS, warmupBuyers: WARMUP_BUYERS, workers: WORKERS, connectionsPerWorker: CONNECTIONS }
  const outDir = join(here, '../results')
  mkdirSync(outDir, { recursive: true })
  const full = UNITS === 10_000 && BUYERS === 20_000 && SCENARIOS.length === 3
  const name = freshResultName(outDir, `flash-sale-${date}${full ? '' : '-partial'}${env.BENCH_RESULT_SUFFIX ?? ''}`)
  writeFileSync(join(outDir, `${name}.json`), JSON.stringify({ meta, results: results.map(({ serverLog, ...r }) => r) }, null, 2) + '\n')
  writeFileSync(join(outDir, `${name}.md`), markdown(date, results, meta))
  log(`wrote bench/results/${name}.json and .md`)
}

main().then(() => process.exit(0), (err) => { console.error(err); process.exit(1) })
