import { Ajv } from 'ajv'
import addFormatsModule from 'ajv-formats'
import type { FastifyInstance } from 'fastify'

// ajv-formats ships CommonJS; under ESM the function may sit on .default.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv) => Ajv

/**
 * Query strings and params arrive as text, so they are coerced ("20" → 20). JSON bodies are not: a body that sends
 * "" where a name is expected, or "100" where fen are expected, is a client bug and gets a 400 naming the field.
 */
export function installValidators(app: FastifyInstance): void {
  const common = { useDefaults: true, removeAdditional: true, allErrors: false, strict: false } as const
  const coercing = addFormats(new Ajv({ ...common, coerceTypes: 'array' }))
  const strictBodies = addFormats(new Ajv({ ...common, coerceTypes: false }))
  app.setValidatorCompiler(({ schema, httpPart }) => (httpPart === 'body' ? strictBodies : coercing).compile(schema))
}
