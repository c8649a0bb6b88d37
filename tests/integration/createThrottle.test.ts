import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { TEMPLATES_DIR } from '../../server/app.ts'
import type { TestServer } from '../helpers/server.ts'
import { useTestServers } from '../helpers/workshopServer.ts'

const { start } = useTestServers()

const createFrom = (server: TestServer, headers: Record<string, string> = {}) =>
  fetch(`${server.url}/api/workshops`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify({ title: 'Atelier', template: 'atelier-libre' }),
  })

/** How many of `count` creations in a row from one client get a 201. */
const created = async (server: TestServer, count: number, headers: Record<string, string> = {}) => {
  const statuses = []
  for (let i = 0; i < count; i++) statuses.push((await createFrom(server, headers)).status)
  return statuses.filter((status) => status === 201).length
}

describe('creation throttle (no ADMIN_TOKEN)', () => {
  it('refuses the 11th creation in a burst from one address with 429 and when to retry', async () => {
    const server = await start()
    expect(await created(server, 10)).toBe(10)
    const refused = await createFrom(server)
    expect(refused.status).toBe(429)
    const retryAfter = Number(refused.headers.get('retry-after'))
    // 60 an hour: the next one in a minute.
    expect(retryAfter).toBeGreaterThan(50)
    expect(retryAfter).toBeLessThanOrEqual(60)
    expect((await refused.json()).error).toMatch(
      new RegExp(`creating a workshop: .*too many.*try again in ${retryAfter} s`),
    )

    // Imports and templates draw on the same budget.
    const archive = await fetch(`${server.url}/api/workshops/import`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
    })
    expect(archive.status).toBe(429)
    const template = await fetch(`${server.url}/api/templates`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: readFileSync(path.join(TEMPLATES_DIR, 'atelier-libre.json'), 'utf8'),
    })
    expect(template.status).toBe(429)
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200)
  })

  it('does not throttle a client that gives ADMIN_TOKEN when it is set', async () => {
    const server = await start({ adminToken: 'admin-secret' })
    expect(await created(server, 15, { Authorization: 'Bearer admin-secret' })).toBe(15)
  })

  it('behind a trusted proxy, gives each client named in X-Forwarded-For its own budget', async () => {
    const server = await start({ trustedProxies: ['127.0.0.1'], createBurst: 2 })
    const from = (client: string) => ({ 'X-Forwarded-For': `198.51.100.66, ${client}` })
    expect(await created(server, 3, from('203.0.113.7'))).toBe(2)
    expect(await created(server, 3, from('203.0.113.8'))).toBe(2)
  })

  it('ignores the X-Forwarded-For of a peer that is not a trusted proxy', async () => {
    const server = await start({ trustedProxies: ['10.0.0.1'], createBurst: 2 })
    expect(await created(server, 2, { 'X-Forwarded-For': '203.0.113.7' })).toBe(2)
    expect(await created(server, 1, { 'X-Forwarded-For': '203.0.113.8' })).toBe(0)
  })
})
