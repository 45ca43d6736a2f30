import fp from 'fastify-plugin'
import type { FastifyPluginAsync } from 'fastify'
import { SESSION_COOKIE, type Actor } from './actor.ts'

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null
    sessionToken: string | null
  }
}

export interface AuthPluginOptions {
  resolveSession(token: string): Promise<Actor | null>
}

/** Reads the session cookie on every request and puts the logged-in user (or null) on request.actor. */
const authPlugin: FastifyPluginAsync<AuthPluginOptions> = async (app, opts) => {
  app.decorateRequest('actor', null)
  app.decorateRequest('sessionToken', null)
  app.addHook('onRequest', async (req) => {
    const token = req.cookies[SESSION_COOKIE]
    if (!token || token.length > 100) return
    req.sessionToken = token
    req.actor = await opts.resolveSession(token)
  })
}

export default fp(authPlugin, { name: 'hotland-auth', dependencies: ['@fastify/cookie'] })
