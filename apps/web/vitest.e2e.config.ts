import { defineConfig } from 'vitest/config'

// Browser journeys: a real server (apps/server) serving the built app (dist/), driven by playwright-core + system Chromium.
export default defineConfig({
  test: {
    environment: 'node',
    include: ['e2e/**/*.spec.ts'],
    globalSetup: ['e2e/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
})
