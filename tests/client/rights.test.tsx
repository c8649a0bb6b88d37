import { fireEvent, screen, waitFor, within } from '@solidjs/testing-library'
import { describe, expect, it } from 'vitest'
import type * as Y from 'yjs'
import { CanvasOutline } from '../../client/features/canvas/outline/CanvasOutline.tsx'
import type { Role } from '../../shared/roles.ts'
import {
  addBox,
  type BoxItem,
  type CanvasItem,
  connect,
  createDecision,
  initFlow,
  readCanvasContent,
  startWorkshop,
  upsertParticipant,
} from '../../shared/schema/index.ts'
import { capturePolicyState, findViolation } from '../../shared/schema/policy.ts'
import type { Refusal, Writer } from '../../shared/schema/rights.ts'
import { amina, people, renderCanvasArea, withoutCanvas2d } from '../helpers/canvasArea.tsx'
import { newWorkshop } from '../helpers/workshopDoc.ts'
import { renderArea as renderArtefacts } from './documentsHelpers.tsx'
import { renderWithI18n } from './helpers.tsx'

const JULES = people[1]?.id ?? ''

/**
 * A workshop with, on its canvas, a frame from the template (nobody's), a note of Jules's, a
 * note of Amina's and a link of Jules's between them. `phase`: the running phase's `allow`.
 */
const workshop = (phase?: { write: boolean; move: boolean }) => {
  const { doc, canvasId } = newWorkshop({ locale: 'en' })
  // Everyone's record, as the workspace writes it at join: the server checks new items' groups.
  for (const person of people) upsertParticipant(doc, person, 'seed')
  const frame = addBox(
    doc,
    canvasId,
    { kind: 'frame', x: 0, y: 0, w: 400, h: 300, text: 'Needs' },
    'seed',
  )
  const theirs = addBox(
    doc,
    canvasId,
    { kind: 'note', x: 600, y: 40, text: 'Buses', group: 'citizen', createdBy: JULES },
    'seed',
  )
  const mine = addBox(
    doc,
    canvasId,
    {
      kind: 'note',
      x: 900,
      y: 40,
      text: 'Clinic',
      group: 'patient',
      createdBy: amina.participantId,
    },
    'seed',
  )
  const link = connect(doc, canvasId, { from: theirs, to: mine, createdBy: JULES }, 'seed')
  if (phase) {
    initFlow(
      doc,
      [
        {
          id: 'step',
          title: { fr: 'Étape', en: 'Step' },
          instructions: { fr: 'Écrivez.', en: 'Write.' },
          allow: { ...phase, vote: false, seeOthers: true },
        },
      ],
      'seed',
    )
    startWorkshop(doc, 'seed')
  }
  return { doc, canvasId, frame, theirs, mine, link }
}

/**
 * What the server's write policy says of every change the page makes from now on: the rules of
 * shared/schema/policy.ts, judged as the server judges them (the facilitator's pass untested).
 */
const judge = (doc: Y.Doc, writer: Writer) => {
  const before = capturePolicyState(doc)
  const refusals: Refusal[] = []
  let changes = 0
  doc.on('afterTransaction', (transaction: Y.Transaction) => {
    if (transaction.origin === 'seed' || transaction.changed.size === 0) return
    changes++
    const refused = findViolation(transaction, writer, before)
    if (refused) refusals.push(refused)
  })
  return { refusals, changes: () => changes }
}

const item = (doc: Y.Doc, canvasId: string, id: string): CanvasItem | undefined =>
  readCanvasContent(doc, canvasId).items.find((entry) => entry.id === id)

/**
 * What is wrong with the notes `texts` in `frameId` (400 × 300 at 0, 0 before): each must be
 * in it and inside it, on no other note, with the frame grown in height only. [] when right.
 */
const noteIn = (doc: Y.Doc, canvasId: string, frameId: string, texts: readonly string[]) => {
  const boxes = readCanvasContent(doc, canvasId).items.filter(
    (entry): entry is BoxItem => entry.kind !== 'connector',
  )
  const frame = boxes.find((box) => box.id === frameId)
  if (!frame) return ['no frame']
  const wrong: string[] = []
  if (frame.x !== 0 || frame.y !== 0 || frame.w !== 400 || frame.h <= 300)
    wrong.push(`frame at ${frame.x}, ${frame.y}, ${frame.w} × ${frame.h}`)
  const notes = boxes.filter((box) => box.kind !== 'frame')
  for (const text of texts) {
    const note = notes.find((box) => box.text === text)
    if (!note) {
      wrong.push(`${text}: missing`)
      continue
    }
    if (note.frame !== frameId) wrong.push(`${text}: not in the frame`)
    if (note.x < 0 || note.x + note.w > 400 || note.y < 0 || note.y + note.h > frame.h)
      wrong.push(`${text}: outside the frame`)
    for (const other of notes) {
      if (other === note) continue
      const apart =
        note.x + note.w <= other.x ||
        other.x + other.w <= note.x ||
        note.y + note.h <= other.y ||
        other.y + other.h <= note.y
      if (!apart) wrong.push(`${text}: on ${other.text}`)
    }
  }
  return wrong
}
const element = (id: string) => {
  const found = document.querySelector<HTMLElement>(`.canvas-board [data-item-id="${id}"]`)
  if (!found) throw new Error(`item ${id} is not rendered`)
  return found
}
const status = () => document.querySelector('.canvas-board-area [role="status"]')
const tool = (name: string) => screen.getByRole('button', { name })
const participant = (): Writer => ({ role: 'participant', participantId: amina.participantId })

withoutCanvas2d()

describe('canvas management follows managesWorkshop', () => {
  it.each([
    ['participant', false],
    ['facilitator', true],
  ] as Array<[Role, boolean]>)('a %s sees the canvas management: %s', async (role, shown) => {
    const { doc } = workshop()
    renderCanvasArea(doc, { role, locale: 'en' })
    await screen.findByRole('listbox')
    for (const name of ['New canvas', 'Rename', 'Lock the canvas', 'Delete the canvas']) {
      expect(screen.queryAllByRole('button', { name }).length > 0, name).toBe(shown)
    }
  })
})

describe('a participant adds notes into a full frame on the board', () => {
  it('N on the template’s frame puts each note inside it, the frame grown, as the server accepts', async () => {
    const { doc, canvasId, frame } = workshop()
    const server = judge(doc, participant())
    renderCanvasArea(doc, { locale: 'en' })
    // The board opens on what is written: 1 shows the template's frame too.
    fireEvent.keyDown(await screen.findByRole('listbox'), { key: '1' })
    const texts = ['One', 'Two', 'Three', 'Four', 'Five']
    for (const text of texts) {
      const zone = element(frame)
      zone.focus()
      fireEvent.keyDown(zone, { key: 'n' })
      const editor = (await screen.findByRole('textbox', {
        name: /^Text of Note/,
      })) as HTMLTextAreaElement
      editor.value = text
      fireEvent.input(editor)
      fireEvent.keyDown(editor, { key: 'Escape' })
      await waitFor(() =>
        expect(screen.queryByRole('textbox', { name: /^Text of Note/ })).toBeNull(),
      )
    }
    expect(noteIn(doc, canvasId, frame, texts)).toEqual([])
    expect(server.refusals).toEqual([])
  })
})

describe('a participant on someone else’s items', () => {
  it('reads, selects and moves Jules’s note, but neither edits nor deletes it, and is told why', async () => {
    const { doc, canvasId, theirs } = workshop()
    const server = judge(doc, participant())
    renderCanvasArea(doc, { locale: 'en' })
    const note = await screen.findByRole('option', { name: /^Note: Buses/ })
    expect(note).toHaveAccessibleName(/Read-only for you$/)
    note.focus()
    fireEvent.keyDown(note, { key: ' ' })
    expect(note).toHaveAttribute('aria-selected', 'true')

    // Edit, colour and delete are off; the board says what may be done with it.
    expect(tool('Edit text')).toBeDisabled()
    expect(tool('Delete')).toBeDisabled()
    expect(screen.getByRole('combobox', { name: 'Colour', hidden: true })).toBeDisabled()
    expect(document.querySelector('.canvas-rights-hint')).toHaveTextContent(
      'This item is not yours: you can read and move it, but not change or delete it.',
    )
    fireEvent.keyDown(note, { key: 'Enter' })
    expect(screen.queryByRole('textbox', { name: /Text of Note/ })).toBeNull()
    await waitFor(() => expect(status()).toHaveTextContent('This item is not yours'))
    fireEvent.keyDown(note, { key: 'Delete' })
    expect(item(doc, canvasId, theirs)).toBeDefined()
    fireEvent.pointerDown(note, { pointerId: 1, pointerType: 'mouse', button: 0 })
    fireEvent.pointerUp(note, { pointerId: 1, pointerType: 'mouse', button: 0 })
    fireEvent.pointerDown(note, { pointerId: 1, pointerType: 'mouse', button: 0 })
    fireEvent.pointerUp(note, { pointerId: 1, pointerType: 'mouse', button: 0 })
    expect(screen.queryByRole('textbox', { name: /Text of Note/ })).toBeNull()

    // Moving is anyone's.
    fireEvent.keyDown(note, { key: 'ArrowRight' })
    expect(item(doc, canvasId, theirs)).toMatchObject({ x: 620, text: 'Buses' })
    expect(server.changes()).toBe(1)
    expect(server.refusals).toEqual([])
  })

  it('edits and deletes her own note, in a way the server accepts', async () => {
    const { doc, canvasId, mine } = workshop()
    const server = judge(doc, participant())
    renderCanvasArea(doc, { locale: 'en' })
    const note = await screen.findByRole('option', { name: /^Note: Clinic/ })
    expect(note).not.toHaveAccessibleName(/Read-only for you/)
    note.focus()
    expect(tool('Edit text')).toBeEnabled()
    expect(document.querySelector('.canvas-rights-hint')).toBeNull()
    fireEvent.keyDown(note, { key: 'Enter' })
    const editor = screen.getByRole('textbox', { name: /Text of Note/ }) as HTMLTextAreaElement
    editor.value = 'Clinic hours'
    fireEvent.input(editor)
    fireEvent.keyDown(editor, { key: 'Escape' })
    await waitFor(() => expect(element(mine)).toHaveFocus())
    fireEvent.keyDown(element(mine), { key: 'Delete' })
    // Her note goes, and Jules's link to it with it (a link goes with either end).
    expect(item(doc, canvasId, mine)).toBeUndefined()
    expect(readCanvasContent(doc, canvasId).items.map((entry) => entry.kind)).toEqual([
      'frame',
      'note',
    ])
    expect(server.changes()).toBe(2)
    expect(server.refusals).toEqual([])
  })

  it('deletes Jules’s link but does not edit its label; the template’s frame is nobody’s', async () => {
    const { doc, canvasId, frame, link } = workshop()
    const server = judge(doc, participant())
    renderCanvasArea(doc, { locale: 'en' })
    fireEvent.keyDown(await screen.findByRole('listbox'), { key: '1' })
    const frameEl = await screen.findByRole('option', { name: /^Area: Needs/ })
    expect(frameEl).toHaveAccessibleName(/Read-only for you$/)
    frameEl.focus()
    expect(tool('Delete')).toBeDisabled()
    fireEvent.keyDown(frameEl, { key: 'Enter' })
    expect(screen.queryByRole('textbox')).toBeNull()
    fireEvent.keyDown(frameEl, { key: 'ArrowDown', altKey: true })
    expect(item(doc, canvasId, frame)).toMatchObject({ h: 300 })

    const label = element(link)
    label.focus()
    expect(tool('Edit text')).toBeDisabled()
    expect(tool('Delete')).toBeEnabled()
    fireEvent.keyDown(label, { key: 'Enter' })
    expect(screen.queryByRole('textbox')).toBeNull()
    await waitFor(() =>
      expect(status()).toHaveTextContent(
        'This link is not yours: you can delete it, but not change its label.',
      ),
    )
    fireEvent.keyDown(label, { key: 'Delete' })
    expect(item(doc, canvasId, link)).toBeUndefined()
    expect(server.refusals).toEqual([])
  })

  it('copies, groups and brings Jules’s note to the front as the server allows; no aligning', async () => {
    const { doc, canvasId, theirs } = workshop()
    const server = judge(doc, participant())
    renderCanvasArea(doc, { locale: 'en' })
    const note = await screen.findByRole('option', { name: /^Note: Buses/ })
    note.focus()
    fireEvent.keyDown(note, { key: 'd', ctrlKey: true })
    const copy = readCanvasContent(doc, canvasId).items.find(
      (entry): entry is BoxItem =>
        entry.kind === 'note' && entry.text === 'Buses' && entry.id !== theirs,
    )
    // A copy is credited to whoever makes it, in her group.
    expect(copy).toMatchObject({ createdBy: amina.participantId, group: 'patient' })

    // Jules's note alone, chosen with the pointer.
    fireEvent.pointerDown(element(theirs), { pointerId: 1, pointerType: 'mouse', button: 0 })
    fireEvent.pointerUp(element(theirs), { pointerId: 1, pointerType: 'mouse', button: 0 })
    fireEvent.click(tool('More actions'))
    expect(tool('Bring to front')).toBeEnabled()
    expect(tool('Align to grid')).toBeDisabled()
    fireEvent.click(tool('Bring to front'))
    fireEvent.click(tool('More actions'))
    fireEvent.click(tool('Group…'))
    const dialog = screen.getByRole('dialog')
    fireEvent.input(within(dialog).getByRole('textbox'), { target: { value: 'Transport' } })
    fireEvent.submit(within(dialog).getByRole('textbox').closest('form') as HTMLFormElement)
    const grouped = readCanvasContent(doc, canvasId)
    expect(grouped.clusters.map((cluster) => cluster.name)).toEqual(['Transport'])
    expect(item(doc, canvasId, theirs)).toMatchObject({ cluster: grouped.clusters[0]?.id })
    expect(server.changes()).toBe(3)
    expect(server.refusals).toEqual([])
  })

  it('during a step that allows writing but not moving, moves nothing of anyone’s', async () => {
    const { doc, canvasId, theirs, mine } = workshop({ write: true, move: false })
    const server = judge(doc, participant())
    renderCanvasArea(doc, { locale: 'en' })
    const note = await screen.findByRole('option', { name: /^Note: Buses/ })
    expect(document.querySelector('.canvas-rights-hint')).toBeNull()
    note.focus()
    expect(document.querySelector('.canvas-rights-hint')).toHaveTextContent(
      'This item is not yours: you can read it, but not change or delete it.',
    )
    fireEvent.keyDown(note, { key: 'ArrowRight' })
    element(mine).focus()
    fireEvent.keyDown(element(mine), { key: 'ArrowRight' })
    expect([item(doc, canvasId, theirs), item(doc, canvasId, mine)]).toMatchObject([
      { x: 600 },
      { x: 900 },
    ])
    expect(server.changes()).toBe(0)
  })
})

describe('the outline follows the same rules', () => {
  const renderOutline = (doc: Y.Doc, canvasId: string, rules = { write: true, move: true }) =>
    renderWithI18n(
      () => (
        <CanvasOutline
          doc={doc}
          canvasId={canvasId}
          origin={{ user: 'amina' }}
          readOnly={false}
          identity={amina}
          writer={participant()}
          rules={rules}
          noWrite="During this step, the canvas is not changed."
          onFocusItem={() => {}}
        />
      ),
      'en',
    )
  const entry = (id: string) => {
    const found = document.querySelector<HTMLElement>(`li[data-item-id="${id}"]`)
    if (!found) throw new Error(`no entry for ${id}`)
    return found
  }

  it('edits and deletes only her own entries; moves anyone’s, without growing the template’s frame', () => {
    const { doc, canvasId, frame, theirs, mine } = workshop()
    addBox(
      doc,
      canvasId,
      { kind: 'note', x: 20, y: 200, h: 80, text: 'Already there', createdBy: JULES },
      'seed',
    )
    const server = judge(doc, participant())
    renderOutline(doc, canvasId)
    expect(within(entry(theirs)).queryByRole('textbox')).toBeNull()
    expect(entry(theirs)).toHaveTextContent('Buses')
    expect(entry(theirs)).toHaveTextContent('Read-only for you')
    expect(within(entry(theirs)).queryByRole('button', { name: /^Delete/ })).toBeNull()
    expect(within(entry(mine)).getByRole('textbox', { name: 'Note text' })).toHaveValue('Clinic')
    expect(within(entry(mine)).getByRole('button', { name: 'Delete “Clinic”' })).toBeInTheDocument()
    // The template's frame: not renamed here.
    expect(screen.queryByRole('textbox', { name: 'Area name' })).toBeNull()

    const select = within(entry(theirs)).getByRole('combobox', { name: 'Move to' })
    fireEvent.change(select, { target: { value: frame } })
    fireEvent.click(within(entry(theirs)).getByRole('button', { name: 'Move “Buses”' }))
    const moved = item(doc, canvasId, theirs) as BoxItem
    expect(moved.frame).toBe(frame)
    expect(item(doc, canvasId, frame)).toMatchObject({ w: 400, h: 300 })
    expect(moved.y + moved.h).toBeLessThanOrEqual(300)
    fireEvent.input(within(entry(mine)).getByRole('textbox', { name: 'Note text' }), {
      target: { value: 'Clinic hours' },
    })
    expect(server.changes()).toBe(2)
    expect(server.refusals).toEqual([])
  })

  it('adds her notes into the template’s full frame, which grows to hold them, as the server accepts', () => {
    const { doc, canvasId, frame } = workshop()
    const server = judge(doc, participant())
    renderOutline(doc, canvasId)
    const section = screen.getByRole('region', { name: /^Needs/ })
    const field = within(section).getByRole('textbox', { name: 'New note in “Needs”' })
    // Two fit in the frame (400 × 300); the next three need it to grow.
    const texts = ['One', 'Two', 'Three', 'Four', 'Five']
    for (const text of texts) {
      fireEvent.input(field, { target: { value: text } })
      fireEvent.click(within(section).getByRole('button', { name: 'Add the note in “Needs”' }))
    }
    expect(noteIn(doc, canvasId, frame, texts)).toEqual([])
    expect(server.refusals).toEqual([])
  })

  it('adds no note when the step does not allow writing, and says so', () => {
    const { doc, canvasId } = workshop({ write: false, move: true })
    renderOutline(doc, canvasId, { write: false, move: true })
    expect(screen.getByText('During this step, the canvas is not changed.')).toBeInTheDocument()
    expect(screen.queryByRole('button', { name: /^Add the note/ })).toBeNull()
    expect(screen.queryAllByRole('textbox')).toHaveLength(0)
    expect(screen.getAllByRole('button', { name: /^Move/ }).length).toBeGreaterThan(0)
  })
})

describe('decisions are the facilitator’s', () => {
  it('a participant reads the decision log without controls that would write it', async () => {
    const { doc } = newWorkshop()
    createDecision(doc, { title: 'Navette' }, 'seed')
    renderArtefacts(doc, { tab: 'decisions' })
    expect(
      await screen.findByText(
        'Seul·e l’animateur·rice consigne les décisions. Vous pouvez les lire et en discuter.',
        {},
        { timeout: 5000 },
      ),
    ).toBeInTheDocument()
    expect(screen.getByRole('listitem', { name: 'Navette' })).toBeInTheDocument()
    expect(screen.queryByRole('button', { name: 'Nouvelle décision' })).toBeNull()
    expect(screen.queryByRole('button', { name: /Adopter|Modifier/ })).toBeNull()
  })
})
