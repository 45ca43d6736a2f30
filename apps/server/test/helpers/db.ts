import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import pg from 'pg'
import { type DbHandle, openPglite, openPostgres } from '../../src/platform/db/client.ts'
import { goldenImagePath, templateDbName } from './golden.ts'

/**
 * A database for one test file: PGlite loaded from the golden image, or — when TEST_DATABASE_URL is set — a fresh
 * PostgreSQL database cloned from the migrated template and dropped on close.
 */
export async function openTestDb(): Promise<DbHandle & { url?: string }> {
  const adminUrl = process.env.TEST_DATABASE_URL
  if (!adminUrl) {
    return openPglite(undefined, new Blob([readFileSync(goldenImagePath())]))
  }
  const name = `hotland_t_${randomBytes(5).toString('hex')}`
  const admin = new pg.Client({ connectionString: adminUrl })
  await admin.connect()
  // Two files cloning the same template at once can collide ("being accessed by other users"): retry briefly.
  for (let attempt = 0; ; attempt++) {
    try {
      await admin.query(`create database ${name} template ${templateDbName()}`)
      break
    } catch (err) {
      if (attempt >= 20 || !String(err).includes('being accessed')) throw err
      await new Promise((r) => setTimeout(r, 100 + Math.random() * 200))
    }
  }
  await admin.end()
  const url = new URL(adminUrl)
  url.pathname = '/' + name
  const h = openPostgres(url.toString(), 5)
  return {
    ...h,
    url: url.toString(),
    async close() {
      await h.close()
      const a = new pg.Client({ connectionString: adminUrl })
      await a.connect()
      await a.query(`drop database if exists ${name} with (force)`)
      await a.end()
    },
  }
}
