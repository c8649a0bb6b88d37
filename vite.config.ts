import { defineConfig } from 'vite'
import solid from 'vite-plugin-solid'
import { HASHED_DIR, precompressAssets } from './server/http/precompress.ts'

// The client: `vite build` writes dist/client, which the server serves. In development the
// server runs Vite in middleware mode on the same origin (API and /sync included), so there is
// no proxy here.
export default defineConfig({
  root: 'client',
  plugins: [solid(), precompressAssets()],
  build: {
    outDir: '../dist/client',
    emptyOutDir: true,
    target: 'es2022',
    assetsDir: HASHED_DIR,
    // .vite/manifest.json: which chunk each module's code went to (the browser tests read it;
    // the server never serves dotfiles).
    manifest: true,
    rolldownOptions: {
      // Brotli at its best setting takes a few seconds in writeBundle (precompress.ts): expected,
      // not worth a warning on every build.
      checks: { bundlerTimings: false },
    },
  },
})
