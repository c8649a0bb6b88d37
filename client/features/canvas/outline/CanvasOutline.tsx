import {
  batch,
  type Component,
  createComputed,
  createMemo,
  createSignal,
  createUniqueId,
  For,
  onCleanup,
  Show,
} from 'solid-js'
import { createStore, reconcile } from 'solid-js/store'
import type * as Y from 'yjs'
import { boxKind } from '../../../../shared/canvas/kinds/index.ts'
import { type PlacementRequest, placeNewItem } from '../../../../shared/canvas/placement.ts'
import { summariseCounts } from '../../../../shared/export/words.ts'
import type { PartnerGroup } from '../../../../shared/groups.ts'
import {
  type BoxItem,
  type CanvasContent,
  canvasMap,
  deleteItems,
  displayText,
  displayTitle,
  GRID,
  getCanvas,
  moveItemToFrame,
  observeCanvasContent,
  observeCanvases,
  readCanvasContent,
  setItemText,
} from '../../../../shared/schema/index.ts'
import { mayDeleteItem, ownsItem, type Writer } from '../../../../shared/schema/rights.ts'
import type { Localized } from '../../../../shared/template.ts'
import { useI18n } from '../../../app/i18n.tsx'
import { addPlacedBox } from '../editor/addPlaced.ts'
import { OutlineSection } from './OutlineSection.tsx'
import { countKinds, isSection, type OutlineContext, outlineView, shorten } from './outlineModel.ts'
import './outline.css'

/**
 * The canvas as a structured, editable list for keyboard and screen-reader users: one region
 * per frame (each box whose kind `holdsItems`: its notes, text and shapes, grouped by
 * cluster), then the items in no frame. Its sections and entries are `OutlineSection.tsx`,
 * their actions `ItemActions.tsx`, the form that adds a note `AddNote.tsx`, and how items are
 * grouped, ordered and counted `outlineModel.ts`.
 * Live: it re-reads the canvas on every change and reconciles by item id, so the row you are
 * typing in is never re-created under your cursor. Texts read in the viewer's language
 * (`displayText`: a template's frame titles and seed notes, while unedited).
 */

export interface OutlineIdentity {
  participantId: string
  group: PartnerGroup
}

export interface CanvasOutlineProps {
  doc: Y.Doc
  canvasId: string
  /** Passed to every mutator (per-user undo tracks it). */
  origin: unknown
  /** No editing controls; the list, links and "show on canvas" stay. */
  readOnly: boolean
  identity: OutlineIdentity
  /**
   * Who edits, as the server's write policy sees them: they change and delete their own items
   * only (shared/schema/rights.ts). Default: the identity, as a participant.
   */
  writer?: Writer
  /** What the running phase lets this person do on the shared canvas (default: everything). */
  rules?: { write: boolean; move: boolean }
  /** Said when the phase does not let this person write on the canvas. */
  noWrite?: string
  /** "Show on canvas": the board selects the item and brings it into view. */
  onFocusItem: (itemId: string) => void
}

/**
 * The part of the canvas a list "looks at" to place a note in no frame: a note's size just
 * below everything on it, from its left edge (a list has no camera).
 */
const belowEverything = (boxes: readonly BoxItem[]): PlacementRequest['view'] => {
  const size = boxKind('note').defaultSize
  if (boxes.length === 0) return { x: 0, y: 0, ...size }
  const left = Math.min(...boxes.map((box) => box.x))
  const bottom = Math.max(...boxes.map((box) => box.y + box.h))
  return { x: left, y: bottom + GRID, ...size }
}

export const CanvasOutline: Component<CanvasOutlineProps> = (props) => {
  const { t, locale, words } = useI18n()
  const [state, setState] = createStore<{
    found: boolean
    title: { title: string; seedText: Localized | undefined }
    content: CanvasContent
  }>({
    found: false,
    title: { title: '', seedText: undefined },
    content: { items: [], clusters: [], skipped: [] },
  })
  const [announcement, setAnnouncement] = createSignal('')
  const [error, setError] = createSignal('')
  let root: HTMLElement | undefined

  // Follow the document: the canvas list (created, deleted, renamed) and everything inside it.
  // A computation (not an effect) so that the first render already shows the content.
  createComputed(() => {
    const doc = props.doc
    const canvasId = props.canvasId
    let stopContent: (() => void) | null = null
    const read = () => {
      const info = getCanvas(doc, canvasId)
      batch(() => {
        setState('found', info !== null)
        setState('title', { title: info?.title ?? '', seedText: info?.seedText })
        setState(
          'content',
          reconcile(
            info ? readCanvasContent(doc, canvasId) : { items: [], clusters: [], skipped: [] },
            { key: 'id' },
          ),
        )
      })
    }
    const subscribe = () => {
      stopContent?.()
      stopContent = canvasMap(doc, canvasId) ? observeCanvasContent(doc, canvasId, read) : null
      read()
    }
    subscribe()
    const stopCanvases = observeCanvases(doc, subscribe)
    onCleanup(() => {
      stopCanvases()
      stopContent?.()
    })
  })

  const view = createMemo(() => outlineView(state.content.items))
  const title = () => displayTitle(state.title, locale())

  const fail = (cause: unknown) =>
    setError(t('outline.error', { error: cause instanceof Error ? cause.message : String(cause) }))

  /** Runs a change; a failure (canvas gone, invalid input) is shown instead of thrown. */
  const attempt = (change: () => void): boolean => {
    try {
      change()
      setError('')
      return true
    } catch (cause) {
      fail(cause)
      return false
    }
  }

  const text = (item: BoxItem) => displayText(item, locale())
  const name = (item: BoxItem) => shorten(text(item)) || t(boxKind(item.kind).messages.untitled)

  const placeName = (frame: BoxItem | null) => (frame ? name(frame) : t('outline.noFrame'))

  /** Focus an entry after the list moved it (it was re-created in another section). */
  const focusEntry = (id: string) => {
    const entry = [...(root?.querySelectorAll<HTMLElement>('[data-item-id]') ?? [])].find(
      (element) => element.dataset.itemId === id,
    )
    entry?.focus()
  }

  const writer = (): Writer =>
    props.writer ?? { role: 'participant', participantId: props.identity.participantId }
  const writes = () => !props.readOnly && (props.rules?.write ?? true)
  const moves = () => !props.readOnly && (props.rules?.move ?? true)
  const owns = (item: BoxItem) => ownsItem(writer(), item.createdBy)
  const mayEdit = (item: BoxItem) => writes() && owns(item)
  const mayDelete = (item: BoxItem) =>
    writes() &&
    mayDeleteItem(writer(), item) &&
    // A deleted frame lets go of its items: that moves them.
    (!isSection(item) || moves() || !view().boxes.some((box) => box.frame === item.id))

  const context: OutlineContext = {
    mayEdit,
    mayDelete,
    mayMove: moves,
    mayAdd: writes,
    frames: () => view().frames,
    clusters: () => state.content.clusters,
    connectorsOf: (id) => view().links.get(id) ?? [],
    box: (id) => view().byId.get(id),
    text,
    name,
    focusItem: (id) => props.onFocusItem(id),
    editText: (id, value) => {
      const item = view().byId.get(id)
      if (!item || !mayEdit(item)) return
      attempt(() => setItemText(props.doc, props.canvasId, id, value, props.origin))
    },
    move: (item, frameId) => {
      if (!moves() || item.frame === frameId) return
      const label = name(item)
      const target = frameId === null ? null : view().byId.get(frameId)
      // The frame grows to hold it only if its size is this person's to change.
      const grow = target ? mayEdit(target) : false
      const ok = attempt(() =>
        moveItemToFrame(props.doc, props.canvasId, item.id, frameId, props.origin, { grow }),
      )
      if (!ok) return
      const frame = frameId === null ? null : (view().byId.get(frameId) ?? null)
      setAnnouncement(t('outline.announce.moved', { item: label, place: placeName(frame) }))
      focusEntry(item.id)
    },
    remove: (item, afterwards) => {
      if (!mayDelete(item)) return
      const label = name(item)
      const ok = attempt(() => deleteItems(props.doc, props.canvasId, [item.id], props.origin))
      if (!ok) return
      setAnnouncement(t('outline.announce.deleted', { item: label }))
      ;(afterwards?.isConnected ? afterwards : root?.querySelector<HTMLElement>('h2'))?.focus()
    },
    add: (frame, note) => {
      if (!writes()) return false
      const author = writer().participantId
      // Where the board would put it: the next free spot in the frame (grown if it is full),
      // never on another note; for "Not in a frame", the free spot just below everything,
      // where it lands in no frame.
      const request: PlacementRequest = {
        items: view().boxes,
        view: belowEverything(view().boxes),
        kind: 'note',
        ...(frame ? { frameId: frame.id } : {}),
      }
      const place = placeNewItem(request)
      const landed = place.frameId === null ? null : (view().byId.get(place.frameId) ?? null)
      const box = {
        kind: 'note' as const,
        text: note,
        // Credited to whoever writes it, as the server checks.
        group: author === null ? null : props.identity.group,
        createdBy: author ?? '',
      }
      const ok = attempt(() =>
        addPlacedBox(props.doc, props.canvasId, { place, box }, props.origin),
      )
      if (ok) setAnnouncement(t('outline.announce.added', { place: placeName(landed) }))
      return ok
    },
  }

  const headingId = createUniqueId()
  const summary = () =>
    summariseCounts(words(), {
      frame: view().frames.length,
      cluster: state.content.clusters.length,
      ...countKinds(view().boxes),
      connector: view().connectors.length,
    })

  return (
    <section
      class="outline"
      aria-labelledby={headingId}
      ref={(element) => {
        root = element
      }}
    >
      <h2 id={headingId} class="outline__title" tabindex="-1">
        {title() ? t('outline.titleOf', { title: title() }) : t('outline.title')}
      </h2>
      <p class="visually-hidden" role="status" aria-live="polite">
        {announcement()}
      </p>
      <Show when={error()}>
        <p class="outline__error" role="alert">
          {error()}
        </p>
      </Show>
      <Show when={state.found} fallback={<p class="muted">{t('outline.missing')}</p>}>
        <p class="muted">
          {t('outline.intro')}{' '}
          <span class="outline__summary">{summary() || t('outline.empty')}</span>
        </p>
        <Show when={props.readOnly}>
          <p class="outline__readonly">{t('outline.readOnly')}</p>
        </Show>
        <Show when={!props.readOnly && props.rules?.write === false}>
          <p class="outline__readonly">{props.noWrite ?? t('voting.phase.noWrite')}</p>
        </Show>
        <For each={view().frames}>
          {(frame) => (
            <OutlineSection
              frame={frame}
              items={view().byFrame.get(frame.id) ?? []}
              context={context}
            />
          )}
        </For>
        <OutlineSection frame={null} items={view().byFrame.get(null) ?? []} context={context} />
      </Show>
    </section>
  )
}
