import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { madeWithWorkshop, piecesEdited } from '../../server/facilitation/contributions.ts'
import {
  addBox,
  createDocument,
  documentBody,
  moveItems,
  setItemText,
  writePlainText,
} from '../../shared/schema/index.ts'
import { newWorkshop } from '../helpers/workshopDoc.ts'

const O = 'test'

/** Another device's copy of `doc`, kept in sync with it both ways at once. */
const device = (doc: Y.Doc): Y.Doc => {
  const copy = new Y.Doc()
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc))
  copy.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin !== doc) Y.applyUpdate(doc, update, copy)
  })
  doc.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin !== copy) Y.applyUpdate(copy, update, doc)
  })
  return copy
}

/** A workshop as created (a seed note, written with its metadata), then served. */
const served = () => {
  const { doc: created, canvasId } = newWorkshop()
  const seed = addBox(created, canvasId, { kind: 'note', x: 0, y: 0, text: 'Graine' }, O)
  createDocument(created, { id: 'proposition', title: 'Proposition', text: 'Texte' }, O)
  const doc = new Y.Doc()
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(created))
  return { doc, canvasId, seed }
}

describe('what people did, read from the document', () => {
  it('counts each piece a person changed once, not each keystroke, and not their own notes', () => {
    const { doc, canvasId, seed } = served()
    const ana = device(doc)
    const bob = device(doc)
    const people = new Map([
      [ana.clientID, 'ana'],
      [bob.clientID, 'bob'],
    ])
    const personOf = (client: number) => people.get(client) ?? null

    // Ana writes a note, letter by letter: it is her note, not an edit.
    const note = addBox(ana, canvasId, { kind: 'note', x: 0, y: 200, createdBy: 'ana' }, O)
    for (const length of [1, 2, 3, 4, 5, 6, 7, 8]) {
      setItemText(ana, canvasId, note, 'Une idée'.slice(0, length), O)
    }
    // Bob moves her note three times, types 12 keystrokes in the proposal, draws a shape.
    for (let i = 0; i < 3; i++) moveItems(bob, canvasId, [note], { dx: 10, dy: 0 }, O)
    for (let i = 1; i <= 12; i++) {
      writePlainText(documentBody(bob, 'proposition') as Y.XmlFragment, 'Texte revu'.slice(0, i))
    }
    addBox(bob, canvasId, { kind: 'shape', x: 400, y: 0, createdBy: 'bob' }, O)
    // Ana moves the template's note.
    moveItems(ana, canvasId, [seed], { dx: 0, dy: 50 }, O)

    expect(Object.fromEntries(piecesEdited(doc, personOf))).toEqual({ ana: 1, bob: 3 })
  })

  it("tells the template's notes from the ones written since", () => {
    const { doc, canvasId, seed } = served()
    const later = addBox(device(doc), canvasId, { kind: 'note', x: 0, y: 300 }, O)
    const seeded = madeWithWorkshop(doc)
    expect(seeded(canvasId, seed)).toBe(true)
    expect(seeded(canvasId, later)).toBe(false)
    // An imported copy of the workshop keeps the client ids, so it tells them apart too.
    const copy = new Y.Doc()
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc))
    expect(madeWithWorkshop(copy)(canvasId, seed)).toBe(true)
  })
})
