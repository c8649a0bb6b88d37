import { readFileSync } from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import type { WorkshopLinks } from '../../shared/api.ts'
import { isBox } from '../../shared/canvas/kinds/index.ts'
import { listDocuments, readCanvasContent, readFlow, readPlan } from '../../shared/schema/index.ts'
import { startServer, type TestServer } from '../helpers/server.ts'
import { connectClient, synced, type TestClient } from '../helpers/yclient.ts'

/**
 * Workshops made from templates before they changed open on the server as the templates are
 * now (tests/fixtures/before-one-plan.json, before-prompts.json, brought in as archives): the
 * « Plan ouvert » document is the plan, « Charte des rôles »'s step 10 shows its votes, a
 * template's question takes no dot.
 */

let server: TestServer | undefined
const clients: TestClient[] = []
afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy()
  await server?.close()
})

const fixture = (file: string) =>
  JSON.parse(readFileSync(`tests/fixtures/${file}`, 'utf8')) as Record<string, { state: string }>

/** Imports a stored document as an archive of the build it was made by; a client reads it. */
const imported = async (state: string, schemaVersion: number, template: string) => {
  const archive = {
    format: 'fabrique.workshop',
    version: 1,
    schemaVersion,
    exportedAt: 1796000300000,
    workshop: { title: 'Avant', template, locale: 'fr', createdAt: 1796000000000 },
    document: state,
    versions: [],
  }
  const res = await fetch(`${server?.url}/api/workshops/import`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(archive),
  })
  expect(res.status, await res.clone().text()).toBe(201)
  const links = (await res.json()) as WorkshopLinks
  const client = connectClient(server?.syncUrl ?? '', links.id, links.tokens.observer)
  clients.push(client)
  await synced(client)
  return client.doc
}

describe('a workshop made from a template before it changed', () => {
  it('« Plan ouvert »: one plan, holding what the group wrote in its document', async () => {
    server = await startServer()
    const doc = await imported(fixture('before-one-plan.json').plan?.state ?? '', 6, 'plan-ouvert')
    expect(listDocuments(doc)).toEqual([])
    const plan = readPlan(doc)
    expect(plan.sections.map((section) => section.title)).toContain('Où en sommes-nous?')
    expect(readFlow(doc).phase?.focus).toEqual({ plan: true })
  })

  it('« Charte des rôles »: step 10 names the three votes it looks at', async () => {
    server = await startServer()
    const doc = await imported(
      fixture('before-one-plan.json').charter?.state ?? '',
      6,
      'charte-des-roles',
    )
    expect(readFlow(doc).phase?.results).toEqual([
      'accord-cliniciens-partenaires',
      'accord-patients-partenaires',
      'accord-citoyens-partenaires',
    ])
  })

  it('« Groupe nominal »: the question is a prompt, the ideas are not', async () => {
    server = await startServer()
    const doc = await imported(
      fixture('before-prompts.json').questionEdited?.state ?? '',
      5,
      'groupe-nominal',
    )
    const notes = readCanvasContent(doc, 'idees').items.filter(isBox)
    expect(notes.filter((note) => note.prompt).map((note) => note.text)).toEqual([
      'Notre question : quels besoins des personnes seules regarder en premier?',
    ])
    expect(
      notes.find((note) => note.text === 'Une navette vers la clinique')?.prompt,
    ).toBeUndefined()
  })
})
