import { defineConfig } from 'vitest/config'

const reportDir = process.env.HOTLAND_REPORT_DIR
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    ...(reportDir ? { reporters: ['default', 'json'], outputFile: { json: `${reportDir}/${process.env.HOTLAND_REPORT_NAME ?? 'run'}-epcis.json` } } : {}),
  },
})
