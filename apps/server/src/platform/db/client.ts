import { mkdirSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { PGlite } from '@electric-sql/pglite'
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core'
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite'
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator'
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres'
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator'
import pg from 'pg'
import * as schema from './schema.ts'

export type Schema = typeof schema
/** Both drivers' databases (and their transactions) share this type. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>

export interface DbHandle {
  db: Db
  kind: 'pglite' | 'postgres'
  ping(): Promise<boolean>
  /** Applies the generated migrations (drizzle/). */
  migrate(): Promise<void>
  close(): Promise<void>
}

export const migrationsFolder = resolve(dirname(fileURLToPath(import.meta.url)), '../../../drizzle')

export async function openPglite(dataDir: string | undefined, loadDataDir?: Blob): Promise<DbHandle & { pg: PGlite }> {
  if (dataDir && !dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true })
  const client = await PGlite.create({ dataDir, loadDataDir })
  const db = drizzlePglite({ client, schema, casing: 'snake_case' }) as unknown as Db
  return {
    db,
    pg: client,
    kind: 'pglite',
    ping: async () => (await client.query('select 1')).rows.length === 1,
    migrate: () => migratePglite(db as never, { migrationsFolder }),
    close: () => client.close(),
  }
}

export function openPostgres(url: string, max = 10): DbHandle & { pool: pg.Pool } {
  const pool = new pg.Pool({ connectionString: url, max })
  // An idle client erroring (e.g. the server restarted) must not crash the process.
  pool.on('error', () => {})
  const db = drizzlePg({ client: pool, schema, casing: 'snake_case' }) as unknown as Db
  return {
    db,
    pool,
    kind: 'postgres',
    ping: async () => {
      try {
        await pool.query('select 1')
        return true
      } catch {
        return false
      }
    },
    // Concurrent starts of several processes are safe: one connection holds an advisory lock while migrating.
    migrate: async () => {
      const conn = await pool.connect()
      try {
        await conn.query('select pg_advisory_lock(727274)')
        await migratePg(drizzlePg({ client: conn, casing: 'snake_case' }), { migrationsFolder })
      } finally {
        await conn.query('select pg_advisory_unlock(727274)').catch(() => {})
        conn.release()
      }
    },
    close: () => pool.end(),
  }
}

