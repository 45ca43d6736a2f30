import type { Redis } from 'ioredis'
import type { Clock } from '../../platform/clock.ts'
import { coalesce } from '../../platform/coalesce.ts'
import { hashToken, randomToken } from '../../platform/crypto.ts'
import type { AccountsRepository } from './repository.ts'

/** Server-side session store. Only a hash of the cookie token is stored, so a leaked table cannot log anyone in. */
export interface SessionStore {
  create(userId: string): Promise<{ token: string; expiresAt: Date }>
  userIdOf(token: string): Promise<string | null>
  destroy(token: string): Promise<void>
}

export function dbSessionStore(repo: AccountsRepository, opts: { secret: string; ttlHours: number; clock: Clock }): SessionStore {
  // Sessions looked up in the same event-loop turn share one query.
  const userIdOfHash = coalesce(async (hashes: string[]) => new Map((await repo.sessionUserIds(hashes, opts.clock.now())).map((r) => [r.tokenHash, r.userId])))
  return {
    async create(userId) {
      const token = randomToken()
      const now = opts.clock.now()
      const expiresAt = new Date(now.getTime() + opts.ttlHours * 3600_000)
      await repo.insertSession({ tokenHash: hashToken(token, opts.secret), userId, expiresAt, createdAt: now })
      return { token, expiresAt }
    },
    userIdOf: (token) => userIdOfHash(hashToken(token, opts.secret)),
    async destroy(token) {
      await repo.deleteSession(hashToken(token, opts.secret))
    },
  }
}

export function redisSessionStore(redis: Redis, opts: { secret: string; ttlHours: number; clock: Clock }): SessionStore {
  const key = (token: string) => `hotland:session:${hashToken(token, opts.secret)}`
  // Sessions looked up in the same event-loop turn share one MGET.
  const userIdOfKey = coalesce(async (keys: string[]) => {
    const ids = await redis.mget(...keys)
    return new Map(keys.map((k, i) => [k, ids[i] ?? null]))
  })
  return {
    async create(userId) {
      const token = randomToken()
      const ttl = opts.ttlHours * 3600
      await redis.set(key(token), userId, 'EX', ttl)
      return { token, expiresAt: new Date(opts.clock.now().getTime() + ttl * 1000) }
    },
    userIdOf: (token) => userIdOfKey(key(token)),
    async destroy(token) {
      await redis.del(key(token))
    },
  }
}
