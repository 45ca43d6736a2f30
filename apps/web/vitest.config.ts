import { fileURLToPath, URL } from 'node:url'
import { defineConfig } from 'vitest/config'

// .ci/run sets HOTLAND_REPORT_DIR to collect a JSON report per suite and sum them.
const reportDir = process.env.HOTLAND_REPORT_DIR
const reporting = reportDir
  ? { reporters: ['default', 'json'], outputFile: { json: `${reportDir}/${process.env.HOTLAND_REPORT_NAME ?? 'run'}-web.json` } }
  : {}
import vue from '@vitejs/plugin-vue'

// Unit tests: happy-dom, beside the code (src/**/*.test.ts). The browser journey lives in e2e/ (vitest.e2e.config.ts).
export default defineConfig({
  plugins: [vue()],
  resolve: { alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) } },
  test: {
    ...reporting,
    environment: 'happy-dom',
    include: ['src/**/*.test.ts'],
    restoreMocks: true,
    // vant ships CSS imports inside its ESM; let Vite (not Node) load it
    server: { deps: { inline: ['vant'] } },
  },
})
