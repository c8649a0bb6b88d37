/**
 * What the service worker does with a request (sw.ts), as a pure function so it is tested
 * without a browser:
 *
 * - `asset`: a hashed file of the build (`/assets/…`): from the cache, else the network (its
 *   name changes with its content, so a cached copy is never stale);
 * - `page`: a page of the app opened in the tab: from the network, and the cached app shell
 *   (index.html) only when the server cannot be reached;
 * - `network`: everything else, untouched: the API, the sync socket, downloads and the report
 *   (which are pages too, under /api/), other origins, anything but GET. Never cached.
 */
export type Route = 'asset' | 'page' | 'network'

export interface RequestFacts {
  url: string
  method: string
  /** `Request.mode`: 'navigate' for a page opened in a tab. */
  mode: string
}

/** The server's own paths: none of them is the app shell. */
const SERVER_PATHS = /^\/(api|sync|healthz)(\/|$)/

export const routeOf = (request: RequestFacts, origin: string): Route => {
  if (request.method !== 'GET') return 'network'
  const url = new URL(request.url)
  if (url.origin !== origin) return 'network'
  if (url.pathname.startsWith('/assets/')) return 'asset'
  if (request.mode === 'navigate' && !SERVER_PATHS.test(url.pathname)) return 'page'
  return 'network'
}

/** Where the app shell is kept: every page of the app is this file (the server's fallback). */
export const SHELL = '/index.html'
