import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { WorkshopLinks } from '../../shared/api.ts'
import { createDecision, listDecisions, setDecisionStatus } from '../../shared/schema/index.ts'
import { startServer, type TestServer } from '../helpers/server.ts'
import { connectClient, synced, type TestClient, waitFor } from '../helpers/yclient.ts'

let server: TestServer
let workshop: WorkshopLinks
let client: TestClient

beforeEach(async () => {
  server = await startServer()
  workshop = await server.createWorkshop({ title: 'Plan ouvert — suivi' })
  client = connectClient(server.syncUrl, workshop.id, workshop.tokens.facilitator)
  await synced(client)
})

afterEach(async () => {
  client.destroy()
  await server.close()
})

describe('decision log downloads', () => {
  it('serves Markdown, CSV and JSON to any link of the workshop, and nothing without one', async () => {
    const id = createDecision(
      client.doc,
      { title: 'Créer un comité de pilotage', decision: 'Oui, dès mai' },
      'test',
    )
    setDecisionStatus(client.doc, id, 'adopted', 'test')
    const observer = connectClient(server.syncUrl, workshop.id, workshop.tokens.observer)
    await synced(observer)
    await waitFor(
      'the decision on the server',
      () => listDecisions(observer.doc)[0]?.status === 'adopted',
    )
    observer.destroy()

    const base = `${server.url}/api/workshops/${workshop.id}/decisions`
    const md = await fetch(`${base}.md?token=${workshop.tokens.observer}`)
    expect(md.status).toBe(200)
    expect(md.headers.get('content-type')).toBe('text/markdown; charset=utf-8')
    expect(md.headers.get('content-disposition')).toMatch(
      /attachment; filename="plan-ouvert-suivi-decisions\.md"/,
    )
    const markdown = await md.text()
    expect(markdown).toContain('status: adopted')
    expect(markdown).toContain('## Créer un comité de pilotage (adoptée)')

    const csv = await fetch(`${base}.csv`, {
      headers: { Authorization: `Bearer ${workshop.tokens.participant}` },
    })
    const bytes = new Uint8Array(await csv.arrayBuffer())
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    expect(new TextDecoder().decode(bytes)).toContain('Créer un comité de pilotage,adopted')

    const json = await (await fetch(`${base}.json?token=${workshop.tokens.facilitator}`)).json()
    expect(json).toMatchObject({
      format: 'fabrique.decisions',
      decisions: [{ id, status: 'adopted' }],
    })

    expect((await fetch(`${base}.json`)).status).toBe(401)
    expect((await fetch(`${base}.json?token=nope`)).status).toBe(401)
    expect((await fetch(`${base}.pdf?token=${workshop.tokens.observer}`)).status).toBe(404)
  })
})
