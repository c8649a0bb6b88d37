import { readFileSync } from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import type { SessionSummary, WorkshopLinks } from '../../shared/api.ts'
import {
  listDecisions,
  listParticipants,
  readCanvasContent,
  readFlow,
  readMeta,
} from '../../shared/schema/index.ts'
import { startServer, type TestServer, tempDataDir } from '../helpers/server.ts'
import { connectClient, synced, type TestClient } from '../helpers/yclient.ts'

/**
 * Nothing is lost on upgrade: a database and an archive made by the build before sessions
 * (tests/fixtures/before-sessions: one workshop of atelier-libre, its flow running, with Ana,
 * her note, a decision and a named version) open as a lab with one session.
 */
const FIXTURE = 'tests/fixtures/before-sessions'
const made = JSON.parse(readFileSync(`${FIXTURE}/workshop.json`, 'utf8')) as {
  id: string
  tokens: WorkshopLinks['tokens']
  participant: { id: string; secret: string }
  canvasId: string
}

let server: TestServer | undefined
const clients: TestClient[] = []
afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy()
  await server?.close()
})

const get = (id: string, route: string, token: string) =>
  fetch(`${server?.url}/api/workshops/${id}${route}`, {
    headers: { Authorization: `Bearer ${token}` },
  })

/** What the workshop holds, read by a client as anyone would. */
const contents = async (id: string, token: string) => {
  const client = connectClient(server?.syncUrl ?? '', id, token)
  clients.push(client)
  await synced(client)
  return {
    title: readMeta(client.doc)?.title,
    flow: readFlow(client.doc).status,
    people: listParticipants(client.doc).map((p) => [p.name, p.group]),
    notes: readCanvasContent(client.doc, made.canvasId).items.map((i) => i.text),
    decisions: listDecisions(client.doc).map((d) => d.title),
    /** The session each decision records. */
    decidedIn: listDecisions(client.doc).map((d) => d.session),
  }
}

const BEFORE = {
  title: 'Comité de co-création — mars',
  flow: 'running',
  people: [['Ana', 'patient']],
  notes: ['Navette vers la clinique'],
  decisions: ['Essayer la navette'],
}

describe('upgrading to labs with sessions', () => {
  it('opens a database made before sessions: the workshop is a lab with one session, nothing lost', async () => {
    const dataDir = tempDataDir()
    const db = new Database(path.join(dataDir, 'fabrique.sqlite'))
    db.exec(readFileSync(`${FIXTURE}/database.sql`, 'utf8'))
    db.close()
    server = await startServer({ dataDir })

    const res = await get(made.id, '/sessions', made.tokens.participant)
    expect(res.status).toBe(200)
    const sessions = (await res.json()) as SessionSummary[]
    expect(sessions).toEqual([
      expect.objectContaining({
        title: BEFORE.title,
        template: 'atelier-libre',
        status: 'running',
        current: true,
      }),
    ])
    expect(sessions[0]?.date).toMatch(/^\d{4}-\d{2}-\d{2}$/)
    // The decision made before sessions was taken in the one session there was.
    expect(await contents(made.id, made.tokens.observer)).toEqual({
      ...BEFORE,
      decidedIn: [sessions[0]?.sessionId],
    })
    // Links, identities and versions made before still work.
    const session = await fetch(`${server.url}/api/workshops/${made.id}/session`, {
      headers: {
        Authorization: `Bearer ${made.tokens.facilitator}`,
        'X-Fabrique-Participant': made.participant.id,
        'X-Fabrique-Secret': made.participant.secret,
      },
    })
    expect(await session.json()).toMatchObject({ role: 'facilitator' })
    const versions = await get(made.id, '/versions', made.tokens.observer)
    expect(await versions.json()).toEqual([
      expect.objectContaining({ name: 'Adopté par le comité' }),
    ])
    // The lab goes on: its next session is planned beside the first.
    const planned = await fetch(`${server.url}/api/workshops/${made.id}/sessions`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${made.tokens.facilitator}`,
        'Content-Type': 'application/json',
      },
      body: JSON.stringify({ title: 'Avril', template: 'plan-ouvert', date: '2099-04-01' }),
    })
    expect(planned.status).toBe(201)
  })

  it('imports an archive exported before sessions as a lab with one session, nothing lost', async () => {
    server = await startServer()
    const res = await fetch(`${server.url}/api/workshops/import`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: readFileSync(`${FIXTURE}/archive.json`),
    })
    expect(res.status, await res.clone().text()).toBe(201)
    const copy = (await res.json()) as WorkshopLinks
    const listed = (await (
      await get(copy.id, '/sessions', copy.tokens.participant)
    ).json()) as SessionSummary[]
    expect(listed).toEqual([
      expect.objectContaining({ title: BEFORE.title, status: 'running', current: true }),
    ])
    expect(await contents(copy.id, copy.tokens.observer)).toEqual({
      ...BEFORE,
      decidedIn: [listed[0]?.sessionId],
    })
    const versions = await get(copy.id, '/versions', copy.tokens.observer)
    expect(await versions.json()).toEqual([
      expect.objectContaining({ name: 'Adopté par le comité' }),
    ])
    // And exported again, it carries its session.
    const again = await get(copy.id, '/export', copy.tokens.observer)
    const reimported = await fetch(`${server.url}/api/workshops/import`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: await again.text(),
    })
    const second = (await reimported.json()) as WorkshopLinks
    const sessions = (await (
      await get(second.id, '/sessions', second.tokens.observer)
    ).json()) as SessionSummary[]
    expect(sessions.map((s) => s.title)).toEqual([BEFORE.title])
  })
})
