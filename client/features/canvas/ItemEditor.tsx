import { type Component, createEffect, onCleanup, onMount } from 'solid-js'
import type * as Y from 'yjs'
import { canvasMap, ITEM_TEXT_MAX, itemText, setItemText } from '../../../shared/schema/index.ts'
import { displayText } from '../../../shared/schema/seedText.ts'
import type { Localized } from '../../../shared/template.ts'
import { useI18n } from '../../app/i18n.tsx'
import { createBoundType } from '../../state/createBoundType.ts'

export interface ItemEditorProps {
  doc: Y.Doc
  canvasId: string
  itemId: string
  /** A template's two versions of the text (a frame title, a seed note), if it has them. */
  seedText?: Localized | undefined
  origin: unknown
  label: string
  onClose: (reason: 'escape' | 'blur') => void
  onUndo: () => void
  onRedo: () => void
}

/** Where a caret at `index` ends up after the change described by a Y.Text delta. */
export const mapIndex = (index: number, delta: Y.YTextEvent['delta']): number => {
  let pos = 0
  let mapped = index
  for (const op of delta) {
    if (op.retain !== undefined) pos += op.retain
    else if (typeof op.insert === 'string') {
      if (pos <= index) mapped += op.insert.length
      pos += op.insert.length
    } else if (op.delete !== undefined) {
      if (pos < index) mapped -= Math.min(op.delete, index - pos)
    }
  }
  return Math.max(0, mapped)
}

/**
 * A textarea bound to an item's Y.Text: what you type is written as the smallest edit (so two
 * people typing in one note both keep their words) and what others type appears in place,
 * without moving your caret. If the item's text is replaced by another Y.Text, it follows it.
 * It stops at `ITEM_TEXT_MAX` characters, as the server does.
 *
 * A template's text nobody edited yet shows in the viewer's language (`displayText`), so the
 * first keystroke turns the Y.Text into that version plus the keystroke: an English viewer of
 * a French workshop edits the English text, and everyone then reads what they wrote. Until
 * then nothing is written (opening and closing the editor changes nothing).
 */
export const ItemEditor: Component<ItemEditorProps> = (props) => {
  const { locale } = useI18n()
  let area!: HTMLTextAreaElement
  const text = createBoundType(props.doc, () =>
    canvasMap(props.doc, props.canvasId) ? itemText(props.doc, props.canvasId, props.itemId) : null,
  )
  const shown = (bound: Y.Text) =>
    displayText({ text: bound.toString(), seedText: props.seedText }, locale())
  // Shows the bound text (at first, and again if it is replaced), then what others type in it.
  createEffect(() => {
    const bound = text()
    if (!bound) return
    const value = shown(bound)
    if (area.value !== value) {
      const start = Math.min(area.selectionStart, value.length)
      area.value = value
      area.setSelectionRange(start, start)
    }
    const onRemote = (event: Y.YTextEvent) => {
      const next = shown(bound)
      if (area.value === next) return
      const focused = document.activeElement === area
      const from = mapIndex(area.selectionStart, event.delta)
      const to = mapIndex(area.selectionEnd, event.delta)
      area.value = next
      if (focused) area.setSelectionRange(from, to)
    }
    bound.observe(onRemote)
    onCleanup(() => bound.unobserve(onRemote))
  })
  onMount(() => {
    // The page never scrolls to it: the board's camera has already shown the item.
    area.focus({ preventScroll: true })
    area.setSelectionRange(area.value.length, area.value.length)
  })
  const onInput = () => {
    try {
      setItemText(props.doc, props.canvasId, props.itemId, area.value, props.origin)
    } catch (error) {
      console.warn('could not write the text', error)
    }
  }
  const onKeyDown = (event: KeyboardEvent) => {
    const mod = event.ctrlKey || event.metaKey
    if (event.key === 'Escape' || (event.key === 'Enter' && mod)) {
      event.preventDefault()
      event.stopPropagation()
      props.onClose('escape')
    } else if (mod && event.key.toLowerCase() === 'z') {
      event.preventDefault()
      event.stopPropagation()
      if (event.shiftKey) props.onRedo()
      else props.onUndo()
    } else if (mod && event.key.toLowerCase() === 'y') {
      event.preventDefault()
      event.stopPropagation()
      props.onRedo()
    } else event.stopPropagation()
  }
  return (
    <textarea
      ref={area}
      class="canvas-editor"
      aria-label={props.label}
      maxLength={ITEM_TEXT_MAX}
      onInput={onInput}
      onKeyDown={onKeyDown}
      onBlur={() => props.onClose('blur')}
      onPointerDown={(event) => event.stopPropagation()}
      spellcheck={true}
    />
  )
}
