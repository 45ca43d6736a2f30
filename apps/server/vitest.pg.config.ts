import { defineConfig } from 'vitest/config'

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
  },
})
