import { Type, type Static } from 'typebox'

export const HealthSchema = Type.Object({ status: Type.Literal('ok'), uptimeSeconds: Type.Number() })
export const ReadySchema = Type.Object({
  status: Type.Enum(['ready', 'unavailable']),
  database: Type.Enum(['pglite', 'postgres']),
  checks: Type.Object({ database: Type.Boolean() }),
})
export type Ready = Static<typeof ReadySchema>
