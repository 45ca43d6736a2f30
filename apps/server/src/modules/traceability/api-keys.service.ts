// API keys for capturing EPCIS events from outside (a scale at the hub, a co-op's ERP). A key is tied to the GLNs it
// was issued for; whoever issues it needs rights on each of them. Only a SHA-256 of the key is stored.
import { createHash, randomBytes } from 'node:crypto'
import { and, desc, eq, isNull } from 'drizzle-orm'
import type { ApiKeyBody, ApiKeyView } from '@hotland/contracts'
import type { Actor } from '../../platform/auth/actor.ts'
import { requireActor } from '../../platform/auth/actor.ts'
import type { Clock } from '../../platform/clock.ts'
import type { Db } from '../../platform/db/client.ts'
import { forbidden, invalid, notFound } from '../../platform/errors.ts'
import { isValidGln } from '@hotland/epcis'
import { newId } from '../../platform/ids.ts'
import { apiKeys } from './tables.ts'

const hash = (key: string) => createHash('sha256').update(key).digest('hex')
type Row = typeof apiKeys.$inferSelect

export function createApiKeysService(deps: {
  db: Db
  clock: Clock
  locationRights(actor: Actor): Promise<'all' | Set<string>>
  /** The key's owner as they are now (roles can change after the key was issued). */
  owner(userId: string): Promise<{ roles: Actor['roles']; displayName: string } | null>
}) {
  const view = (r: Row): ApiKeyView => ({
    id: r.id, name: r.name, locations: r.locations, prefix: r.prefix, createdAt: r.createdAt.toISOString(),
    lastUsedAt: r.lastUsedAt?.toISOString() ?? null, revokedAt: r.revokedAt?.toISOString() ?? null,
  })

  return {
    async create(actorOrNull: Actor | null, body: ApiKeyBody) {
      const actor = requireActor(actorOrNull)
      if (actor.apiKeyLocations) throw forbidden('FORBIDDEN', 'An API key cannot issue keys')
      body.locations.forEach((gln, i) => {
        if (!isValidGln(gln)) throw invalid('VALIDATION_FAILED', `${gln} is not a GLN (check digit)`, `body.locations.${i}`)
      })
      const rights = await deps.locationRights(actor)
      body.locations.forEach((gln, i) => {
        if (rights !== 'all' && !rights.has(gln)) throw forbidden('TRACE_LOCATION_FORBIDDEN', `No rights at location ${gln} (locations[${i}])`)
      })
      const key = `hlk_${randomBytes(24).toString('base64url')}`
      const [row] = await deps.db.insert(apiKeys).values({
        id: newId('key'), ownerId: actor.id, name: body.name.trim(), keyHash: hash(key), prefix: key.slice(0, 10), locations: body.locations, createdAt: deps.clock.now(),
      }).returning()
      return { key, apiKey: view(row!) }
    },

    async list(actorOrNull: Actor | null) {
      const actor = requireActor(actorOrNull)
      return (await deps.db.select().from(apiKeys).where(eq(apiKeys.ownerId, actor.id)).orderBy(desc(apiKeys.id))).map(view)
    },

    async revoke(actorOrNull: Actor | null, id: string) {
      const actor = requireActor(actorOrNull)
      const [row] = await deps.db.update(apiKeys).set({ revokedAt: deps.clock.now() })
        .where(and(eq(apiKeys.id, id), eq(apiKeys.ownerId, actor.id), isNull(apiKeys.revokedAt))).returning()
      if (!row) throw notFound('NOT_FOUND', 'No such active key of yours')
      return view(row)
    },

    /** The caller behind `Authorization: Bearer hlk_…`, or null for an unknown or revoked key. */
    async actorForKey(key: string): Promise<Actor | null> {
      const [row] = await deps.db.select().from(apiKeys).where(and(eq(apiKeys.keyHash, hash(key)), isNull(apiKeys.revokedAt)))
      if (!row) return null
      const owner = await deps.owner(row.ownerId)
      if (!owner) return null
      await deps.db.update(apiKeys).set({ lastUsedAt: deps.clock.now() }).where(eq(apiKeys.id, row.id))
      // Capture checks the key's locations against the owner's rights at use time (traceability assertLocations).
      return { id: row.ownerId, roles: owner.roles, displayName: `API key ${row.prefix}… (${owner.displayName})`, apiKeyLocations: row.locations }
    },
  }
}
export type ApiKeysService = ReturnType<typeof createApiKeysService>
