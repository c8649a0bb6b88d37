import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import type { IncomingMessage, ServerResponse } from 'node:http'
import path from 'node:path'
import { ENCODINGS, type Encoding, HASHED_DIR } from './precompress.ts'

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

/**
 * A hashed script or stylesheet of the build: it runs under the policy of the page that loads
 * it, since a Content-Security-Policy governs documents and workers only, so it goes without
 * one (240 bytes on each of the 25 or so scripts of a page load). A worker's policy comes
 * with its own script, so none may be built into assets/: the service worker is /sw.js.
 */
export const isPageSubresource = (pathname: string): boolean =>
  pathname.startsWith(`/${HASHED_DIR}/`) && /\.(js|css)$/.test(pathname)

export type Middleware = (req: IncomingMessage, res: ServerResponse, next: () => void) => void

/** Types of what `vite build` writes; anything else goes as bytes (and `nosniff` is set). */
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.svg': 'image/svg+xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
}

/** One stored form of a file: as built, or one of its precompressed copies. */
interface Representation {
  body: Buffer
  encoding: Encoding | null
  etag: string
}

interface StaticFile {
  type: string
  cacheControl: string
  /** Compressed copies first, in `ENCODINGS` order; the file as built last. */
  representations: Representation[]
}

const IMMUTABLE = 'public, max-age=31536000, immutable'

const representation = (body: Buffer, encoding: Encoding | null): Representation => ({
  body,
  encoding,
  // A strong validator of these exact bytes: each encoding of a file has its own.
  etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`,
})

/** Every file under `dir` by URL path (`/assets/x.js`), dotfiles (`.vite/`) left out. */
const listFiles = (dir: string, prefix = ''): string[] =>
  readdirSync(path.join(dir, prefix), { withFileTypes: true }).flatMap((entry) => {
    if (entry.name.startsWith('.')) return []
    const relative = `${prefix}/${entry.name}`
    return entry.isDirectory() ? listFiles(dir, relative) : entry.isFile() ? [relative] : []
  })

/**
 * Reads the build once, at start: the server answers only for files it listed then, by exact
 * path, so no request path ever reaches the file system (`..`, encoded slashes and the like
 * name nothing), and a build written while it runs cannot mix two builds' files in one page.
 * The build is small (about 1 MB with its compressed copies).
 */
const loadBuild = (dir: string): Map<string, StaticFile> => {
  const paths = listFiles(dir)
  const present = new Set(paths)
  const isCopy = (file: string) =>
    ENCODINGS.some(
      ({ suffix }) => file.endsWith(suffix) && present.has(file.slice(0, -suffix.length)),
    )
  const files = new Map<string, StaticFile>()
  for (const file of paths) {
    if (isCopy(file)) continue
    const copies = ENCODINGS.filter(({ suffix }) => present.has(file + suffix)).map(
      ({ name, suffix }) => representation(readFileSync(path.join(dir, file + suffix)), name),
    )
    files.set(file, {
      type: TYPES[path.extname(file)] ?? 'application/octet-stream',
      cacheControl: file.startsWith(`/${HASHED_DIR}/`) ? IMMUTABLE : 'no-cache',
      representations: [...copies, representation(readFileSync(path.join(dir, file)), null)],
    })
  }
  return files
}

/** The quality (0–1) `accept` gives each coding it names (`br;q=0.5, *`). */
const parseAcceptEncoding = (accept: string): Map<string, number> => {
  const qualities = new Map<string, number>()
  for (const part of accept.split(',')) {
    const [coding = '', ...params] = part.split(';').map((piece) => piece.trim().toLowerCase())
    if (!coding) continue
    const q = params.find((param) => param.startsWith('q='))
    const quality = q ? Number(q.slice(2)) : 1
    qualities.set(coding, Number.isFinite(quality) ? quality : 0)
  }
  return qualities
}

/** Brotli if accepted and built, else gzip, else the file itself (RFC 9110 §12.5.3). */
const negotiate = (file: StaticFile, accept: string | undefined): Representation => {
  const qualities = parseAcceptEncoding(accept ?? '')
  const accepted = (coding: string) => (qualities.get(coding) ?? qualities.get('*') ?? 0) > 0
  const identity = file.representations[file.representations.length - 1] as Representation
  return file.representations.find((r) => r.encoding && accepted(r.encoding)) ?? identity
}

type ByteRange = { start: number; end: number }

/**
 * The one byte range a `Range` header asks of `size` bytes: a range, 'unsatisfiable' (416),
 * or null to send the whole file (no header, a malformed one, several ranges: RFC 9110 lets
 * a server answer those with 200).
 */
export const parseRange = (header: string, size: number): ByteRange | 'unsatisfiable' | null => {
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim())
  if (!match) return null
  const [, first = '', last = ''] = match
  if (first === '' && last === '') return null
  if (first === '') {
    // A suffix: the last N bytes.
    const length = Number(last)
    if (length === 0 || size === 0) return 'unsatisfiable'
    return { start: Math.max(0, size - length), end: size - 1 }
  }
  const start = Number(first)
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1)
  if (last !== '' && Number(last) < start) return null
  if (start >= size) return 'unsatisfiable'
  return { start, end }
}

/** `If-None-Match` names `etag` (or is `*`): the browser's copy is current. */
const matches = (header: string | undefined, etag: string): boolean =>
  (header ?? '').split(',').some((tag) => {
    const trimmed = tag.trim()
    return trimmed === '*' || trimmed.replace(/^W\//, '') === etag
  })

const send = (req: IncomingMessage, res: ServerResponse, file: StaticFile): void => {
  const chosen = negotiate(file, req.headers['accept-encoding'])
  res.setHeader('Cache-Control', file.cacheControl)
  res.setHeader('ETag', chosen.etag)
  // Caches keep one copy per encoding when the file has more than one.
  if (file.representations.length > 1) res.setHeader('Vary', 'Accept-Encoding')
  if (matches(req.headers['if-none-match'], chosen.etag)) {
    res.writeHead(304)
    res.end()
    return
  }
  res.setHeader('Content-Type', file.type)
  res.setHeader('Accept-Ranges', 'bytes')
  if (chosen.encoding) res.setHeader('Content-Encoding', chosen.encoding)
  const size = chosen.body.byteLength
  const ifRange = req.headers['if-range']
  // A range of the bytes sent, compressed or not; If-Range with another validator: all of it.
  const range =
    req.method === 'GET' && req.headers.range && (ifRange === undefined || ifRange === chosen.etag)
      ? parseRange(req.headers.range, size)
      : null
  if (range === 'unsatisfiable') {
    res.writeHead(416, { 'Content-Range': `bytes */${size}` })
    res.end()
    return
  }
  const body = range ? chosen.body.subarray(range.start, range.end + 1) : chosen.body
  if (range) res.setHeader('Content-Range', `bytes ${range.start}-${range.end}/${size}`)
  res.writeHead(range ? 206 : 200, { 'Content-Length': body.byteLength })
  // Node sends no body for HEAD, with the headers GET would have.
  res.end(body)
}

/** A path whose last segment has an extension names a file: no page is served in its place. */
const NAMES_A_FILE = /\.[^/]*$/

/**
 * Serves the built client (`vite build` output) with an SPA fallback to index.html: the
 * precompressed copy the browser accepts (brotli, then gzip), hashed assets cached for a
 * year, everything else revalidated. Without a build, pages answer 503 with what to run; the
 * API and sync endpoint work regardless.
 */
export const serveBuiltClient = (dir: string): Middleware => {
  if (!existsSync(dir)) {
    return (_req, res) => {
      res.writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8' })
      res.end(`The client is not built (${dir} is missing): run npm run build.\n`)
    }
  }
  const files = loadBuild(dir)
  const page = files.get('/index.html')
  return (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' })
      res.end()
      return
    }
    let pathname: string
    try {
      pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname)
    } catch {
      next()
      return
    }
    const file = files.get(pathname) ?? (NAMES_A_FILE.test(pathname) ? undefined : page)
    if (file) send(req, res, file)
    else next()
  }
}
