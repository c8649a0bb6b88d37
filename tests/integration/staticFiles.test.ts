import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { precompressFiles } from '../../server/http/precompress.ts'
import { startServer, type TestServer } from '../helpers/server.ts'

interface Raw {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: Buffer
}

/**
 * One request as a browser sends it, without fetch's help: the path goes as written (fetch
 * would resolve `..`), and the body comes as sent (fetch would decompress it).
 */
const raw = (
  url: string,
  pathname: string,
  headers: Record<string, string> = {},
  method = 'GET',
): Promise<Raw> =>
  new Promise((resolve, reject) => {
    const { hostname, port } = new URL(url)
    const req = request({ hostname, port, path: pathname, method, headers }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      )
      res.on('error', reject)
    })
    req.on('error', reject)
    req.end()
  })

const SECRET = 'the contents of a file outside the client'
// Large and repetitive enough that both encodings shrink it.
const SCRIPT = Buffer.from(
  Array.from(
    { length: 400 },
    (_, i) => `export const value${i} = 'un texte qui se répète ${i}'\n`,
  ).join(''),
)
const PAGE = Buffer.from(
  '<!doctype html><html lang="fr"><title>Fabrique</title><div id="app"></div></html>\n',
)
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4])

/** A built client as `vite build` writes it, beside a file the server must never send. */
const buildFixture = async (): Promise<string> => {
  const root = mkdtempSync(path.join(tmpdir(), 'fabrique-static-'))
  writeFileSync(path.join(root, 'secret.txt'), SECRET)
  const dir = path.join(root, 'client')
  mkdirSync(path.join(dir, 'assets'), { recursive: true })
  mkdirSync(path.join(dir, '.vite'))
  writeFileSync(path.join(dir, '.vite', 'manifest.json'), '{}')
  writeFileSync(path.join(dir, 'index.html'), PAGE)
  const assets = [
    { fileName: 'assets/index-AbC123.js', source: SCRIPT },
    // Too small to gain from compression: sent as it is.
    { fileName: 'assets/tiny-XyZ789.js', source: Buffer.from('x') },
    { fileName: 'assets/logo-QwE456.png', source: PNG },
  ]
  for (const asset of assets) writeFileSync(path.join(dir, asset.fileName), asset.source)
  await precompressFiles(dir, assets)
  return dir
}

describe('the built client, precompressed', () => {
  let server: TestServer
  beforeAll(async () => {
    server = await startServer({}, undefined, { clientDir: await buildFixture() })
  })
  afterAll(() => server.close())
  const get = (pathname: string, headers?: Record<string, string>, method?: string) =>
    raw(server.url, pathname, headers, method)
  const SCRIPT_PATH = '/assets/index-AbC123.js'

  it('sends brotli first, then gzip, else the file itself, each decoding to the same bytes', async () => {
    const chromeOverHttps = await get(SCRIPT_PATH, { 'Accept-Encoding': 'gzip, deflate, br, zstd' })
    expect(chromeOverHttps.status).toBe(200)
    expect(chromeOverHttps.headers['content-encoding']).toBe('br')
    expect(brotliDecompressSync(chromeOverHttps.body).equals(SCRIPT)).toBe(true)
    expect(chromeOverHttps.body.byteLength).toBeLessThan(SCRIPT.byteLength / 4)

    // What Chromium asks on a plain-http LAN address (no brotli there).
    const chromeOverHttp = await get(SCRIPT_PATH, { 'Accept-Encoding': 'gzip, deflate' })
    expect(chromeOverHttp.headers['content-encoding']).toBe('gzip')
    expect(gunzipSync(chromeOverHttp.body).equals(SCRIPT)).toBe(true)

    const refused = await get(SCRIPT_PATH, { 'Accept-Encoding': 'br;q=0, gzip;q=0.5' })
    expect(refused.headers['content-encoding']).toBe('gzip')

    const plain = await get(SCRIPT_PATH)
    expect(plain.headers['content-encoding']).toBeUndefined()
    expect(plain.body.equals(SCRIPT)).toBe(true)

    for (const response of [chromeOverHttps, chromeOverHttp, plain]) {
      expect(response.headers['content-type']).toBe('text/javascript; charset=utf-8')
      expect(response.headers['content-length']).toBe(String(response.body.byteLength))
      expect(response.headers.vary).toBe('Accept-Encoding')
      expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable')
    }
    // Each encoding is its own representation for caches and conditional requests.
    const etags = new Set([chromeOverHttps, chromeOverHttp, plain].map((r) => r.headers.etag))
    expect(etags.size).toBe(3)
  })

  it('sends files that do not compress as they are, with their type', async () => {
    const tiny = await get('/assets/tiny-XyZ789.js', { 'Accept-Encoding': 'br, gzip' })
    expect(tiny.headers['content-encoding']).toBeUndefined()
    expect(tiny.headers.vary).toBeUndefined()
    expect(tiny.body.toString()).toBe('x')
    const png = await get('/assets/logo-QwE456.png', { 'Accept-Encoding': 'br, gzip' })
    expect(png.headers['content-type']).toBe('image/png')
    expect(png.body.equals(PNG)).toBe(true)
  })

  it('serves the page for app routes, revalidated on every load, and 404s missing files', async () => {
    for (const pathname of ['/', '/index.html', '/w/abc123', '/w/abc123/projector']) {
      const page = await get(pathname, { 'Accept-Encoding': 'br, gzip' })
      expect(page.status, pathname).toBe(200)
      expect(page.headers['content-type']).toBe('text/html; charset=utf-8')
      expect(page.headers['cache-control']).toBe('no-cache')
      expect(page.body.equals(PAGE)).toBe(true)
    }
    // The policy is the page's; the scripts it loads run under it and go without.
    expect((await get('/w/abc123')).headers['content-security-policy']).toContain(
      "script-src 'self'",
    )
    expect((await get(SCRIPT_PATH)).headers['content-security-policy']).toBeUndefined()
    // A chunk of an older build must fail to load, not come back as the page.
    expect((await get('/assets/index-Old000.js')).status).toBe(404)
    expect((await get('/favicon.ico')).status).toBe(404)
  })

  it('answers HEAD, ranges and revalidation like GET would', async () => {
    const head = await get(SCRIPT_PATH, { 'Accept-Encoding': 'gzip' }, 'HEAD')
    const full = await get(SCRIPT_PATH, { 'Accept-Encoding': 'gzip' })
    expect(head.status).toBe(200)
    expect(head.body.byteLength).toBe(0)
    expect(head.headers['content-length']).toBe(String(full.body.byteLength))
    expect(head.headers['content-encoding']).toBe('gzip')
    expect(head.headers.etag).toBe(full.headers.etag)

    const size = SCRIPT.byteLength
    const cases: Array<[string, number, number]> = [
      ['bytes=0-9', 0, 9],
      ['bytes=0-0', 0, 0],
      ['bytes=-5', size - 5, size - 1],
      [`bytes=${size - 3}-`, size - 3, size - 1],
      [`bytes=10-${size + 100}`, 10, size - 1],
    ]
    for (const [range, start, end] of cases) {
      const part = await get(SCRIPT_PATH, { Range: range })
      expect(part.status, range).toBe(206)
      expect(part.headers['content-range'], range).toBe(`bytes ${start}-${end}/${size}`)
      expect(part.body.equals(SCRIPT.subarray(start, end + 1)), range).toBe(true)
      expect(part.headers['content-length']).toBe(String(end - start + 1))
    }
    // The range is of the bytes sent: here the brotli ones.
    const brotli = await get(SCRIPT_PATH, { 'Accept-Encoding': 'br' })
    const firstBytes = await get(SCRIPT_PATH, { 'Accept-Encoding': 'br', Range: 'bytes=0-3' })
    expect(firstBytes.headers['content-encoding']).toBe('br')
    expect(firstBytes.body.equals(brotli.body.subarray(0, 4))).toBe(true)

    const beyond = await get(SCRIPT_PATH, { Range: `bytes=${size}-` })
    expect(beyond.status).toBe(416)
    expect(beyond.headers['content-range']).toBe(`bytes */${size}`)
    for (const ignored of ['bytes=9-2', 'bytes=0-1,5-9', 'lines=1-2', 'bytes=x-']) {
      const whole = await get(SCRIPT_PATH, { Range: ignored })
      expect(whole.status, ignored).toBe(200)
      expect(whole.body.equals(SCRIPT)).toBe(true)
    }
    // If-Range with another validator (an older file): the whole current file.
    const stale = await get(SCRIPT_PATH, { Range: 'bytes=0-9', 'If-Range': '"older"' })
    expect(stale.status).toBe(200)

    const again = await get(SCRIPT_PATH, {
      'Accept-Encoding': 'gzip',
      'If-None-Match': String(full.headers.etag),
    })
    expect(again.status).toBe(304)
    expect(again.body.byteLength).toBe(0)
    expect(again.headers.vary).toBe('Accept-Encoding')
    // Another encoding's validator does not match this one's bytes.
    const other = await get(SCRIPT_PATH, {
      'Accept-Encoding': 'br',
      'If-None-Match': String(full.headers.etag),
    })
    expect(other.status).toBe(200)
  })

  it('sends nothing outside the build, nor its dotfiles', async () => {
    const attempts = [
      '/../secret.txt',
      '/assets/../../secret.txt',
      '/%2e%2e/secret.txt',
      '/..%2fsecret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/%2e%2e%2fsecret.txt',
      '/assets/%2e%2e%5c%2e%2e%5csecret.txt',
      '/..\\secret.txt',
      '//../secret.txt',
      '/.vite/manifest.json',
      '/%2evite/manifest.json',
    ]
    for (const attempt of attempts) {
      const response = await get(attempt, { 'Accept-Encoding': 'br, gzip' })
      expect(response.status, attempt).toBe(404)
      expect(response.body.toString(), attempt).not.toContain(SECRET)
    }
  })

  it('answers 405 to methods that do not read', async () => {
    const post = await get('/', {}, 'POST')
    expect(post.status).toBe(405)
    expect(post.headers.allow).toBe('GET, HEAD')
  })
})
