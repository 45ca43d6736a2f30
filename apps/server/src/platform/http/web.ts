import { existsSync } from 'node:fs'
import { join } from 'node:path'
import fastifyStatic from '@fastify/static'
import type { FastifyInstance } from 'fastify'

/** Serves the built web app with a single-page-app fallback; /api/* misses get the JSON 404. */
export async function serveWebApp(app: FastifyInstance, distDir: string): Promise<void> {
  const hasBuild = existsSync(join(distDir, 'index.html'))
  if (hasBuild) {
    await app.register(fastifyStatic, { root: distDir, wildcard: false, index: ['index.html'], maxAge: '1h' })
  }
  app.setNotFoundHandler((req, reply) => {
    const path = req.url.split('?')[0] ?? ''
    if (path.startsWith('/api/') || path === '/api' || req.method !== 'GET') {
      return reply.status(404).send({ error: { code: 'NOT_FOUND', message: `No route ${req.method} ${path}` } })
    }
    if (!hasBuild) {
      return reply.status(503).type('text/plain; charset=utf-8')
        .send('The web app is not built. Run `npm start` from the repository root (it builds apps/web), or `npm run build`.')
    }
    return reply.header('cache-control', 'no-cache').sendFile('index.html')
  })
}
