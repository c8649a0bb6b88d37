import path from 'node:path'
import { defineConfig } from 'vite'
import solid from 'vite-plugin-solid'
import { SERVICE_WORKER_FILE, serviceWorkerPrecache } from './client/offline/precachePlugin.ts'
import { HASHED_DIR, precompressAssets } from './server/http/precompress.ts'

const client = (file: string) => path.resolve(import.meta.dirname, 'client', file)

/**
 * What a participant's phone runs before its first screen comes as three chunks, one per page
 * on its way: the app (index.html), the workshop page (join form and workspace), the phone's
 * screen. Left to itself, the splitting cuts that path into some eighteen chunks, one per set
 * of lazy chunks sharing a module, and each response costs its headers (some 400 bytes) and a
 * fresh gzip stream: 10 kB in all on a phone (issue 16). A group captures its page and, with
 * it, what the page uses that an earlier group did not take (rolldown follows only the imports
 * tree-shaking keeps, so a barrel's unused re-exports stay out). The phone's screen takes its
 * own folder alone: what it uses from elsewhere (placement, dot voting, rights, schema) is the
 * board's too, and goes with the workshop page, so that a computer's board never loads the
 * phone's screen. tests/e2e/weight.test.ts holds the path to its budget.
 */
const START = client('index.html')
const WORKSHOP = client('features/workspace/WorkshopPage.tsx')
const PHONE = client('features/phone/PhoneMain.tsx')
const PHONE_FOLDER = client('features/phone/')

/** What the chunking is told of the module graph (rolldown's `ChunkingContext`), as used here. */
interface ChunkingContext {
  getModuleInfo(id: string): { importedIds: readonly string[] } | null
}

const phoneScreens = new WeakMap<ChunkingContext, Set<string>>()

/** The phone screen's own modules: PhoneMain and what it imports from its folder. */
const phoneScreen = (context: ChunkingContext): Set<string> => {
  const known = phoneScreens.get(context)
  if (known) return known
  const found = new Set<string>()
  const visit = (id: string) => {
    if (found.has(id) || !id.startsWith(PHONE_FOLDER)) return
    found.add(id)
    for (const imported of context.getModuleInfo(id)?.importedIds ?? []) visit(imported)
  }
  visit(PHONE)
  phoneScreens.set(context, found)
  return found
}

/**
 * By priority: the app with what it uses; the phone's screen, its folder's modules alone; the
 * workshop page with what it and the phone's screen use that the app does not have.
 */
const participantPath = [
  { name: 'start', test: (id: string) => id === START, priority: 4 },
  {
    name: (id: string, context: ChunkingContext) => (phoneScreen(context).has(id) ? 'phone' : null),
    includeDependenciesRecursively: false,
    priority: 3,
  },
  {
    name: (id: string, context: ChunkingContext) =>
      id === WORKSHOP || phoneScreen(context).has(id) ? 'workshop' : null,
    priority: 2,
  },
]

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
        codeSplitting: { groups: participantPath },
      },
      // Brotli at its best setting takes a few seconds in writeBundle (precompress.ts): expected,
      // not worth a warning on every build.
      checks: { bundlerTimings: false },
      // shared/schema's modules do nothing when loaded but define their exports (zod schemas,
      // accessors): where nothing uses one, it is left out even if its barrel (index.ts) is
      // imported. The workshop page reads no decision nor charter (2 kB gzipped on a phone).
      treeshake: {
        moduleSideEffects: [{ test: /[\\/]shared[\\/]schema[\\/]/, sideEffects: false }],
      },
    },
  },
})
