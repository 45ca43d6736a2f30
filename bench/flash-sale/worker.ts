// Load worker (forked by run.ts; never inside a server process). Each buyer grabs once: `connections` keep-alive HTTP
// connections each take the next buyer from this worker's share until none is left. Every request is recorded as
// [sentAt, doneAt, status, errorCode] with wall-clock milliseconds (performance.timeOrigin + now) so the parent can
// merge the workers' timelines.
//
// The client is a minimal HTTP/1.1 keep-alive client on raw sockets (one request in flight per connection, responses
// with Content-Length — what both servers send) instead of node:http: the load workers share the machine's 2 cores
// with the server and the database, and node:http's client cost about as much CPU per request as the server under
// test. It measures the same thing (send → last byte of the response) with less of the machine.
import { connect, type Socket } from 'node:net'

export interface Buyer { buyerId: string; cookie?: string; addressId?: string }
export interface WorkerJob {
  cmd: 'run'
  kind: 'hotland' | 'naive'
  host: string
  port: number
  path: string
  buyers: Buyer[]
  connections: number
  startAt: number
  timeoutMs: number
}
export type Sample = [sentAt: number, doneAt: number, status: number, code: string]

const wall = () => performance.timeOrigin + performance.now()

function requestBytes(job: WorkerJob, b: Buyer, i: number): Buffer {
  const body = JSON.stringify(job.kind === 'hotland' ? { qty: 1, addressId: b.addressId, freshConfirmed: true } : { qty: 1 })
  const auth = b.cookie ? `cookie: ${b.cookie}` : `x-buyer-id: ${b.buyerId}`
  return Buffer.from(`POST ${job.path} HTTP/1.1\r\nhost: ${job.host}:${job.port}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\n` +
    `idempotency-key: bench-${process.pid}-${i}-${b.buyerId.slice(-12)}\r\n${auth}\r\n\r\n${body}`)
}

/** One keep-alive connection: send a request, read one response, repeat. Reconnects after an error. */
class Conn {
  private socket: Socket | null = null
  private buf = Buffer.alloc(0)
  private waiting: ((r: { status: number; body: Buffer } | Error) => void) | null = null
  constructor(private job: WorkerJob) {}

  private open(): Promise<void> {
    return new Promise((resolve, reject) => {
      const s = connect({ host: this.job.host, port: this.job.port, noDelay: true })
      s.once('connect', () => { this.socket = s; resolve() })
      s.on('data', (chunk: Buffer) => { this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : chunk; this.parse() })
      const fail = (err: Error) => {
        if (this.socket === s) this.socket = null
        this.buf = Buffer.alloc(0)
        const w = this.waiting
        this.waiting = null
        w?.(err)
        reject(err)
      }
      s.on('error', fail)
      s.on('close', () => fail(new Error('closed')))
    })
  }

  private parse() {
    if (!this.waiting) return
    const end = this.buf.indexOf('\r\n\r\n')
    if (end === -1) return
    const head = this.buf.toString('latin1', 0, end)
    const status = Number(head.slice(9, 12))
    const m = /\r\ncontent-length:\s*(\d+)/i.exec(head)
    if (!m) {
      const w = this.waiting
      this.waiting = null
      this.socket?.destroy()
      return w(new Error('no content-length'))
    }
    const total = end + 4 + Number(m[1])
    if (this.buf.length < total) return
    const body = this.buf.subarray(end + 4, total)
    this.buf = this.buf.subarray(total)
    const w = this.waiting
    this.waiting = null
    w({ status, body })
  }

  async send(req: Buffer): Promise<Sample> {
    const sentAt = wall()
    try {
      if (!this.socket) await this.open()
      const res = await new Promise<{ status: number; body: Buffer } | Error>((resolve) => {
        const timer = setTimeout(() => { this.waiting = null; this.socket?.destroy(); resolve(new Error('timeout')) }, this.job.timeoutMs)
        this.waiting = (r) => { clearTimeout(timer); resolve(r) }
        this.socket!.write(req)
      })
      if (res instanceof Error) return [sentAt, wall(), 0, res.message === 'timeout' ? 'TIMEOUT' : 'SOCKET_ERROR']
      let code = ''
      if (res.status !== 201) code = /"code":"([A-Z_]+)"/.exec(res.body.toString('utf8'))?.[1] ?? ''
      return [sentAt, wall(), res.status, code]
    } catch {
      return [sentAt, wall(), 0, 'SOCKET_ERROR']
    }
  }

  close() {
    this.socket?.destroy()
  }
}

process.on('message', async (job: WorkerJob) => {
  if (job.cmd !== 'run') return
  const requests = job.buyers.map((b, i) => requestBytes(job, b, i)) // built before the start signal
  const conns = Array.from({ length: job.connections }, () => new Conn(job))
  const samples: Sample[] = new Array(job.buyers.length)
  let next = 0
  await new Promise((r) => setTimeout(r, Math.max(0, job.startAt - Date.now())))
  const cpu0 = process.cpuUsage()
  await Promise.all(conns.map(async (c) => {
    while (next < job.buyers.length) {
      const i = next++
      samples[i] = await c.send(requests[i]!)
    }
  }))
  conns.forEach((c) => c.close())
  const cpu = process.cpuUsage(cpu0)
  process.send!({ evt: 'done', samples, cpuSeconds: (cpu.user + cpu.system) / 1e6 }, () => process.exit(0))
})
process.send!({ evt: 'ready' })
