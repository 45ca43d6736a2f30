import { defineConfig } from 'vitest/config'

// .ci/run sets HOTLAND_REPORT_DIR to collect a JSON report per suite and sum them.
const reportDir = process.env.HOTLAND_REPORT_DIR
const reporting = reportDir
  ? { reporters: ['default', 'json'], outputFile: { json: `${reportDir}/${process.env.HOTLAND_REPORT_NAME ?? 'run'}-e2e.json` } }
  : {}

// Browser journeys: a real server (apps/server) serving the built app (dist/), driven by playwright-core + system Chromium.
export default defineConfig({
  test: {
    ...reporting,
    environment: 'node',
    include: ['e2e/**/*.spec.ts'],
    globalSetup: ['e2e/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
})
