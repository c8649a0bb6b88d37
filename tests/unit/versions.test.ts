import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  addBox,
  createCanvas,
  createDecision,
  deleteItems,
  initWorkshopDoc,
  listCanvases,
  listDecisions,
  moveItems,
  readCanvasContent,
  setDecisionStatus,
  setItemText,
  startWorkshop,
} from '../../shared/schema/index.ts'
import { diffVersions, docFromState, restoreContent } from '../../shared/schema/versions.ts'

const O = 'test'

const workshop = () => {
  const doc = new Y.Doc()
  initWorkshopDoc(doc, { title: 'Plan', templateId: 'x', locale: 'fr', createdAt: 0 }, O)
  return { doc, canvasId: listCanvases(doc)[0]?.id ?? '' }
}

const snapshot = (doc: Y.Doc) => docFromState(Y.encodeStateAsUpdate(doc))

describe('comparing versions', () => {
  it('lists the items added, removed and changed, and decisions new or with a new status', () => {
    const { doc, canvasId } = workshop()
    const kept = addBox(doc, canvasId, { kind: 'note', x: 0, y: 0, text: 'Avant' }, O)
    const gone = addBox(doc, canvasId, { kind: 'note', x: 200, y: 0, text: 'Retirée' }, O)
    const decision = createDecision(doc, { title: 'Comité' }, O)
    const v1 = snapshot(doc)

    setItemText(doc, canvasId, kept, 'Après', O)
    moveItems(doc, canvasId, [kept], { dx: 20, dy: 0 }, O)
    deleteItems(doc, canvasId, [gone], O)
    const fresh = addBox(doc, canvasId, { kind: 'note', x: 0, y: 300, text: 'Nouvelle' }, O)
    setDecisionStatus(doc, decision, 'adopted', O)
    const added = createDecision(doc, { title: 'Évaluation' }, O)
    const other = createCanvas(doc, { title: 'Rôles' }, O)

    const diff = diffVersions(v1, snapshot(doc))
    const main = diff.canvases.find((c) => c.canvasId === canvasId)
    expect(main).toMatchObject({
      status: 'changed',
      added: [{ id: fresh, text: 'Nouvelle', kind: 'note' }],
      removed: [{ id: gone, text: 'Retirée' }],
      changed: [{ id: kept, text: 'Après', before: 'Avant', changes: ['text', 'position'] }],
    })
    expect(diff.canvases.find((c) => c.canvasId === other)).toMatchObject({
      status: 'added',
      title: 'Rôles',
    })
    expect(diff.decisions).toEqual({
      added: [{ id: added, title: 'Évaluation', status: 'proposed' }],
      removed: [],
      changed: [{ id: decision, title: 'Comité', from: 'proposed', to: 'adopted', edited: [] }],
    })
    expect(diffVersions(v1, v1)).toEqual({
      canvases: [],
      decisions: { added: [], removed: [], changed: [] },
    })
  })
})

describe('restoring a version', () => {
  it('brings back the old content as new changes, and leaves the flow alone', () => {
    const { doc, canvasId } = workshop()
    addBox(doc, canvasId, { kind: 'note', x: 0, y: 0, text: 'Version 1' }, O)
    const v1 = snapshot(doc)
    const note = readCanvasContent(doc, canvasId).items[0]?.id ?? ''
    setItemText(doc, canvasId, note, 'Version 2', O)
    createDecision(doc, { title: 'Plus tard' }, O)
    createCanvas(doc, { title: 'Ajouté ensuite' }, O)
    doc.getMap('flow').set('status', 'running')

    const peer = new Y.Doc()
    Y.applyUpdate(peer, Y.encodeStateAsUpdate(doc))
    const updates: Uint8Array[] = []
    doc.on('update', (update: Uint8Array) => updates.push(update))
    restoreContent(doc, v1, O)
    for (const update of updates) Y.applyUpdate(peer, update)

    for (const target of [doc, peer]) {
      expect(readCanvasContent(target, canvasId).items.map((i) => i.text)).toEqual(['Version 1'])
      expect(listCanvases(target).map((c) => c.title)).toEqual(['Canevas 1'])
      expect(listDecisions(target)).toEqual([])
      expect(target.getMap('flow').get('status')).toBe('running')
    }
    expect(diffVersions(v1, snapshot(doc)).canvases).toEqual([])
    // The restored text is a live Y.Text again: editable and mergeable.
    setItemText(doc, canvasId, note, 'Version 3', O)
    expect(readCanvasContent(doc, canvasId).items[0]?.text).toBe('Version 3')
    startWorkshop(doc, O)
  })
})
