import { describe, expect, it } from 'vitest'
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { type DbHandle, openPglite, openPostgres } from '../src/platform/db/client.ts'

// The same generated migrations must build the same schema on embedded PGlite (PostgreSQL 18) and on PostgreSQL 15.
const SCHEMA_QUERY = `
  select table_name, column_name, data_type, is_nullable, coalesce(column_default, '') as column_default
  from information_schema.columns where table_schema = 'public' order by table_name, column_name`
const INDEX_QUERY = `select indexname, indexdef from pg_indexes where schemaname = 'public' order by indexname`
// PostgreSQL 18 also lists NOT NULL as constraints (contype 'n'); columns already compare nullability.
const CHECK_QUERY = `select conname, pg_get_constraintdef(oid) as def from pg_constraint where connamespace = 'public'::regnamespace and contype <> 'n' order by conname`

async function describeSchema(h: DbHandle) {
  const q = async (text: string) => ((await h.db.execute(text as never)) as unknown as { rows: unknown[] }).rows
  return { columns: await q(SCHEMA_QUERY), indexes: await q(INDEX_QUERY), constraints: await q(CHECK_QUERY) }
}

describe('migrations', () => {
  it('apply to a fresh embedded PGlite database, twice without harm', async () => {
    const h = await openPglite('memory://')
    await h.migrate()
    await h.migrate()
    const s = await describeSchema(h)
    expect(s.columns.length).toBeGreaterThan(50)
    expect(s.indexes).toContainEqual(expect.objectContaining({ indexname: 'shop_members_one_owner' }))
    await h.close()
  })

  it.skipIf(!process.env.TEST_DATABASE_URL)('build the same schema on PostgreSQL 15 as on PGlite', async () => {
    const adminUrl = process.env.TEST_DATABASE_URL!
    const name = `hotland_mig_${randomBytes(4).toString('hex')}`
    const admin = new pg.Client({ connectionString: adminUrl })
    await admin.connect()
    const version = (await admin.query('show server_version_num')).rows[0].server_version_num as string
    await admin.query(`create database ${name}`)
    const url = new URL(adminUrl)
    url.pathname = '/' + name
    const onPg = openPostgres(url.toString(), 2)
    const onLite = await openPglite('memory://')
    try {
      // two processes starting at once: the advisory lock serialises them
      await Promise.all([onPg.migrate(), onPg.migrate()])
      await onLite.migrate()
      const [a, b] = [await describeSchema(onPg), await describeSchema(onLite)]
      expect(a.columns).toEqual(b.columns)
      expect(a.indexes).toEqual(b.indexes)
      expect(a.constraints).toEqual(b.constraints)
      expect(Number(version)).toBeGreaterThanOrEqual(150000)
    } finally {
      await onPg.close()
      await onLite.close()
      await admin.query(`drop database if exists ${name} with (force)`)
      await admin.end()
    }
  })
})
