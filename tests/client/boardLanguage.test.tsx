import { fireEvent, screen, waitFor, within } from '@solidjs/testing-library'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import type * as Y from 'yjs'
import { addBox, type BoxItem, itemText, readCanvasContent } from '../../shared/schema/index.ts'
import { displayText } from '../../shared/schema/seedText.ts'
import { renderBoard, renderOutline, withoutCanvas2d } from '../helpers/canvasArea.tsx'
import { newWorkshop, shippedTemplate } from '../helpers/workshopDoc.ts'

/**
 * A workshop created in French from a template, on the board of someone reading English:
 * the template's frame titles and seed notes are in their language until someone edits them.
 */

const template = shippedTemplate('modeliser-intervention')
const canvas = template.content.canvases[0]
const frame = canvas?.frames[0]
const seedNote = canvas?.notes.find((note) => note.frame === frame?.id)
if (!canvas || !frame || !seedNote) throw new Error('the template has no frame with a note')

const createdInFrench = () => {
  const { doc, canvasId } = newWorkshop({ templateId: template.id, locale: 'fr' }, template)
  return { doc, canvasId }
}

const boxes = (doc: Y.Doc, canvasId: string) =>
  readCanvasContent(doc, canvasId).items.filter(
    (item): item is BoxItem => item.kind !== 'connector',
  )

const storedNote = (doc: Y.Doc, canvasId: string) => {
  const found = boxes(doc, canvasId).find((item) => item.text === seedNote.text.fr)
  if (!found) throw new Error('no seed note')
  return found
}

const itemEl = (id: string) => {
  const el = document.querySelector<HTMLElement>(`.canvas-item[data-item-id="${id}"]`)
  if (!el) throw new Error(`item ${id} is not rendered`)
  return el
}

const overlaps = (a: BoxItem, b: BoxItem) =>
  a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h

withoutCanvas2d()
// jsdom lays nothing out: the board is given a size the whole template fits in at 100 %.
beforeEach(() => {
  const measured = HTMLElement.prototype.getBoundingClientRect
  vi.spyOn(HTMLElement.prototype, 'getBoundingClientRect').mockImplementation(function (
    this: HTMLElement,
  ) {
    return this.classList.contains('canvas-board')
      ? new DOMRect(0, 0, 4000, 1300)
      : measured.call(this)
  })
})

describe('the board of a French template workshop, read in English', () => {
  it('shows the frame title and the seed note in English, as text and as names, and follows the language switch', async () => {
    const { doc, canvasId } = createdInFrench()
    const { i18n } = renderBoard(doc, { canvasId, canvasTitle: canvas.title.en })
    const note = storedNote(doc, canvasId)
    const frameOnBoard = await screen.findByRole('option', {
      name: new RegExp(`^Area: ${frame.title.en}`),
    })
    expect(frameOnBoard).toHaveTextContent(frame.title.en)
    expect(frameOnBoard).not.toHaveTextContent(frame.title.fr)
    expect(itemEl(note.id)).toHaveTextContent(seedNote.text.en)
    expect(itemEl(note.id)).toHaveAccessibleName(expect.stringContaining(seedNote.text.en))
    expect(itemEl(note.id)).not.toHaveTextContent(seedNote.text.fr)

    i18n.setLocale('fr')
    await waitFor(() => expect(itemEl(note.id)).toHaveTextContent(seedNote.text.fr))
    expect(itemEl(note.id)).toHaveAccessibleName(expect.stringContaining(seedNote.text.fr))
    expect(
      screen.getByRole('option', { name: new RegExp(`^Zone\u00a0: ${frame.title.fr}`) }),
    ).toHaveTextContent(frame.title.fr)
  })

  it('lists the frame and the seed note in English in the outline, and follows the language switch', async () => {
    const { doc, canvasId } = createdInFrench()
    const { i18n } = renderOutline(doc, canvasId, { role: 'facilitator' })
    const outline = await screen.findByRole('region', {
      name: `Outline of the canvas “${canvas.title.en}”`,
    })
    const section = within(outline).getByRole('region', { name: new RegExp(`^${frame.title.en}`) })
    expect(within(section).getByRole('textbox', { name: 'Area name' })).toHaveValue(frame.title.en)
    const fields = within(section)
      .getAllByRole('textbox', { name: 'Note text' })
      .map((field) => (field as HTMLTextAreaElement).value)
    expect(fields).toContain(seedNote.text.en)
    expect(fields).not.toContain(seedNote.text.fr)

    i18n.setLocale('fr')
    const plan = await screen.findByRole('region', {
      name: `Plan du canevas «\u00a0${canvas.title.fr}\u00a0»`,
    })
    expect(
      within(plan).getByRole('region', { name: new RegExp(`^${frame.title.fr}`) }),
    ).toBeVisible()
  })

  it('in the outline too, an English viewer edits the English text of a seed note', () => {
    const { doc, canvasId } = createdInFrench()
    renderOutline(doc, canvasId, { role: 'facilitator' })
    const note = storedNote(doc, canvasId)
    const field = within(
      document.querySelector<HTMLElement>(`li[data-item-id="${note.id}"]`) ?? document.body,
    ).getByRole('textbox', { name: 'Note text' })
    expect(field).toHaveValue(seedNote.text.en)
    fireEvent.input(field, { target: { value: `${seedNote.text.en}!` } })
    expect(itemText(doc, canvasId, note.id)?.toString()).toBe(`${seedNote.text.en}!`)
  })

  it('an English viewer editing a seed note edits the English text, which everyone then reads', async () => {
    const { doc, canvasId } = createdInFrench()
    renderBoard(doc, { canvasId, canvasTitle: canvas.title.en, role: 'facilitator' })
    const note = storedNote(doc, canvasId)
    const option = await waitFor(() => itemEl(note.id))
    option.focus()
    fireEvent.keyDown(option, { key: 'Enter' })
    const editor = (await screen.findByRole('textbox', {
      name: /^Text of Note/,
    })) as HTMLTextAreaElement
    expect(editor).toHaveValue(seedNote.text.en)
    editor.value = `${seedNote.text.en} (2024)`
    fireEvent.input(editor)
    const written = `${seedNote.text.en} (2024)`
    expect(itemText(doc, canvasId, note.id)?.toString()).toBe(written)
    const after = boxes(doc, canvasId).find((item) => item.id === note.id)
    expect(after && displayText(after, 'fr')).toBe(written)
    expect(after && displayText(after, 'en')).toBe(written)
  })

  it('editing a note that is not the template’s leaves its text as written until one types', async () => {
    const { doc, canvasId } = createdInFrench()
    const own = addBox(doc, canvasId, { kind: 'note', x: 0, y: 1200, text: 'Transport' }, 'x')
    renderBoard(doc, { canvasId, canvasTitle: canvas.title.en, role: 'facilitator' })
    const option = await waitFor(() => itemEl(own))
    option.focus()
    fireEvent.keyDown(option, { key: 'Enter' })
    const editor = await screen.findByRole('textbox', { name: /^Text of Note/ })
    expect(editor).toHaveValue('Transport')
    expect(itemText(doc, canvasId, own)?.toString()).toBe('Transport')
  })
})

describe("the outline's “add a note” in a frame", () => {
  it('places two notes in the frame, on none of the others, for someone who may not grow it', async () => {
    const { doc, canvasId } = createdInFrench()
    // A participant: the template's frame is not theirs to resize.
    renderOutline(doc, canvasId)
    const section = await screen.findByRole('region', { name: new RegExp(`^${frame.title.en}`) })
    const field = within(section).getByRole('textbox', { name: `New note in “${frame.title.en}”` })
    const add = within(section).getByRole('button', { name: `Add the note in “${frame.title.en}”` })
    for (const text of ['Première', 'Seconde']) {
      fireEvent.input(field, { target: { value: text } })
      fireEvent.click(add)
    }
    const all = boxes(doc, canvasId)
    const frameId = all.find((item) => item.text === frame.title.fr)?.id
    const added = all.filter((item) => item.text === 'Première' || item.text === 'Seconde')
    expect(added).toHaveLength(2)
    for (const note of added) {
      expect(note.frame).toBe(frameId)
      const others = all.filter((item) => item.id !== note.id && item.kind !== 'frame')
      expect(others.filter((other) => overlaps(note, other))).toEqual([])
    }
  })
})
