import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { TemplateSummary } from '../../shared/template.ts'
import { startServer, type TestServer } from '../helpers/server.ts'

let server: TestServer | undefined

afterEach(async () => {
  await server?.close()
  server = undefined
})

const post = (url: string, body: string, headers: Record<string, string> = {}) =>
  fetch(`${url}/api/workshops`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body,
  })

describe('HTTP API', () => {
  it('answers /healthz', async () => {
    server = await startServer()
    const res = await fetch(`${server.url}/healthz`)
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ status: 'ok' })
  })

  it('lists templates with titles in both languages', async () => {
    server = await startServer()
    const templates = (await (
      await fetch(`${server.url}/api/templates`)
    ).json()) as TemplateSummary[]
    expect(templates.find((t) => t.id === 'atelier-libre')).toMatchObject({
      title: { fr: 'Atelier libre', en: 'Open workshop' },
    })
  })

  it('creates a workshop with three distinct role tokens and links', async () => {
    server = await startServer()
    const res = await post(
      server.url,
      JSON.stringify({ title: 'Charte', template: 'atelier-libre', locale: 'en' }),
    )
    expect(res.status).toBe(201)
    const body = await res.json()
    expect(body).toMatchObject({ id: expect.any(String), title: 'Charte', locale: 'en' })
    const tokens = Object.values(body.tokens as Record<string, string>)
    expect(new Set(tokens).size).toBe(3)
    for (const role of ['facilitator', 'participant', 'observer'] as const) {
      expect(body.links[role]).toBe(`${server.url}/w/${body.id}#token=${body.tokens[role]}`)
    }
  })

  it('stores only hashes of the tokens', async () => {
    server = await startServer()
    const workshop = await server.createWorkshop()
    const dir = server.config.dataDir
    await server.close()
    server = undefined
    const stored = readdirSync(dir)
      .map((file) => readFileSync(path.join(dir, file)).toString('latin1'))
      .join('')
    for (const token of Object.values(workshop.tokens)) expect(stored).not.toContain(token)
  })

  it('tells the role of a token, and gives the links back to the facilitator only', async () => {
    server = await startServer()
    const workshop = await server.createWorkshop({ title: 'Plan ouvert' })
    const get = (what: string, token: string) =>
      fetch(`${server?.url}/api/workshops/${workshop.id}/${what}`, {
        headers: { Authorization: `Bearer ${token}` },
      })
    const session = await get('session', workshop.tokens.observer)
    expect(await session.json()).toMatchObject({
      role: 'observer',
      workshop: { id: workshop.id, title: 'Plan ouvert' },
    })
    const links = await get('links', workshop.tokens.facilitator)
    expect((await links.json()).tokens).toEqual(workshop.tokens)
    expect((await get('links', workshop.tokens.participant)).status).toBe(403)
    expect((await get('session', 'wrong')).status).toBe(401)
  })

  it('guards workshop creation with ADMIN_TOKEN when it is set', async () => {
    server = await startServer({ adminToken: 'admin-secret' })
    const body = JSON.stringify({ title: 'T', template: 'atelier-libre' })
    const refused = await post(server.url, body)
    expect(refused.status).toBe(401)
    expect((await refused.json()).error).toMatch(/ADMIN_TOKEN/)
    expect((await post(server.url, body, { Authorization: 'Bearer nope' })).status).toBe(401)
    expect((await post(server.url, body, { Authorization: 'Bearer admin-secret' })).status).toBe(
      201,
    )
  })

  it.each([
    ['invalid JSON', '{"title": ', /not valid JSON/],
    ['a missing title', JSON.stringify({ template: 'atelier-libre' }), /^title: /],
    [
      'an empty title',
      JSON.stringify({ title: '  ', template: 'atelier-libre' }),
      /title: must not be empty/,
    ],
    ['a wrong type', JSON.stringify({ title: 42, template: 'atelier-libre' }), /^title: /],
    [
      'an unknown locale',
      JSON.stringify({ title: 'T', template: 'atelier-libre', locale: 'de' }),
      /locale/,
    ],
    [
      'an unknown template',
      JSON.stringify({ title: 'T', template: 'nope' }),
      /template: unknown template "nope"/,
    ],
    [
      'an unknown field',
      JSON.stringify({ title: 'T', template: 'atelier-libre', admin: true }),
      /admin/,
    ],
    ['an array', '[]', /expected object/],
  ])('answers 400 with what is wrong for %s', async (_what, body, message) => {
    server = await startServer()
    const res = await post(server.url, body)
    expect(res.status).toBe(400)
    expect((await res.json()).error).toMatch(message)
  })

  it('refuses a huge body (413) and a body that is not JSON (415), then keeps serving', async () => {
    server = await startServer()
    const huge = await post(
      server.url,
      JSON.stringify({ title: 'x'.repeat(200_000), template: 'atelier-libre' }),
    )
    expect(huge.status).toBe(413)
    const form = await post(server.url, 'title=T', {
      'Content-Type': 'application/x-www-form-urlencoded',
    })
    expect(form.status).toBe(415)
    expect((await fetch(`${server.url}/api/nope`)).status).toBe(404)
    expect((await fetch(`${server.url}/api/templates`, { method: 'DELETE' })).status).toBe(405)
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200)
  })

  it('answers HEAD on a GET route as GET would, without a body', async () => {
    server = await startServer()
    const workshop = await server.createWorkshop()
    for (const path of [
      '/api/templates',
      `/api/workshops/${workshop.id}/session`,
      `/api/workshops/${workshop.id}/decisions.csv`,
      `/api/workshops/${workshop.id}/report`,
    ]) {
      const headers = { Authorization: `Bearer ${workshop.tokens.observer}` }
      const get = await fetch(`${server.url}${path}`, { headers })
      const head = await fetch(`${server.url}${path}`, { method: 'HEAD', headers })
      expect(head.status, path).toBe(get.status)
      expect(head.headers.get('content-type'), path).toBe(get.headers.get('content-type'))
      expect(await head.text(), path).toBe('')
    }
    // A route without GET still says what it allows.
    const refused = await fetch(`${server.url}/api/workshops`, { method: 'HEAD' })
    expect(refused.status).toBe(405)
    expect(refused.headers.get('allow')).toBe('POST')
    expect(
      (await fetch(`${server.url}/api/templates`, { method: 'DELETE' })).headers.get('allow'),
    ).toBe('GET, HEAD, POST')
  })

  it("takes a facilitator's request to forget someone with no body as one without a secret", async () => {
    server = await startServer()
    const workshop = await server.createWorkshop()
    const forget = async (token: string, init: RequestInit = {}) => {
      const { participantId } =
        (await server?.register(workshop.id, workshop.tokens.participant)) ?? {}
      return fetch(
        `${server?.url}/api/workshops/${workshop.id}/participants/${participantId}/forget`,
        {
          method: 'POST',
          ...init,
          headers: { Authorization: `Bearer ${token}`, ...init.headers },
        },
      )
    }
    const bare = await forget(workshop.tokens.facilitator)
    expect(bare.status, await bare.clone().text()).toBe(200)
    expect(await bare.json()).toEqual({ forgotten: expect.any(String) })
    const emptyJson = await forget(workshop.tokens.facilitator, {
      headers: { 'Content-Type': 'application/json' },
      body: '',
    })
    expect(emptyJson.status).toBe(200)
    // Anyone else still needs the person's secret, and is told so.
    const noSecret = await forget(workshop.tokens.participant)
    expect(noSecret.status).toBe(403)
    expect((await noSecret.json()).error).toMatch(/with their secret/)
    // A body that is there must still be JSON.
    const form = await forget(workshop.tokens.facilitator, {
      headers: { 'Content-Type': 'text/plain' },
      body: 'secret=1',
    })
    expect(form.status).toBe(415)
  })

  it('sets security headers on every response', async () => {
    server = await startServer()
    const res = await fetch(`${server.url}/`)
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    expect(res.headers.get('referrer-policy')).toBe('no-referrer')
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'")
  })
})
