import { describe, expect, it } from 'vitest'
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Fastify from 'fastify'
import { serveWebApp } from './web.ts'

async function appWithBuild() {
  const dist = mkdtempSync(join(tmpdir(), 'hotland-web-'))
  mkdirSync(join(dist, 'assets'))
  writeFileSync(join(dist, 'index.html'), '<!doctype html><title>热土</title>')
  writeFileSync(join(dist, 'assets', 'app-1.js'), 'console.log(1)')
  const app = Fastify()
  app.get('/api/known', async () => ({ ok: true }))
  await serveWebApp(app, dist)
  return { app, dist }
}

describe('serving the web app', () => {
  it('answers app paths with index.html, never cached', async () => {
    const { app } = await appWithBuild()
    for (const url of ['/', '/shops/shp_1', '/me']) {
      const res = await app.inject({ url })
      expect(res.statusCode).toBe(200)
      expect(res.body).toContain('热土')
      expect(res.headers['cache-control']).toBe('no-cache')
    }
  })

  it('caches hashed assets for a year and serves files built after start', async () => {
    const { app, dist } = await appWithBuild()
    const res = await app.inject({ url: '/assets/app-1.js' })
    expect(res.headers['cache-control']).toContain('immutable')
    writeFileSync(join(dist, 'assets', 'app-2.js'), 'console.log(2)')
    const later = await app.inject({ url: '/assets/app-2.js' })
    expect(later.statusCode).toBe(200)
    expect(later.body).toBe('console.log(2)')
  })

  it('answers a missing asset and an unknown API path with 404, not the app', async () => {
    const { app } = await appWithBuild()
    expect((await app.inject({ url: '/assets/gone.js' })).statusCode).toBe(404)
    const api = await app.inject({ url: '/api/unknown' })
    expect(api.statusCode).toBe(404)
    expect(api.json().error.code).toBe('NOT_FOUND')
    expect((await app.inject({ url: '/api/known' })).json()).toEqual({ ok: true })
  })
})
