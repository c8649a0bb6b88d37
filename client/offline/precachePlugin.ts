import { createHash } from 'node:crypto'
import type { Plugin } from 'vite'

/** The service worker's file: at the root, so its scope is the whole app, and never hashed. */
export const SERVICE_WORKER_FILE = 'sw.js'

/**
 * Vite plugin: writes into the built service worker (sw.ts) the list of its build's hashed
 * files, which it caches at install, and a cache name that changes with them and the shell.
 * A new build is thereby a new /sw.js, which browsers install in place of the old one.
 */
export const serviceWorkerPrecache = (hashedDir: string): Plugin => ({
  name: 'fabrique:sw-precache',
  apply: 'build',
  // After Vite's own plugins, so index.html is in the bundle.
  enforce: 'post',
  generateBundle(_options, bundle) {
    const worker = bundle[SERVICE_WORKER_FILE]
    if (worker?.type !== 'chunk') {
      this.error(`serviceWorkerPrecache: the build has no ${SERVICE_WORKER_FILE} chunk`)
    }
    const files = Object.keys(bundle)
      .filter((name) => name.startsWith(`${hashedDir}/`))
      .sort()
      .map((name) => `/${name}`)
    const shell = bundle['index.html']
    const version = createHash('sha256')
      .update(files.join('\n'))
      .update(shell?.type === 'asset' ? shell.source : '')
      .digest('hex')
      .slice(0, 16)
    worker.code = worker.code
      .replaceAll('__FABRIQUE_PRECACHE__', JSON.stringify(files))
      .replaceAll('__FABRIQUE_CACHE__', JSON.stringify(version))
  },
})
