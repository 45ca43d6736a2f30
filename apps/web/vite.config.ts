import { fileURLToPath, URL } from 'node:url'
import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'
import Components from 'unplugin-vue-components/vite'
import { VantResolver } from '@vant/auto-import-resolver'

// Vant components are resolved on demand (with their CSS); function APIs come from src/ui/feedback.ts.
export default defineConfig({
  plugins: [
    vue(),
    Components({ resolvers: [VantResolver()], dts: 'src/components.d.ts', dirs: [] }),
  ],
  resolve: {
    alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) },
  },
  server: {
    port: 5173,
    proxy: { '/api': { target: process.env.HOTLAND_API ?? 'http://localhost:3000', changeOrigin: false } },
  },
  build: { target: 'es2020', chunkSizeWarningLimit: 800 },
})
