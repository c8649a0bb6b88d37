import path from 'node:path'
import { defineConfig } from 'vite'
import solid from 'vite-plugin-solid'
import { SERVICE_WORKER_FILE, serviceWorkerPrecache } from './client/offline/precachePlugin.ts'
import { HASHED_DIR, precompressAssets } from './server/http/precompress.ts'

const client = (file: string) => path.resolve(import.meta.dirname, 'client', file)

/**
 * What a participant's phone runs before its first screen, page by page: the app, the workshop
 * page (join form and workspace), the phone's screen. Each page comes as one chunk holding what
 * it imports that the pages before it do not, instead of the dozen small chunks the automatic
 * splitting cuts it into (one per set of lazy chunks that share a module): every response costs
 * its headers (some 400 bytes), and one stream compresses better than many. What the phone's
 * screen shares with the board (placement, dot voting, rights) comes with the workshop page,
 * so a computer's board never loads the phone's screen. tests/e2e/weight.test.ts holds the
 * path to its budget.
 */
const PARTICIPANT_PATH = [
  { name: 'start', page: client('index.html'), own: /./ },
  { name: 'workshop', page: client('features/workspace/WorkshopPage.tsx'), own: /./ },
  {
    name: 'phone',
    page: client('features/phone/PhoneMain.tsx'),
    own: /[\\/]features[\\/]phone[\\/]/,
  },
] as const

/** What the chunking is told of the module graph (rolldown's `ChunkingContext`), as used here. */
interface ChunkingContext {
  getModuleInfo(id: string): { importedIds: readonly string[] } | null
}

/** Every module `page` imports, statically and transitively, itself included. */
const staticClosure = (page: string, context: ChunkingContext): Set<string> => {
  const found = new Set<string>()
  const visit = (id: string) => {
    if (found.has(id)) return
    found.add(id)
    for (const imported of context.getModuleInfo(id)?.importedIds ?? []) visit(imported)
  }
  visit(page)
  return found
}

const pathClosures = new WeakMap<ChunkingContext, Set<string>[]>()

/**
 * The chunk of the participant's path `id` goes in: that of the first page that imports it, or
 * of the page before when it is not that page's own. Null when no page of the path imports it.
 */
const participantChunk = (id: string, context: ChunkingContext): string | null => {
  let closures = pathClosures.get(context)
  if (!closures) {
    closures = PARTICIPANT_PATH.map(({ page }) => staticClosure(page, context))
    pathClosures.set(context, closures)
  }
  let before: string | null = null
  for (const [index, { name, own }] of PARTICIPANT_PATH.entries()) {
    if (closures[index]?.has(id)) return own.test(id) ? name : before
    before = name
  }
  return null
}

/** One group per page, the earlier ones first: each takes what the ones before did not. */
const participantGroups = PARTICIPANT_PATH.map(({ name }, index) => ({
  name: (id: string, context: ChunkingContext) =>
    participantChunk(id, context) === name ? name : null,
  priority: PARTICIPANT_PATH.length - index,
}))

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
        codeSplitting: { groups: participantGroups },
      },
      // Brotli at its best setting takes a few seconds in writeBundle (precompress.ts): expected,
      // not worth a warning on every build.
      checks: { bundlerTimings: false },
    },
  },
})
