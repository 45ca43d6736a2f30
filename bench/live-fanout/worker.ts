// Load worker: one process holding a share of the viewers' WebSockets (forked by run.ts, never inside a server).
// It speaks either Hotland's live-room protocol or socket.io's wire protocol (Engine.IO v4 over a raw WebSocket,
// so both sides cost the client the same: no JSON parsing, one byte scan per frame for "bench:<ms>" stamps).
import { monitorEventLoopDelay } from 'node:perf_hooks'
import WebSocket from 'ws'

export type Kind = 'hotland' | 'socketio'
export interface WorkerConfig {
  kind: Kind
  url: string
  /** Cookies of the chatters this worker holds (Hotland: hotland_session=…; socket.io: empty strings). */
  chatters: string[]
  likers: number
  viewers: number // plain viewers, besides chatters and likers
  chatIntervalMs: number
  likeIntervalMs: number
  likeCount: number
  connectConcurrency: number
}
export interface WorkerStats {
  open: number
  ready: number
  failed: number
  closedDuringRun: number
  delivered: number
  framesIn: number
  bytesIn: number
  chatsSent: number
  likeFramesSent: number
  errorsSeen: number
  hist: Array<[number, number]>
  cpuMs: number
  loopDelayP99Ms: number
}

const HIST_MAX = 120_000
const STAMP = Buffer.from('bench:')
const ERROR = Buffer.from('"type":"error"')

let cfg: WorkerConfig
const sockets: Conn[] = []
let measuring = false
let loadTimers: NodeJS.Timeout[] = []
const hist = new Uint32Array(HIST_MAX + 1)
const loop = monitorEventLoopDelay({ resolution: 10 })
let cpuAt = process.cpuUsage()
let s = fresh()
function fresh() {
  return { delivered: 0, framesIn: 0, bytesIn: 0, chatsSent: 0, likeFramesSent: 0, errorsSeen: 0, closedDuringRun: 0 }
}

interface Conn { ws: WebSocket; ready: boolean; role: 'chatter' | 'liker' | 'viewer' }

function scan(buf: Buffer, now: number) {
  let delivered = 0
  let at = buf.indexOf(STAMP)
  while (at !== -1) {
    let ts = 0
    let i = at + STAMP.length
    for (; i < buf.length; i++) {
      const c = buf[i]!
      if (c < 48 || c > 57) break
      ts = ts * 10 + (c - 48)
    }
    delivered++
    if (measuring) {
      const ms = Math.max(0, now - ts)
      hist[ms > HIST_MAX ? HIST_MAX : ms]!++
    }
    at = buf.indexOf(STAMP, i)
  }
  if (measuring) s.delivered += delivered
}

function onFrame(c: Conn, data: Buffer) {
  const now = Date.now()
  if (measuring) {
    s.framesIn++
    s.bytesIn += data.length
  }
  if (cfg.kind === 'hotland') {
    if (!c.ready) c.ready = true // the first frame carries 'hello'
    if (c.role !== 'viewer' && measuring && data.indexOf(ERROR) !== -1) s.errorsSeen++
    scan(data, now)
    return
  }
  // Engine.IO v4: '0' open, '2' ping, '4' + socket.io packet ('0' connect, '2' event).
  const t = data[0]
  if (t === 0x34 /* 4 */) {
    if (data[1] === 0x32 /* 2 */) scan(data, now)
    else if (data[1] === 0x30 /* 0 */) c.ready = true
    else if (data[1] === 0x34 /* 4 connect_error */ && measuring) s.errorsSeen++
  } else if (t === 0x32) c.ws.send('3')
  else if (t === 0x30) c.ws.send('40')
}

function open(role: Conn['role'], cookie: string): Promise<void> {
  return new Promise((resolve) => {
    let attempts = 0
    const go = () => {
      attempts++
      const ws = new WebSocket(cfg.url, {
        headers: cookie ? { cookie } : {}, perMessageDeflate: false, skipUTF8Validation: true, handshakeTimeout: 30_000,
      })
      const c: Conn = { ws, ready: false, role }
      let opened = false
      ws.on('open', () => {
        opened = true
        sockets.push(c)
        resolve()
      })
      ws.on('message', (data: Buffer) => onFrame(c, data))
      ws.on('error', () => {})
      ws.on('close', () => {
        if (!opened) {
          if (attempts < 4) setTimeout(go, 500 * attempts)
          else { failed++; resolve() }
          return
        }
        c.ready = false
        if (measuring) s.closedDuringRun++
      })
    }
    go()
  })
}
let failed = 0

async function connectAll() {
  const plan: Array<[Conn['role'], string]> = [
    ...cfg.chatters.map((cookie) => ['chatter', cookie] as [Conn['role'], string]),
    ...Array.from({ length: cfg.likers }, () => ['liker', ''] as [Conn['role'], string]),
    ...Array.from({ length: cfg.viewers }, () => ['viewer', ''] as [Conn['role'], string]),
  ]
  let next = 0
  await Promise.all(Array.from({ length: cfg.connectConcurrency }, async () => {
    while (next < plan.length) {
      const [role, cookie] = plan[next++]!
      await open(role, cookie)
    }
  }))
  // Wait (bounded) for the hello / connect acknowledgement on every socket.
  const until = Date.now() + 30_000
  while (Date.now() < until && sockets.some((c) => !c.ready && c.ws.readyState === WebSocket.OPEN)) await sleep(200)
}

function startLoad() {
  const chatFrame = cfg.kind === 'hotland'
    ? () => JSON.stringify({ type: 'chat', text: `bench:${Date.now()}` })
    : () => `42["chat","bench:${Date.now()}"]`
  const likeFrame = cfg.kind === 'hotland' ? JSON.stringify({ type: 'like', count: cfg.likeCount }) : `42["like",${cfg.likeCount}]`
  for (const c of sockets) {
    if (c.role === 'viewer') continue
    const interval = c.role === 'chatter' ? cfg.chatIntervalMs : cfg.likeIntervalMs
    const fire = () => {
      if (c.ws.readyState !== WebSocket.OPEN) return
      if (c.role === 'chatter') {
        c.ws.send(chatFrame())
        if (measuring) s.chatsSent++
      } else {
        c.ws.send(likeFrame)
        if (measuring) s.likeFramesSent++
      }
    }
    // Random phase so the load is smooth rather than in bursts.
    const t = setTimeout(() => { fire(); loadTimers.push(setInterval(fire, interval)) }, Math.random() * interval)
    loadTimers.push(t)
  }
}

function stats(): WorkerStats {
  const h: Array<[number, number]> = []
  for (let i = 0; i <= HIST_MAX; i++) if (hist[i]) h.push([i, hist[i]!])
  const cpu = process.cpuUsage(cpuAt)
  return {
    ...s,
    open: sockets.filter((c) => c.ws.readyState === WebSocket.OPEN).length,
    ready: sockets.filter((c) => c.ready && c.ws.readyState === WebSocket.OPEN).length,
    failed,
    hist: h,
    cpuMs: (cpu.user + cpu.system) / 1000,
    loopDelayP99Ms: loop.percentile(99) / 1e6,
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const reply = (m: unknown) => process.send?.(m)

process.on('message', async (m: { cmd: string; cfg?: WorkerConfig }) => {
  switch (m.cmd) {
    case 'connect':
      cfg = m.cfg!
      await connectAll()
      reply({ evt: 'connected', ...stats() })
      break
    case 'load':
      startLoad()
      reply({ evt: 'loading' })
      break
    case 'measure':
      s = fresh()
      hist.fill(0)
      loop.reset()
      loop.enable()
      cpuAt = process.cpuUsage()
      measuring = true
      reply({ evt: 'measuring' })
      break
    case 'stats':
      measuring = false
      loop.disable()
      reply({ evt: 'stats', ...stats() })
      break
    case 'stop':
      for (const t of loadTimers) clearInterval(t)
      loadTimers = []
      for (const c of sockets) c.ws.terminate()
      setTimeout(() => process.exit(0), 200)
      break
  }
})
// The parent died or went away: never outlive it.
process.on('disconnect', () => process.exit(0))
reply({ evt: 'up' })
