import { fireEvent, screen, within } from '@solidjs/testing-library'
import { describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import {
  addBox,
  type BoxItem,
  canvasMap,
  connect,
  createCluster,
  deleteCanvas,
  deleteItems,
  ITEM_TEXT_MAX,
  itemText,
  readCanvasContent,
  setItemText,
} from '../../shared/schema/index.ts'
import {
  type OutlineOptions,
  renderOutline as renderCanvasOutline,
} from '../helpers/canvasArea.tsx'
import { newWorkshop } from '../helpers/workshopDoc.ts'

const ORIGIN = { user: 'me' }
const identity = { participantId: 'me-000000001', group: 'citizen' as const }

const build = () => {
  const { doc, canvasId } = newWorkshop({ locale: 'en' })
  const needs = addBox(doc, canvasId, { kind: 'frame', x: 0, y: 0, text: 'Needs' }, 'test')
  const resources = addBox(
    doc,
    canvasId,
    { kind: 'frame', x: 800, y: 0, text: 'Resources' },
    'test',
  )
  const transport = addBox(
    doc,
    canvasId,
    { kind: 'note', x: 40, y: 40, text: 'Transport', group: 'patient', createdBy: 'p1' },
    'test',
  )
  const loneliness = addBox(
    doc,
    canvasId,
    { kind: 'note', x: 240, y: 40, text: 'Loneliness', group: 'clinician', createdBy: 'p2' },
    'test',
  )
  const waiting = addBox(
    doc,
    canvasId,
    { kind: 'note', x: 40, y: 260, text: 'Waiting lists', createdBy: 'p3' },
    'test',
  )
  const library = addBox(
    doc,
    canvasId,
    { kind: 'shape', shape: 'ellipse', x: 840, y: 40, text: 'Library' },
    'test',
  )
  const stray = addBox(
    doc,
    canvasId,
    { kind: 'text', x: 2000, y: 2000, text: 'A stray thought' },
    'test',
  )
  createCluster(doc, canvasId, 'Access', [transport, loneliness], 'test')
  connect(doc, canvasId, { from: transport, to: library, text: 'bus pass' }, 'test')
  return { doc, canvasId, needs, resources, transport, loneliness, waiting, library, stray }
}

/** The facilitator's outline by default: every item is theirs to change (shared/schema/rights.ts). */
const renderOutline = (doc: Y.Doc, canvasId: string, options: OutlineOptions = {}) =>
  renderCanvasOutline(doc, canvasId, { identity, origin: ORIGIN, role: 'facilitator', ...options })

const region = (name: RegExp) => screen.getByRole('region', { name })

/** The entries (notes, text, shapes) of a region, by their text. */
const entryTexts = (element: HTMLElement) =>
  [...element.querySelectorAll<HTMLElement>('li[data-item-id]')].map((entry) => {
    const field = entry.querySelector('textarea')
    return field ? field.value : (entry.querySelector('.outline__text')?.textContent ?? '')
  })

const entry = (id: string) => {
  const found = document.querySelector<HTMLElement>(`li[data-item-id="${id}"]`)
  if (!found) throw new Error(`no entry for ${id}`)
  return found
}

const box = (doc: Y.Doc, canvasId: string, id: string) =>
  readCanvasContent(doc, canvasId).items.find((item): item is BoxItem => item.id === id)

describe('CanvasOutline', () => {
  it('lists exactly the frames, clusters and items of the canvas, with groups and links as text', () => {
    const { doc, canvasId, transport } = build()
    renderOutline(doc, canvasId, { readOnly: true })

    const outline = screen.getByRole('region', { name: 'Outline of the canvas “Canvas 1”' })
    expect(outline).toHaveTextContent('2 areas, 1 cluster, 3 notes, 1 text, 1 shape, 1 link')
    expect(
      within(outline)
        .getAllByRole('heading', { level: 3 })
        .map((heading) => heading.textContent),
    ).toEqual(['Needs (3 notes)', 'Resources (1 shape)', 'Not in an area (1 text)'])

    const needs = region(/^Needs/)
    expect(within(needs).getByRole('heading', { level: 4 })).toHaveTextContent(
      'Cluster: Access (2 notes)',
    )
    const cluster = within(needs).getByRole('list', { name: /Cluster: Access/ })
    expect(entryTexts(cluster)).toEqual(['Transport', 'Loneliness'])
    expect(entryTexts(needs)).toEqual(['Transport', 'Loneliness', 'Waiting lists'])
    expect(entryTexts(region(/^Resources/))).toEqual(['Library'])
    expect(entryTexts(region(/^Not in an area/))).toEqual(['A stray thought'])

    const transportEntry = entry(transport)
    expect(transportEntry).toHaveTextContent('Note')
    expect(transportEntry).toHaveTextContent('Group: Patient partner')
    expect(within(transportEntry).getByRole('list', { name: 'Links' })).toHaveTextContent(
      '→ linked to: Library (bus pass)',
    )
    expect(region(/^Resources/)).toHaveTextContent('← linked from: Transport (bus pass)')
    expect(region(/^Resources/)).toHaveTextContent('Shape (ellipse)')
    expect(region(/^Needs/)).toHaveTextContent('Group: not given')
  })

  it('follows the document live', () => {
    const { doc, canvasId, needs, transport, stray } = build()
    renderOutline(doc, canvasId)

    const added = addBox(
      doc,
      canvasId,
      { kind: 'note', x: 300, y: 300, text: 'Peer support', group: 'citizen' },
      'remote',
    )
    expect(box(doc, canvasId, added)?.frame).toBe(needs)
    expect(entryTexts(region(/^Needs/))).toContain('Peer support')
    expect(region(/^Needs/)).toHaveTextContent('(4 notes)')

    setItemText(doc, canvasId, transport, 'Public transport', 'remote')
    expect(entry(transport).querySelector('textarea')).toHaveValue('Public transport')
    expect(entry(transport)).toHaveAccessibleName('Public transport')

    deleteItems(doc, canvasId, [stray], 'remote')
    expect(region(/^Not in an area/)).toHaveTextContent('Nothing here.')
    expect(document.querySelector(`li[data-item-id="${stray}"]`)).toBeNull()

    setItemText(doc, canvasId, needs, 'Needs of the population', 'remote')
    expect(region(/^Needs of the population/)).toBeInTheDocument()
  })

  it('adds a note in a frame, with the author and origin given', () => {
    const { doc, canvasId, resources } = build()
    const origins: unknown[] = []
    doc.on('afterTransaction', (transaction: Y.Transaction) => origins.push(transaction.origin))
    renderOutline(doc, canvasId)

    const section = region(/^Resources/)
    const field = within(section).getByRole('textbox', { name: 'New note in “Resources”' })
    const add = within(section).getByRole('button', { name: 'Add the note in “Resources”' })

    expect(field).toHaveAttribute('maxlength', String(ITEM_TEXT_MAX))
    fireEvent.click(add)
    expect(field).toHaveAttribute('aria-invalid', 'true')
    expect(field).toHaveAccessibleDescription(expect.stringContaining('Write the note’s text'))
    expect(origins).toEqual([])

    fireEvent.input(field, { target: { value: 'Community centre' } })
    fireEvent.click(add)
    const note = readCanvasContent(doc, canvasId).items.find(
      (item): item is BoxItem => item.kind === 'note' && item.text === 'Community centre',
    )
    expect(note).toMatchObject({
      frame: resources,
      group: 'citizen',
      createdBy: 'me-000000001',
    })
    expect(origins).toEqual([ORIGIN]) // one transaction: one undo step
    expect(field).toHaveValue('')
    expect(entryTexts(region(/^Resources/))).toEqual(['Library', 'Community centre'])
    expect(screen.getByRole('status')).toHaveTextContent('Note added in “Resources”.')

    // Ctrl+Enter adds too; outside frames the note lands in no frame.
    const outside = within(region(/^Not in an area/)).getByRole('textbox', {
      name: 'New note in “Not in an area”',
    })
    fireEvent.input(outside, { target: { value: 'Parking' } })
    fireEvent.keyDown(outside, { key: 'Enter', ctrlKey: true })
    const parked = readCanvasContent(doc, canvasId).items.find(
      (item): item is BoxItem => item.kind === 'note' && item.text === 'Parking',
    )
    expect(parked?.frame).toBeNull()
    expect(entryTexts(region(/^Not in an area/))).toContain('Parking')
  })

  it('writes edited text to the shared Y.Text and renames frames', () => {
    const { doc, canvasId, loneliness, needs } = build()
    renderOutline(doc, canvasId)
    const field = within(entry(loneliness)).getByRole('textbox', { name: 'Note text' })
    expect(field).toHaveAttribute('maxlength', String(ITEM_TEXT_MAX))
    field.focus()
    fireEvent.input(field, { target: { value: 'Loneliness of older people' } })
    expect(itemText(doc, canvasId, loneliness)?.toString()).toBe('Loneliness of older people')

    // Someone else types at the start while we are in the field: our cursor stays put.
    ;(field as HTMLTextAreaElement).setSelectionRange(11, 11)
    itemText(doc, canvasId, loneliness)?.insert(0, '>> ')
    expect(field).toHaveValue('>> Loneliness of older people')
    expect((field as HTMLTextAreaElement).selectionStart).toBe(14)
    // Changes elsewhere on the canvas do not re-create the field under the cursor.
    addBox(doc, canvasId, { kind: 'note', x: 60, y: 300, text: 'Another' }, 'remote')
    expect(entry(loneliness).querySelector('textarea')).toBe(field)
    expect(field).toHaveFocus()

    const name = within(region(/^Needs/)).getByRole('textbox', { name: 'Area name' })
    fireEvent.input(name, { target: { value: 'Needs and population' } })
    expect(itemText(doc, canvasId, needs)?.toString()).toBe('Needs and population')
    expect(region(/^Needs and population/)).toBeInTheDocument()
  })

  it('moves an item to another frame and out of frames', () => {
    const { doc, canvasId, waiting, resources } = build()
    renderOutline(doc, canvasId)

    const select = within(entry(waiting)).getByRole('combobox', { name: 'Move to' })
    expect(
      within(select)
        .getAllByRole('option')
        .map((option) => option.textContent),
    ).toEqual(['No area (not in an area)', 'Needs', 'Resources'])
    fireEvent.change(select, { target: { value: resources } })
    fireEvent.click(within(entry(waiting)).getByRole('button', { name: 'Move “Waiting lists”' }))

    expect(box(doc, canvasId, waiting)?.frame).toBe(resources)
    expect(entryTexts(region(/^Resources/))).toContain('Waiting lists')
    expect(entryTexts(region(/^Needs/))).not.toContain('Waiting lists')
    expect(entry(waiting)).toHaveFocus()
    expect(screen.getByRole('status')).toHaveTextContent('“Waiting lists” moved to “Resources”.')

    const again = within(entry(waiting)).getByRole('combobox', { name: 'Move to' })
    expect(again).toHaveValue(resources)
    fireEvent.change(again, { target: { value: '' } })
    fireEvent.click(within(entry(waiting)).getByRole('button', { name: 'Move “Waiting lists”' }))
    expect(box(doc, canvasId, waiting)?.frame).toBeNull()
    expect(entryTexts(region(/^Not in an area/))).toContain('Waiting lists')
  })

  it('deletes only after confirmation, and shows items on the canvas', () => {
    const { doc, canvasId, stray, library } = build()
    const onFocusItem = vi.fn()
    renderOutline(doc, canvasId, { onFocusItem })

    fireEvent.click(screen.getByRole('button', { name: 'Show on canvas: “Library”' }))
    expect(onFocusItem).toHaveBeenCalledWith(library)

    const remove = screen.getByRole('button', { name: 'Delete “A stray thought”' })
    fireEvent.click(remove)
    expect(
      screen.getByText('Delete “A stray thought”? Its links will be deleted too.'),
    ).toBeVisible()
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }))
    expect(box(doc, canvasId, stray)).toBeDefined()
    expect(remove).toHaveFocus()

    fireEvent.click(remove)
    fireEvent.click(screen.getByRole('button', { name: 'Yes, delete' }))
    expect(box(doc, canvasId, stray)).toBeUndefined()
    expect(region(/^Not in an area/)).toHaveTextContent('Nothing here.')
    expect(screen.getByRole('heading', { name: /^Not in an area/ })).toHaveFocus()
    expect(screen.getByRole('status')).toHaveTextContent('“A stray thought” deleted.')
  })

  it('read-only: no editing controls, an explanation, and showing still works', () => {
    const { doc, canvasId, transport } = build()
    const onFocusItem = vi.fn()
    renderOutline(doc, canvasId, { readOnly: true, onFocusItem })
    expect(
      screen.getByText('Read only: you can browse this canvas, but your link cannot change it.'),
    ).toBeInTheDocument()
    expect(screen.queryAllByRole('textbox')).toHaveLength(0)
    expect(screen.queryAllByRole('combobox')).toHaveLength(0)
    expect(screen.queryByRole('button', { name: /^Delete/ })).toBeNull()
    expect(screen.queryByRole('button', { name: /^Move/ })).toBeNull()
    expect(screen.queryByRole('button', { name: /^Add/ })).toBeNull()
    fireEvent.click(screen.getByRole('button', { name: 'Show on canvas: “Transport”' }))
    expect(onFocusItem).toHaveBeenCalledWith(transport)
  })

  it('skips malformed items, including ones written after it opened, without crashing', () => {
    const { doc, canvasId } = build()
    const items = canvasMap(doc, canvasId)?.get('items') as Y.Map<Y.Map<unknown>>
    const broken = new Y.Map<unknown>()
    broken.set('id', 'broken-1')
    broken.set('kind', 'note')
    broken.set('text', 'not a Y.Text')
    items.set('broken-1', broken)
    renderOutline(doc, canvasId)
    expect(document.querySelector('[data-item-id="broken-1"]')).toBeNull()
    expect(document.body).not.toHaveTextContent('not a Y.Text')

    const later = new Y.Map<unknown>()
    later.set('id', 'broken-2')
    later.set('kind', 'frame')
    later.set('x', Number.NaN)
    items.set('broken-2', later)
    items.set('broken-3', 42 as unknown as Y.Map<unknown>)
    expect(screen.getAllByRole('heading', { level: 3 })).toHaveLength(3)
    expect(entryTexts(region(/^Needs/))).toEqual(['Transport', 'Loneliness', 'Waiting lists'])
  })

  it('says so when the canvas is deleted', () => {
    const { doc, canvasId } = build()
    renderOutline(doc, canvasId)
    deleteCanvas(doc, canvasId, 'remote')
    expect(screen.getByText('This canvas no longer exists or could not be read.')).toBeVisible()
    expect(screen.queryAllByRole('listitem')).toHaveLength(0)
  })
})
