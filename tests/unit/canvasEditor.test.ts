// One file (over 500 lines): every test builds the headless editor on the same fake board and
// documents (above); each describe is one part of the editor.
import * as i18n from '@solid-primitives/i18n'
import { describe, expect, it } from 'vitest'
import type * as Y from 'yjs'
import type { Translate } from '../../client/app/i18n.tsx'
import type { DotVoting } from '../../client/features/canvas/dotVoting.ts'
import { type Cell, type CellFactory, plainCell } from '../../client/features/canvas/editor/cell.ts'
import {
  createEditor,
  type Editor,
  OWN_VIEW_MS,
} from '../../client/features/canvas/editor/editor.ts'
import type { KeyInput } from '../../client/features/canvas/editor/keyboard.ts'
import { createDocModel } from '../../client/features/canvas/editor/model.ts'
import type { PointerHit } from '../../client/features/canvas/editor/pointer.ts'
import { CATALOGUES } from '../../shared/i18n/catalogues.ts'
import type { Locale } from '../../shared/i18n/index.ts'
import type { Role } from '../../shared/roles.ts'
import { canvasRights, NO_CANVAS_RIGHTS } from '../../shared/schema/canvasRights.ts'
import {
  addBox,
  type BoxItem,
  GRID,
  itemColour,
  readCanvasContent,
  setItemText,
} from '../../shared/schema/index.ts'
import { newWorkshop } from '../helpers/workshopDoc.ts'

/**
 * The headless canvas editor, driven directly: no DOM, no Solid. What a person does on the
 * board (click, drag, keys, tools) and what the documents then hold.
 */

const t = i18n.translator(() => CATALOGUES.en, i18n.resolveTemplate) as Translate
const AMINA = 'amina'
/** A phase that lets everyone write, see and move (the template default). */
const FREE = { write: true, move: true, vote: false, seeOthers: true }
const JULES = 'jules'

interface Setup {
  doc: Y.Doc
  canvasId: string
  editor: Editor
  focused: Array<string | null>
  dots: { current: DotVoting | null }
}

const setup = (
  options: {
    role?: Role
    readOnly?: boolean
    move?: boolean
    tick?: number
    /** The editor's clock, in place of one that moves a tick on at each reading. */
    now?: () => number
    /** The frame the running step writes in (the board's `stepFrame`). */
    stepFrame?: () => string | null
    /** The language the person reads (English unless told). */
    locale?: () => Locale
  } = {},
): Setup => {
  const { doc, canvasId } = newWorkshop({ locale: 'en' })
  const model = createDocModel(doc, canvasId, null, itemColour, options.locale ?? (() => 'en'))
  const writer = { role: options.role ?? 'participant', participantId: AMINA } as const
  // What the server's policy would allow: no phase runs, or one that does not allow moving.
  const allow = options.move === false ? { ...FREE, move: false } : null
  const rights = () =>
    options.readOnly
      ? NO_CANVAS_RIGHTS
      : canvasRights(writer, { allow, locked: false, privateReady: false })
  const focused: Array<string | null> = []
  const dots: Setup['dots'] = { current: null }
  // A second apart: two clicks are never a double click unless a test says so.
  let clock = 0
  // As on the board: the text editor goes when the edit ends, and going, it loses the focus,
  // which closes the edit (again) from within the change that ended it.
  let editing: object | undefined
  const cell: CellFactory = <T>(initial: T) => {
    const inner = plainCell(initial)
    const watched: Cell<T> = {
      get: inner.get,
      set: (next) => {
        const before = inner.get()
        inner.set(next)
        if (watched === editing && before !== null && inner.get() === null)
          editor.closeEditor('blur')
      },
    }
    return watched
  }
  const editor = createEditor({
    cell,
    doc,
    privateDoc: null,
    canvasId,
    canvasTitle: () => 'Canvas 1',
    origin: { user: AMINA },
    model,
    situation: () => ({ writer, rights: rights() }),
    group: () => 'patient',
    identity: () => ({ participantId: AMINA, name: 'Amina' }),
    participants: () => new Map(),
    editorsOf: () => undefined,
    dots: () => dots.current,
    spotlightId: () => null,
    ...(options.stepFrame ? { stepFrame: options.stepFrame } : {}),
    t,
    // Every box of these tests is a note (the registry of views is the client's, with Solid).
    kindLabel: () => 'canvas.kind.note',
    focus: (id) => focused.push(id),
    now: options.now ?? (() => (clock += options.tick ?? 1000)),
  })
  editing = editor.state.editingId
  editor.resize({ w: 1000, h: 800 })
  editor.setView({ x: 500, y: 400, zoom: 1 })
  return { doc, canvasId, editor, focused, dots }
}

const boxes = ({ doc, canvasId }: Setup) =>
  readCanvasContent(doc, canvasId).items.filter(
    (item): item is BoxItem => item.kind !== 'connector',
  )
const box = (s: Setup, id: string) => boxes(s).find((item) => item.id === id)
const connectors = ({ doc, canvasId }: Setup) =>
  readCanvasContent(doc, canvasId).items.filter((item) => item.kind === 'connector')

const note = (s: Setup, x: number, y: number, createdBy = AMINA) =>
  addBox(s.doc, s.canvasId, { kind: 'note', x, y, text: `at ${x},${y}`, createdBy }, 'seed')

/** A point on screen over the world point (x, y) (the camera is at 100 %, centred on 500, 400). */
const at = (s: Setup, x: number, y: number) => {
  const camera = s.editor.state.camera.get()
  return { x: x * camera.scale + camera.x, y: y * camera.scale + camera.y }
}

let pointerId = 1
const click = (
  s: Setup,
  point: { x: number; y: number },
  hit: PointerHit = {},
  more: { shiftKey?: boolean; pointerType?: string } = {},
) => {
  const id = pointerId++
  const input = {
    pointerId: id,
    point,
    pointerType: more.pointerType ?? 'mouse',
    button: 0,
    shiftKey: more.shiftKey ?? false,
    hit,
  }
  s.editor.pointerDown(input)
  s.editor.pointerUp({ pointerId: id, point })
}

const key = (s: Setup, name: string, more: Partial<KeyInput> = {}) =>
  s.editor.keyDown({ key: name, mod: false, shiftKey: false, altKey: false, onItem: null, ...more })

const announced = async (s: Setup) => {
  await Promise.resolve()
  return s.editor.state.announcement.get()
}

describe('canvas editor: selection and moving', () => {
  it('selects by click, adds with Shift, and leaves a frame empty-handed on a click outside', () => {
    const s = setup()
    const a = note(s, 100, 100)
    const b = note(s, 400, 100)
    click(s, at(s, 120, 120), { itemId: a })
    expect([...s.editor.state.selection.get()]).toEqual([a])
    expect(s.editor.state.activeId.get()).toBe(a)
    expect(s.focused.at(-1)).toBe(a)
    click(s, at(s, 420, 120), { itemId: b }, { shiftKey: true })
    expect([...s.editor.state.selection.get()].sort()).toEqual([a, b].sort())
    click(s, at(s, 420, 120), { itemId: b }, { shiftKey: true })
    expect([...s.editor.state.selection.get()]).toEqual([a])
    click(s, at(s, 900, 700))
    expect(s.editor.state.selection.get().size).toBe(0)
  })

  it('a double click edits one’s own note, and adds a note on the empty board', () => {
    const s = setup({ tick: 100 })
    const a = note(s, 100, 100)
    click(s, at(s, 120, 120), { itemId: a })
    click(s, at(s, 120, 120), { itemId: a })
    expect(s.editor.state.editingId.get()).toBe(a)
    s.editor.closeEditor('blur')
    click(s, at(s, 600, 500))
    click(s, at(s, 600, 500))
    const added = boxes(s).find((item) => item.id !== a)
    expect(added).toMatchObject({ kind: 'note', createdBy: AMINA })
    expect(s.editor.state.editingId.get()).toBe(added?.id)
  })

  it('a double click in a frame adds a note where it is, in that frame; on its title it edits', async () => {
    const frameAt = (s: Setup) =>
      addBox(
        s.doc,
        s.canvasId,
        { kind: 'frame', x: 0, y: 0, w: 600, h: 400, text: 'Ideas' },
        'seed',
      )
    const doubleClick = (s: Setup, x: number, y: number, itemId: string) => {
      click(s, at(s, x, y), { itemId })
      click(s, at(s, x, y), { itemId })
    }
    // A participant, in a frame the template made (not theirs): the body takes a note.
    const s = setup({ tick: 100 })
    const frame = frameAt(s)
    doubleClick(s, 300, 250, frame)
    const added = boxes(s).find((item) => item.kind === 'note')
    expect(added).toMatchObject({ frame, createdBy: AMINA })
    if (!added) return
    expect(added.x).toBeLessThanOrEqual(300)
    expect(added.x + added.w).toBeGreaterThanOrEqual(300)
    expect(s.editor.state.editingId.get()).toBe(added.id)
    s.editor.closeEditor('blur')
    // Its title band is the frame's: the participant is told why they cannot rename it.
    doubleClick(s, 300, 20, frame)
    expect(boxes(s).filter((item) => item.kind === 'note')).toHaveLength(1)
    expect(await announced(s)).not.toBe('')

    // The facilitator: the body takes a note too, the title band edits the frame's name.
    const f = setup({ role: 'facilitator', tick: 100 })
    const own = frameAt(f)
    doubleClick(f, 300, 250, own)
    const note = boxes(f).find((item) => item.kind === 'note')
    expect(note?.frame).toBe(own)
    expect(f.editor.state.editingId.get()).toBe(note?.id)
    f.editor.closeEditor('blur')
    doubleClick(f, 300, 20, own)
    expect(f.editor.state.editingId.get()).toBe(own)
    expect(boxes(f).filter((item) => item.kind === 'note')).toHaveLength(1)
  })

  it('drags the selection by what the pointer moved, in canvas units, in one change', () => {
    const s = setup()
    const a = note(s, 100, 100)
    s.editor.setView({ x: 500, y: 400, zoom: 2 })
    const start = at(s, 120, 120)
    s.editor.pointerDown({
      pointerId: 9,
      point: start,
      pointerType: 'mouse',
      button: 0,
      shiftKey: false,
      hit: { itemId: a },
    })
    expect(s.editor.interaction()).toBe('drag')
    const end = { x: start.x + 80, y: start.y + 40 }
    s.editor.pointerMove({ pointerId: 9, point: end, pointerType: 'mouse' })
    // Previewed, not written, while the pointer is down.
    expect(s.editor.rectOf(a)).toMatchObject({ x: 140, y: 120 })
    expect(box(s, a)).toMatchObject({ x: 100, y: 100 })
    s.editor.pointerUp({ pointerId: 9, point: end })
    expect(box(s, a)).toMatchObject({ x: 140, y: 120 })
    expect(s.editor.interaction()).toBe('select')
  })

  it('moves with the arrows by a grid step (Shift: five), and resizes with Alt', () => {
    const s = setup()
    const a = note(s, 100, 100)
    s.editor.focusItem(a, { select: true })
    expect(key(s, 'ArrowRight', { onItem: a })).toBe(true)
    expect(box(s, a)).toMatchObject({ x: 100 + GRID, y: 100 })
    key(s, 'ArrowDown', { onItem: a, shiftKey: true })
    expect(box(s, a)).toMatchObject({ y: 100 + 5 * GRID })
    key(s, 'ArrowRight', { onItem: a, altKey: true })
    expect(box(s, a)).toMatchObject({ w: 160 + GRID, h: 160 })
  })

  it('selects with a marquee drawn on the empty board', () => {
    const s = setup()
    const a = note(s, 100, 100)
    const b = note(s, 300, 100)
    note(s, 700, 500)
    const start = at(s, 50, 50)
    s.editor.pointerDown({
      pointerId: 3,
      point: start,
      pointerType: 'mouse',
      button: 0,
      shiftKey: false,
      hit: {},
    })
    expect(s.editor.interaction()).toBe('marquee')
    const end = at(s, 500, 300)
    s.editor.pointerMove({ pointerId: 3, point: end, pointerType: 'mouse' })
    s.editor.pointerUp({ pointerId: 3, point: end })
    expect([...s.editor.state.selection.get()].sort()).toEqual([a, b].sort())
  })
})

describe('canvas editor: tools', () => {
  it('goes select → connect → select, making a link with the keyboard', async () => {
    const s = setup()
    const a = note(s, 100, 100)
    const b = note(s, 400, 100)
    expect(s.editor.tool()).toBe('select')
    expect(key(s, 'c', { onItem: a })).toBe(true)
    expect(s.editor.tool()).toBe('connect')
    expect(await announced(s)).toMatch(/Connecting Note “at 100,100”: choose/)
    // Tab goes through boxes only while choosing, never back to the source.
    key(s, 'Tab', { onItem: a })
    expect(s.focused.at(-1)).toBe(b)
    key(s, 'Enter', { onItem: b })
    expect(s.editor.tool()).toBe('select')
    expect(connectors(s)).toEqual([expect.objectContaining({ from: a, to: b, createdBy: AMINA })])
  })

  it('Escape leaves the connect tool without a link', () => {
    const s = setup()
    const a = note(s, 100, 100)
    note(s, 400, 100)
    s.editor.startConnect(a)
    expect(s.editor.tool()).toBe('connect')
    key(s, 'Escape', { onItem: a })
    expect(s.editor.tool()).toBe('select')
    expect(connectors(s)).toHaveLength(0)
  })

  it('Escape only cancels (the create tool, the selection, an edit): the view never moves', () => {
    const s = setup()
    const a = note(s, 100, 100)
    const still = () => expect(s.editor.view()).toEqual({ x: 500, y: 400, zoom: 1 })
    s.editor.toggleAddMode()
    expect(key(s, 'Escape')).toBe(true)
    expect(s.editor.tool()).toBe('select')
    still()
    s.editor.focusItem(a, { select: true })
    key(s, 'Escape', { onItem: a })
    expect(s.editor.state.selection.get().size).toBe(0)
    still()
    // Editing, the person scrolls the note half out of view: Escape leaves the view there.
    key(s, 'Enter', { onItem: a })
    s.editor.wheel({ dx: 0, dy: 250, zoom: false, shiftKey: false, point: { x: 500, y: 400 } })
    const scrolled = s.editor.view()
    s.editor.closeEditor('escape')
    expect(s.editor.state.editingId.get()).toBeNull()
    expect(s.focused.at(-1)).toBe(a)
    expect(s.editor.view()).toEqual(scrolled)
  })

  it('the create tool adds a note where the board is tapped, and not where a finger pans', () => {
    const s = setup()
    s.editor.toggleAddMode()
    expect(s.editor.tool()).toBe('create')
    click(s, at(s, 300, 200), {}, { pointerType: 'touch' })
    const [added] = boxes(s)
    expect(added).toMatchObject({ kind: 'note', createdBy: AMINA, group: 'patient' })
    // Centred on the tap, on the grid.
    expect(Math.abs((added?.x ?? 0) + 80 - 300)).toBeLessThanOrEqual(GRID)
    expect(s.editor.state.editingId.get()).toBe(added?.id)
    s.editor.toggleAddMode()
    expect(s.editor.tool()).toBe('select')
    s.editor.pointerDown({
      pointerId: 4,
      point: at(s, 600, 600),
      pointerType: 'touch',
      button: 0,
      shiftKey: false,
      hit: {},
    })
    expect(s.editor.interaction()).toBe('pan')
    s.editor.pointerMove({ pointerId: 4, point: at(s, 650, 600), pointerType: 'touch' })
    s.editor.pointerUp({ pointerId: 4, point: at(s, 650, 600) })
    expect(boxes(s)).toHaveLength(1)
    expect(s.editor.view().x).toBeCloseTo(450)
  })

  it('a mouse drag pans instead of selecting while Space is held', () => {
    const s = setup()
    key(s, ' ')
    s.editor.pointerDown({
      pointerId: 5,
      point: { x: 10, y: 10 },
      pointerType: 'mouse',
      button: 0,
      shiftKey: false,
      hit: {},
    })
    expect(s.editor.interaction()).toBe('pan')
    s.editor.pointerUp({ pointerId: 5, point: { x: 10, y: 10 } })
    s.editor.keyUp(' ')
    s.editor.pointerDown({
      pointerId: 6,
      point: { x: 10, y: 10 },
      pointerType: 'mouse',
      button: 0,
      shiftKey: false,
      hit: {},
    })
    expect(s.editor.interaction()).toBe('marquee')
  })

  it('the vote tool: + and − on an idea give and take back this person’s dots', () => {
    const s = setup()
    const a = note(s, 100, 100)
    const mine = new Map<string, number>()
    const used = () => [...mine.values()].reduce((sum, n) => sum + n, 0)
    const voting: DotVoting = {
      budget: () => 3,
      perItemCap: () => 2,
      mine: (id: string) => mine.get(id) ?? 0,
      used,
      remaining: () => 3 - used(),
      dots: () => mine,
      total: () => null,
      hasResult: () => false,
      closed: () => false,
      ready: () => true,
      add: (id: string) => {
        if ((mine.get(id) ?? 0) >= 2) return 'cap' as const
        mine.set(id, (mine.get(id) ?? 0) + 1)
        return 'ok' as const
      },
      remove: (id: string) => {
        mine.set(id, Math.max(0, (mine.get(id) ?? 0) - 1))
        return 'ok' as const
      },
    }
    s.dots.current = voting
    expect(s.editor.tool()).toBe('vote')
    const zoom = s.editor.state.camera.get().scale
    key(s, '+', { onItem: a })
    key(s, '+', { onItem: a })
    expect(mine.get(a)).toBe(2)
    // + on an idea votes: it does not zoom.
    expect(s.editor.state.camera.get().scale).toBe(zoom)
    key(s, '+', { onItem: a })
    expect(s.editor.state.dotMessage.get()).toBe('At most 2 dots per idea.')
    key(s, '-', { onItem: a })
    expect(mine.get(a)).toBe(1)

    // On a frame, + neither votes nor zooms (the view stays where the person was voting): it says why.
    const area = addBox(
      s.doc,
      s.canvasId,
      { kind: 'frame', x: 0, y: 600, w: 400, h: 300, text: 'Ideas' },
      'seed',
    )
    key(s, '+', { onItem: area })
    expect(s.editor.state.camera.get().scale).toBe(zoom)
    expect(mine.get(area)).toBeUndefined()
    expect(s.editor.state.dotMessage.get()).toBe(
      'This is not an idea to vote on: move to an idea (Tab) to give it a dot.',
    )
    // On the background they zoom, as the help says.
    key(s, '+')
    expect(s.editor.state.camera.get().scale).toBeGreaterThan(zoom)
  })
})

describe('canvas editor: names of what is voted on', () => {
  it('names an idea by its whole text, so two ideas that begin alike stay apart', () => {
    const s = setup()
    const start = 'Centre-Sud of Montréal: 50% of families are single-parent fa'
    const a = addBox(
      s.doc,
      s.canvasId,
      { kind: 'note', x: 0, y: 0, text: `${start}milies` },
      'seed',
    )
    const b = addBox(
      s.doc,
      s.canvasId,
      { kind: 'note', x: 200, y: 0, text: `${start}thers` },
      'seed',
    )
    expect(s.editor.labels.dotItem(a)).toBe(`${start}milies`)
    expect(s.editor.labels.dotItem(b)).toBe(`${start}thers`)
    expect(t('voting.dots.add', { item: s.editor.labels.dotItem(a) })).toBe(
      `Add a dot to “${start}milies”`,
    )
  })
})

describe('canvas editor: keyboard commands and undo', () => {
  // A walk-through at 1366×768: « Note » and N put the note at the view's centre, outside the
  // frame « Toutes les idées » the step's words asked for, where a phone would write it.
  it('N puts a note in the frame the step writes in, when no frame has the focus', () => {
    let stepFrame: string | null = null
    const s = setup({ stepFrame: () => stepFrame })
    const frame = addBox(
      s.doc,
      s.canvasId,
      { kind: 'frame', x: 2000, y: 2000, w: 600, h: 400, text: 'Toutes les idées' },
      'seed',
    )
    stepFrame = frame
    key(s, 'n')
    const added = boxes(s).find((item) => item.kind === 'note')
    const area = box(s, frame)
    expect(added && area && added.x >= area.x && added.x + added.w <= area.x + area.w).toBe(true)
    expect(added && area && added.y >= area.y && added.y + added.h <= area.y + area.h).toBe(true)
  })

  it('N adds a note in a free spot and opens it; undo takes it back, redo brings it again', () => {
    const s = setup()
    const a = note(s, 420, 320)
    expect(key(s, 'n')).toBe(true)
    const added = boxes(s).find((item) => item.id !== a)
    expect(added).toBeDefined()
    expect(s.editor.state.editingId.get()).toBe(added?.id)
    // Never on another note.
    const other = box(s, a)
    const overlaps =
      added &&
      other &&
      added.x < other.x + other.w &&
      other.x < added.x + added.w &&
      added.y < other.y + other.h &&
      other.y < added.y + added.h
    expect(overlaps).toBe(false)
    expect(s.editor.state.undo.get().canUndo).toBe(true)
    expect(s.editor.rootKeyDown({ key: 'z', mod: true, shiftKey: false })).toBe(true)
    expect(boxes(s).map((item) => item.id)).toEqual([a])
    expect(s.editor.state.undo.get()).toEqual({ canUndo: false, canRedo: true })
    s.editor.rootKeyDown({ key: 'z', mod: true, shiftKey: true })
    expect(boxes(s)).toHaveLength(2)
  })

  it('Escape on a new note still empty takes it away, in one step that undo does not bring back', async () => {
    const s = setup()
    const a = note(s, 100, 100)
    s.editor.focusItem(a, { select: true })
    key(s, 'ArrowRight', { onItem: a })
    key(s, 'n')
    const added = s.editor.state.editingId.get()
    expect(boxes(s)).toHaveLength(2)
    s.editor.closeEditor('escape')
    expect(boxes(s).map((item) => item.id)).toEqual([a])
    expect(s.editor.state.editingId.get()).toBeNull()
    expect(s.focused.at(-1)).toBeNull()
    expect(s.editor.state.selection.get().has(added ?? '')).toBe(false)
    expect(await announced(s)).toBe('Note left empty: nothing added.')
    // Undo goes to what came before the note (the move), never to an empty note.
    expect(s.editor.state.undo.get()).toEqual({ canUndo: true, canRedo: false })
    s.editor.undo()
    expect(boxes(s).map((item) => item.id)).toEqual([a])
    expect(box(s, a)).toMatchObject({ x: 100 })
    s.editor.redo()
    expect(boxes(s).map((item) => item.id)).toEqual([a])
    // A new note with words in it stays; so does an empty note that is not new.
    key(s, 'n')
    const kept = s.editor.state.editingId.get() ?? ''
    setItemText(s.doc, s.canvasId, kept, 'Parking', { user: AMINA })
    s.editor.closeEditor('escape')
    expect(box(s, kept)).toMatchObject({ text: 'Parking' })
    setItemText(s.doc, s.canvasId, kept, '', { user: AMINA })
    s.editor.edit(kept)
    s.editor.closeEditor('escape')
    expect(box(s, kept)).toBeDefined()
  })

  it('undo takes back only this person’s changes', () => {
    const s = setup()
    const a = note(s, 100, 100)
    s.editor.focusItem(a, { select: true })
    key(s, 'ArrowRight', { onItem: a })
    const theirs = note(s, 500, 500, JULES)
    s.editor.undo()
    expect(box(s, a)).toMatchObject({ x: 100 })
    expect(box(s, theirs)).toBeDefined()
  })

  it('Delete removes this person’s items and says why it keeps someone else’s', async () => {
    const s = setup()
    const mine = note(s, 100, 100)
    const theirs = note(s, 400, 100, JULES)
    s.editor.setSelection([mine, theirs])
    expect(key(s, 'Delete')).toBe(true)
    expect(boxes(s).map((item) => item.id)).toEqual([theirs])
    expect(await announced(s)).toMatch(/^Items deleted: 1\. This item is not yours/)
    expect(s.focused.at(-1)).toBeNull()
  })

  it('Enter edits one’s own note, and names why another’s cannot be', async () => {
    const s = setup()
    const mine = note(s, 100, 100)
    const theirs = note(s, 400, 100, JULES)
    key(s, 'Enter', { onItem: mine })
    expect(s.editor.state.editingId.get()).toBe(mine)
    s.editor.closeEditor('escape')
    expect(s.focused.at(-1)).toBe(mine)
    key(s, 'Enter', { onItem: theirs })
    expect(s.editor.state.editingId.get()).toBeNull()
    expect(await announced(s)).toMatch(/^This item is not yours/)
  })

  it('Tab goes through the boxes in reading order, then leaves the board', () => {
    const s = setup()
    const second = note(s, 400, 100)
    const first = note(s, 100, 100)
    const third = note(s, 100, 400)
    key(s, 'Tab')
    expect(s.focused.at(-1)).toBe(first)
    key(s, 'Tab', { onItem: first })
    expect(s.focused.at(-1)).toBe(second)
    key(s, 'Tab', { onItem: second })
    expect(s.focused.at(-1)).toBe(third)
    expect(key(s, 'Tab', { onItem: third })).toBe(false)
  })

  it('Tab goes through each frame then what it holds, frame by frame (no row of frames first)', () => {
    const s = setup()
    const frame = (x: number, text: string) =>
      addBox(s.doc, s.canvasId, { kind: 'frame', x, y: 0, w: 560, h: 640, text }, 'seed')
    const needs = frame(0, 'Needs')
    const leads = frame(600, 'Leads')
    const lead = note(s, 620, 40)
    const need = note(s, 20, 40)
    const secondNeed = note(s, 20, 220)
    const outside = note(s, 20, 700)
    expect(box(s, lead)?.frame).toBe(leads)
    const order: Array<string | undefined> = []
    let onItem: string | null = null
    while (key(s, 'Tab', { onItem })) {
      onItem = s.focused.at(-1) ?? null
      order.push(onItem ?? undefined)
    }
    expect(order).toEqual([needs, need, secondNeed, leads, lead, outside])
  })

  it('Ctrl+A selects everything; the zoom keys zoom; a read-only board changes nothing', () => {
    const s = setup({ readOnly: true })
    note(s, 100, 100)
    note(s, 400, 100)
    s.editor.keyDown({ key: 'a', mod: true, shiftKey: false, altKey: false, onItem: null })
    expect(s.editor.state.selection.get().size).toBe(2)
    key(s, '+')
    expect(s.editor.state.camera.get().scale).toBeCloseTo(1.25)
    expect(key(s, 'n')).toBe(false)
    expect(key(s, 'Delete')).toBe(false)
    expect(boxes(s)).toHaveLength(2)
  })

  it('a phase that does not allow moving keeps the items where they are, and says so', async () => {
    const s = setup({ move: false })
    const a = note(s, 100, 100)
    s.editor.focusItem(a, { select: true })
    key(s, 'ArrowRight', { onItem: a })
    expect(box(s, a)).toMatchObject({ x: 100 })
    expect(await announced(s)).toBe('During this step, notes are not moved.')
    s.editor.pointerDown({
      pointerId: 7,
      point: at(s, 120, 120),
      pointerType: 'mouse',
      button: 0,
      shiftKey: false,
      hit: { itemId: a },
    })
    expect(s.editor.interaction()).toBe('select')
  })
})

describe('canvas editor: the view follows the step', () => {
  const shows = (s: Setup, view: { x: number; y: number; zoom: number }) => {
    const now = s.editor.view()
    expect(now.x).toBeCloseTo(view.x)
    expect(now.y).toBeCloseTo(view.y)
    expect(now.zoom).toBeCloseTo(view.zoom)
  }
  const steps = [
    { x: 300, y: 200, zoom: 0.85 },
    { x: 1500, y: 300, zoom: 1 },
    { x: 2700, y: 300, zoom: 1.2 },
  ] as const

  it('goes to each new step’s view until the person moves the camera, then leaves it to them', () => {
    const s = setup()
    const [first, second, third] = steps
    expect(s.editor.followStep(first)).toBe(true)
    shows(s, first)
    // Nobody moved it: the next step takes it to its frame.
    expect(s.editor.followStep(second)).toBe(true)
    shows(s, second)
    // The person scrolls: the next step leaves the view where they put it.
    s.editor.wheel({ dx: 0, dy: 120, zoom: false, shiftKey: false, point: { x: 500, y: 400 } })
    const theirs = s.editor.view()
    expect(s.editor.followStep(third)).toBe(false)
    expect(s.editor.view()).toEqual(theirs)
    // "Bring everyone to me" places it for them: from there, the next step follows again…
    s.editor.placeView(first)
    expect(s.editor.followStep(third)).toBe(true)
    shows(s, third)
    // …until they zoom, or Tab to an item out of view.
    key(s, '-')
    expect(s.editor.followStep(first)).toBe(false)
    s.editor.placeView(first)
    s.editor.focusItem(note(s, 2000, 2000))
    expect(s.editor.followStep(second)).toBe(false)
  })

  // At 1366×768, a participant who had written and Tabbed through notes was left, at the
  // dot vote, on the old part of the board under the step card, its first row cut off.
  it('brings a new step to someone who moved the camera a while ago, never to someone at work', () => {
    let clock = 0
    const s = setup({ now: () => clock })
    const [first, second, third] = steps
    s.editor.placeView(first)
    s.editor.wheel({ dx: 0, dy: 120, zoom: false, shiftKey: false, point: { x: 500, y: 400 } })
    const theirs = s.editor.view()
    // A moment later: they are looking at what they scrolled to.
    clock += OWN_VIEW_MS - 1
    expect(s.editor.followStep(second, { newStep: true })).toBe(false)
    expect(s.editor.view()).toEqual(theirs)
    // A while later, a new step takes the view to it; the same step's view fitted again (a
    // resize) does not, once they moved it.
    clock += 1
    expect(s.editor.followStep(second, { newStep: true })).toBe(true)
    shows(s, second)
    s.editor.wheel({ dx: 0, dy: 120, zoom: false, shiftKey: false, point: { x: 500, y: 400 } })
    clock += OWN_VIEW_MS
    expect(s.editor.followStep(second)).toBe(false)
    // Writing a note, however long it takes, keeps the view where the note is.
    const id = note(s, 2000, 2000)
    s.editor.focusItem(id, { edit: true })
    clock += 10 * OWN_VIEW_MS
    expect(s.editor.followStep(third, { newStep: true })).toBe(false)
  })
})

describe("canvas editor: a template's texts", () => {
  it('reads seeded frame titles and notes in the viewer’s language, for painting, placing and naming', () => {
    let reading: Locale = 'en'
    const s = setup({ role: 'facilitator', locale: () => reading })
    const title = { fr: 'Besoins', en: 'Needs' }
    const seed = { fr: 'Transport adapté', en: 'Adapted transport' }
    const frame = addBox(
      s.doc,
      s.canvasId,
      { kind: 'frame', x: 0, y: 0, text: title.fr, seedText: title },
      'seed',
    )
    const note = addBox(
      s.doc,
      s.canvasId,
      { kind: 'note', x: 20, y: 40, text: seed.fr, seedText: seed },
      'seed',
    )
    const own = addBox(s.doc, s.canvasId, { kind: 'note', x: 300, y: 40, text: 'Vélo' }, 'seed')
    const texts = () => s.editor.model.snapshot().map((item) => item.text)
    const name = (id: string) => {
      const item = s.editor.model.box(id)
      return item ? s.editor.labels.item(item) : ''
    }
    expect(texts()).toEqual(['Needs', 'Adapted transport', 'Vélo'])
    expect(name(note)).toBe('Note: Adapted transport')
    expect(name(frame)).toBe('Note: Needs')
    expect(s.editor.labels.short(note)).toBe('Note “Adapted transport”')

    reading = 'fr'
    expect(texts()).toEqual(['Besoins', 'Transport adapté', 'Vélo'])
    expect(name(note)).toBe('Note: Transport adapté')
    expect(name(own)).toBe('Note: Vélo')
  })
})

describe('canvas editor: headless', () => {
  it('imports neither Solid nor a view: it runs here, in Node, with no DOM', async () => {
    const { readdir, readFile } = await import('node:fs/promises')
    const folder = new URL('../../client/features/canvas/editor/', import.meta.url)
    const files = (await readdir(folder)).filter((name) => name.endsWith('.ts'))
    expect(files.length).toBeGreaterThan(5)
    for (const name of files) {
      const source = await readFile(new URL(name, folder), 'utf8')
      const imports = [...source.matchAll(/^import (type )?.*? from '([^']+)'/gms)]
      for (const [, typeOnly, from] of imports) {
        expect(from, `${name} imports ${from}`).not.toMatch(/^solid-js/)
        if (!typeOnly) expect(from, `${name} imports ${from}`).not.toMatch(/\.tsx$/)
      }
    }
    expect(typeof document).toBe('undefined')
  })
})
