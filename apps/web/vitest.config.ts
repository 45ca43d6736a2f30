import { fileURLToPath, URL } from 'node:url'
import { defineConfig } from 'vitest/config'
import vue from '@vitejs/plugin-vue'

// Unit tests: happy-dom, beside the code (src/**/*.test.ts). The browser journey lives in e2e/ (vitest.e2e.config.ts).
export default defineConfig({
  plugins: [vue()],
  resolve: { alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) } },
  test: {
    environment: 'happy-dom',
    include: ['src/**/*.test.ts'],
    restoreMocks: true,
    // vant ships CSS imports inside its ESM; let Vite (not Node) load it
    server: { deps: { inline: ['vant'] } },
  },
})
