// Shared by the benchmarks: child processes and temp dirs that are always cleaned up, free ports, CPU time, logging.
import { execSync, type ChildProcess } from 'node:child_process'
import type { Readable } from 'node:stream'
import { once } from 'node:events'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createServer } from 'node:net'

export const children = new Set<ChildProcess>()
export const tempDirs: string[] = []

function cleanup() {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL')
  for (const d of tempDirs) rmSync(d, { recursive: true, force: true })
}
process.on('exit', cleanup)
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => { console.error(`\n${signal}: cleaning up`); process.exit(130) })

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
export const log = (...a: unknown[]) => console.log(`[${new Date().toISOString().slice(11, 19)}]`, ...a)

export async function freePort(): Promise<number> {
  const srv = createServer()
  srv.listen(0, '127.0.0.1')
  await once(srv, 'listening')
  const port = (srv.address() as { port: number }).port
  srv.close()
  return port
}

const CLK_TCK = Number(execSync('getconf CLK_TCK').toString().trim()) || 100
/** utime + stime of a process, in seconds (0 once it has gone). */
export function cpuSeconds(pid: number): number {
  const t = cpuTimes(pid)
  return t.user + t.system
}
/** utime and stime of a process separately, in seconds (zeros once it has gone). */
export function cpuTimes(pid: number): { user: number; system: number } {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return { user: Number(f[11]) / CLK_TCK, system: Number(f[12]) / CLK_TCK }
  } catch {
    return { user: 0, system: 0 }
  }
}

/**
 * A result name that does not overwrite a committed run: `base`, else `base-run2`, `base-run3`, … (partial runs, which
 * are git-ignored, are overwritten as before).
 */
export function freshResultName(dir: string, base: string): string {
  if (base.endsWith('-partial')) return base
  let name = base
  for (let i = 2; existsSync(join(dir, `${name}.md`)) || existsSync(join(dir, `${name}.json`)); i++) name = `${base}-run${i}`
  return name
}

/** A file in a fresh temp dir (removed at exit). */
export function tempFile(name: string, content: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'hotland-bench-'))
  tempDirs.push(dir)
  const file = join(dir, name)
  writeFileSync(file, content)
  return file
}

/** Compiles a C load client with the system compiler (`cc -O2`) into a temp dir; returns the binary's path. */
export function buildC(source: string): string {
  const binary = tempFile('loadgen', '')
  execSync(`cc -O2 -o ${binary} ${source}`, { stdio: 'inherit' })
  return binary
}

/** Calls `fn` with each JSON object a child prints on its own line (the C load clients' protocol). */
export function onJsonLines(stream: Readable, fn: (m: Record<string, unknown>) => void) {
  let pending = ''
  stream.setEncoding('utf8').on('data', (chunk: string) => {
    pending += chunk
    let nl: number
    while ((nl = pending.indexOf('\n')) !== -1) {
      const line = pending.slice(0, nl)
      pending = pending.slice(nl + 1)
      if (line.trim()) fn(JSON.parse(line) as Record<string, unknown>)
    }
  })
}
