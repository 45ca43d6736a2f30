import { afterAll, beforeAll } from 'vitest'
import type { Built, Overrides } from '../../src/app.ts'
import type { DbHandle } from '../../src/platform/db/client.ts'
import { buildTestApp } from './app.ts'
import { openTestDb } from './db.ts'

/** One database and one app per test file, closed after the file. Read `t.h` / `t.built` inside tests. */
export function useTestApp(override: Overrides = {}, env: Record<string, string> = {}) {
  const t = {} as { h: DbHandle; built: Built }
  beforeAll(async () => {
    t.h = await openTestDb()
    t.built = await buildTestApp(t.h, override, env)
  })
  afterAll(async () => {
    await t.built?.app.close()
    await t.h?.close()
  })
  return t
}
