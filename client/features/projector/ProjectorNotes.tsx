import {
  type Accessor,
  type Component,
  createEffect,
  createSignal,
  For,
  onCleanup,
  onMount,
  Show,
} from 'solid-js'
import { itemColour } from '../../../shared/canvas/kinds/index.ts'
import { type BoxItem, displayText } from '../../../shared/schema/index.ts'
import { useI18n } from '../../app/i18n.tsx'
import { READABLE } from './stageFocus.ts'

export interface ProjectorNotesProps {
  /** What the frame on the stage holds, in reading order (`frameContent`). */
  notes: Accessor<readonly BoxItem[]>
  /** The facilitator's size for the stage (1: fitted). */
  zoom: Accessor<number>
}

/** Note text is never drawn smaller than READABLE, nor larger than this many times that. */
const LARGEST = 2
/** Halvings of the interval between the two: under a pixel apart. */
const STEPS = 6

/**
 * The frame on the stage, its notes reflowed in columns: the largest type at which all of them
 * fit, never under the readable size. When even then they do not all fit, the stage shows
 * those that do, in reading order, and says how many more there are: a static screen (nothing
 * scrolls or turns pages by itself, which the back of the room could not follow), that the
 * facilitator makes hold more by making the stage smaller, or narrows with the spotlight.
 */
export const ProjectorNotes: Component<ProjectorNotesProps> = (props) => {
  const { t, plural, locale } = useI18n()
  const [untold, setUntold] = createSignal(0)
  const written = () =>
    props
      .notes()
      .map((box) => ({ box, text: displayText(box, locale()).trim() }))
      .filter((note) => note.text !== '')
  let list!: HTMLUListElement
  let frame = 0

  const fit = () => {
    frame = 0
    const cards = [...list.children].filter((card) => card instanceof HTMLElement)
    for (const card of cards) card.hidden = false
    const area = list.getBoundingClientRect()
    const outside = (card: HTMLElement) => {
      const rect = card.getBoundingClientRect()
      return rect.right > area.right + 1 || rect.bottom > area.bottom + 1
    }
    const fits = (size: number) => {
      list.style.fontSize = `${size}px`
      return !cards.some(outside)
    }
    const smallest = window.innerHeight * READABLE * props.zoom()
    let low = smallest
    let high = smallest * LARGEST
    if (!fits(high)) {
      for (let step = 0; step < STEPS; step++) {
        const middle = (low + high) / 2
        if (fits(middle)) low = middle
        else high = middle
      }
      fits(low)
    }
    const hidden = cards.filter(outside)
    for (const card of hidden) card.hidden = true
    setUntold(hidden.length)
  }
  const schedule = () => {
    if (frame === 0) frame = requestAnimationFrame(fit)
  }
  createEffect(() => {
    written()
    props.zoom()
    schedule()
  })
  onMount(() => {
    const resized = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(schedule)
    resized?.observe(list)
    onCleanup(() => {
      cancelAnimationFrame(frame)
      resized?.disconnect()
    })
  })

  return (
    <div class="projector-notes">
      <ul ref={list} class="projector-notes__list">
        <For each={written()}>
          {(note) => (
            <li
              class="projector-notes__note"
              data-kind={note.box.kind}
              data-group={note.box.group ?? undefined}
              style={{ '--item-colour': itemColour(note.box) }}
            >
              {note.text}
            </li>
          )}
        </For>
      </ul>
      <p class="projector-notes__more">
        <Show when={written().length > 0} fallback={t('projector.notes.empty')}>
          {untold() > 0 ? plural('projector.notes.more', untold()) : ''}
        </Show>
      </p>
    </div>
  )
}
