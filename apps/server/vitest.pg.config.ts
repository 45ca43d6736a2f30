import { defineConfig } from 'vitest/config'

// .ci/run sets HOTLAND_REPORT_DIR to collect a JSON report per suite and sum them.
const reportDir = process.env.HOTLAND_REPORT_DIR
const reporting = reportDir
  ? { reporters: ['default', 'json'], outputFile: { json: `${reportDir}/${process.env.HOTLAND_REPORT_NAME ?? 'run'}-server-pg.json` } }
  : {}

// The same tests against real PostgreSQL (TEST_DATABASE_URL, an admin connection) and Redis (TEST_REDIS_URL).
// Each test file gets its own database cloned from a migrated template. Run by .ci/run.
if (!process.env.TEST_DATABASE_URL) throw new Error('TEST_DATABASE_URL is required, e.g. postgres://postgres@127.0.0.1:5432/postgres')

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    globalSetup: ['./test/global-setup.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    ...reporting,
  },
})
