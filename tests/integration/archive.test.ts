import { request } from 'node:http'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { WorkshopLinks } from '../../shared/api.ts'
import type { WorkshopArchive } from '../../shared/export/archive.ts'
import {
  addBox,
  connect,
  createDecision,
  listCanvases,
  listDecisions,
  listDocuments,
  readCanvasContent,
  readFlow,
  readMeta,
  SCHEMA_VERSION,
  setDecisionStatus,
} from '../../shared/schema/index.ts'
import { largeArchive } from '../helpers/largeArchive.ts'
import { percentile, probeLatency } from '../helpers/latencyProbe.ts'
import type { TestServer } from '../helpers/server.ts'
import { useTestServers } from '../helpers/workshopServer.ts'
import { connectClient, sleep, synced, waitFor } from '../helpers/yclient.ts'
import { deepAnyUpdate } from '../helpers/yupdates.ts'

const MB = 1024 * 1024

const { start, track } = useTestServers()
let server: TestServer | undefined

const open = async (links: WorkshopLinks) => {
  const client = connectClient(server?.syncUrl ?? '', links.id, links.tokens.observer)
  track(client)
  await synced(client)
  return client
}

/** What a person sees of a workshop, without ids that differ between copies. */
const content = (doc: Y.Doc) => ({
  title: readMeta(doc)?.title,
  phases: readFlow(doc).phases.map((phase) => phase.id),
  canvases: listCanvases(doc).map((canvas) => ({
    title: canvas.title,
    items: readCanvasContent(doc, canvas.id).items.map((item) => ({ ...item })),
  })),
  decisions: listDecisions(doc),
})

const exportOf = async (links: WorkshopLinks, token = links.tokens.observer) =>
  (await (
    await fetch(`${server?.url}/api/workshops/${links.id}/export?token=${token}`)
  ).json()) as WorkshopArchive

const importArchive = (body: string) =>
  fetch(`${server?.url}/api/workshops/import`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body,
  })

/**
 * POSTs `body` with node:http, which writes the buffer as it is (fetch copies it first): the
 * test's own client shares the server's event loop and must not hold it.
 */
const postBuffer = (url: string, body: Buffer): Promise<Response> =>
  new Promise((resolve, reject) => {
    const req = request(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Content-Length': body.byteLength },
    })
    req.once('error', reject)
    req.once('response', async (res) => {
      const chunks: Buffer[] = []
      for await (const chunk of res) chunks.push(chunk as Buffer)
      resolve(new Response(Buffer.concat(chunks), { status: res.statusCode }))
    })
    req.end(body)
  })

const database = (options?: Database.Options) =>
  new Database(`${server?.config.dataDir}/fabrique.sqlite`, options)

/** Rows of every table an import writes to. */
const storedRows = () => {
  const db = database({ readonly: true })
  const count = (table: string) =>
    db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number
  const rows = {
    workshops: count('workshops'),
    tokens: count('tokens'),
    // Rooms with a stored state (a compaction moves a room's updates into a snapshot).
    rooms: count('(SELECT room_id FROM room_updates UNION SELECT room_id FROM room_snapshots)'),
    versions: count('versions'),
  }
  db.close()
  return rows
}
const workshopCount = () => storedRows().workshops

describe('workshop archives', () => {
  it('export → import → export gives the same workshop, versions included', async () => {
    server = await start()
    const original = await server.createWorkshop({
      title: 'Charte — mai',
      template: 'charte-des-roles',
    })
    const writer = connectClient(server.syncUrl, original.id, original.tokens.facilitator)
    track(writer)
    await synced(writer)
    const canvasId = listCanvases(writer.doc)[0]?.id ?? ''
    const a = addBox(
      writer.doc,
      canvasId,
      { kind: 'note', x: 0, y: 0, text: 'Complémenter, pas substituer' },
      'test',
    )
    const b = addBox(writer.doc, canvasId, { kind: 'note', x: 300, y: 0, text: 'Entraide' }, 'test')
    connect(writer.doc, canvasId, { from: a, to: b }, 'test')
    const decision = createDecision(writer.doc, { title: 'Adopter la charte' }, 'test')
    setDecisionStatus(writer.doc, decision, 'adopted', 'test')
    const reader = await open(original)
    await waitFor(
      'the edits on the server',
      () =>
        listDecisions(reader.doc).length === 1 &&
        readCanvasContent(reader.doc, canvasId).items.length > 2,
    )
    const version = await fetch(`${server.url}/api/workshops/${original.id}/versions`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${original.tokens.facilitator}`,
        'Content-Type': 'application/json',
      },
      body: JSON.stringify({ name: 'Charte adoptée', author: 'Léa' }),
    })
    expect(version.status).toBe(201)

    const first = await exportOf(original)
    expect(first).toMatchObject({
      format: 'fabrique.workshop',
      schemaVersion: SCHEMA_VERSION,
      versions: [{ name: 'Charte adoptée' }],
    })
    const imported = await importArchive(JSON.stringify(first))
    expect(imported.status).toBe(201)
    const copy = (await imported.json()) as WorkshopLinks
    expect(copy.id).not.toBe(original.id)
    expect(copy.tokens.facilitator).not.toBe(original.tokens.facilitator)

    const second = await exportOf(copy)
    expect(content((await open(copy)).doc)).toEqual(content(reader.doc))
    expect(second.workshop).toEqual(first.workshop)
    expect(
      second.versions.map(({ name, author, createdAt }) => ({ name, author, createdAt })),
    ).toEqual(first.versions.map(({ name, author, createdAt }) => ({ name, author, createdAt })))
    const doc = (archive: WorkshopArchive) => {
      const d = new Y.Doc()
      Y.applyUpdate(d, Buffer.from(archive.document, 'base64'))
      return content(d)
    }
    expect(doc(second)).toEqual(doc(first))
    expect((await fetch(`${server.url}/api/workshops/${original.id}/export`)).status).toBe(401)
  })

  it('refuses a malformed, newer or too large archive with a 400 that says why, and creates nothing', async () => {
    server = await start({ maxArchiveBytes: 64 * 1024 })
    const original = await server.createWorkshop()
    const good = await exportOf(original)
    const before = workshopCount()
    const cases: Array<[string, string, RegExp]> = [
      ['not JSON', '{"format": ', /not valid JSON/],
      [
        'another format',
        JSON.stringify({ ...good, format: 'miro' }),
        /archive: format: must be "fabrique.workshop"/,
      ],
      [
        'a newer schema',
        JSON.stringify({ ...good, schemaVersion: SCHEMA_VERSION + 1 }),
        /newer Fabrique/,
      ],
      [
        'a broken document',
        JSON.stringify({ ...good, document: Buffer.from('not yjs at all').toString('base64') }),
        /document: not a readable workshop document/,
      ],
      [
        'a broken version',
        JSON.stringify({
          ...good,
          versions: [
            {
              name: 'v',
              author: '',
              createdAt: 1,
              state: Buffer.from('still not yjs').toString('base64'),
            },
          ],
        }),
        /versions\.0\.state/,
      ],
      [
        'a document nested too deep',
        JSON.stringify({
          ...good,
          document: Buffer.from(deepAnyUpdate(20_000)).toString('base64'),
        }),
        /document: not a readable workshop document \(a value nested deeper than 64\)/,
      ],
      [
        'a template id of 10,000 characters',
        JSON.stringify({ ...good, workshop: { ...good.workshop, template: 't'.repeat(10_000) } }),
        /workshop\.template: must be a template id .*at most 63/,
      ],
      [
        'a missing title',
        JSON.stringify({ ...good, workshop: { ...good.workshop, title: '' } }),
        /workshop\.title/,
      ],
      [
        'too large',
        JSON.stringify({ ...good, padding: 'x'.repeat(100 * 1024) }),
        /larger than 65536 bytes/,
      ],
    ]
    for (const [what, body, message] of cases) {
      const res = await importArchive(body)
      expect(res.status, what).toBe(400)
      expect((await res.json()).error, what).toMatch(message)
    }
    expect(workshopCount()).toBe(before)
  })
})

describe('archive imports', () => {
  it('keeps /healthz answering within 100 ms (p99), and a session in progress storing its edits, while it imports a 32 MB archive', async () => {
    server = await start()
    const original = await server.createWorkshop()
    const body = await largeArchive(await exportOf(original), 500, 31.5 * MB)
    expect(body.byteLength).toBeGreaterThan(30 * MB)
    expect(body.byteLength).toBeLessThanOrEqual(server.config.maxArchiveBytes)
    const session = await server.createWorkshop({ title: 'En cours' })
    const writer = connectClient(server.syncUrl, session.id, session.tokens.participant)
    track(writer)
    await synced(writer)
    const canvasId = listCanvases(writer.doc)[0]?.id ?? ''
    let notes = 0
    const editing = setInterval(() => {
      addBox(writer.doc, canvasId, { kind: 'note', x: notes++, y: 0, text: 'idée' }, 'test')
    }, 50)

    const probe = probeLatency(`${server.url}/healthz`, 10)
    await sleep(100)
    const res = await postBuffer(`${server.url}/api/workshops/import`, body)
    await sleep(100)
    const answers = await probe.stop()
    clearInterval(editing)

    expect(res.status, await res.clone().text()).toBe(201)
    const copy = (await res.json()) as WorkshopLinks
    const reader = await open(copy)
    expect(listDocuments(reader.doc).map((d) => d.title)).toContain('Compte rendu')
    const versions = await fetch(
      `${server.url}/api/workshops/${copy.id}/versions?token=${copy.tokens.observer}`,
    )
    expect(((await versions.json()) as unknown[]).length).toBe(500)
    const observer = await open(session)
    await waitFor(
      'every note of the session',
      () => readCanvasContent(observer.doc, canvasId).items.length === notes,
    )

    expect(answers.filter((answer) => answer.status !== 200)).toEqual([])
    const ms = answers.map((answer) => answer.ms)
    const figures = `${ms.length} answers, p99 ${percentile(ms, 99).toFixed(1)} ms, max ${Math.max(...ms).toFixed(1)} ms`
    expect(ms.length, figures).toBeGreaterThan(20)
    expect(percentile(ms, 99), figures).toBeLessThanOrEqual(100)
  }, 120_000)

  it('refuses an archive with more versions than MAX_ARCHIVE_VERSIONS (1000), and creates nothing', async () => {
    server = await start()
    const good = await exportOf(await server.createWorkshop())
    const empty = Buffer.from(Y.encodeStateAsUpdate(new Y.Doc())).toString('base64')
    const version = (i: number) => ({ name: `v${i}`, author: '', createdAt: i, state: empty })
    const before = storedRows()

    const res = await importArchive(
      JSON.stringify({ ...good, versions: Array.from({ length: 1001 }, (_, i) => version(i)) }),
    )
    expect(res.status).toBe(400)
    expect((await res.json()).error).toMatch(/versions: .*1001.*at most 1000.*MAX_ARCHIVE_VERSIONS/)
    expect(storedRows()).toEqual(before)

    const atCap = JSON.stringify({
      ...good,
      versions: Array.from({ length: 1000 }, (_, i) => version(i)),
    })
    expect((await importArchive(atCap)).status).toBe(201)
  })

  it('leaves nothing behind when storing an import fails midway', async () => {
    server = await start()
    const original = await server.createWorkshop()
    for (const name of ['Avant', 'Pendant', 'Après']) {
      const made = await fetch(`${server.url}/api/workshops/${original.id}/versions`, {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${original.tokens.facilitator}`,
          'Content-Type': 'application/json',
        },
        body: JSON.stringify({ name, author: 'Léa' }),
      })
      expect(made.status).toBe(201)
    }
    const archive = JSON.stringify(await exportOf(original))
    const before = storedRows()
    // The disk "fills up" at the third version of a workshop.
    const db = database()
    db.exec(`CREATE TRIGGER disk_full BEFORE INSERT ON versions
      WHEN (SELECT count(*) FROM versions WHERE workshop_id = NEW.workshop_id) >= 2
      BEGIN SELECT RAISE(ABORT, 'disk full'); END`)

    const failed = await importArchive(archive)
    expect(failed.status).toBe(500)
    expect(storedRows()).toEqual(before)

    db.exec('DROP TRIGGER disk_full')
    db.close()
    const retried = await importArchive(archive)
    expect(retried.status).toBe(201)
    expect(storedRows().versions).toBe(before.versions + 3)
  })
})
