import { describe, expect, it } from 'vitest'
import type * as Y from 'yjs'
import type { VersionSummary } from '../../shared/api.ts'
import {
  addBox,
  createDocument,
  documentBody,
  itemText,
  listCanvases,
  readCanvasContent,
  readPlainText,
  setItemText,
  upsertParticipant,
  writePlainText,
} from '../../shared/schema/index.ts'
import { contentOf } from '../helpers/content.ts'
import { useTestServers } from '../helpers/workshopServer.ts'
import { connectClient, synced, type TestClient, waitFor } from '../helpers/yclient.ts'

const servers = useTestServers()
const O = 'test'

describe('restoring a version while people are connected', () => {
  it('keeps every open client live: both follow the restore, then keep editing and saving', async () => {
    const server = await servers.start()
    const workshop = await server.createWorkshop()
    const { facilitator, participant } = workshop.tokens
    const call = async (path: string, body: unknown) => {
      const res = await fetch(`${server.url}/api/workshops/${workshop.id}/versions${path}`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${facilitator}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      })
      expect(res.status).toBe(201)
      return (await res.json()) as VersionSummary
    }
    // Léa facilitates; Ben takes part under the identity issued at join, with his record.
    const lea = servers.track(connectClient(server.syncUrl, workshop.id, facilitator))
    const ben = await server.register(workshop.id, participant)
    const bens = servers.track(
      connectClient(server.syncUrl, workshop.id, participant, ben.identity),
    )
    await Promise.all([synced(lea), synced(bens)])
    upsertParticipant(bens.doc, { id: ben.participantId, name: 'Ben', group: 'citizen' }, O)
    const canvasId = listCanvases(lea.doc)[0]?.id ?? ''
    const note = addBox(
      bens.doc,
      canvasId,
      { kind: 'note', x: 0, y: 0, text: 'Écoute', createdBy: ben.participantId, group: 'citizen' },
      O,
    )
    const documentId = createDocument(lea.doc, { title: 'Charte', text: 'Nos valeurs' }, O)
    const notes = (client: TestClient) =>
      readCanvasContent(client.doc, canvasId).items.map((item) => item.text)
    const body = (client: TestClient) => {
      const fragment = documentBody(client.doc, documentId)
      return fragment ? readPlainText(fragment) : null
    }
    const both = async (what: string, check: (client: TestClient) => boolean) => {
      for (const client of [lea, bens])
        await waitFor(`${what} (${client === lea ? 'Léa' : 'Ben'})`, () => check(client))
    }
    await both(
      'the note and the document',
      (c) => notes(c).join() === 'Écoute' && body(c) === 'Nos valeurs',
    )
    const v1 = await call('', { name: 'Avant la pause' })

    // After the version: Ben rewrites his note and adds one; Léa adds a paragraph.
    setItemText(bens.doc, canvasId, note, 'Écoute active', O)
    addBox(
      bens.doc,
      canvasId,
      {
        kind: 'note',
        x: 200,
        y: 0,
        text: 'Plus tard',
        createdBy: ben.participantId,
        group: 'citizen',
      },
      O,
    )
    writePlainText(documentBody(lea.doc, documentId) as Y.XmlFragment, 'Ajouté ensuite')
    await both(
      'the changes',
      (c) => notes(c).length === 2 && body(c) === 'Nos valeurs\nAjouté ensuite',
    )
    // What each screen is bound to: Ben's note editor, Léa's and Ben's document editors.
    const bound = {
      note: itemText(bens.doc, canvasId, note),
      leaBody: documentBody(lea.doc, documentId),
      benBody: documentBody(bens.doc, documentId),
    }

    await call(`/${v1.id}/restore`, { name: 'Retour avant la pause' })
    await both(
      'the restored content',
      (c) => notes(c).join() === 'Écoute' && body(c) === 'Nos valeurs',
    )

    // They keep typing in what they are bound to: the edits reach the server and each other.
    bound.note?.insert(bound.note.length, ' (Ben)')
    writePlainText(bound.leaBody as Y.XmlFragment, 'Léa, après le retour')
    await both(
      'the edits made after the restore',
      (c) => notes(c).join() === 'Écoute (Ben)' && body(c) === 'Nos valeurs\nLéa, après le retour',
    )
    const shown = contentOf(lea.doc)
    expect(contentOf(bens.doc)).toEqual(shown)
    expect(bound.benBody).toBe(documentBody(bens.doc, documentId))

    // After a restart, a device that reloads gets exactly what the screens showed.
    const restarted = await servers.restart()
    const reloaded = servers.track(connectClient(restarted.syncUrl, workshop.id, participant))
    await synced(reloaded)
    expect(contentOf(reloaded.doc)).toEqual(shown)
    expect(readCanvasContent(reloaded.doc, canvasId)).toMatchObject({
      items: [{ id: note, text: 'Écoute (Ben)', x: 0, y: 0, createdBy: ben.participantId }],
      skipped: [],
    })
  })
})
