import path from 'node:path'
import { defineConfig } from 'vite'
import solid from 'vite-plugin-solid'
import { SERVICE_WORKER_FILE, serviceWorkerPrecache } from './client/offline/precachePlugin.ts'
import { HASHED_DIR, precompressAssets } from './server/http/precompress.ts'

const client = (file: string) => path.resolve(import.meta.dirname, 'client', file)

// The client: `vite build` writes dist/client, which the server serves. In development the
// server runs Vite in middleware mode on the same origin (API and /sync included), so there is
// no proxy here.
export default defineConfig({
  root: 'client',
  plugins: [solid(), serviceWorkerPrecache(HASHED_DIR), precompressAssets()],
  build: {
    outDir: '../dist/client',
    emptyOutDir: true,
    target: 'es2022',
    assetsDir: HASHED_DIR,
    rolldownOptions: {
      // The page, and the service worker (client/offline/sw.ts), built to /sw.js.
      input: { index: client('index.html'), sw: client('offline/sw.ts') },
      output: {
        entryFileNames: (chunk) =>
          chunk.name === 'sw' ? SERVICE_WORKER_FILE : `${HASHED_DIR}/[name]-[hash].js`,
      },
      // Brotli at its best setting takes a few seconds in writeBundle (precompress.ts): expected,
      // not worth a warning on every build.
      checks: { bundlerTimings: false },
    },
  },
})
