import { type Component, onCleanup, onMount } from 'solid-js'
import type * as Y from 'yjs'
import { itemText, setItemText } from '../../../shared/schema/index.ts'

export interface ItemEditorProps {
  doc: Y.Doc
  canvasId: string
  itemId: string
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
 * without moving your caret.
 */
export const ItemEditor: Component<ItemEditorProps> = (props) => {
  let area!: HTMLTextAreaElement
  const text = itemText(props.doc, props.canvasId, props.itemId)
  const onRemote = (event: Y.YTextEvent) => {
    if (!text) return
    const value = text.toString()
    if (area.value === value) return
    const focused = document.activeElement === area
    const start = mapIndex(area.selectionStart, event.delta)
    const end = mapIndex(area.selectionEnd, event.delta)
    area.value = value
    if (focused) area.setSelectionRange(start, end)
  }
  onMount(() => {
    area.value = text?.toString() ?? ''
    area.focus()
    area.setSelectionRange(area.value.length, area.value.length)
    text?.observe(onRemote)
  })
  onCleanup(() => text?.unobserve(onRemote))
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
      onInput={onInput}
      onKeyDown={onKeyDown}
      onBlur={() => props.onClose('blur')}
      onPointerDown={(event) => event.stopPropagation()}
      spellcheck={true}
    />
  )
}
