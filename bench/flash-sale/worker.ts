// Load worker (forked by run.ts; never inside a server process). Each buyer grabs once: `connections` keep-alive HTTP
// connections each take the next buyer from this worker's share until none is left. Every request is recorded as
// [sentAt, doneAt, status, errorCode] with wall-clock milliseconds (performance.timeOrigin + now) so the parent can
// merge the workers' timelines.
import { Agent, request } from 'node:http'

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

function grab(agent: Agent, job: WorkerJob, b: Buyer, i: number): Promise<Sample> {
  const body = JSON.stringify(job.kind === 'hotland' ? { qty: 1, addressId: b.addressId, freshConfirmed: true } : { qty: 1 })
  const headers: Record<string, string | number> = {
    'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'idempotency-key': `bench-${process.pid}-${i}-${b.buyerId.slice(-12)}`,
  }
  if (b.cookie) headers.cookie = b.cookie
  else headers['x-buyer-id'] = b.buyerId
  const sentAt = wall()
  return new Promise((resolve) => {
    const req = request({ agent, host: job.host, port: job.port, path: job.path, method: 'POST', headers, timeout: job.timeoutMs }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => {
        let code = ''
        if (res.statusCode !== 201) {
          const m = /"code":"([A-Z_]+)"/.exec(Buffer.concat(chunks).toString('utf8'))
          code = m?.[1] ?? ''
        }
        resolve([sentAt, wall(), res.statusCode ?? 0, code])
      })
      res.on('error', () => resolve([sentAt, wall(), 0, 'RESPONSE_ERROR']))
    })
    req.on('timeout', () => req.destroy(new Error('timeout')))
    req.on('error', (e) => resolve([sentAt, wall(), 0, e.message === 'timeout' ? 'TIMEOUT' : 'SOCKET_ERROR']))
    req.end(body)
  })
}

process.on('message', async (job: WorkerJob) => {
  if (job.cmd !== 'run') return
  const agent = new Agent({ keepAlive: true, maxSockets: job.connections, maxFreeSockets: job.connections })
  const samples: Sample[] = new Array(job.buyers.length)
  let next = 0
  await new Promise((r) => setTimeout(r, Math.max(0, job.startAt - Date.now())))
  const cpu0 = process.cpuUsage()
  await Promise.all(Array.from({ length: job.connections }, async () => {
    while (next < job.buyers.length) {
      const i = next++
      samples[i] = await grab(agent, job, job.buyers[i]!, i)
    }
  }))
  agent.destroy()
  const cpu = process.cpuUsage(cpu0)
  process.send!({ evt: 'done', samples, cpuSeconds: (cpu.user + cpu.system) / 1e6 }, () => process.exit(0))
})
process.send!({ evt: 'ready' })
