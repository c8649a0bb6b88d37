import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { WorkshopArchive } from '../../shared/export/archive.ts'
import { addBox, canvasMap, listCanvases } from '../../shared/schema/index.ts'
import { useTestServers } from '../helpers/workshopServer.ts'

/**
 * What an imported archive's document may hold (issues 15/16, found from outside): a note
 * without its place and size and 100,000 characters long, an unknown root, a participant
 * record that is not one, junk in the plan were imported, shown and exported. It must pass
 * what the live workshop checks of a client's writes; what is one's own to forge in one's own
 * copy (published results, a well-formed record) is not an attack on anyone.
 */
const { start } = useTestServers()

const items = (doc: Y.Doc, canvasId: string) =>
  canvasMap(doc, canvasId)?.get('items') as Y.Map<Y.Map<unknown>>

const longText = (note: Y.Map<unknown> | undefined) => {
  const text = new Y.Text()
  text.insert(0, 'L'.repeat(100_000))
  note?.set('text', text)
}

describe('importing an archive', () => {
  it('refuses a document holding what the live workshop refuses, with a 400 naming it, and creates nothing', async () => {
    const server = await start()
    const original = await server.createWorkshop({ template: 'un-deux-quatre-tous' })
    const exported = await fetch(`${server.url}/api/workshops/${original.id}/export`, {
      headers: { Authorization: `Bearer ${original.tokens.facilitator}` },
    })
    const archive = (await exported.json()) as WorkshopArchive
    /** The archive, its document edited by `edit` (on the first canvas). */
    const edited = (edit: (doc: Y.Doc, canvasId: string) => void) => {
      const doc = new Y.Doc()
      Y.applyUpdate(doc, Buffer.from(archive.document, 'base64'))
      doc.transact(() => edit(doc, listCanvases(doc)[0]?.id ?? ''))
      const document = Buffer.from(Y.encodeStateAsUpdate(doc)).toString('base64')
      return fetch(`${server.url}/api/workshops/import`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ ...archive, document }),
      })
    }
    /** How many workshops the server stores. */
    const workshops = () => {
      const db = new Database(`${server.config.dataDir}/fabrique.sqlite`, { readonly: true })
      const count = db.prepare('SELECT count(*) FROM workshops').pluck().get()
      db.close()
      return count
    }
    const before = workshops()

    const cases: Array<[string, (doc: Y.Doc, canvasId: string) => void, RegExp]> = [
      [
        'a note without its place and size, 100,000 characters long',
        (doc, canvasId) => {
          const note = new Y.Map<unknown>()
          items(doc, canvasId).set('longlonglonglong', note)
          note.set('id', 'longlonglonglong')
          note.set('kind', 'note')
          longText(note)
        },
        /^document: canvases\.\w+\.items\.longlonglonglong: .*; x: /,
      ],
      [
        'a note of 100,000 characters',
        (doc, canvasId) => {
          const id = addBox(doc, canvasId, { kind: 'note', x: 0, y: 0 }, 'test')
          longText(items(doc, canvasId).get(id))
        },
        /^document: canvases\.\w+\.items\.[\w-]+: text: more than 5000 characters/,
      ],
      [
        'an unknown root',
        (doc) => doc.getMap('zzzunknown').set('a', 1),
        /^document: the document has no part named "zzzunknown"/,
      ],
      [
        'a participant record that is not one',
        (doc) => {
          const ghost = { id: 'fakeperson000001', name: 'Ghost', group: 'martian', joinedAt: 1 }
          doc.getMap('participants').set(ghost.id, ghost)
        },
        /^document: participants\.fakeperson000001: /,
      ],
      [
        'an action of the plan that is a string',
        (doc) => (doc.getMap('plan').get('actions') as Y.Map<unknown>).set('junk', 'J'),
        /^document: plan\.actions\.junk: not an entry/,
      ],
    ]
    for (const [what, edit, message] of cases) {
      const res = await edited(edit)
      expect(res.status, what).toBe(400)
      expect((await res.json()).error, what).toMatch(message)
    }
    expect(workshops()).toBe(before)

    // Its own results and a well-formed record of someone: one's own copy to forge.
    const forged = await edited((doc) => {
      doc.getMap('results').set('vote-facultatif', { kind: 'dots', closed: true, voters: 999 })
      const ghost = { id: 'fakeperson000001', name: 'Ghost', group: 'patient', joinedAt: 1 }
      doc.getMap('participants').set(ghost.id, ghost)
    })
    expect(forged.status).toBe(201)
  })

  it('checks each version’s state as the document is: one that does not decode whole, is too large or holds what the live workshop refuses is a 400 naming it, and nothing is stored', async () => {
    const server = await start({ maxRoomBytes: 64 * 1024, maxArchiveBytes: 1024 * 1024 })
    const original = await server.createWorkshop({ template: 'un-deux-quatre-tous' })
    const exported = await fetch(`${server.url}/api/workshops/${original.id}/export`, {
      headers: { Authorization: `Bearer ${original.tokens.facilitator}` },
    })
    const archive = (await exported.json()) as WorkshopArchive
    const base64 = (update: Uint8Array) => Buffer.from(update).toString('base64')
    /** The archive's document, edited by `edit` (on the first canvas), as a state. */
    const editedState = (edit: (doc: Y.Doc, canvasId: string) => void) => {
      const doc = new Y.Doc()
      Y.applyUpdate(doc, Buffer.from(archive.document, 'base64'))
      doc.transact(() => edit(doc, listCanvases(doc)[0]?.id ?? ''))
      return Y.encodeStateAsUpdate(doc)
    }
    /** Imports the archive with a good version, then one whose state is `state`. */
    const withVersion = (state: string) =>
      fetch(`${server.url}/api/workshops/import`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          ...archive,
          versions: [
            { name: 'Bonne', author: '', createdAt: 1, state: archive.document },
            { name: 'Mauvaise', author: '', createdAt: 2, state },
          ],
        }),
      })
    const stored = () => {
      const db = new Database(`${server.config.dataDir}/fabrique.sqlite`, { readonly: true })
      const count = db
        .prepare('SELECT (SELECT count(*) FROM workshops) + (SELECT count(*) FROM versions)')
        .pluck()
        .get()
      db.close()
      return count
    }
    const before = stored()

    // A change of a client nobody has: it builds on history the state does not hold.
    const other = new Y.Doc()
    other.getMap('meta').set('title', 'a')
    const first = Y.encodeStateVector(other)
    other.getMap('meta').set('title', 'b')
    const tail = Y.encodeStateAsUpdate(other, first)
    const cases: Array<[string, string, RegExp]> = [
      [
        'a note of 10,000 characters',
        base64(
          editedState((doc, canvasId) => {
            const id = addBox(doc, canvasId, { kind: 'note', x: 0, y: 0 }, 'test')
            const text = new Y.Text()
            text.insert(0, 'L'.repeat(10_000))
            items(doc, canvasId).get(id)?.set('text', text)
          }),
        ),
        /^versions\.1\.state: canvases\.\w+\.items\.[\w-]+: text: more than 5000 characters/,
      ],
      [
        'an unknown root',
        base64(editedState((doc) => doc.getMap('zzzunknown').set('a', 1))),
        /^versions\.1\.state: the document has no part named "zzzunknown"/,
      ],
      [
        'a plan section whose body is past its limit',
        base64(
          editedState((doc) => {
            const body = new Y.XmlFragment()
            body.insert(0, [new Y.XmlText('b'.repeat(20_001))])
            const section = new Y.Map<unknown>()
            for (const [key, value] of Object.entries({
              id: 'longsection00001',
              title: 'Long',
              rank: 'a0',
              status: 'done',
              body,
            }))
              section.set(key, value)
            ;(doc.getMap('plan').get('sections') as Y.Map<unknown>).set('longsection00001', section)
          }),
        ),
        /^versions\.1\.state: plan\.sections\.longsection00001\.body: more than 20000 characters/,
      ],
      [
        'a newer schema',
        base64(editedState((doc) => doc.getMap('meta').set('schemaVersion', 999))),
        /^versions\.1\.state: .*999/,
      ],
      [
        'not a Yjs update',
        base64(new TextEncoder().encode('pas du tout')),
        /^versions\.1\.state: not a readable workshop document/,
      ],
      [
        'a state that is not whole',
        base64(tail),
        /^versions\.1\.state: not a readable workshop document \(it skips part of client \d+'s history/,
      ],
      [
        'a state larger than MAX_ROOM_BYTES',
        base64(
          editedState((doc, canvasId) => {
            for (let n = 0; n < 20; n++) {
              addBox(
                doc,
                canvasId,
                { kind: 'note', x: n * 300, y: 0, text: `${n}`.repeat(4_000) },
                'test',
              )
            }
          }),
        ),
        /^versions\.1\.state: \d+ bytes, more than a workshop may hold \(65536, MAX_ROOM_BYTES\)/,
      ],
    ]
    for (const [what, state, message] of cases) {
      const res = await withVersion(state)
      expect(res.status, what).toBe(400)
      expect((await res.json()).error, what).toMatch(message)
    }
    expect(stored()).toBe(before)
    expect((await withVersion(archive.document)).status).toBe(201)
  })
})
