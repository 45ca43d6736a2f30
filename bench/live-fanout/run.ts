// Live-room fan-out benchmark (issue 3, item 10). For each N it runs two scenarios side by side in one run:
//   hotland  — ONE Hotland server process (apps/server), N viewers on one room's WebSocket
//   socketio — the naive socket.io broadcast server (./socketio-server.ts), same N, same load
// The load (N viewer sockets, 200 chat messages/s, 2,000 likes/s) comes from separate worker processes (./worker.ts).
// Writes bench/results/live-fanout-<date>.json and .md. See ../README.md.
import { execSync, fork, spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { copyFileSync, createWriteStream, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, tmpdir, totalmem, release } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Kind, WorkerConfig, WorkerStats } from './worker.ts'
import { buildC, children, cpuSeconds, cpuTimes, freePort, freshResultName, onJsonLines, tempFile, log, sleep, tempDirs } from '../lib/process.ts'

const here = dirname(fileURLToPath(import.meta.url))
const repoRoot = resolve(here, '../..')
const env = process.env
const NS = (env.BENCH_NS ?? '2000,5000,10000').split(',').map((n) => Number(n.trim())).filter((n) => n > 0)
const SECONDS = Number(env.BENCH_SECONDS ?? 20)
const WARMUP_SECONDS = Number(env.BENCH_WARMUP_SECONDS ?? 5)
const WORKERS = Number(env.BENCH_WORKERS ?? 2)
const SCENARIOS = (env.BENCH_SCENARIOS ?? 'hotland,socketio').split(',') as Kind[]
// Optional pinning (BENCH_PIN=1): the server under test on BENCH_SERVER_CPUS, the load workers on the rest (taskset).
// Off by default: on the 2-core machines the unpinned server measured better (it can use whichever core is free).
const PIN = env.BENCH_PIN === '1' && cpus().length >= 2
const SERVER_CPUS = env.BENCH_SERVER_CPUS ?? '0'
const LOAD_CPUS = env.BENCH_LOAD_CPUS ?? `1-${cpus().length - 1}`
// Optional: run the load workers at a lower priority (e.g. BENCH_LOAD_NICE=10).
const NICE = env.BENCH_LOAD_NICE ?? ''
const CHAT_PER_SECOND = 200
// The server's default chat cap (apps/server config LIVE_CHAT_CAP_PER_TICK), unless the environment overrides it.
const CHAT_CAP = Number(env.LIVE_CHAT_CAP_PER_TICK ?? 5)
const LIKES_PER_SECOND = 2000
// Production limits stay on: a Hotland user may chat once a second (burst 3). 250 chatters × 0.8 msg/s = 200 msg/s.
const CHATTERS = 250
const CHAT_INTERVAL_MS = (CHATTERS / CHAT_PER_SECOND) * 1000
// Like frames carry a count (the server clamps it to 1–10). 200 frames/s × 10 = 2,000 likes/s: the batching that is
// kindest to the baseline, which broadcasts once per like frame.
const LIKE_COUNT = 10
const LIKERS = LIKES_PER_SECOND / LIKE_COUNT
const LIKE_INTERVAL_MS = 1000
const RSS_ABORT_BYTES = 6 * 1024 ** 3

/** Busy and total jiffies of the whole machine (all cores), from /proc/stat. */
function machineJiffies(): { busy: number; total: number } {
  const f = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number)
  const total = f.reduce((a, b) => a + b, 0)
  return { busy: total - f[3]! - (f[4] ?? 0), total }
}
function rssBytes(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
  return m ? Number(m[1]) * 1024 : 0
}

interface Server { proc: ChildProcess; base: string; wsUrl: string; logFile: string; roomId?: string }

async function startServer(kind: Kind): Promise<Server> {
  const port = await freePort()
  const dir = mkdtempSync(join(tmpdir(), `hotland-bench-${kind}-`))
  tempDirs.push(dir)
  const logFile = join(dir, 'server.log')
  const out = createWriteStream(logFile)
  const script = kind === 'hotland' ? join(repoRoot, 'apps/server/src/main.ts') : join(here, 'socketio-server.ts')
  const extra = (env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean) // e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof"
  const proc = spawn(PIN ? 'taskset' : process.execPath, [...(PIN ? ['-c', SERVER_CPUS, process.execPath] : []), ...extra, '--import', 'tsx', script], {
    cwd: repoRoot,
    env: {
      ...env, PORT: String(port), HOST: '127.0.0.1', HOTLAND_DATA_DIR: join(dir, 'data'), MEDIA_SERVER: 'off',
      ENABLE_TEST_ROUTES: 'true', LOG_LEVEL: 'warn', DEMO_DATA: 'true', NODE_ENV: 'production',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  children.add(proc)
  proc.stdout!.pipe(out)
  proc.stderr!.pipe(out)
  const base = `http://127.0.0.1:${port}`
  const readyUrl = kind === 'hotland' ? `${base}/api/ready` : `${base}/ready`
  const until = Date.now() + 120_000
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`${kind} server exited during start; see ${logFile}:\n${readFileSync(logFile, 'utf8').slice(-2000)}`)
    if (Date.now() > until) throw new Error(`${kind} server not ready after 120 s; see ${logFile}`)
    const ok = await fetch(readyUrl).then((r) => r.ok, () => false)
    if (ok) break
    await sleep(250)
  }
  return { proc, base, logFile, wsUrl: kind === 'socketio' ? `ws://127.0.0.1:${port}/socket.io/?EIO=4&transport=websocket` : '' }
}

async function stopServer(s: Server) {
  if (s.proc.exitCode !== null || s.proc.signalCode !== null) return
  s.proc.kill('SIGTERM')
  const t = setTimeout(() => s.proc.kill('SIGKILL'), 10_000)
  await once(s.proc, 'exit')
  clearTimeout(t)
  if (env.BENCH_KEEP_LOG) copyFileSync(s.logFile, env.BENCH_KEEP_LOG) // e.g. to read a profile or debug output
  children.delete(s.proc)
}

async function json(res: Response) {
  const body = await res.json().catch(() => ({}))
  if (!res.ok) throw new Error(`${res.url} → ${res.status} ${JSON.stringify(body)}`)
  return body
}

let phoneSeq = 0
const phoneBase = 100_000_000 + Math.floor(Math.random() * 800_000_000)
async function registerChatter(base: string, i: number): Promise<string> {
  const phone = `15${String((phoneBase + phoneSeq++) % 1_000_000_000).padStart(9, '0')}`
  const post = (path: string, body: unknown) => fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
  await json(await post('/api/accounts/otp', { phone, purpose: 'register' }))
  const { code } = await json(await fetch(`${base}/api/__test__/otp-codes/${phone}`))
  const res = await post('/api/accounts/register', { phone, password: 'bench-password-1', code, displayName: `观众${i}`, role: 'buyer' })
  await json(res.clone())
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]!).find((c) => c.startsWith('hotland_session='))
  if (!cookie) throw new Error('register: no hotland_session cookie')
  return cookie
}

async function prepareHotland(s: Server): Promise<string[]> {
  const { items } = await json(await fetch(`${s.base}/api/live-rooms?status=scheduled`))
  if (!items?.length) throw new Error('no scheduled demo room (DEMO_DATA=true?)')
  s.roomId = items[0].id as string
  s.wsUrl = `${s.base.replace('http', 'ws')}/api/live-rooms/${s.roomId}/socket`
  const cookies: string[] = new Array(CHATTERS)
  let next = 0
  const t0 = Date.now()
  await Promise.all(Array.from({ length: 4 }, async () => {
    while (next < CHATTERS) {
      const i = next++
      cookies[i] = await registerChatter(s.base, i)
    }
  }))
  log(`  registered ${CHATTERS} chatters in ${((Date.now() - t0) / 1000).toFixed(1)} s`)
  return cookies
}

interface Worker { proc: ChildProcess; inbox: Array<Record<string, unknown>>; waiters: Array<() => void>; send: (cmd: string) => void; closed?: boolean }
// The load client: 'c' (default) is loadgen.c, one epoll loop per process; 'node' is worker.ts on the ws library.
// Both speak the same roles, frames and measurements; the C client leaves the 2 cores to the server under test.
const CLIENT = env.BENCH_CLIENT ?? 'c'
let loadgenBinary = ''
function startWorker(cfg: WorkerConfig): Worker {
  let proc: ChildProcess
  let send: (cmd: string) => void
  const w = { inbox: [], waiters: [] } as unknown as Worker
  const deliver = (m: Record<string, unknown>) => { w.inbox.push(m); for (const f of w.waiters.splice(0)) f() }
  if (CLIENT === 'node') {
    proc = fork(join(here, 'worker.ts'), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
    proc.on('message', (m) => deliver(m as Record<string, unknown>))
    send = (cmd) => proc.send?.(cmd === 'connect' ? { cmd, cfg } : { cmd })
  } else {
    const cookieFile = tempFile('cookies', cfg.chatters.map((c) => c || '-').join('\n') + '\n')
    const u = new URL(cfg.url)
    const prefix = [...(NICE ? ['nice', '-n', NICE] : []), ...(PIN ? ['taskset', '-c', LOAD_CPUS] : [])]
    proc = spawn(prefix[0] ?? loadgenBinary, [...prefix.slice(1), ...(prefix.length ? [loadgenBinary] : []), cfg.kind, u.hostname, u.port, u.pathname + u.search, cookieFile, String(cfg.likers), String(cfg.viewers),
      String(cfg.chatIntervalMs), String(cfg.likeIntervalMs), String(cfg.likeCount), String(cfg.connectConcurrency)], { stdio: ['pipe', 'pipe', 'inherit'] })
    onJsonLines(proc.stdout!, deliver)
    send = (cmd) => { if (proc.stdin!.writable) proc.stdin!.write(cmd + '\n') }
  }
  children.add(proc)
  w.proc = proc
  w.send = send
  proc.on('exit', () => children.delete(proc))
  // 'close', not 'exit': a worker's last lines may still be in the pipe when it has exited.
  proc.on('close', () => { w.closed = true; for (const f of w.waiters.splice(0)) f() })
  return w
}
async function expect(w: Worker, evt: string, timeoutMs = 600_000): Promise<Record<string, unknown>> {
  const until = Date.now() + timeoutMs
  for (;;) {
    const i = w.inbox.findIndex((m) => m.evt === evt)
    if (i !== -1) return w.inbox.splice(i, 1)[0]!
    if (w.closed) throw new Error(`load worker exited (code ${w.proc.exitCode}, signal ${w.proc.signalCode}) while waiting for ${evt}`)
    if (Date.now() > until) throw new Error(`load worker: no ${evt} after ${timeoutMs} ms`)
    await new Promise<void>((r) => { w.waiters.push(r); setTimeout(r, 1000) })
  }
}

function percentile(hist: Map<number, number>, total: number, p: number): number | null {
  if (!total) return null
  const want = Math.ceil(total * p)
  let seen = 0
  for (const ms of [...hist.keys()].sort((a, b) => a - b)) {
    seen += hist.get(ms)!
    if (seen >= want) return ms
  }
  return null
}

export interface ScenarioResult {
  scenario: Kind
  n: number
  ok: boolean
  error?: string
  connectSeconds?: number
  viewersConnected: number
  socketsFailed: number
  closedDuringRun: number
  measureSeconds: number
  chatSentPerSecond: number
  likeFramesSentPerSecond: number
  likesPerSecond: number
  chatErrorsSeen: number
  deliveredPerSecond: number
  deliveredShareOfOffered: number
  framesPerSecond: number
  receivedMBps: number
  latencyMs: { p50: number | null; p90: number | null; p99: number | null; max: number | null; samples: number }
  serverCpuSeconds: number
  serverCpuCores: number
  /** The part of serverCpuCores spent in the kernel (socket writes; on loopback also the receiving side's TCP work). */
  serverKernelCpuCores: number
  serverRssMB: { start: number; max: number; end: number }
  /** All cores, all processes (server + load workers + kernel), over the measured window. */
  machineBusyCores: number
  /** The higher 1-minute load average seen at the start and end of the window (2 cores: above 2 means a queue). */
  loadAverage1m: number
  deliveredPerCpuSecond: number
  loadWorkers: { count: number; cpuCores: number; maxLoopDelayP99Ms: number }
}

async function runScenario(kind: Kind, n: number): Promise<ScenarioResult> {
  const server = await startServer(kind)
  const workers: Worker[] = []
  try {
    const cookies = kind === 'hotland' ? await prepareHotland(server) : new Array<string>(CHATTERS).fill('')
    const pid = server.proc.pid!
    // Chatters and likers are viewers too: N sockets in all, spread evenly over the workers.
    const plain = Math.max(0, n - CHATTERS - LIKERS)
    for (let i = 0; i < WORKERS; i++) {
      const share = <T>(xs: T[]) => xs.filter((_, j) => j % WORKERS === i)
      workers.push(startWorker({
        kind, url: server.wsUrl,
        chatters: share(cookies),
        likers: share(Array.from({ length: LIKERS })).length,
        viewers: share(Array.from({ length: plain })).length,
        chatIntervalMs: CHAT_INTERVAL_MS, likeIntervalMs: LIKE_INTERVAL_MS, likeCount: LIKE_COUNT,
        connectConcurrency: 50,
      }))
    }
    await Promise.all(workers.map((w) => expect(w, 'up', 60_000)))
    const t0 = Date.now()
    for (const w of workers) w.send('connect')
    const connected = (await Promise.all(workers.map((w) => expect(w, 'connected')))) as unknown as WorkerStats[]
    const connectSeconds = (Date.now() - t0) / 1000
    log(`  ${connected.reduce((a, c) => a + c.ready, 0)}/${n} sockets ready in ${connectSeconds.toFixed(1)} s (failed ${connected.reduce((a, c) => a + c.failed, 0)})`)

    for (const w of workers) w.send('load')
    await Promise.all(workers.map((w) => expect(w, 'loading')))
    await sleep(WARMUP_SECONDS * 1000)

    for (const w of workers) w.send('measure')
    await Promise.all(workers.map((w) => expect(w, 'measuring')))
    const cpu0 = cpuSeconds(pid)
    const sysCpu0 = cpuTimes(pid).system
    const sys0 = machineJiffies()
    const load0 = loadavg()[0]!
    const tStart = performance.now()
    const rssStart = rssBytes(pid)
    let rssMax = rssStart
    let aborted: string | undefined
    while (performance.now() - tStart < SECONDS * 1000) {
      await sleep(500)
      if (server.proc.exitCode !== null || server.proc.signalCode !== null) { aborted = `server exited (${server.proc.exitCode ?? server.proc.signalCode})`; break }
      const rss = rssBytes(pid)
      rssMax = Math.max(rssMax, rss)
      if (rss > RSS_ABORT_BYTES) { aborted = `server RSS above ${RSS_ABORT_BYTES / 1024 ** 3} GB, stopped early`; break }
    }
    const alive = server.proc.exitCode === null && server.proc.signalCode === null
    const cpu1 = alive ? cpuSeconds(pid) : cpu0
    const sysCpu1 = alive ? cpuTimes(pid).system : sysCpu0
    const sys1 = machineJiffies()
    const rssEnd = alive ? rssBytes(pid) : 0
    const seconds = (performance.now() - tStart) / 1000
    for (const w of workers) w.send('stats')
    const st = (await Promise.all(workers.map((w) => expect(w, 'stats')))) as unknown as WorkerStats[]

    const sum = (f: (x: WorkerStats) => number) => st.reduce((a, x) => a + f(x), 0)
    const hist = new Map<number, number>()
    for (const x of st) for (const [ms, c] of x.hist) hist.set(ms, (hist.get(ms) ?? 0) + c)
    const samples = [...hist.values()].reduce((a, b) => a + b, 0)
    const ready = sum((x) => x.ready)
    const chatSent = sum((x) => x.chatsSent) / seconds
    const delivered = sum((x) => x.delivered) / seconds
    const serverCpu = cpu1 - cpu0
    const mb = (b: number) => Math.round(b / 1024 / 1024)
    return {
      scenario: kind, n, ok: !aborted, error: aborted, connectSeconds,
      viewersConnected: ready,
      socketsFailed: sum((x) => x.failed),
      closedDuringRun: sum((x) => x.closedDuringRun),
      measureSeconds: +seconds.toFixed(2),
      chatSentPerSecond: +chatSent.toFixed(1),
      likeFramesSentPerSecond: +(sum((x) => x.likeFramesSent) / seconds).toFixed(1),
      likesPerSecond: Math.round((sum((x) => x.likeFramesSent) / seconds) * LIKE_COUNT),
      chatErrorsSeen: sum((x) => x.errorsSeen),
      deliveredPerSecond: Math.round(delivered),
      deliveredShareOfOffered: +(delivered / Math.max(1, chatSent * ready)).toFixed(3),
      framesPerSecond: Math.round(sum((x) => x.framesIn) / seconds),
      receivedMBps: +(sum((x) => x.bytesIn) / seconds / 1024 / 1024).toFixed(1),
      latencyMs: {
        p50: percentile(hist, samples, 0.5), p90: percentile(hist, samples, 0.9), p99: percentile(hist, samples, 0.99),
        max: samples ? Math.max(...hist.keys()) : null, samples,
      },
      serverCpuSeconds: +serverCpu.toFixed(2),
      serverCpuCores: +(serverCpu / seconds).toFixed(2),
      serverKernelCpuCores: +((sysCpu1 - sysCpu0) / seconds).toFixed(2),
      loadAverage1m: +Math.max(load0, loadavg()[0]!).toFixed(1),
      machineBusyCores: +(((sys1.busy - sys0.busy) / Math.max(1, sys1.total - sys0.total)) * cpus().length).toFixed(2),
      serverRssMB: { start: mb(rssStart), max: mb(rssMax), end: mb(rssEnd) },
      deliveredPerCpuSecond: serverCpu > 0 ? Math.round((delivered * seconds) / serverCpu) : 0,
      loadWorkers: {
        count: WORKERS,
        cpuCores: +(sum((x) => x.cpuMs) / 1000 / seconds).toFixed(2),
        maxLoopDelayP99Ms: Math.round(Math.max(...st.map((x) => x.loopDelayP99Ms))),
      },
    }
  } catch (err) {
    log(`  ${kind} N=${n} failed: ${(err as Error).message}`)
    return { scenario: kind, n, ok: false, error: (err as Error).message } as ScenarioResult
  } finally {
    for (const w of workers) w.send('stop')
    await Promise.all(workers.map((w) => (w.proc.exitCode === null ? Promise.race([once(w.proc, 'exit'), sleep(5000)]) : null)))
    for (const w of workers) if (w.proc.exitCode === null) w.proc.kill('SIGKILL')
    await stopServer(server)
  }
}

function machine() {
  return {
    nproc: Number(execSync('nproc').toString().trim()),
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryGB: +(totalmem() / 1024 ** 3).toFixed(1),
    node: process.version,
    kernel: release(),
    ulimitNofile: Number(execSync('ulimit -n', { shell: '/bin/sh' }).toString().trim()),
  }
}

const fmt = (v: number | null | undefined, unit = '') => (v === null || v === undefined || Number.isNaN(v) ? '—' : `${v.toLocaleString('en-US')}${unit}`)
const ratio = (a: number | null | undefined, b: number | null | undefined) => (a && b ? `${(a / b).toFixed(2)}×` : '—')

function markdown(results: ScenarioResult[], meta: Record<string, unknown>, m: ReturnType<typeof machine>): string {
  const lines: string[] = []
  lines.push(`# Live-room fan-out benchmark — ${meta.date}`, '')
  lines.push(`Machine: ${m.nproc} cores (${m.cpuModel}), ${m.memoryGB} GB RAM, Node ${m.node}, Linux ${m.kernel}, ulimit -n ${m.ulimitNofile}.`)
  lines.push(`Load per scenario: N WebSocket viewers in one room from ${WORKERS} load-worker processes (250 of them chat at 0.8 msg/s each = ${CHAT_PER_SECOND} chat msg/s; ${LIKERS} of them send a like frame with count ${LIKE_COUNT} every second = ${LIKES_PER_SECOND} likes/s); ${WARMUP_SECONDS} s warm-up, then ${SECONDS} s measured. Command: \`${meta.command}\`.`, '')
  lines.push(`"Delivered" counts chat messages received by viewers (summed over sockets). Hotland samples chat above ${CHAT_CAP} per viewer per 100 ms tick by design (LIVE_CHAT_CAP_PER_TICK), so it delivers at most ~${CHAT_CAP * 10}/s per viewer; socket.io tries to deliver every message. Latency = receive time − send timestamp carried in the message text (same clock). Server CPU = utime+stime of the server process from /proc over the measured window.`, '')
  lines.push('**Noise:** a 2-core machine shared with other work (test suites of other sessions, browsers, servers): "other load on the box" is machine busy time minus the server and the load workers (it includes the kernel loopback TCP work). The load workers share the same 2 cores with the server, so CPU the clients burn is CPU the server cannot use, and latency includes client queueing. Absolute numbers move a lot between runs; ratios from the same run are more trustworthy.', '')
  for (const n of [...new Set(results.map((r) => r.n))]) {
    const h = results.find((r) => r.n === n && r.scenario === 'hotland')
    const s = results.find((r) => r.n === n && r.scenario === 'socketio')
    lines.push(`## N = ${n.toLocaleString('en-US')}`, '')
    lines.push('| | Hotland hub | socket.io baseline | Hotland / socket.io |', '|---|---:|---:|---:|')
    const row = (label: string, f: (r: ScenarioResult) => number | null | undefined, unit = '', showRatio = true) =>
      lines.push(`| ${label} | ${h ? fmt(f(h), unit) : '—'} | ${s ? fmt(f(s), unit) : '—'} | ${showRatio && h && s ? ratio(f(h), f(s)) : ''} |`)
    row('viewers connected', (r) => r.viewersConnected, '', false)
    row('chat sent (msg/s)', (r) => r.chatSentPerSecond, '', false)
    row('likes sent (/s)', (r) => r.likesPerSecond, '', false)
    row('**delivered chat (msg/s)**', (r) => r.deliveredPerSecond)
    row('delivered share of offered', (r) => (r.deliveredShareOfOffered === undefined ? null : Math.round(r.deliveredShareOfOffered * 100)), '%', false)
    row('frames received (/s)', (r) => r.framesPerSecond)
    row('received (MB/s)', (r) => r.receivedMBps)
    row('**latency p50 (ms)**', (r) => r.latencyMs?.p50)
    row('latency p90 (ms)', (r) => r.latencyMs?.p90)
    row('**latency p99 (ms)**', (r) => r.latencyMs?.p99)
    row('latency max (ms)', (r) => r.latencyMs?.max)
    row('server CPU (cores used)', (r) => r.serverCpuCores)
    row('… of which in the kernel (cores)', (r) => r.serverKernelCpuCores, '', false)
    row('server RSS max (MB)', (r) => r.serverRssMB?.max)
    row('**delivered per server CPU-second**', (r) => r.deliveredPerCpuSecond)
    row('load workers CPU (cores)', (r) => r.loadWorkers?.cpuCores, '', false)
    row('whole machine busy (cores of ' + m.nproc + ')', (r) => r.machineBusyCores, '', false)
    row('other load on the box (cores)', (r) => (r.machineBusyCores === undefined ? null : +Math.max(0, r.machineBusyCores - r.serverCpuCores - r.loadWorkers.cpuCores).toFixed(2)), '', false)
    row('1-min load average', (r) => r.loadAverage1m, '', false)
    row('load worker event-loop p99 (ms)', (r) => r.loadWorkers?.maxLoopDelayP99Ms, '', false)
    row('sockets closed during run', (r) => r.closedDuringRun, '', false)
    for (const r of [h, s]) if (r && !r.ok) lines.push('', `⚠ ${r.scenario}: ${r.error}`)
    lines.push('')
  }
  const h10 = results.find((r) => r.scenario === 'hotland' && r.n === 10000)
  const s10 = results.find((r) => r.scenario === 'socketio' && r.n === 10000)
  if (h10) {
    lines.push('## Targets (issue 3, item 10)', '')
    const p99 = h10.latencyMs?.p99
    lines.push(`- 10,000 viewers with p99 < 250 ms: ${h10.viewersConnected?.toLocaleString('en-US')} connected, p99 ${fmt(p99)} ms — **${h10.viewersConnected >= 10000 && p99 !== null && p99 !== undefined && p99 < 250 ? 'met' : 'missed'}**`)
    if (s10) {
      const x = h10.deliveredPerCpuSecond / Math.max(1, s10.deliveredPerCpuSecond)
      lines.push(`- ≥ 3× socket.io's delivered messages per server CPU-second: ${x.toFixed(2)}× — **${x >= 3 ? 'met' : 'missed'}**`)
    }
    lines.push('')
  }
  return lines.join('\n')
}

async function main() {
  const m = machine()
  if (CLIENT !== 'node') loadgenBinary = buildC(join(here, 'loadgen.c'))
  const date = new Date().toISOString().slice(0, 10)
  log(`live-fanout: N=${NS.join(',')} scenarios=${SCENARIOS.join(',')} ${SECONDS}s measured, ${WORKERS} load workers; ${m.nproc} cores, node ${m.node}`)
  const results: ScenarioResult[] = []
  for (const [i, n] of NS.entries()) {
    // Alternate which scenario goes first, so drift over the run does not always favour the same side.
    const order = i % 2 === 0 ? SCENARIOS : [...SCENARIOS].reverse()
    for (const kind of order) {
      log(`${kind} N=${n}`)
      const r = await runScenario(kind, n)
      results.push(r)
      if (r.ok || r.viewersConnected) log(`  delivered ${fmt(r.deliveredPerSecond)}/s, p50 ${fmt(r.latencyMs?.p50)} ms, p99 ${fmt(r.latencyMs?.p99)} ms, server CPU ${r.serverCpuCores} cores (kernel ${r.serverKernelCpuCores}), RSS ${r.serverRssMB?.max} MB, ${fmt(r.deliveredPerCpuSecond)} delivered/CPU-s, workers ${r.loadWorkers?.cpuCores} cores, machine ${r.machineBusyCores} cores busy`)
      await sleep(2000)
    }
  }
  const partial = env.BENCH_NS || env.BENCH_SECONDS || env.BENCH_SCENARIOS
  const outDir = join(repoRoot, 'bench/results')
  const name = freshResultName(outDir, `live-fanout-${date}${partial ? '-partial' : ''}`)
  const meta = { date, command: partial ? `BENCH_NS=${NS.join(',')} BENCH_SECONDS=${SECONDS} npm run bench:live` : 'npm run bench:live', seconds: SECONDS, warmupSeconds: WARMUP_SECONDS, workers: WORKERS, chatPerSecond: CHAT_PER_SECOND, likesPerSecond: LIKES_PER_SECOND, chatters: CHATTERS, likeFrameCount: LIKE_COUNT }
  mkdirSync(outDir, { recursive: true })
  writeFileSync(join(outDir, `${name}.json`), JSON.stringify({ meta, machine: m, results }, null, 2) + '\n')
  writeFileSync(join(outDir, `${name}.md`), markdown(results, meta, m))
  log(`wrote bench/results/${name}.json and .md`)
  console.log('\n' + markdown(results, meta, m))
}

main().then(() => process.exit(0), (err) => { console.error(err); process.exit(1) })
