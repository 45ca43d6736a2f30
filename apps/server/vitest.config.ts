import { defineConfig } from 'vitest/config'

// .ci/run sets HOTLAND_REPORT_DIR to collect a JSON report per suite and sum them.
const reportDir = process.env.HOTLAND_REPORT_DIR
const reporting = reportDir
  ? { reporters: ['default', 'json'], outputFile: { json: `${reportDir}/${process.env.HOTLAND_REPORT_NAME ?? 'run'}-server.json` } }
  : {}

// Unit and API tests on embedded PGlite. Each test file opens its own PGlite from a golden image built once.
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
