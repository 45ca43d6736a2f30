import type { FastifyInstance } from 'fastify'
import type { Clock } from '../clock.ts'

/**
 * Every API answer says the server's time (ms since the epoch) in `x-server-time`, so a phone with a wrong clock can
 * still count down to a flash sale or a live start before its room socket sends the first frame.
 */
export function installServerTime(app: FastifyInstance, clock: Clock) {
  app.addHook('onSend', async (req, reply) => {
    if (req.url.startsWith('/api/')) reply.header('x-server-time', String(clock.now().getTime()))
  })
}
