import { describe, expect, it } from 'vitest'
import type * as Y from 'yjs'
import { roomName } from '../../shared/rooms.ts'
import {
  addBox,
  connect,
  goToPhase,
  listCanvases,
  readCanvasContent,
  readFlow,
} from '../../shared/schema/index.ts'
import { ensurePrivateCanvas } from '../../shared/schema/private.ts'
import { useTestServers } from '../helpers/workshopServer.ts'
import { connectClient, refusalsOf, synced, waitFor } from '../helpers/yclient.ts'

/**
 * What a participant's client writes on a canvas, shared or private, as an attacker who knows
 * the README sends it with a stock y-websocket client: refused and reverted, or kept.
 */
const { start, track } = useTestServers()

/**
 * A workshop in its private-writing step, and a participant connected to their private
 * document, which holds the counterpart of the shared canvas (as the board makes it).
 */
const inPrivateWriting = async () => {
  const server = await start()
  const workshop = await server.createWorkshop({ template: 'groupe-nominal' })
  const facilitator = track(connectClient(server.syncUrl, workshop.id, workshop.tokens.facilitator))
  await synced(facilitator)
  const canvasId = listCanvases(facilitator.doc)[0]?.id ?? ''
  const privateStep = readFlow(facilitator.doc).phases.findIndex(
    (phase) => phase.allow.write && !phase.allow.seeOthers,
  )
  goToPhase(facilitator.doc, privateStep, 'test')
  const me = await server.register(workshop.id, workshop.tokens.participant)
  const room = roomName({
    kind: 'private',
    workshopId: workshop.id,
    participantId: me.participantId,
  })
  const device = () =>
    track(connectClient(server.syncUrl, room, workshop.tokens.participant, me.identity))
  const mine = device()
  await synced(mine)
  ensurePrivateCanvas(mine.doc, canvasId, 'Canevas', 'test')
  const told = refusalsOf(mine)
  const kinds = (doc: Y.Doc) =>
    readCanvasContent(doc, canvasId)
      .items.map((item) => item.kind)
      .sort()
  return { canvasId, me, mine, device, told, kinds }
}

describe('a private document holds only what is written privately', () => {
  it('a shape or a frame written into it is reverted and refused (kind.private); notes, texts and their links are kept', async () => {
    const { canvasId, me, mine, device, told, kinds } = await inPrivateWriting()
    const mineToo = { createdBy: me.participantId }
    addBox(mine.doc, canvasId, { kind: 'shape', x: 0, y: 0, ...mineToo }, 'x')
    addBox(mine.doc, canvasId, { kind: 'frame', x: 0, y: 300, ...mineToo }, 'x')
    await waitFor(
      'both refusals',
      () => told.filter((code) => code === 'kind.private').length === 2,
    )
    await waitFor('both reverted at their writer', () => kinds(mine.doc).length === 0)

    const note = addBox(mine.doc, canvasId, { kind: 'note', x: 0, y: 0, ...mineToo }, 'x')
    const text = addBox(mine.doc, canvasId, { kind: 'text', x: 300, y: 0, ...mineToo }, 'x')
    connect(mine.doc, canvasId, { from: note, to: text, ...mineToo }, 'x')
    const other = device()
    await synced(other)
    await waitFor('the note, the text and their link on another device', () =>
      ['connector', 'note', 'text'].every((kind) => kinds(other.doc).includes(kind)),
    )
    expect(kinds(other.doc)).toEqual(['connector', 'note', 'text'])
    expect(told).toEqual(['kind.private', 'kind.private'])
  })
})
