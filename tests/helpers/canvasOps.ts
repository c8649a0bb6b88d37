import * as prng from 'lib0/prng'
import type * as Y from 'yjs'
import {
  addBox,
  alignToGrid,
  bringToFront,
  connect,
  createCluster,
  deleteItems,
  duplicateItems,
  getCanvas,
  moveItems,
  moveItemToFrame,
  readCanvasContent,
  resizeItem,
  setItemText,
} from '../../shared/schema/index.ts'

/**
 * Seeded random operations on one canvas, through the real schema mutators: each takes a doc
 * and does one thing a person could do (add, move, type, connect, delete, cluster…).
 */
export const canvasOperations = (
  gen: prng.PRNG,
  canvasId: string,
  origin: unknown,
): Array<(doc: Y.Doc) => void> => {
  const ids = (doc: Y.Doc, kind?: string) =>
    !getCanvas(doc, canvasId)
      ? []
      : readCanvasContent(doc, canvasId)
          .items.filter((item) => (kind ? item.kind === kind : item.kind !== 'connector'))
          .map((item) => item.id)
  const pick = <T>(list: readonly T[]): T | undefined =>
    list.length === 0 ? undefined : list[prng.uint32(gen, 0, list.length - 1)]
  const coord = () => prng.int32(gen, -2000, 2000)

  return [
    (doc) => {
      addBox(
        doc,
        canvasId,
        { kind: 'note', x: coord(), y: coord(), text: prng.word(gen, 1, 8), group: 'patient' },
        origin,
      )
    },
    (doc) => {
      addBox(
        doc,
        canvasId,
        { kind: 'frame', x: coord(), y: coord(), w: 600, h: 600, text: prng.word(gen, 1, 8) },
        origin,
      )
    },
    (doc) => {
      const id = pick(ids(doc))
      if (id)
        moveItems(
          doc,
          canvasId,
          [id],
          { dx: prng.int32(gen, -300, 300), dy: prng.int32(gen, -300, 300) },
          origin,
        )
    },
    (doc) => {
      const id = pick(ids(doc))
      if (!id) return
      const text = readCanvasContent(doc, canvasId).items.find((item) => item.id === id)?.text ?? ''
      const at = prng.uint32(gen, 0, text.length)
      setItemText(
        doc,
        canvasId,
        id,
        text.slice(0, at) + prng.word(gen, 1, 4) + text.slice(at + prng.uint32(gen, 0, 2)),
        origin,
      )
    },
    (doc) => {
      const [from, to] = [pick(ids(doc)), pick(ids(doc))]
      if (from && to && from !== to) connect(doc, canvasId, { from, to }, origin)
    },
    (doc) => {
      const id = pick([...ids(doc), ...ids(doc, 'connector')])
      if (id) deleteItems(doc, canvasId, [id], origin)
    },
    (doc) => {
      const chosen = ids(doc).filter(() => prng.bool(gen))
      if (chosen.length > 0) createCluster(doc, canvasId, prng.word(gen, 1, 8), chosen, origin)
    },
    (doc) => {
      const note = pick(ids(doc, 'note'))
      if (note) moveItemToFrame(doc, canvasId, note, pick(ids(doc, 'frame')) ?? null, origin)
    },
    (doc) => {
      const id = pick(ids(doc))
      if (id) duplicateItems(doc, canvasId, [id], origin)
    },
    (doc) => {
      const id = pick(ids(doc))
      if (id) bringToFront(doc, canvasId, [id], origin)
    },
    (doc) => {
      const id = pick(ids(doc))
      if (id)
        resizeItem(
          doc,
          canvasId,
          id,
          { x: coord(), y: coord(), w: prng.int32(gen, 20, 400), h: prng.int32(gen, 20, 400) },
          origin,
        )
    },
    (doc) => alignToGrid(doc, canvasId, ids(doc), origin),
  ]
}
