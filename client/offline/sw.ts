/**
 * The service worker (built to /sw.js with its build's file list: precachePlugin.ts): keeps
 * the app shell and every hashed file of its build, so that a reload without the server shows
 * the last known workspace (its document is in IndexedDB, see client/sync) instead of the
 * browser's error page. It caches nothing else: no API response, nothing of the sync socket.
 * Registered only in secure contexts (register.ts); browsers do not run it on plain-http LAN
 * addresses.
 *
 * No imports but routes.ts (bundled in): it runs as a classic script.
 */
import { routeOf, SHELL } from './routes.ts'

/** Replaced at build time: the build's hashed files, and a name that changes with them. */
declare const __FABRIQUE_PRECACHE__: readonly string[]
declare const __FABRIQUE_CACHE__: string

// The DOM library types `self` as a window: these are the few worker types this file uses.
interface ExtendableEvent extends Event {
  waitUntil(promise: Promise<unknown>): void
}
interface FetchEvent extends ExtendableEvent {
  readonly request: Request
  respondWith(response: Response | Promise<Response>): void
}
interface WorkerScope {
  readonly location: Location
  readonly clients: { claim(): Promise<void> }
  skipWaiting(): Promise<void>
  addEventListener(type: 'install' | 'activate', listener: (event: ExtendableEvent) => void): void
  addEventListener(type: 'fetch', listener: (event: FetchEvent) => void): void
}
const scope = self as unknown as WorkerScope

const CACHE_PREFIX = 'fabrique-'
const CACHE = `${CACHE_PREFIX}${__FABRIQUE_CACHE__}`

scope.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll([SHELL, ...__FABRIQUE_PRECACHE__]))
      // A new build's worker takes over at once: its cache holds a shell and files that match.
      .then(() => scope.skipWaiting()),
  )
})

scope.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) =>
        Promise.all(
          names
            .filter((name) => name.startsWith(CACHE_PREFIX) && name !== CACHE)
            .map((name) => caches.delete(name)),
        ),
      )
      .then(() => scope.clients.claim()),
  )
})

const fromCacheFirst = async (request: Request): Promise<Response> => {
  const cached = await caches.match(request)
  if (cached) return cached
  const response = await fetch(request)
  if (response.ok) {
    const copy = response.clone()
    void caches.open(CACHE).then((cache) => cache.put(request, copy))
  }
  return response
}

const fromNetworkFirst = async (request: Request): Promise<Response> => {
  try {
    return await fetch(request)
  } catch (failure) {
    // Only when the server cannot be reached: any answer of its, even an error, goes through.
    const shell = await caches.match(SHELL)
    if (shell) return shell
    throw failure
  }
}

scope.addEventListener('fetch', (event) => {
  const route = routeOf(event.request, scope.location.origin)
  if (route === 'asset') event.respondWith(fromCacheFirst(event.request))
  else if (route === 'page') event.respondWith(fromNetworkFirst(event.request))
})
