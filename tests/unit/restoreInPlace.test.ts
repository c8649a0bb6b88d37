import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  addBox,
  addCharterItem,
  addSection,
  canvasMap,
  createCharter,
  createDecision,
  createDocument,
  decisionText,
  deleteItems,
  documentBody,
  itemText,
  moveItems,
  readCanvasContent,
  sectionBody,
  setDecisionText,
  setItemText,
  setSectionStatus,
  writePlainText,
} from '../../shared/schema/index.ts'
import { docFromState, restoreContent } from '../../shared/schema/versions.ts'
import { contentOf } from '../helpers/content.ts'
import { newWorkshop } from '../helpers/workshopDoc.ts'

const O = 'test'

const snapshot = (doc: Y.Doc) => docFromState(Y.encodeStateAsUpdate(doc))

/** The updates `doc` emits while `fn` runs. */
const updatesDuring = (doc: Y.Doc, fn: () => void): Uint8Array[] => {
  const updates: Uint8Array[] = []
  const keep = (update: Uint8Array) => updates.push(update)
  doc.on('update', keep)
  fn()
  doc.off('update', keep)
  return updates
}

/** A paragraph of `fragment` (its `index`-th block) and the text inside it. */
const block = (fragment: Y.XmlFragment, index: number) => {
  const element = fragment.get(index) as Y.XmlElement
  return { element, text: element.get(0) as Y.XmlText }
}

describe('restoring a version in place', () => {
  it('writes the old content into the same live types, so every screen bound to them follows', () => {
    const { doc, canvasId } = newWorkshop({ title: 'Atelier' })
    const kept = addBox(doc, canvasId, { kind: 'note', x: 0, y: 0, text: 'Écoute' }, O)
    const removed = addBox(doc, canvasId, { kind: 'note', x: 200, y: 0, text: 'Entraide' }, O)
    const documentId = createDocument(
      doc,
      { title: 'Plan', text: 'Nos valeurs\n\nNos moyens\n- Financement' },
      O,
    )
    const decision = createDecision(doc, { title: 'Comité', context: 'Avant' }, O)
    const charter = createCharter(doc, { role: 'citizen', title: 'Citoyen' }, O)
    addCharterItem(doc, charter, { text: 'Entraide' }, O)
    const section = addSection(doc, { title: 'Pas', text: 'Recruter' }, O)
    const body = documentBody(doc, documentId) as Y.XmlFragment
    block(body, 0).text.format(4, 7, { bold: true })
    const v1 = snapshot(doc)
    const expected = contentOf(v1)

    // What screens are bound to while the content changes after the version.
    const bound = {
      canvas: canvasMap(doc, canvasId),
      note: itemText(doc, canvasId, kept),
      body,
      first: block(body, 0).element,
      firstText: block(body, 0).text,
      second: block(body, 1).element,
      context: decisionText(doc, decision, 'context'),
      section: sectionBody(doc, section),
    }
    setItemText(doc, canvasId, kept, 'Écoute active', O)
    moveItems(doc, canvasId, [kept], { dx: 40, dy: 20 }, O)
    deleteItems(doc, canvasId, [removed], O)
    addBox(doc, canvasId, { kind: 'note', x: 0, y: 300, text: 'Nouvelle' }, O)
    bound.firstText.insert(0, 'Toutes ')
    bound.firstText.format(0, 18, { bold: null, italic: true })
    writePlainText(body, 'Un ajout')
    body.delete(1, 1)
    setDecisionText(doc, decision, 'context', 'Après', O)
    setSectionStatus(doc, section, 'done', O)
    ;(sectionBody(doc, section) as Y.XmlFragment).delete(0, 1)

    restoreContent(doc, v1, O)

    expect(contentOf(doc)).toEqual(expected)
    expect(canvasMap(doc, canvasId)).toBe(bound.canvas)
    expect(itemText(doc, canvasId, kept)).toBe(bound.note)
    expect(bound.note?.toString()).toBe('Écoute')
    expect(documentBody(doc, documentId)).toBe(bound.body)
    // Blocks present in both are the same elements; the changed one was edited inside.
    expect(block(body, 0).element).toBe(bound.first)
    expect(block(body, 0).text).toBe(bound.firstText)
    expect(bound.firstText.toDelta()).toEqual([
      { insert: 'Nos ' },
      { insert: 'valeurs', attributes: { bold: true } },
    ])
    expect(block(body, 1).element).not.toBe(bound.second) // removed after v1: made anew
    expect(decisionText(doc, decision, 'context')).toBe(bound.context)
    expect(bound.context.toString()).toBe('Avant')
    expect(sectionBody(doc, section)).toBe(bound.section)
    // The note removed since the version comes back under its key; the newer one goes.
    const texts = readCanvasContent(doc, canvasId).items.map((item) => [item.id, item.text])
    expect(texts).toEqual([
      [kept, 'Écoute'],
      [removed, 'Entraide'],
    ])
  })

  it('keeps what did not change in a text, so carets there stay where they were', () => {
    const doc = new Y.Doc()
    const text = new Y.Text()
    doc.getMap('documents').set('note', text)
    text.insert(0, 'Une écoute active et bienveillante')
    const v1 = snapshot(doc)
    const caret = Y.createRelativePositionFromTypeIndex(text, text.toString().indexOf('active'))
    text.delete(4, 7) // "Une active et bienveillante"
    text.insert(text.length, ', toujours')
    const updates = updatesDuring(doc, () => restoreContent(doc, v1, O))
    expect(text.toString()).toBe('Une écoute active et bienveillante')
    const at = Y.createAbsolutePositionFromRelativePosition(caret, doc)
    expect(at?.index).toBe(text.toString().indexOf('active'))
    // Only the difference travels: one insertion, the kept characters are not written again.
    expect(updates).toHaveLength(1)
    expect(Y.decodeUpdate(updates[0] as Uint8Array).structs).toHaveLength(1)
  })

  it('creates a type anew only where its kind changed, or where the key is new', () => {
    const doc = new Y.Doc()
    const root = doc.getMap<unknown>('documents')
    const text = new Y.Text('texte')
    const list = new Y.Array<unknown>()
    root.set('kind', new Y.Map())
    root.set('text', text)
    root.set('list', list)
    root.set('value', new Y.Map())
    list.insert(0, ['a', new Y.Map([['n', 1]])])
    const old = new Y.Doc()
    const oldRoot = old.getMap<unknown>('documents')
    old.transact(() => {
      oldRoot.set('kind', new Y.Text('était un texte'))
      oldRoot.set('text', new Y.Text('texte ancien'))
      oldRoot.set('list', Y.Array.from(['a', new Y.Map([['n', 2]]), 'c']))
      oldRoot.set('value', 'une valeur')
      oldRoot.set('fresh', new Y.XmlFragment())
    })
    const nested = list.get(1) as Y.Map<unknown>

    restoreContent(doc, old, O)

    expect(contentOf(doc)).toEqual(contentOf(old))
    expect(root.get('kind')).toBeInstanceOf(Y.Text)
    expect(root.get('text')).toBe(text)
    expect(root.get('list')).toBe(list)
    expect(list.get(1)).toBe(nested)
    expect(root.get('value')).toBe('une valeur')
    expect(root.get('fresh')).toBeInstanceOf(Y.XmlFragment)
  })

  it('changes nothing when the version holds what the workshop holds now', () => {
    const { doc, canvasId } = newWorkshop({ title: 'Atelier' })
    addBox(doc, canvasId, { kind: 'note', x: 0, y: 0, text: 'Écoute' }, O)
    const documentId = createDocument(doc, { title: 'Plan', text: '# Titre\n- un\n- deux' }, O)
    block(documentBody(doc, documentId) as Y.XmlFragment, 0).text.format(0, 3, { italic: true })
    createDecision(doc, { title: 'Comité', context: 'Contexte' }, O)
    addSection(doc, { title: 'Pas', text: 'Recruter' }, O)
    const same = snapshot(doc)
    expect(updatesDuring(doc, () => restoreContent(doc, same, O))).toEqual([])
  })
})

describe('restoring random edits of formatted text and rich-text trees', () => {
  /** A small seeded generator (the same rounds every run). */
  const random = (seed: number) => {
    let state = seed
    const next = () => {
      state = (state * 1103515245 + 12345) % 2147483648
      return state / 2147483648
    }
    const below = (n: number) => Math.floor(next() * n)
    return { next, below, pick: <T>(list: readonly T[]) => list[below(list.length)] as T }
  }
  const WORDS = ['a', 'é', '😀', 'mot', ' ', '\n']
  const MARKS = [{ bold: true }, { italic: true }, { link: { href: 'https://a.org' } }]
  const UNMARK = [{ bold: null }, { link: null }]

  const editText = (r: ReturnType<typeof random>, text: Y.Text) => {
    const n = text.length
    const roll = r.next()
    if (roll < 0.4 || n === 0) {
      const attributes = r.next() < 0.5 ? { ...r.pick(MARKS) } : undefined
      text.insert(r.below(n + 1), r.pick(WORDS), attributes)
    } else if (roll < 0.7) {
      const at = r.below(n)
      text.delete(at, Math.min(n - at, 1 + r.below(3)))
    } else {
      const at = r.below(n)
      text.format(at, Math.min(n - at, 1 + r.below(4)), { ...r.pick([...MARKS, ...UNMARK]) })
    }
  }
  const editTree = (r: ReturnType<typeof random>, fragment: Y.XmlFragment): void => {
    const n = fragment.length
    const roll = r.next()
    if (roll < 0.3 || n === 0) {
      const element = new Y.XmlElement(r.pick(['paragraph', 'heading', 'listItem']))
      if (r.next() < 0.5) element.setAttribute('level', String(1 + r.below(3)))
      element.insert(0, [new Y.XmlText(r.pick(WORDS))])
      fragment.insert(r.below(n + 1), [element])
      return
    }
    if (roll < 0.45) {
      fragment.delete(r.below(n), 1)
      return
    }
    const child = fragment.get(r.below(n))
    if (child instanceof Y.XmlText) editText(r, child)
    else if (child instanceof Y.XmlElement) {
      if (r.next() < 0.2) child.setAttribute('level', String(r.below(3)))
      else editTree(r, child)
    }
  }

  it('brings each back exactly, on the document and on a peer, and a second restore writes nothing', () => {
    for (let round = 1; round <= 200; round++) {
      const r = random(round)
      const doc = new Y.Doc()
      const root = doc.getMap<unknown>('documents')
      doc.transact(() => {
        root.set('text', new Y.Text())
        root.set('body', new Y.XmlFragment())
      })
      const edit = () => {
        if (r.next() < 0.5) editText(r, root.get('text') as Y.Text)
        else editTree(r, root.get('body') as Y.XmlFragment)
      }
      for (let step = 0; step < 30; step++) edit()
      const version = snapshot(doc)
      for (let step = 0; step < 30; step++) edit()
      const peer = snapshot(doc)
      for (const update of updatesDuring(doc, () => restoreContent(doc, version, O))) {
        Y.applyUpdate(peer, update)
      }
      expect(contentOf(doc), `round ${round}`).toEqual(contentOf(version))
      expect(contentOf(peer), `round ${round}, peer`).toEqual(contentOf(version))
      expect(updatesDuring(doc, () => restoreContent(doc, version, O))).toEqual([])
    }
  })
})
