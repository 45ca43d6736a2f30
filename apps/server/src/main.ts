// Starts the server: config → app → demo data (first start) → listen. Nothing else.
import { buildApp } from './app.ts'
import { lockDataDir } from './platform/db/data-dir-lock.ts'
import { ConfigError, loadConfig } from './config.ts'
import { demoLoginLines, hasDemoData, seedDemoData } from './seed/demo.ts'

async function main() {
  let config
  try {
    config = loadConfig()
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`\n✖ ${err.message}\n  See README.md ("Configuration") or .env.example.\n`)
      process.exit(1)
    }
    throw err
  }

  let unlock = () => {}
  if (!config.databaseUrl) {
    try {
      unlock = lockDataDir(config.dataDir)
    } catch (err) {
      console.error(`\n✖ ${(err as Error).message}\n`)
      process.exit(1)
    }
  }
  process.on('exit', () => unlock())

  const { app, services, dbHandle } = await buildApp(config)
  if (config.demoData) {
    if (!(await hasDemoData(dbHandle.db))) {
      app.log.info('Loading demo data (first start)…')
      await seedDemoData(dbHandle.db, services, { recordDir: config.media.recordDir })
    }
  }

  let closing = false
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (closing) return
      closing = true
      app.log.info(`${signal}: shutting down`)
      app.close().then(() => process.exit(0), () => process.exit(1))
      setTimeout(() => process.exit(1), 10_000).unref()
    })
  }

  await app.listen({ port: config.port, host: config.host })
  const lines = [
    '',
    `Hotland is running: ${config.publicUrl}`,
    `  database: ${dbHandle.kind === 'pglite' ? `embedded PGlite in ${config.dataDir}/pglite` : 'PostgreSQL (DATABASE_URL)'}`,
    `  API docs: ${config.publicUrl}/api/docs`,
    ...(config.demoData ? ['', ...demoLoginLines()] : []),
    '',
  ]
  console.log(lines.join('\n'))
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
