import { describe, expect, it } from 'vitest'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ConfigError, loadConfig } from './config.ts'

const dataDir = () => mkdtempSync(join(tmpdir(), 'hotland-config-'))

describe('loadConfig', () => {
  it('uses safe defaults for a first start and creates a secret in the data folder', () => {
    const dir = dataDir()
    const c = loadConfig({ HOTLAND_DATA_DIR: dir })
    expect(c.port).toBe(3000)
    expect(c.databaseUrl).toBeUndefined()
    expect(c.dataDir).toBe(dir)
    expect(c.secretKey).toBe(readFileSync(join(dir, 'secret.key'), 'utf8').trim())
    expect(loadConfig({ HOTLAND_DATA_DIR: dir }).secretKey).toBe(c.secretKey)
  })

  it.each([
    ['PORT', 'abc', /PORT: must be an integer/],
    ['PORT', '70000', /PORT: must be between 0 and 65535/],
    ['LOG_LEVEL', 'loud', /LOG_LEVEL: must be one of/],
    ['DATABASE_URL', 'mysql://x', /DATABASE_URL: must use postgres:/],
    ['REDIS_URL', 'not a url', /REDIS_URL: must be a URL/],
    ['PUBLIC_URL', 'ftp://x', /PUBLIC_URL: must use http:/],
    ['DEMO_DATA', 'maybe', /DEMO_DATA: must be true or false/],
    ['SECRET_KEY', 'short', /SECRET_KEY: must be at least 32 characters/],
    ['MAX_UPLOAD_MB', '0', /MAX_UPLOAD_MB: must be between 1 and 100/],
  ])('stops on a bad %s and names it', (name, value, message) => {
    expect(() => loadConfig({ HOTLAND_DATA_DIR: dataDir(), [name]: value })).toThrow(ConfigError)
    expect(() => loadConfig({ HOTLAND_DATA_DIR: dataDir(), [name]: value })).toThrow(message)
  })

  it('requires SECRET_KEY when several processes share PostgreSQL', () => {
    expect(() => loadConfig({ HOTLAND_DATA_DIR: dataDir(), DATABASE_URL: 'postgres://localhost/x' })).toThrow(/SECRET_KEY: is required/)
  })

  it('never echoes a database password in the error', () => {
    try {
      loadConfig({ HOTLAND_DATA_DIR: dataDir(), DATABASE_URL: 'mysql://u:hunter2@h/db' })
      expect.unreachable()
    } catch (err) {
      expect(String(err)).not.toContain('hunter2')
    }
  })

  it('marks cookies Secure when the public URL is https', () => {
    expect(loadConfig({ HOTLAND_DATA_DIR: dataDir(), PUBLIC_URL: 'https://hotland.example.org' }).cookieSecure).toBe(true)
  })
})

describe('payment providers', () => {
  it('turns Alipay on only when all of its variables are set, and names the missing one', () => {
    const dir = dataDir()
    expect(loadConfig({ HOTLAND_DATA_DIR: dir }).payments.alipay).toBeNull()
    expect(() => loadConfig({ HOTLAND_DATA_DIR: dir, ALIPAY_APP_ID: '2021000000000000' })).toThrow(/ALIPAY_PRIVATE_KEY: is required when ALIPAY_APP_ID is set/)
    expect(loadConfig({ HOTLAND_DATA_DIR: dir, ALIPAY_APP_ID: '1', ALIPAY_PRIVATE_KEY: 'k', ALIPAY_PUBLIC_KEY: 'p' }).payments.alipay).toMatchObject({ appId: '1' })
  })
})
