import type { Role } from '@hotland/contracts'
import { AppError, unauthenticated } from '../errors.ts'

export interface Actor {
  id: string
  roles: Role[]
  displayName: string
  /** Set when the caller is an EPCIS API key rather than a session: the GLNs it may capture at, nothing else. */
  apiKeyLocations?: readonly string[]
}

export const SESSION_COOKIE = 'hotland_session'

export function requireActor(actor: Actor | null): Actor {
  if (!actor) throw unauthenticated()
  return actor
}

export function hasRole(actor: Actor | null, ...roles: Role[]): boolean {
  return !!actor && roles.some((r) => actor.roles.includes(r))
}

export function requireRole(actor: Actor | null, ...roles: Role[]): Actor {
  const a = requireActor(actor)
  if (!hasRole(a, ...roles)) throw new AppError('forbidden', 'FORBIDDEN', `Requires role: ${roles.join(' or ')}`)
  return a
}
