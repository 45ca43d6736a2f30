import { afterAll, describe, expect, it } from 'vitest'
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { openTestDb } from './helpers/db.ts'
import { LiveClient } from './helpers/live.ts'
import { freePort } from './helpers/ports.ts'

// Two server processes on one PostgreSQL and one Redis: a room works across them (Redis pub/sub).
const enabled = !!process.env.TEST_DATABASE_URL && !!process.env.TEST_REDIS_URL
const serverDir = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const children: ChildProcess[] = []
afterAll(() => children.forEach((c) => c.kill('SIGTERM')))

async function startServer(databaseUrl: string) {
  const port = await freePort()
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: serverDir,
    env: {
      ...process.env, PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: databaseUrl, REDIS_URL: process.env.TEST_REDIS_URL,
      SECRET_KEY: 'two-process-secret-two-process-secret-00', MEDIA_SERVER: 'off', DEMO_DATA: 'true', LOG_LEVEL: 'warn',
      HOTLAND_DATA_DIR: mkdtempSync(join(tmpdir(), 'hotland-2p-')),
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  children.push(child)
  const base = `http://127.0.0.1:${port}`
  for (let i = 0; i < 120; i++) {
    try {
      if ((await fetch(`${base}/api/ready`)).ok) return base
    } catch { /* not listening yet */ }
    await new Promise((r) => setTimeout(r, 250))
  }
  throw new Error('server did not become ready')
}

async function login(base: string, phone: string) {
  const res = await fetch(`${base}/api/accounts/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ phone, password: 'hotland-demo' }) })
  expect(res.status).toBe(200)
  return res.headers.get('set-cookie')!.split(';')[0]!
}

describe.skipIf(!enabled)('a live room across two server processes', () => {
  it('carries chat and pins from a viewer on one process to a viewer on the other, and counts viewers on both', async () => {
    const db = await openTestDb()
    try {
      const a = await startServer(db.url!) // seeds the demo data
      const b = await startServer(db.url!)
      const room = ((await (await fetch(`${a}/api/live-rooms?status=scheduled`)).json()) as { items: Array<{ id: string; featuredProducts: Array<{ id: string }> }> }).items[0]!
      const farmer = await login(b, '13800000002')
      const buyer = await login(a, '13800000004') // a session made on A works on B: sessions live in Redis

      const watcherOnA = new LiveClient(`${a.replace('http', 'ws')}/api/live-rooms/${room.id}/socket`)
      const buyerOnB = new LiveClient(`${b.replace('http', 'ws')}/api/live-rooms/${room.id}/socket`, buyer)
      await watcherOnA.ready()
      await buyerOnB.ready()

      buyerOnB.send({ type: 'chat', text: '从另一台服务器发来的问候' })
      await watcherOnA.until(() => watcherOnA.of('chat').some((c) => c.message.text === '从另一台服务器发来的问候'))

      const productId = room.featuredProducts[0]!.id
      const pin = await fetch(`${b}/api/live-rooms/${room.id}/pin`, { method: 'POST', headers: { cookie: farmer, 'content-type': 'application/json' }, body: JSON.stringify({ productId }) })
      expect(pin.status).toBe(200)
      await watcherOnA.until(() => watcherOnA.of('pin').some((p) => p.product?.id === productId))

      await watcherOnA.until(() => watcherOnA.of('viewers').some((v) => v.now === 2), 8000)
      watcherOnA.close()
      buyerOnB.close()
    } finally {
      children.forEach((c) => c.kill('SIGTERM'))
      await new Promise((r) => setTimeout(r, 500))
      await db.close()
    }
  }, 90_000)
})
