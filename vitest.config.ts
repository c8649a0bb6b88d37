import solid from 'vite-plugin-solid'
import { defineConfig } from 'vitest/config'

/** Integration tests whose figures a busy machine would distort: they run on their own. */
/** Tests that time the server (/healthz while it works): run alone, after the rest. */
const QUIET = ['tests/integration/archive.test.ts', 'tests/integration/heavyReads.test.ts']

export default defineConfig({
  test: {
    projects: [
      // ── Client: Solid components and client modules, in jsdom ─────────────────────────
      {
        plugins: [solid()],
        resolve: {
          // Solid's browser build (not its server build) with dev checks, as in the browser.
          conditions: ['solid', 'development', 'browser', 'module', 'import', 'default'],
        },
        test: {
          name: 'client',
          environment: 'jsdom',
          include: ['tests/client/**/*.test.{ts,tsx}'],
          setupFiles: ['./tests/client/setup.ts'],
        },
      },

      // ── Server and shared code, storage contract: fast, in Node ─────────────────────────
      {
        test: {
          name: 'unit',
          environment: 'node',
          // The property and convergence tests run hundreds of random rounds: a machine busy
          // with other work may take several times their usual second or two.
          testTimeout: 20_000,
          include: [
            'tests/unit/**/*.test.ts',
            'tests/storage/**/*.test.ts',
            'tests/convergence/**/*.test.ts',
          ],
        },
      },
      // ── A real server on port 0 (or as its own process) with real y-websocket clients ───
      {
        test: {
          name: 'integration',
          environment: 'node',
          include: ['tests/integration/**/*.test.ts'],
          exclude: QUIET,
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
      // ── The same, for tests that time the server (p99 under load): alone, after the rest ──
      {
        test: {
          name: 'quiet',
          environment: 'node',
          include: QUIET,
          testTimeout: 60_000,
          hookTimeout: 30_000,
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
      // ── The 30 s chaos soak (tests/soak): after every other project, on its own ─────────
      {
        test: {
          name: 'soak',
          environment: 'node',
          include: ['tests/soak/**/*.test.ts'],
          testTimeout: 120_000,
          sequence: { groupOrder: 2 },
        },
      },
      // ── Real Chromium driving the built client against a real server ─────────────────
      {
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['tests/e2e/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
    ],
  },
})
