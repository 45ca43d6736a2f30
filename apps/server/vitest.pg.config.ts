import { defineConfig, mergeConfig } from 'vitest/config'
import base from './vitest.config.ts'

// The same tests against real PostgreSQL (TEST_DATABASE_URL, an admin connection) and Redis (TEST_REDIS_URL).
// Each test file gets its own database cloned from a migrated template. Run by .ci/run.
if (!process.env.TEST_DATABASE_URL) throw new Error('TEST_DATABASE_URL is required, e.g. postgres://postgres@127.0.0.1:5432/postgres')

const reportDir = process.env.HOTLAND_REPORT_DIR
export default mergeConfig(base, defineConfig({
  test: reportDir ? { outputFile: { json: `${reportDir}/${process.env.HOTLAND_REPORT_NAME ?? 'run'}-server-pg.json` } } : {},
}))
