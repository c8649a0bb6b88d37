import { fireEvent, screen, waitFor, within } from '@solidjs/testing-library'
import { getSchema } from '@tiptap/core'
import { yXmlFragmentToProseMirrorRootNode } from '@tiptap/y-tiptap'
import { describe, expect, it } from 'vitest'
import { Awareness } from 'y-protocols/awareness'
import * as Y from 'yjs'
import { caretAwareness, TEXT_CURSOR_FIELD } from '../../shared/editor/caretAwareness.ts'
import { richTextExtensions } from '../../shared/editor/extensions.ts'
import {
  createDocument,
  documentBody,
  listDocuments,
  readPlainText,
  writePlainText,
} from '../../shared/schema/index.ts'
import { buildDoc, renderArea } from './documentsHelpers.tsx'

describe('rich-text format', () => {
  it('what writePlainText writes loads in the editor schema', () => {
    const doc = new Y.Doc()
    const fragment = doc.getXmlFragment('body')
    writePlainText(fragment, '# Titre\nUn paragraphe\n- un\n- deux\n## Sous-titre\nFin')
    const schema = getSchema(richTextExtensions())
    const node = yXmlFragmentToProseMirrorRootNode(fragment, schema)
    node.check()
    const types = node.content.content.map((child) => child.type.name)
    expect(types).toEqual(['heading', 'paragraph', 'bulletList', 'heading', 'paragraph'])
    expect(node.child(0).attrs.level).toBe(1)
    expect(node.child(3).attrs.level).toBe(2)
    expect(node.textContent).toContain('deux')
  })

  it('the schema has checklists and links, and no nodes the exports would drop', () => {
    const schema = getSchema(richTextExtensions())
    expect(Object.keys(schema.nodes)).toEqual(
      expect.arrayContaining(['taskList', 'taskItem', 'bulletList', 'orderedList', 'blockquote']),
    )
    expect(schema.nodes.codeBlock).toBeUndefined()
    expect(Object.keys(schema.marks).sort()).toEqual(['bold', 'italic', 'link'])
  })
})

describe('caret awareness', () => {
  it('keeps text carets apart from canvas cursors and never touches presence', () => {
    const doc = new Y.Doc()
    const awareness = new Awareness(doc)
    awareness.setLocalStateField('user', {
      id: 'x',
      name: 'Léa',
      group: 'clinician',
      role: 'participant',
    })
    awareness.setLocalStateField('cursor', { canvasId: 'c', x: 1, y: 2 })
    const view = caretAwareness(awareness)
    // The canvas cursor is not a text cursor.
    expect(view.getLocalState()?.cursor).toBeNull()
    expect(view.getLocalState()?.user).toMatchObject({ name: 'Léa', color: '#0072B2' })
    view.setLocalStateField('user', { name: 'hacked' })
    view.setLocalStateField('cursor', { anchor: { a: 1 }, head: { a: 1 } })
    expect(awareness.getLocalState()?.user).toMatchObject({ name: 'Léa' })
    expect(awareness.getLocalState()?.cursor).toEqual({ canvasId: 'c', x: 1, y: 2 })
    expect(awareness.getLocalState()?.[TEXT_CURSOR_FIELD]).toEqual({
      anchor: { a: 1 },
      head: { a: 1 },
    })
  })
})

describe('documents panel', () => {
  it('opens a document in the editor, bound to its fragment', async () => {
    const doc = buildDoc()
    const id = createDocument(
      doc,
      { title: 'Notes du comité', text: '# Ordre du jour\nBienvenue' },
      'test',
    )
    renderArea(doc)
    const editor = await screen.findByRole(
      'textbox',
      { name: 'Texte de «\u00a0Notes du comité\u00a0»' },
      { timeout: 5000 },
    )
    await waitFor(() => expect(editor.textContent).toContain('Bienvenue'))
    expect(editor.querySelector('h1')?.textContent).toBe('Ordre du jour')
    // Formatting toolbar with pressed states.
    const toolbar = screen.getByRole('toolbar', { name: 'Mise en forme' })
    expect(within(toolbar).getByRole('button', { name: 'Gras' })).toHaveAttribute(
      'aria-pressed',
      'false',
    )
    // A change in the shared document appears in the editor.
    const body = documentBody(doc, id)
    if (!body) throw new Error('no body')
    doc.transact(() => writePlainText(body, 'Ajouté par quelqu’un'))
    await waitFor(() => expect(editor.textContent).toContain('Ajouté par quelqu’un'))
    expect(readPlainText(body)).toContain('Bienvenue')
  })

  it('the facilitator creates and renames a document', async () => {
    const doc = buildDoc()
    renderArea(doc, { role: 'facilitator' })
    fireEvent.click(await screen.findByText('Nouveau document', {}, { timeout: 5000 }))
    fireEvent.input(screen.getByLabelText('Titre du nouveau document'), {
      target: { value: 'Compte rendu' },
    })
    fireEvent.click(screen.getByRole('button', { name: 'Créer le document' }))
    expect(listDocuments(doc).map((d) => d.title)).toEqual(['Compte rendu'])
    fireEvent.click(await screen.findByRole('button', { name: 'Renommer' }))
    const field = screen.getByLabelText('Nouveau titre de « Compte rendu »')
    fireEvent.input(field, { target: { value: 'Compte rendu du 12 mai' } })
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer' }))
    expect(listDocuments(doc)[0]?.title).toBe('Compte rendu du 12 mai')
  })

  it('opening an empty document writes nothing (two people opening it at once add nothing)', async () => {
    const doc = buildDoc()
    const id = createDocument(doc, { title: 'Vide' }, 'test')
    const updates: Uint8Array[] = []
    doc.on('update', (update: Uint8Array) => updates.push(update))
    renderArea(doc)
    await screen.findByRole('textbox', { name: 'Texte de «\u00a0Vide\u00a0»' }, { timeout: 5000 })
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(updates).toEqual([])
    expect(documentBody(doc, id)?.length).toBe(0)
  })

  it('a participant writes in a document, but creating, renaming and deleting are the facilitator’s', async () => {
    const doc = buildDoc()
    createDocument(doc, { title: 'Proposition', text: 'Texte' }, 'test')
    renderArea(doc)
    const editor = await screen.findByRole(
      'textbox',
      { name: 'Texte de «\u00a0Proposition\u00a0»' },
      { timeout: 5000 },
    )
    expect(editor).toHaveAttribute('contenteditable', 'true')
    expect(screen.queryByText('Nouveau document')).toBeNull()
    expect(screen.queryByRole('button', { name: 'Renommer' })).toBeNull()
    expect(screen.queryByRole('button', { name: /Supprimer/ })).toBeNull()
  })

  it('is read-only for a participant during a step that does not let people write (a vote)', async () => {
    const doc = buildDoc()
    createDocument(doc, { title: 'Proposition', text: 'Texte' }, 'test')
    renderArea(doc, { rights: { edit: false, position: true, manage: false } })
    const editor = await screen.findByRole(
      'textbox',
      { name: 'Texte de «\u00a0Proposition\u00a0»' },
      { timeout: 5000 },
    )
    expect(editor).toHaveAttribute('contenteditable', 'false')
    expect(screen.queryByRole('toolbar')).toBeNull()
    expect(
      screen.getByText(
        'Pendant cette étape, les documents, les chartes et le plan se lisent sans se modifier.',
      ),
    ).toBeInTheDocument()
  })

  it('is read-only for observers', async () => {
    const doc = buildDoc()
    createDocument(doc, { title: 'Plan', text: 'Texte' }, 'test')
    renderArea(doc, { role: 'observer' })
    const editor = await screen.findByRole(
      'textbox',
      { name: 'Texte de «\u00a0Plan\u00a0»' },
      { timeout: 5000 },
    )
    expect(editor).toHaveAttribute('contenteditable', 'false')
    expect(screen.queryByRole('toolbar')).toBeNull()
    expect(screen.queryByText('Nouveau document')).toBeNull()
  })
})
