// Starts the real server (apps/server) on a free port with a fresh data dir and test routes, serving the built web app.
// Pass-through: DATABASE_URL / REDIS_URL (CI runs the same journeys against PostgreSQL + Redis).
import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { TestProject } from 'vitest/node'
import { hasChromium, SKIP_NOTICE } from './support/env'

declare module 'vitest' {
  export interface ProvidedContext {
    baseURL: string
  }
}

const webDir = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const serverDir = resolve(webDir, '../server')

function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer()
    srv.unref()
    srv.on('error', rej)
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address()
      const port = typeof addr === 'object' && addr ? addr.port : 0
      srv.close(() => res(port))
    })
  })
}

async function waitReady(url: string, child: ChildProcess, output: () => string, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with code ${child.exitCode} before ready:\n${output()}`)
    try {
      const res = await fetch(url)
      if (res.ok) return
    } catch { /* not listening yet */ }
    await new Promise((r) => setTimeout(r, 300))
  }
  throw new Error(`server not ready after ${timeoutMs} ms:\n${output()}`)
}

export default async function setup(project: TestProject) {
  if (!hasChromium) {
    console.warn(SKIP_NOTICE)
    project.provide('baseURL', '')
    return
  }
  const port = await freePort()
  // The embedded media server (RTMP in, HTTP-FLV out) gets free ports too, so a dev server on 1935/8000 does not clash.
  const [rtmpPort, mediaHttpPort] = [await freePort(), await freePort()]
  const dataDir = mkdtempSync(join(tmpdir(), 'hotland-e2e-'))
  let out = ''
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: serverDir,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      HOTLAND_DATA_DIR: dataDir,
      ENABLE_TEST_ROUTES: 'true',
      LOG_LEVEL: 'warn',
      WEB_DIST_DIR: resolve(webDir, 'dist'),
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      MEDIA_RTMP_PORT: String(rtmpPort),
      MEDIA_HTTP_PORT: String(mediaHttpPort),
      MEDIA_BIND: '127.0.0.1',
      // required by the server when DATABASE_URL is set; throwaway for a test run
      SECRET_KEY: process.env.SECRET_KEY ?? randomBytes(32).toString('base64url'),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  child.stdout?.on('data', (d: Buffer) => { out += d.toString() })
  child.stderr?.on('data', (d: Buffer) => { out += d.toString() })
  const baseURL = `http://127.0.0.1:${port}`
  try {
    await waitReady(`${baseURL}/api/ready`, child, () => out)
  } catch (err) {
    child.kill('SIGKILL')
    rmSync(dataDir, { recursive: true, force: true })
    throw err
  }
  project.provide('baseURL', baseURL)

  return async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM')
      await new Promise<void>((r) => {
        const t = setTimeout(() => { child.kill('SIGKILL'); r() }, 10_000)
        child.once('exit', () => { clearTimeout(t); r() })
      })
    }
    if (process.env.E2E_SERVER_LOG) console.log(out)
    rmSync(dataDir, { recursive: true, force: true })
  }
}
