import { describe, expect, it } from 'vitest'
import { routeOf } from '../../client/offline/routes.ts'

const ORIGIN = 'https://fabrique.example.org'
const get = (path: string, mode = 'cors') => ({ url: `${ORIGIN}${path}`, method: 'GET', mode })

describe('what the service worker does with a request', () => {
  it.each([
    [get('/assets/index-AbC123.js'), 'asset'],
    [get('/assets/canvas-XyZ.css', 'no-cors'), 'asset'],
    [get('/w/abc123', 'navigate'), 'page'],
    [get('/', 'navigate'), 'page'],
    [get('/w/abc123/projector', 'navigate'), 'page'],
    // Never cached, never answered from the cache: the server's own.
    [get('/api/workshops/abc/session'), 'network'],
    [get('/api/workshops/abc/report?ticket=t', 'navigate'), 'network'],
    [get('/api/workshops/abc/decisions.csv?ticket=t', 'navigate'), 'network'],
    [get('/sync/abc'), 'network'],
    [get('/healthz', 'navigate'), 'network'],
    [get('/sw.js'), 'network'],
    [{ url: `${ORIGIN}/assets/index-AbC123.js`, method: 'POST', mode: 'cors' }, 'network'],
    [{ url: 'https://elsewhere.example/assets/x.js', method: 'GET', mode: 'cors' }, 'network'],
  ])('%o → %s', (request, route) => {
    expect(routeOf(request, ORIGIN)).toBe(route)
  })
})
