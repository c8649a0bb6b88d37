import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { createUndoHistory } from '../../client/features/canvas/editor/undoHistory.ts'
import {
  addBox,
  canvasMap,
  goToPhase,
  listCanvases,
  readFlow,
  readItem,
  setItemText,
} from '../../shared/schema/index.ts'
import { joinAs, type Person } from '../helpers/people.ts'
import { useTestServers } from '../helpers/workshopServer.ts'
import { connectClient, refusalsOf, sleep, synced, waitFor } from '../helpers/yclient.ts'

/**
 * Per-user undo never re-applies a change the server reverted (issue 15): the history of a
 * real participant's canvas, over a real y-websocket client, when the running phase does not
 * let her write and the server takes her change back.
 */
const { start, track } = useTestServers()

/** Origin of the participant's canvas changes, as CanvasArea makes one per connection. */
const ORIGIN = Object.freeze({ kind: 'fabrique:canvas' })

/**
 * A workshop of the nominal group technique (its vote phase lets nobody write) where Ana, a
 * participant, wrote a note "Avant" before any phase ran (not in her undo history), with her
 * undo history over the canvas as the board keeps it.
 */
const workshopWithNote = async () => {
  const server = await start()
  const workshop = await server.createWorkshop({ template: 'groupe-nominal' })
  const facilitator = track(connectClient(server.syncUrl, workshop.id, workshop.tokens.facilitator))
  const ana: Person = await joinAs(
    server,
    workshop.id,
    workshop.tokens.participant,
    'Ana',
    'patient',
  )
  track(ana.shared)
  track(ana.own)
  await synced(facilitator)
  const canvasId = listCanvases(ana.shared.doc)[0]?.id ?? ''
  const note = addBox(
    ana.shared.doc,
    canvasId,
    { kind: 'note', x: 0, y: 0, text: 'Avant', createdBy: ana.id, group: 'patient' },
    'before the history',
  )
  const textAt = (doc: Y.Doc) => {
    const item = readItem(doc, canvasId, note)
    return item && 'text' in item ? item.text : null
  }
  await waitFor('the note at the facilitator', () => textAt(facilitator.doc) === 'Avant')
  const canvas = canvasMap(ana.shared.doc, canvasId)
  if (!canvas) throw new Error('no canvas')
  const manager = new Y.UndoManager([canvas], {
    trackedOrigins: new Set([ORIGIN]),
    captureTimeout: 0,
  })
  const history = createUndoHistory([manager])
  // The first phase where nobody writes (as the flow is ready, its index may be 0).
  const voting = readFlow(facilitator.doc).phases.findIndex((phase) => !phase.allow.write)
  const toVote = async () => {
    goToPhase(facilitator.doc, voting, 'facilitator')
    await waitFor('the phase at Ana', () => {
      const flow = readFlow(ana.shared.doc)
      return flow.status === 'running' && flow.phaseIndex === voting
    })
  }
  return { canvasId, note, ana, facilitator, history, textAt, toVote }
}

describe('undo after the server reverted a change', () => {
  it('neither undo nor redo re-applies a refused edit', async () => {
    const { canvasId, note, ana, facilitator, history, textAt, toVote } = await workshopWithNote()
    await toVote()
    const told = refusalsOf(ana.shared)

    setItemText(ana.shared.doc, canvasId, note, 'Après', ORIGIN)
    await waitFor('the refusal', () => told.includes('phase.write'))
    await waitFor('the revert at Ana', () => textAt(ana.shared.doc) === 'Avant')

    history.undo()
    expect(textAt(ana.shared.doc)).toBe('Avant')
    history.redo()
    expect(textAt(ana.shared.doc)).toBe('Avant')
    await sleep(200)
    expect(told).toEqual(['phase.write'])
    expect(textAt(facilitator.doc)).toBe('Avant')
    // Nothing to take back: the buttons say so.
    expect([history.canUndo(), history.canRedo()]).toEqual([false, false])
  })

  it('redo does nothing once the server reverted the undo', async () => {
    const { canvasId, note, ana, facilitator, history, textAt, toVote } = await workshopWithNote()
    setItemText(ana.shared.doc, canvasId, note, 'Après', ORIGIN)
    await waitFor('the edit at the facilitator', () => textAt(facilitator.doc) === 'Après')
    await toVote()
    const told = refusalsOf(ana.shared)

    // The undo is a change too: the vote refuses it.
    history.undo()
    await waitFor('the refusal', () => told.includes('phase.write'))
    await waitFor('the revert at Ana', () => textAt(ana.shared.doc) === 'Après')

    history.redo()
    expect(textAt(ana.shared.doc)).toBe('Après')
    await sleep(200)
    expect(told).toEqual(['phase.write'])
    expect(textAt(facilitator.doc)).toBe('Après')
    expect([history.canUndo(), history.canRedo()]).toEqual([false, false])
  })
})
