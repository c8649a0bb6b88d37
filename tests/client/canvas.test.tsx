import { fireEvent, screen, waitFor, within } from '@solidjs/testing-library'
import { describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import { mapIndex } from '../../client/features/canvas/ItemEditor.tsx'
import type { Role } from '../../shared/roles.ts'
import {
  addBox,
  canvasMap,
  connect,
  createCluster,
  GRID,
  ITEM_TEXT_MAX,
  listCanvases,
  readCanvasContent,
  setCanvasLocked,
} from '../../shared/schema/index.ts'
import {
  amina,
  firstCanvas,
  renderBoard,
  renderCanvasArea,
  withoutCanvas2d,
} from '../helpers/canvasArea.tsx'
import { newWorkshop } from '../helpers/workshopDoc.ts'

const newDoc = () => newWorkshop({ locale: 'en' }).doc
const content = (doc: Y.Doc) => readCanvasContent(doc, firstCanvas(doc))
const notes = (doc: Y.Doc) => content(doc).items.filter((item) => item.kind === 'note')
const itemEl = (id: string) => {
  const el = document.querySelector<HTMLElement>(`[data-item-id="${id}"]`)
  if (!el) throw new Error(`item ${id} is not rendered`)
  return el
}

withoutCanvas2d()

describe('canvas board, by keyboard', () => {
  it('creates a note with N, edits it in place, and names it by text, author and group', async () => {
    const doc = newDoc()
    const { board } = renderBoard(doc)
    board.focus()
    fireEvent.keyDown(board, { key: 'n' })
    expect(notes(doc)).toHaveLength(1)
    const editor = (await screen.findByRole('textbox', {
      name: /Text of Note/,
    })) as HTMLTextAreaElement
    expect(editor).toHaveFocus()
    // As long as the server keeps (shared/schema/canvasItems.ts), no longer.
    expect(editor).toHaveAttribute('maxlength', String(ITEM_TEXT_MAX))
    editor.value = 'Better transport'
    fireEvent.input(editor)
    expect(notes(doc)[0]?.text).toBe('Better transport')
    expect(notes(doc)[0]).toMatchObject({ group: 'patient', createdBy: amina.participantId })
    fireEvent.keyDown(editor, { key: 'Escape' })
    // Its name holds what it shows, in the same order (WCAG 2.5.3: label in name).
    const note = screen.getByRole('option', {
      name: 'Note: Better transport — Amina, Patient partner',
    })
    await waitFor(() => expect(note).toHaveFocus())
    expect(note).toHaveAttribute('data-item-id', notes(doc)[0]?.id)
    expect(screen.queryByRole('textbox', { name: /Text of Note/ })).toBeNull()
    // The group is shown as text on the note, not by its colour only.
    expect(within(note).getByText('Amina · Patient partner')).toBeInTheDocument()
  })

  it('moves the focused note with arrow keys: one small update per key press', () => {
    const doc = newDoc()
    const canvasId = firstCanvas(doc)
    const id = addBox(doc, canvasId, { kind: 'note', x: 100, y: 100, text: 'A' }, 'seed')
    renderBoard(doc)
    const updates: Uint8Array[] = []
    doc.on('update', (update: Uint8Array) => updates.push(update))
    const el = itemEl(id)
    el.focus()
    fireEvent.keyDown(el, { key: 'ArrowRight' })
    fireEvent.keyDown(el, { key: 'ArrowDown', shiftKey: true })
    expect(notes(doc)[0]).toMatchObject({ x: 100 + GRID, y: 100 + 5 * GRID })
    expect(updates).toHaveLength(2)
    for (const update of updates) expect(update.byteLength).toBeLessThan(100)
    expect(el).toHaveFocus()
  })

  it('pans with arrow keys when the board itself has focus', () => {
    const doc = newDoc()
    const canvasId = firstCanvas(doc)
    addBox(doc, canvasId, { kind: 'note', x: 100, y: 100, text: 'A' }, 'seed')
    const { board } = renderBoard(doc)
    const world = board.querySelector<HTMLElement>('.canvas-world')
    const before = world?.style.transform
    board.focus()
    fireEvent.keyDown(board, { key: 'ArrowLeft' })
    expect(world?.style.transform).not.toBe(before)
    expect(notes(doc)[0]).toMatchObject({ x: 100, y: 100 })
  })

  it('deletes the focused note and its connectors with Delete', () => {
    const doc = newDoc()
    const canvasId = firstCanvas(doc)
    const mine = { createdBy: amina.participantId }
    const a = addBox(doc, canvasId, { kind: 'note', x: 0, y: 0, text: 'A', ...mine }, 'seed')
    const b = addBox(doc, canvasId, { kind: 'note', x: 300, y: 0, text: 'B', ...mine }, 'seed')
    connect(doc, canvasId, { from: a, to: b }, 'seed')
    renderBoard(doc)
    expect(content(doc).items).toHaveLength(3)
    itemEl(a).focus()
    fireEvent.keyDown(itemEl(a), { key: 'Delete' })
    expect(content(doc).items.map((item) => item.id)).toEqual([b])
    expect(document.querySelector(`[data-item-id="${a}"]`)).toBeNull()
  })

  it('connects two items: C on the source, Tab to the target, Enter', () => {
    const doc = newDoc()
    const canvasId = firstCanvas(doc)
    const a = addBox(doc, canvasId, { kind: 'note', x: 0, y: 0, text: 'A' }, 'seed')
    const b = addBox(doc, canvasId, { kind: 'note', x: 300, y: 0, text: 'B' }, 'seed')
    renderBoard(doc)
    itemEl(a).focus()
    fireEvent.keyDown(itemEl(a), { key: 'c' })
    expect(screen.getByRole('status')).toBeInTheDocument()
    fireEvent.keyDown(itemEl(a), { key: 'Tab' })
    expect(itemEl(b)).toHaveFocus()
    fireEvent.keyDown(itemEl(b), { key: 'Enter' })
    const connectors = content(doc).items.filter((item) => item.kind === 'connector')
    expect(connectors).toMatchObject([{ from: a, to: b }])
    expect(document.querySelector('[data-connector-id] line')).not.toBeNull()
  })

  it('Tab goes from item to item in reading order, then leaves the board', () => {
    const doc = newDoc()
    const canvasId = firstCanvas(doc)
    const second = addBox(doc, canvasId, { kind: 'note', x: 300, y: 0, text: 'B' }, 'seed')
    const first = addBox(doc, canvasId, { kind: 'note', x: 0, y: 0, text: 'A' }, 'seed')
    const { board } = renderBoard(doc)
    board.focus()
    fireEvent.keyDown(board, { key: 'Tab' })
    expect(itemEl(first)).toHaveFocus()
    fireEvent.keyDown(itemEl(first), { key: 'Tab' })
    expect(itemEl(second)).toHaveFocus()
    const last = fireEvent.keyDown(itemEl(second), { key: 'Tab' })
    expect(last).toBe(true) // not prevented: the browser moves focus out of the board
  })
})

describe('canvas toolbar', () => {
  it('names the keys of its tooltips in the reader’s language (aria-keyshortcuts stays ARIA’s)', () => {
    const doc = newWorkshop({ locale: 'fr' }).doc
    renderBoard(doc, { canvasTitle: 'Canevas 1', locale: 'fr' })
    const tool = (name: string) => screen.getByRole('button', { name })
    expect(tool('Annuler').title).toBe('Annuler (Ctrl+Z)')
    expect(tool('Rétablir').title).toBe('Rétablir (Ctrl+Maj+Z)')
    expect(tool('Modifier le texte').title).toBe('Modifier le texte (Entrée)')
    expect(tool('Supprimer').title).toBe('Supprimer (Suppr)')
    expect(tool('Note').title).toBe('Note (N)')
    expect(tool('Annuler').getAttribute('aria-keyshortcuts')).toBe('Control+Z')
  })
})

describe('canvas undo', () => {
  it('undoes only this client’s own changes, never another client’s note', () => {
    const mine = newDoc()
    const theirs = new Y.Doc()
    Y.applyUpdate(theirs, Y.encodeStateAsUpdate(mine))
    mine.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== 'remote') Y.applyUpdate(theirs, update, 'remote')
    })
    theirs.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== 'remote') Y.applyUpdate(mine, update, 'remote')
    })
    const { board } = renderBoard(mine)
    board.focus()
    fireEvent.keyDown(board, { key: 'n' })
    fireEvent.input(screen.getByRole('textbox'), { target: { value: 'Ma note' } })
    fireEvent.keyDown(screen.getByRole('textbox'), { key: 'Escape' })
    addBox(
      theirs,
      firstCanvas(theirs),
      { kind: 'note', x: 500, y: 500, text: 'Jules’s note' },
      { user: 'jules' },
    )
    expect(notes(mine)).toHaveLength(2)
    expect(notes(theirs)).toHaveLength(2)

    fireEvent.keyDown(board, { key: 'z', ctrlKey: true })
    expect(notes(mine).map((note) => note.text)).toEqual(['Jules’s note'])
    expect(notes(theirs).map((note) => note.text)).toEqual(['Jules’s note'])
    // Nothing of Jules's to undo here: a second undo changes nothing.
    fireEvent.keyDown(board, { key: 'z', ctrlKey: true })
    expect(notes(mine)).toHaveLength(1)
    // Redo brings this client's note back.
    fireEvent.keyDown(board, { key: 'z', ctrlKey: true, shiftKey: true })
    expect(notes(theirs)).toHaveLength(2)
  })
})

describe('canvas robustness', () => {
  it('skips malformed items (one warning per id) and renders text as text', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const doc = newDoc()
    const canvasId = firstCanvas(doc)
    const html = '<img src=x onerror="alert(1)"><b>bold</b>'
    const good = addBox(doc, canvasId, { kind: 'note', x: 0, y: 0, text: html }, 'seed')
    // What an older or hostile client could write straight into the document.
    const items = canvasMap(doc, canvasId)?.get('items') as Y.Map<unknown>
    doc.transact(() => {
      const bad = new Y.Map<unknown>()
      bad.set('id', 'bad-1')
      bad.set('kind', 'note')
      bad.set('x', 'left')
      items.set('bad-1', bad)
      items.set('bad-2', 'not a map')
    }, 'hostile')
    renderBoard(doc)
    expect(document.querySelectorAll('[data-item-id]')).toHaveLength(1)
    const note = itemEl(good)
    expect(note.querySelector('img, b')).toBeNull()
    expect(note).toHaveTextContent(html)
    // More changes: still one warning per skipped id.
    addBox(doc, canvasId, { kind: 'note', x: 0, y: 200, text: 'next' }, 'seed')
    addBox(doc, canvasId, { kind: 'note', x: 200, y: 200, text: 'again' }, 'seed')
    const skippedWarnings = warn.mock.calls.filter((call) => String(call[0]).includes('skipped'))
    expect(skippedWarnings).toHaveLength(2)
    expect(document.querySelectorAll('[data-item-id]')).toHaveLength(3)
  })
})

describe('connector labels and group names', () => {
  const linked = () => {
    const doc = newDoc()
    const canvasId = firstCanvas(doc)
    const a = addBox(doc, canvasId, { kind: 'note', x: 0, y: 0, text: 'A' }, 'seed')
    const b = addBox(doc, canvasId, { kind: 'note', x: 300, y: 0, text: 'B' }, 'seed')
    // Amina's link: she edits its label.
    const link = connect(doc, canvasId, { from: a, to: b, createdBy: amina.participantId }, 'seed')
    return { doc, canvasId, a, b, link }
  }
  const connectorText = (doc: Y.Doc, id: string) =>
    content(doc).items.find((item) => item.id === id)?.text

  it('Tab reaches a connector after the boxes; Enter edits its label in place', () => {
    const { doc, b, link } = linked()
    const { board } = renderBoard(doc)
    board.focus()
    fireEvent.keyDown(board, { key: 'Tab' })
    fireEvent.keyDown(document.activeElement as HTMLElement, { key: 'Tab' })
    expect(itemEl(b)).toHaveFocus()
    fireEvent.keyDown(itemEl(b), { key: 'Tab' })
    const label = screen.getByRole('option', {
      name: 'Link from Note “A” to Note “B”, no label',
    })
    expect(label).toHaveFocus()
    expect(label).toHaveAttribute('data-item-id', link)

    fireEvent.keyDown(label, { key: 'Enter' })
    const editor = screen.getByRole('textbox', {
      name: 'Label of the link from Note “A” to Note “B”',
    }) as HTMLTextAreaElement
    expect(editor).toHaveFocus()
    editor.value = 'leads to'
    fireEvent.input(editor)
    expect(connectorText(doc, link)).toBe('leads to')
    fireEvent.keyDown(editor, { key: 'Escape' })
    const named = screen.getByRole('option', {
      name: 'Link from Note “A” to Note “B”: leads to',
    })
    expect(named).toHaveFocus()
    expect(named).toHaveTextContent('leads to')
    // Shift+Tab goes back to the last box.
    fireEvent.keyDown(named, { key: 'Tab', shiftKey: true })
    expect(itemEl(b)).toHaveFocus()
  })

  it('a click on a connector’s line selects it and focuses its label; a double click edits it', () => {
    const { doc, link } = linked()
    renderBoard(doc)
    const line = document.querySelector(`[data-connector-id="${link}"] .canvas-connector__hit`)
    if (!line) throw new Error('the connector is not drawn')
    const click = () => {
      fireEvent.pointerDown(line, { pointerId: 1, pointerType: 'mouse', button: 0 })
      fireEvent.pointerUp(line, { pointerId: 1, pointerType: 'mouse', button: 0 })
    }
    click()
    expect(itemEl(link)).toHaveFocus()
    expect(itemEl(link)).toHaveAttribute('aria-selected', 'true')
    click()
    const editor = screen.getByRole('textbox', { name: /^Label of the link/ })
    expect(editor).toHaveFocus()
  })

  it('the Edit tool edits the focused connector’s label too', () => {
    const { doc, link } = linked()
    renderBoard(doc)
    itemEl(link).focus()
    fireEvent.click(screen.getByRole('button', { name: 'Edit text' }))
    expect(screen.getByRole('textbox', { name: /^Label of the link/ })).toHaveFocus()
  })

  it('renames the group of the chosen note from the toolbar, or by double clicking its name', () => {
    const { doc, canvasId, a, b } = linked()
    const group = createCluster(doc, canvasId, 'Ideas', [a, b], 'seed')
    renderBoard(doc)
    const clusterName = () => content(doc).clusters.find((c) => c.id === group)?.name
    fireEvent.click(screen.getByRole('button', { name: 'More actions' }))
    const rename = screen.getByRole('button', { name: 'Rename group…' })
    expect(rename).toBeDisabled()
    itemEl(a).focus()
    expect(rename).toBeEnabled()
    fireEvent.click(rename)
    const dialog = screen.getByRole('dialog', { name: 'Rename the group “Ideas”' })
    const field = within(dialog).getByRole('textbox', { name: 'Group name' })
    expect(field).toHaveValue('Ideas')
    fireEvent.input(field, { target: { value: '   ' } })
    fireEvent.click(within(dialog).getByRole('button', { name: 'Rename' }))
    expect(within(dialog).getByRole('alert')).toHaveTextContent('Give the group a name.')
    fireEvent.input(field, { target: { value: '  Needs ' } })
    fireEvent.click(within(dialog).getByRole('button', { name: 'Rename' }))
    expect(clusterName()).toBe('Needs')
    expect(screen.queryByRole('dialog')).toBeNull()
    expect(itemEl(b)).toHaveAccessibleName(/Group: Needs/)

    // The name on the board: a double click opens the same dialog.
    const onBoard = document.querySelector(`[data-cluster-id="${group}"]`)
    if (!onBoard) throw new Error('the group has no name on the board')
    expect(onBoard).toHaveTextContent('Needs')
    for (let i = 0; i < 2; i++) {
      fireEvent.pointerDown(onBoard, { pointerId: 1, pointerType: 'mouse', button: 0 })
      fireEvent.pointerUp(onBoard, { pointerId: 1, pointerType: 'mouse', button: 0 })
    }
    const again = screen.getByRole('dialog', { name: 'Rename the group “Needs”' })
    fireEvent.input(within(again).getByRole('textbox'), { target: { value: 'Besoins' } })
    fireEvent.submit(within(again).getByRole('textbox').closest('form') as HTMLFormElement)
    expect(clusterName()).toBe('Besoins')
  })

  it('read-only: labels are reachable and named, nothing is edited or renamed', () => {
    const { doc, canvasId, a, b, link } = linked()
    createCluster(doc, canvasId, 'Ideas', [a, b], 'seed')
    renderBoard(doc, { readOnly: true })
    itemEl(link).focus()
    fireEvent.keyDown(itemEl(link), { key: 'Enter' })
    expect(screen.queryByRole('textbox')).toBeNull()
    const onBoard = document.querySelector('[data-cluster-id]') as Element
    for (let i = 0; i < 2; i++) {
      fireEvent.pointerDown(onBoard, { pointerId: 1, pointerType: 'mouse', button: 0 })
      fireEvent.pointerUp(onBoard, { pointerId: 1, pointerType: 'mouse', button: 0 })
    }
    expect(screen.queryByRole('dialog')).toBeNull()
    expect(content(doc).clusters[0]?.name).toBe('Ideas')
  })
})

describe('canvas area', () => {
  const renderArea = (doc: Y.Doc, role: Role) => renderCanvasArea(doc, { role, locale: 'en' })

  it('shows a locked canvas read-only to a participant, with the reason', async () => {
    const doc = newDoc()
    const canvasId = firstCanvas(doc)
    addBox(doc, canvasId, { kind: 'note', x: 0, y: 0, text: 'Kept' }, 'seed')
    setCanvasLocked(doc, canvasId, true, 'facilitator')
    renderArea(doc, 'participant')
    expect(await screen.findByText(/This canvas is locked by the facilitator/)).toBeInTheDocument()
    expect(screen.queryByRole('button', { name: 'Note' })).toBeNull()
    expect(screen.queryByRole('button', { name: 'Delete the canvas' })).toBeNull()
    const board = screen.getByRole('listbox')
    board.focus()
    fireEvent.keyDown(board, { key: 'n' })
    const note = screen.getByRole('option', { name: /Kept/ })
    note.focus()
    fireEvent.keyDown(note, { key: 'Delete' })
    fireEvent.keyDown(note, { key: 'ArrowRight' })
    expect(notes(doc)).toMatchObject([{ text: 'Kept', x: 0 }])
  })

  it('lets the facilitator lock a canvas and create, rename and delete canvases', async () => {
    const doc = newDoc()
    renderArea(doc, 'facilitator')
    fireEvent.click(await screen.findByRole('button', { name: 'Lock the canvas' }))
    expect(listCanvases(doc)[0]?.locked).toBe(true)
    expect(screen.getByRole('button', { name: 'Lock the canvas' })).toHaveAttribute(
      'aria-pressed',
      'true',
    )

    fireEvent.click(screen.getByRole('button', { name: 'New canvas' }))
    const dialog = screen.getByRole('dialog', { name: 'New canvas' })
    const title = within(dialog).getByRole('textbox', { name: 'Canvas title' })
    fireEvent.input(title, { target: { value: 'Risks' } })
    fireEvent.submit(title.closest('form') as HTMLFormElement)
    expect(listCanvases(doc).map((canvas) => canvas.title)).toEqual(['Canvas 1', 'Risks'])
    expect(screen.getByRole('tab', { name: 'Risks' })).toHaveAttribute('aria-selected', 'true')

    fireEvent.click(screen.getByRole('button', { name: 'Move “Risks” left' }))
    expect(listCanvases(doc).map((canvas) => canvas.title)).toEqual(['Risks', 'Canvas 1'])

    fireEvent.click(screen.getByRole('button', { name: 'Delete the canvas' }))
    const confirm = screen.getByRole('alertdialog', { name: 'Delete the canvas “Risks”?' })
    fireEvent.click(within(confirm).getByRole('button', { name: 'Delete for good' }))
    expect(listCanvases(doc).map((canvas) => canvas.title)).toEqual(['Canvas 1'])
  })

  it('says why a canvas title is refused, renames it, and puts focus on the tab shown after creating or deleting', async () => {
    const doc = newDoc()
    renderArea(doc, 'facilitator')
    const manage = await screen.findByRole('group', { name: 'Manage canvases' })
    // Icon buttons: each name is in its tooltip, not written beside the icon.
    for (const button of within(manage).getAllByRole('button')) {
      expect(button.textContent).not.toContain(button.getAttribute('aria-label') ?? '')
      expect(button).toHaveAttribute('title', button.getAttribute('aria-label'))
    }

    fireEvent.click(within(manage).getByRole('button', { name: 'Rename' }))
    const rename = screen.getByRole('dialog', { name: 'Rename the canvas' })
    const field = within(rename).getByRole('textbox', { name: 'Canvas title' })
    expect(field).toHaveValue('Canvas 1')
    fireEvent.input(field, { target: { value: '   ' } })
    fireEvent.submit(field.closest('form') as HTMLFormElement)
    expect(within(rename).getByText('Give the canvas a title.')).toBeInTheDocument()
    expect(listCanvases(doc).map((canvas) => canvas.title)).toEqual(['Canvas 1'])
    fireEvent.input(field, { target: { value: 'Ideas' } })
    fireEvent.submit(field.closest('form') as HTMLFormElement)
    expect(screen.queryByRole('dialog', { name: 'Rename the canvas' })).toBeNull()
    expect(listCanvases(doc).map((canvas) => canvas.title)).toEqual(['Ideas'])

    fireEvent.click(within(manage).getByRole('button', { name: 'New canvas' }))
    const create = screen.getByRole('dialog', { name: 'New canvas' })
    const title = within(create).getByRole('textbox', { name: 'Canvas title' })
    fireEvent.input(title, { target: { value: 'Risks' } })
    fireEvent.submit(title.closest('form') as HTMLFormElement)
    await waitFor(() => expect(screen.getByRole('tab', { name: 'Risks' })).toHaveFocus())

    fireEvent.click(within(manage).getByRole('button', { name: 'Delete the canvas' }))
    const confirm = screen.getByRole('alertdialog', { name: 'Delete the canvas “Risks”?' })
    fireEvent.click(within(confirm).getByRole('button', { name: 'Delete for good' }))
    await waitFor(() => expect(screen.getByRole('tab', { name: 'Ideas' })).toHaveFocus())
    expect(screen.getByRole('tab', { name: 'Ideas' })).toHaveAttribute('aria-selected', 'true')
  })

  it('observers see the board without editing tools', async () => {
    const doc = newDoc()
    renderArea(doc, 'observer')
    await screen.findByRole('listbox')
    expect(screen.queryByRole('button', { name: 'Note' })).toBeNull()
    expect(screen.queryByRole('button', { name: 'New canvas' })).toBeNull()
    expect(screen.getByRole('button', { name: 'Zoom to fit' })).toBeInTheDocument()
  })
})

describe('text editor caret mapping', () => {
  it('keeps the caret in place when someone types before or after it', () => {
    expect(mapIndex(5, [{ insert: 'abc' }])).toBe(8)
    expect(mapIndex(5, [{ retain: 6 }, { insert: 'abc' }])).toBe(5)
    expect(mapIndex(5, [{ retain: 1 }, { delete: 2 }])).toBe(3)
  })
})
