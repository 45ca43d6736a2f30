import { createHash } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { migrationsFolder } from '../../src/platform/db/client.ts'

const here = dirname(fileURLToPath(import.meta.url))
export const goldenDir = resolve(here, '../.golden')

/** Hash of every migration file and the region data version: a schema change can never reuse a stale image. */
export function schemaHash(): string {
  const h = createHash('sha256')
  const walk = (dir: string) => {
    for (const name of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = join(dir, name.name)
      if (name.isDirectory()) walk(p)
      else h.update(name.name).update(readFileSync(p))
    }
  }
  walk(migrationsFolder)
  h.update(readFileSync(resolve(here, '../../src/modules/regions/area-data.ts')))
  return h.digest('hex').slice(0, 16)
}

export const goldenImagePath = () => join(goldenDir, `pglite-${schemaHash()}.tar.gz`)
export const templateDbName = () => `hotland_tpl_${schemaHash()}`
