import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { createUndoHistory } from '../../client/features/canvas/editor/undoHistory.ts'
import {
  addBox,
  deleteItems,
  moveItems,
  readCanvasContent,
  readItem,
  setItemText,
} from '../../shared/schema/index.ts'
import { newWorkshop } from '../helpers/workshopDoc.ts'

const MINE = Object.freeze({ kind: 'fabrique:canvas' })
const REMOTE = 'remote'
/** Written before my history starts: not mine to undo. */
const BEFORE = 'before'

/**
 * My document and someone else's, each change relayed to the other at once (as a remote
 * transaction), with my undo history over the canvas as the board keeps it.
 */
const twoPeople = () => {
  const { doc: mine, canvasId } = newWorkshop()
  const theirs = new Y.Doc()
  Y.applyUpdate(theirs, Y.encodeStateAsUpdate(mine), REMOTE)
  mine.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin !== REMOTE) Y.applyUpdate(theirs, update, REMOTE)
  })
  theirs.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin !== REMOTE) Y.applyUpdate(mine, update, REMOTE)
  })
  const manager = new Y.UndoManager([mine.getMap('canvases')], {
    trackedOrigins: new Set([MINE]),
    captureTimeout: 0,
  })
  const history = createUndoHistory([manager])
  const note = (doc: Y.Doc, text: string, origin: unknown) =>
    addBox(doc, canvasId, { kind: 'note', x: 0, y: 0, text }, origin)
  const texts = () => readCanvasContent(mine, canvasId).items.map((item) => item.text)
  return { mine, theirs, canvasId, history, note, texts }
}

describe('the undo history of one person', () => {
  it('keeps what I wrote and then deleted myself', () => {
    const { mine, canvasId, history, note, texts } = twoPeople()
    const id = note(mine, 'Idée', MINE)
    deleteItems(mine, canvasId, [id], MINE)
    history.undo()
    expect(texts()).toEqual(['Idée'])
    history.undo()
    expect(texts()).toEqual([])
    history.redo()
    expect(texts()).toEqual(['Idée'])
  })

  it('drops what someone else deleted, and still undoes what came before', () => {
    const { mine, theirs, canvasId, history, note, texts } = twoPeople()
    note(mine, 'Première', MINE)
    const second = note(mine, 'Seconde', MINE)
    let told = 0
    history.onChange(() => told++)
    deleteItems(theirs, canvasId, [second], 'theirs')
    expect(told).toBe(1)
    history.undo()
    expect(texts()).toEqual([])
    expect([history.canUndo(), history.canRedo()]).toEqual([false, true])
  })

  it('keeps a step of mine that someone else changed only in part', () => {
    const { mine, theirs, canvasId, history, note } = twoPeople()
    const a = note(mine, 'A', BEFORE)
    const b = note(mine, 'B', BEFORE)
    moveItems(mine, canvasId, [a, b], { dx: 100, dy: 0 }, MINE)
    moveItems(theirs, canvasId, [b], { dx: 40, dy: 0 }, 'theirs')
    expect(history.canUndo()).toBe(true)
    history.undo()
    const x = (id: string) => {
      const item = readItem(mine, canvasId, id)
      return item && 'x' in item ? item.x : null
    }
    expect([x(a), x(b)]).toEqual([0, 140])
  })

  it('drops a redo whose restored text someone else replaced', () => {
    const { mine, theirs, canvasId, history, note, texts } = twoPeople()
    const id = note(mine, 'Avant', BEFORE)
    setItemText(mine, canvasId, id, 'Après', MINE)
    history.undo()
    expect(texts()).toEqual(['Avant'])
    setItemText(theirs, canvasId, id, 'Autre', 'theirs')
    expect(history.canRedo()).toBe(false)
    history.redo()
    expect(texts()).toEqual(['Autre'])
  })
})
