import { existsSync } from 'node:fs'
import type { IncomingMessage, ServerResponse } from 'node:http'
import sirv from 'sirv'

/**
 * Content-Security-Policy of every page: nothing from any third-party origin. Inline style
 * attributes are allowed (Solid sets some); scripts only from this origin.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "frame-ancestors 'none'",
  "form-action 'self'",
].join('; ')

export type Middleware = (req: IncomingMessage, res: ServerResponse, next: () => void) => void

/**
 * Serves the built client (`vite build` output) with an SPA fallback to index.html. Without a
 * build, pages answer 503 with what to run; the API and sync endpoint work regardless.
 */
export const serveBuiltClient = (dir: string): Middleware => {
  if (!existsSync(dir)) {
    return (_req, res) => {
      res.writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8' })
      res.end(`The client is not built (${dir} is missing): run npm run build.\n`)
    }
  }
  return sirv(dir, {
    single: true,
    etag: true,
    setHeaders: (res, pathname) => {
      res.setHeader(
        'Cache-Control',
        pathname.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
      )
    },
  })
}
