import { fireEvent, screen, waitFor } from '@solidjs/testing-library'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  addBox,
  canvasMap,
  createDocument,
  documentBody,
  itemText,
  ROOT,
  readCanvasContent,
  setItemText,
  writePlainText,
} from '../../shared/schema/index.ts'
import { amina, renderBoard, withoutCanvas2d } from '../helpers/canvasArea.tsx'
import { newWorkshop } from '../helpers/workshopDoc.ts'
import { buildDoc, renderArea } from './documentsHelpers.tsx'

/**
 * A container can be replaced under its key (a restore that had to create it anew, or a
 * client that set a new one there): the screens bound to it follow the new one.
 */

withoutCanvas2d()

const texts = (doc: Y.Doc, canvasId: string) =>
  readCanvasContent(doc, canvasId).items.map((item) => item.text)

describe('screens bound to a container that is replaced', () => {
  it('the board follows a canvas replaced under its id: shows it, writes and undoes in it', async () => {
    const doc = newWorkshop({ locale: 'en' }).doc
    const { canvasId, board } = renderBoard(doc)
    const note = addBox(
      doc,
      canvasId,
      { kind: 'note', x: 0, y: 0, text: 'Before', createdBy: amina.participantId },
      'remote',
    )
    const replacement = canvasMap(doc, canvasId)?.clone() as Y.Map<unknown>
    doc.transact(() => doc.getMap(ROOT.canvases).set(canvasId, replacement), 'remote')
    setItemText(doc, canvasId, note, 'After', 'remote')
    await waitFor(() =>
      expect(screen.getByRole('option', { name: /^Note: After — Amina$/ })).toBeTruthy(),
    )

    // A note made now opens its editor, and what is typed is its text (no empty note).
    board.focus()
    fireEvent.keyDown(board, { key: 'n' })
    const editor = (await screen.findByRole('textbox', {
      name: /Text of Note/,
    })) as HTMLTextAreaElement
    editor.value = 'Written after'
    fireEvent.input(editor)
    fireEvent.keyDown(editor, { key: 'Escape' })
    expect(texts(doc, canvasId)).toEqual(['After', 'Written after'])
    fireEvent.keyDown(board, { key: 'z', ctrlKey: true })
    expect(texts(doc, canvasId)).toEqual(['After'])
  })

  it('a note’s editor follows its text replaced by another one, and what others type in it', async () => {
    const doc = newWorkshop({ locale: 'en' }).doc
    const { canvasId, board } = renderBoard(doc)
    board.focus()
    fireEvent.keyDown(board, { key: 'n' })
    const editor = (await screen.findByRole('textbox', {
      name: /Text of Note/,
    })) as HTMLTextAreaElement
    editor.value = 'Typed'
    fireEvent.input(editor)
    const id = readCanvasContent(doc, canvasId).items[0]?.id ?? ''
    const items = canvasMap(doc, canvasId)?.get('items') as Y.Map<Y.Map<unknown>>
    doc.transact(() => items.get(id)?.set('text', new Y.Text('Replaced')), 'remote')
    await waitFor(() => expect(editor.value).toBe('Replaced'))
    itemText(doc, canvasId, id)?.insert(0, '> ')
    await waitFor(() => expect(editor.value).toBe('> Replaced'))
    editor.value = '> Replaced, then typed'
    fireEvent.input(editor)
    expect(texts(doc, canvasId)).toEqual(['> Replaced, then typed'])
  })

  it('a document’s editor follows its body replaced by another one', async () => {
    const doc = buildDoc()
    const id = createDocument(doc, { title: 'Charte', text: 'Avant' }, 'test')
    renderArea(doc)
    const editor = await screen.findByRole(
      'textbox',
      { name: 'Texte de «\u00a0Charte\u00a0»' },
      { timeout: 5000 },
    )
    await waitFor(() => expect(editor.textContent).toBe('Avant'))
    const body = new Y.XmlFragment()
    doc.transact(() => {
      ;(doc.getMap(ROOT.documents).get(id) as Y.Map<unknown>).set('body', body)
      writePlainText(body, 'Après')
    }, 'remote')
    expect(documentBody(doc, id)).toBe(body)
    const rebound = await screen.findByRole(
      'textbox',
      { name: 'Texte de «\u00a0Charte\u00a0»' },
      { timeout: 5000 },
    )
    await waitFor(() => expect(rebound.textContent).toBe('Après'))
    doc.transact(() => writePlainText(body, 'Et ensuite'), 'remote')
    await waitFor(() => expect(rebound.textContent).toBe('AprèsEt ensuite'))
  })
})
