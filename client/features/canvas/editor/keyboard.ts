import { GRID } from '../../../../shared/schema/index.ts'
import type { Commands } from './commands.ts'
import type { EditorCore } from './editor.ts'
import type { Pointer } from './pointer.ts'

/** A key pressed on the board, as the view saw it. */
export interface KeyInput {
  key: string
  /** Control or Command. */
  mod: boolean
  shiftKey: boolean
  altKey: boolean
  /** The item (box or connector label) whose element has the focus, if any. */
  onItem: string | null
}

export interface Keyboard {
  /** A key on the board; true when it was used (the view then prevents its default). */
  keyDown: (input: KeyInput) => boolean
  keyUp: (key: string) => void
  /** Undo and redo: anywhere in the canvas area except in text fields. */
  rootKeyDown: (input: Pick<KeyInput, 'key' | 'mod' | 'shiftKey'>) => boolean
}

const KEY_STEP = GRID
const KEY_BIG_STEP = GRID * 5
const PAN_STEP = 60
const ZOOM_STEP = 1.25

const ARROWS: Record<string, { dx: number; dy: number }> = {
  ArrowLeft: { dx: -1, dy: 0 },
  ArrowRight: { dx: 1, dy: 0 },
  ArrowUp: { dx: 0, dy: -1 },
  ArrowDown: { dx: 0, dy: 1 },
}

/**
 * The board's keys (WCAG 2.1.4: they act only while the board has the focus). Tab moves the
 * focus through boxes (each frame, then what it holds) then connector labels and leaves the
 * board past the last; the arrows
 * move the chosen items (Alt: resize; Shift: five times as far) or pan; N adds a note.
 */
export const createKeyboard = (
  core: EditorCore,
  commands: Commands,
  pointer: Pointer,
): Keyboard => {
  const { model, rights, state, options, t } = core

  const stepFocus = (from: string | null, direction: 1 | -1): string | null => {
    // Choosing where a new connector goes: boxes only.
    const source = state.connectFrom.get()
    const list = source
      ? core.orderedBoxes().filter((id) => id !== source)
      : [...core.orderedBoxes(), ...core.orderedConnectors()]
    if (list.length === 0) return null
    const index = from ? list.indexOf(from) : -1
    const next = index === -1 ? (direction === 1 ? 0 : list.length - 1) : index + direction
    return list[next] ?? null
  }

  /** While a connector's target is chosen: Escape cancels, Enter or Space picks, arrows move. */
  const connecting = ({ key, onItem }: KeyInput): boolean | null => {
    if (!state.connectFrom.get()) return null
    if (key === 'Escape') {
      commands.cancelConnect()
      return true
    }
    if (key === 'Enter' || key === ' ') {
      if (onItem) commands.finishConnect(onItem)
      return true
    }
    const arrow = ARROWS[key]
    if (arrow) {
      const next = stepFocus(onItem, arrow.dx + arrow.dy > 0 ? 1 : -1)
      if (next) core.focusItem(next)
      return true
    }
    return null
  }

  const arrows = ({ key, shiftKey, altKey, onItem }: KeyInput): boolean => {
    const arrow = ARROWS[key]
    if (!arrow) return false
    const step = shiftKey ? KEY_BIG_STEP : KEY_STEP
    if (onItem && !rights.readOnly()) {
      if (!altKey) commands.moveBy(core.boxTargets(), arrow.dx * step, arrow.dy * step)
      else if (rights.canResize(onItem)) commands.resizeBy(onItem, arrow.dx * step, arrow.dy * step)
      else core.announce(core.whyNotWritable(onItem) || t('voting.phase.noMove'))
      return true
    }
    const pan = shiftKey ? PAN_STEP * 4 : PAN_STEP
    core.panBy(-arrow.dx * pan, -arrow.dy * pan)
    return true
  }

  /**
   * Dot voting: on a focused idea, + and − add and remove this person's dots. On anything else
   * of the board (a frame, a prompt) they say why nothing happens: zooming there lost the view
   * of someone who was voting. On the background they zoom.
   */
  const voting = ({ key, onItem }: KeyInput): boolean => {
    const delta = key === '+' || key === '=' ? 1 : key === '-' || key === '_' ? -1 : 0
    if (!options.dots() || !onItem || delta === 0) return false
    const item = model.box(onItem)
    if (item && core.votable(item)) {
      commands.changeDots(item.id, delta)
      return true
    }
    const why = t('voting.dots.notAnIdea')
    state.dotMessage.set(why)
    core.announce(why)
    return true
  }

  const zoomKeys: Record<string, () => void> = {
    '+': () => core.zoomBy(ZOOM_STEP),
    '=': () => core.zoomBy(ZOOM_STEP),
    '-': () => core.zoomBy(1 / ZOOM_STEP),
    _: () => core.zoomBy(1 / ZOOM_STEP),
    '0': core.resetZoom,
    '1': core.zoomToFit,
  }

  /** What changes the canvas: not for a read-only board. */
  const editing = ({ key, onItem }: KeyInput): boolean => {
    switch (key) {
      case 'n':
      case 'N':
        commands.add('note')
        return true
      case 'Enter':
      case 'F2':
        if (!onItem) return false
        commands.edit(onItem)
        return true
      case ' ':
        if (!onItem) return false
        core.toggleSelected(onItem)
        return true
      case 'Delete':
      case 'Backspace': {
        const ids = core.targets()
        if (ids.length === 0) return false
        commands.remove(ids)
        return true
      }
      case 'c':
      case 'C':
        if (!onItem || !rights.canAddFrom(onItem)) return false
        commands.startConnect(onItem)
        return true
      default:
        return false
    }
  }

  const keyDown: Keyboard['keyDown'] = (input) => {
    core.autoFit.on = false
    const { key, mod, onItem } = input
    if (key === ' ' && !onItem) pointer.holdSpace(true)

    if (key === 'Tab' && !mod && !input.altKey) {
      const next = stepFocus(onItem, input.shiftKey ? -1 : 1)
      // Leave the board when going past its last item (or before its first): never a trap.
      if (!next || (onItem === null && input.shiftKey)) return false
      core.focusItem(next)
      return true
    }
    const connected = connecting(input)
    if (connected !== null) return connected

    // Escape cancels, one thing at a time (the tool, then the selection); it never moves the view.
    if (key === 'Escape') {
      if (state.addMode.get()) {
        commands.toggleAddMode()
        return true
      }
      if (state.selection.get().size === 0 && !onItem) return false
      core.setSelection([])
      core.focusBoard()
      return true
    }
    if (mod) {
      const letter = key.toLowerCase()
      if (letter === 'a') {
        core.setSelection(model.boxIds())
        core.announce(t('canvas.announce.selected', { count: model.boxIds().length }))
        return true
      }
      if (letter === 'd' && core.boxTargets().some(rights.canAddFrom)) {
        commands.duplicate()
        return true
      }
      return false
    }
    if (arrows(input) || voting(input)) return true
    const zoom = zoomKeys[key]
    if (zoom) {
      zoom()
      return true
    }
    return !rights.readOnly() && editing(input)
  }

  return {
    keyDown,
    keyUp: (key) => {
      if (key === ' ') pointer.holdSpace(false)
    },
    rootKeyDown: ({ key, mod, shiftKey }) => {
      if (!mod || rights.readOnly()) return false
      const letter = key.toLowerCase()
      if (letter === 'z' && !shiftKey) commands.undo()
      else if ((letter === 'z' && shiftKey) || letter === 'y') commands.redo()
      else return false
      return true
    },
  }
}
