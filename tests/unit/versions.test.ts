import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  addAction,
  addBox,
  addCharterItem,
  addQuestion,
  addSection,
  createCanvas,
  createCharter,
  createDecision,
  createDocument,
  deleteItems,
  documentBody,
  listCanvases,
  listDecisions,
  moveItems,
  readCanvasContent,
  setDecisionStatus,
  setItemText,
  setSectionStatus,
  startWorkshop,
  updateAction,
  writePlainText,
} from '../../shared/schema/index.ts'
import { diffVersions, docFromState, restoreContent } from '../../shared/schema/versions.ts'
import { newWorkshop } from '../helpers/workshopDoc.ts'

const O = 'test'

const workshop = () => newWorkshop({ title: 'Plan' })

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
    const none = { added: [], removed: [], changed: [] }
    expect(diffVersions(v1, v1)).toEqual({
      documents: [],
      plan: { sections: none, actions: none, questions: none, text: [] },
      charters: none,
      canvases: [],
      decisions: none,
    })
  })
})

describe('comparing documents, the plan and charters', () => {
  it('lists document lines added and removed, plan entries and charter items that changed', () => {
    const { doc } = workshop()
    const document = createDocument(
      doc,
      { title: 'Plan', text: '# Où en sommes-nous?\n- Financement\n- Comité' },
      O,
    )
    const section = addSection(doc, { title: 'Prochains pas', text: 'Recruter' }, O)
    const action = addAction(doc, { title: 'Appeler la CDC' }, O)
    const charter = createCharter(
      doc,
      { role: 'citizen', title: 'Citoyen', items: [{ text: 'Entraide' }] },
      O,
    )
    const v1 = snapshot(doc)
    const body = documentBody(doc, document) as Y.XmlFragment
    body.delete(1, 1)
    writePlainText(body, '- Évaluation participative')
    setSectionStatus(doc, section, 'in-progress', O)
    updateAction(doc, action, { owner: 'Julie', status: 'doing' }, O)
    addQuestion(doc, { text: 'Qui finance?' }, O)
    addCharterItem(doc, charter, { text: 'Lien avec les organismes' }, O)
    const diff = diffVersions(v1, snapshot(doc))
    expect(diff.documents).toEqual([
      {
        id: document,
        title: 'Plan',
        status: 'changed',
        added: ['- Évaluation participative'],
        removed: ['- Financement', '- Comité'],
      },
    ])
    expect(diff.plan.sections.changed).toEqual([
      { id: section, label: 'Prochains pas', fields: ['status'] },
    ])
    expect(diff.plan.actions.changed).toEqual([
      { id: action, label: 'Appeler la CDC', fields: ['owner', 'status'] },
    ])
    expect(diff.plan.questions.added.map((q) => q.label)).toEqual(['Qui finance?'])
    expect(diff.charters.added.map((c) => c.label)).toEqual(['Citoyen — Lien avec les organismes'])
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
