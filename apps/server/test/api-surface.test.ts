import { describe, expect, it } from 'vitest'
import { buildTestApp } from './helpers/app.ts'
import { useTestApp } from './helpers/suite.ts'

const t = useTestApp()

describe('API surface', () => {
  it('publishes OpenAPI with request and response schemas on every route', async () => {
    const res = await t.built.app.inject({ method: 'GET', url: '/api/openapi.json' })
    expect(res.statusCode).toBe(200)
    const doc = res.json() as { paths: Record<string, Record<string, { requestBody?: unknown; responses: Record<string, { content?: unknown }> }>> }
    const ops = Object.entries(doc.paths).flatMap(([path, methods]) => Object.entries(methods).map(([m, op]) => ({ path, m, op })))
    expect(ops.length).toBeGreaterThan(35)
    for (const { path, m, op } of ops) {
      const ok = Object.entries(op.responses).find(([code]) => code.startsWith('2'))
      expect(ok, `${m} ${path} has a 2xx response`).toBeDefined()
      if (ok![0] !== '204' && !path.startsWith('/api/media/files')) expect(ok![1].content, `${m} ${path} 2xx has a schema`).toBeDefined()
      const bodiless = /\/(accept|decline|cancel|approve|logout|follow|end|rotate|read|publish-done|confirm-receipt|escalate|depart)$|\/(commissioners|moderators)\/|^\/api\/media\/images$/
      if (['post', 'put', 'patch'].includes(m) && !bodiless.test(path)) {
        expect(op.requestBody, `${m} ${path} has a request body schema`).toBeDefined()
      }
    }
    expect(doc.paths['/api/__test__/otp-codes/{phone}']).toBeUndefined()
  })

  it('serves the API docs page', async () => {
    const res = await t.built.app.inject({ method: 'GET', url: '/api/docs/' })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toMatch(/text\/html/)
  })

  it('reports liveness and database readiness', async () => {
    expect((await t.built.app.inject({ method: 'GET', url: '/api/health' })).json().status).toBe('ok')
    expect((await t.built.app.inject({ method: 'GET', url: '/api/ready' })).json()).toMatchObject({ status: 'ready', checks: { database: true } })
  })

  it('tells the server time on every API answer, errors included', async () => {
    const before = Date.now()
    for (const url of ['/api/health', '/api/no-such-thing']) {
      const t0 = Number((await t.built.app.inject({ method: 'GET', url })).headers['x-server-time'])
      expect(t0).toBeGreaterThanOrEqual(before - 1000)
      expect(t0).toBeLessThanOrEqual(Date.now() + 1000)
    }
  })

  it('says not ready (503) when the database does not answer', async () => {
    const local = await buildTestApp({ ...t.h, ping: async () => false })
    const res = await local.app.inject({ method: 'GET', url: '/api/ready' })
    expect(res.statusCode).toBe(503)
    expect(res.json().checks.database).toBe(false)
    await local.app.close()
  })

  it('answers unknown API paths with the JSON error shape', async () => {
    const res = await t.built.app.inject({ method: 'GET', url: '/api/nope' })
    expect(res.statusCode).toBe(404)
    expect(res.json()).toEqual({ error: { code: 'NOT_FOUND', message: expect.any(String) } })
  })

  it('hides the message of unexpected errors', async () => {
    const local = await buildTestApp(t.h)
    local.app.get('/api/boom', async () => { throw new Error('secret internals') })
    const res = await local.app.inject({ method: 'GET', url: '/api/boom' })
    expect(res.statusCode).toBe(500)
    expect(res.body).not.toContain('secret internals')
    expect(res.json().error.code).toBe('INTERNAL')
    await local.app.close()
  })

  it('has no test routes unless enabled', async () => {
    expect((await t.built.app.inject({ method: 'GET', url: '/api/__test__/otp-codes/13800000000' })).statusCode).toBe(404)
  })
})
