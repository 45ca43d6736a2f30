import { existsSync } from 'node:fs'
import { join } from 'node:path'
import fastifyStatic from '@fastify/static'
import type { FastifyInstance } from 'fastify'

/** Serves the built web app with a single-page-app fallback; /api/* misses get the JSON 404. */
export async function serveWebApp(app: FastifyInstance, distDir: string): Promise<void> {
  const hasBuild = existsSync(join(distDir, 'index.html'))
  if (hasBuild) {
    // wildcard: files are looked up per request, so a rebuild is served without a restart. Hashed assets are
    // immutable; index.html must never be cached, or phones keep an old app after a deploy.
    await app.register(fastifyStatic, {
      root: distDir, wildcard: true, index: false,
      setHeaders(reply, path) {
        reply.header('cache-control', path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache')
      },
    })
    app.get('/', { schema: { hide: true } }, (_req, reply) => reply.header('cache-control', 'no-cache').sendFile('index.html'))
  }
  app.setNotFoundHandler((req, reply) => {
    const path = req.url.split('?')[0] ?? ''
    if (path.startsWith('/api/') || path === '/api' || req.method !== 'GET') {
      return reply.status(404).send({ error: { code: 'NOT_FOUND', message: `No route ${req.method} ${path}` } })
    }
    if (path.startsWith('/assets/')) {
      return reply.status(404).type('text/plain').send('Not found')
    }
    if (!hasBuild) {
      return reply.status(503).type('text/plain; charset=utf-8')
        .send('The web app is not built. Run `npm start` from the repository root (it builds apps/web), or `npm run build`.')
    }
    return reply.header('cache-control', 'no-cache').sendFile('index.html')
  })
}
