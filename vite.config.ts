import { defineConfig } from 'vite'
import solid from 'vite-plugin-solid'

// The client: `vite build` writes dist/client, which the server serves. In development the
// server runs Vite in middleware mode on the same origin (API and /sync included), so there is
// no proxy here.
export default defineConfig({
  root: 'client',
  plugins: [solid()],
  build: {
    outDir: '../dist/client',
    emptyOutDir: true,
    target: 'es2022',
  },
})
