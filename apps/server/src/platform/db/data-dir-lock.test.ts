import { describe, expect, it } from 'vitest'
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { lockDataDir } from './data-dir-lock.ts'

describe('data folder lock', () => {
  it('refuses a second server on the same folder while the first is alive, and frees it on release', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hotland-lock-'))
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 10000)'])
    try {
      writeFileSync(join(dir, 'server.pid'), String(other.pid))
      expect(() => lockDataDir(dir)).toThrow(/Another Hotland server \(pid \d+\)/)
    } finally {
      other.kill()
      await new Promise((r) => other.on('exit', r))
    }
    const release = lockDataDir(dir) // a stale pid file from a dead process is taken over
    expect(existsSync(join(dir, 'server.pid'))).toBe(true)
    release()
    expect(existsSync(join(dir, 'server.pid'))).toBe(false)
  })
})
