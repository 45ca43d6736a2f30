import { defineConfig } from 'vitest/config'

// Unit and API tests on embedded PGlite. Each test file opens its own PGlite from a golden image built once.
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
