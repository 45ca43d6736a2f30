import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs'
import pg from 'pg'
import { loadConfig } from '../src/config.ts'
import { buildApp } from '../src/app.ts'
import { openPglite, openPostgres } from '../src/platform/db/client.ts'
import { goldenDir, goldenImagePath, templateDbName } from './helpers/golden.ts'

/** Migrates a database and loads reference data (regions) by building the app once on it. */
async function prepare(handle: Awaited<ReturnType<typeof openPglite>> | ReturnType<typeof openPostgres>) {
  const config = loadConfig({ HOTLAND_DATA_DIR: '/tmp/hotland-test-unused', SECRET_KEY: 'test-secret-test-secret-test-secret-00', LOG_LEVEL: 'silent', MEDIA_SERVER: 'off' })
  const { app } = await buildApp(config, { dbHandle: handle })
  await app.close()
}

export default async function setup() {
  const adminUrl = process.env.TEST_DATABASE_URL
  if (adminUrl) {
    const name = templateDbName()
    const admin = new pg.Client({ connectionString: adminUrl })
    await admin.connect()
    try {
      // Templates of older schemas are of no further use.
      const stale = await admin.query("select datname from pg_database where datname like 'hotland_tpl_%' and datname <> $1", [name])
      for (const row of stale.rows) await admin.query(`drop database if exists ${row.datname} with (force)`).catch(() => {})
      const exists = await admin.query('select 1 from pg_database where datname = $1', [name])
      if (exists.rowCount === 0) {
        const building = `${name}_building`
        await admin.query(`drop database if exists ${building}`)
        await admin.query(`create database ${building}`)
        const url = new URL(adminUrl)
        url.pathname = '/' + building
        const h = openPostgres(url.toString(), 2)
        await prepare(h)
        await h.close()
        await admin.query(`alter database ${building} rename to ${name}`)
      }
    } finally {
      await admin.end()
    }
    return
  }
  const path = goldenImagePath()
  if (existsSync(path)) return
  mkdirSync(goldenDir, { recursive: true })
  const h = await openPglite('memory://')
  await prepare(h)
  const blob = await h.pg.dumpDataDir('gzip')
  await h.close()
  const tmp = `${path}.${process.pid}.tmp`
  writeFileSync(tmp, Buffer.from(await blob.arrayBuffer()))
  renameSync(tmp, path)
}
