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
import { boxKind, isConnector } from '../../../../shared/canvas/kinds/index.ts'
import { type CanvasCounts, summariseCounts } from '../../../../shared/export/messages.ts'
import type { PartnerGroup } from '../../../../shared/groups.ts'
import {
  type BoxItem,
  type CanvasContent,
  type Cluster,
  type ConnectorItem,
  canvasMap,
  deleteItems,
  getCanvas,
  moveItemToFrame,
  observeCanvasContent,
  observeCanvases,
  readCanvasContent,
  setItemText,
} from '../../../../shared/schema/index.ts'
import { addNoteInFrame } from '../../../../shared/schema/outlineExtras.ts'
import { mayDeleteItem, ownsItem, type Writer } from '../../../../shared/schema/rights.ts'
import { useI18n } from '../../../app/i18n.tsx'
import { GroupBadge } from '../../../ui/GroupBadge.tsx'
import { LiveText } from '../../../ui/LiveText.tsx'
import { clientKind } from '../kinds/index.ts'
import './outline.css'
import { FieldError } from '../../../ui/FieldError.tsx'

/**
 * The canvas as a structured, editable list for keyboard and screen-reader users: one region
 * per frame (each box whose kind `holdsItems`: its notes, text and shapes, grouped by
 * cluster), then the items in no frame.
 * Live: it re-reads the canvas on every change and reconciles by item id, so the row you are
 * typing in is never re-created under your cursor.
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

const TEXT_MAX = 10_000
const SHORT = 60

const readingOrder = (a: BoxItem, b: BoxItem) => a.y - b.y || a.x - b.x || a.id.localeCompare(b.id)

const shorten = (text: string, max = SHORT) => {
  const flat = text.replace(/\s+/g, ' ').trim()
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat
}

/** A frame (or another kind that holds items): a section of the outline, not an entry. */
const isSection = (item: BoxItem) => boxKind(item.kind).holdsItems

/** How many entries of each kind (sections are counted apart). */
const countKinds = (items: readonly BoxItem[]): CanvasCounts => {
  const counts: Record<string, number> = {}
  for (const item of items) {
    if (!isSection(item)) counts[item.kind] = (counts[item.kind] ?? 0) + 1
  }
  return counts
}

/** What every section and entry needs from the outline. */
interface OutlineContext {
  /** May this person change the item's text (their own, when the phase allows writing)? */
  mayEdit: (item: BoxItem) => boolean
  /** May they delete it (their own, when the phase allows writing)? */
  mayDelete: (item: BoxItem) => boolean
  /** May they move it to another frame (anyone's, when the phase allows moving)? */
  mayMove: () => boolean
  /** May they add a note (when the phase allows writing)? */
  mayAdd: () => boolean
  frames: () => BoxItem[]
  clusters: () => Cluster[]
  connectorsOf: (id: string) => ConnectorItem[]
  box: (id: string) => BoxItem | undefined
  name: (item: BoxItem) => string
  focusItem: (id: string) => void
  editText: (id: string, value: string) => void
  move: (item: BoxItem, frameId: string | null) => void
  remove: (item: BoxItem, afterwards: HTMLElement | null) => void
  add: (frame: BoxItem | null, text: string) => boolean
}

export const CanvasOutline: Component<CanvasOutlineProps> = (props) => {
  const { t, locale } = useI18n()
  const [state, setState] = createStore<{ found: boolean; title: string; content: CanvasContent }>({
    found: false,
    title: '',
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
        setState('title', info?.title ?? '')
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

  const view = createMemo(() => {
    const boxes: BoxItem[] = []
    const connectors: ConnectorItem[] = []
    for (const item of state.content.items) {
      if (isConnector(item)) connectors.push(item)
      else boxes.push(item)
    }
    const frames = boxes.filter(isSection).sort(readingOrder)
    const frameIds = new Set(frames.map((frame) => frame.id))
    const byFrame = new Map<string | null, BoxItem[]>()
    for (const box of boxes) {
      if (isSection(box)) continue
      const key = box.frame !== null && frameIds.has(box.frame) ? box.frame : null
      const list = byFrame.get(key) ?? []
      list.push(box)
      byFrame.set(key, list)
    }
    for (const list of byFrame.values()) list.sort(readingOrder)
    const links = new Map<string, ConnectorItem[]>()
    for (const connector of connectors) {
      for (const end of new Set([connector.from, connector.to])) {
        const list = links.get(end) ?? []
        list.push(connector)
        links.set(end, list)
      }
    }
    return {
      boxes,
      connectors,
      frames,
      byFrame,
      links,
      byId: new Map(boxes.map((box) => [box.id, box])),
    }
  })

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

  const name = (item: BoxItem) => shorten(item.text) || t(boxKind(item.kind).messages.untitled)

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
    add: (frame, text) => {
      if (!writes()) return false
      const author = writer().participantId
      const ok = attempt(() =>
        addNoteInFrame(
          props.doc,
          props.canvasId,
          {
            frameId: frame?.id ?? null,
            text,
            // Credited to whoever writes it, as the server checks.
            group: author === null ? null : props.identity.group,
            createdBy: author ?? '',
            growFrame: frame ? mayEdit(frame) : false,
          },
          props.origin,
        ),
      )
      if (ok) setAnnouncement(t('outline.announce.added', { place: placeName(frame) }))
      return ok
    },
  }

  const headingId = createUniqueId()
  const summary = () =>
    summariseCounts(locale(), {
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
        {state.title ? t('outline.titleOf', { title: state.title }) : t('outline.title')}
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

/** One frame (or "Not in a frame"): its clusters, its other items, and a form to add a note. */
const OutlineSection: Component<{
  frame: BoxItem | null
  items: BoxItem[]
  context: OutlineContext
}> = (props) => {
  const { t, locale } = useI18n()
  const headingId = createUniqueId()
  const title = () => (props.frame ? props.context.name(props.frame) : t('outline.noFrame'))
  const known = createMemo(() => new Set(props.context.clusters().map((cluster) => cluster.id)))
  const clustersHere = createMemo(() =>
    props.context.clusters().filter((cluster) => props.items.some((i) => i.cluster === cluster.id)),
  )
  const loose = createMemo(() =>
    props.items.filter((item) => item.cluster === null || !known().has(item.cluster)),
  )
  const count = () =>
    summariseCounts(locale(), countKinds(props.items)) || t('outline.sectionEmpty')

  return (
    <section class="outline__section" aria-labelledby={headingId}>
      <h3 id={headingId} class="outline__heading" tabindex="-1">
        {title()} <span class="outline__count">({count()})</span>
      </h3>
      <Show when={props.frame}>
        {(frame) => (
          <div class="outline__frame-tools">
            <Show when={props.context.mayEdit(frame())}>
              <LiveText
                wrapperClass="outline__field"
                label={t(clientKind(frame().kind).outline.editLabel)}
                value={frame().text}
                multiline={false}
                maxLength={TEXT_MAX}
                onInput={(value) => props.context.editText(frame().id, value)}
              />
            </Show>
            <Connections item={frame()} context={props.context} />
            <ItemActions item={frame()} context={props.context} />
          </div>
        )}
      </Show>
      <For each={clustersHere()}>
        {(cluster) => {
          const clusterHeading = createUniqueId()
          const members = createMemo(() => props.items.filter((i) => i.cluster === cluster.id))
          return (
            <div class="outline__cluster">
              <h4 id={clusterHeading} class="outline__cluster-title">
                {t('outline.cluster', {
                  name: cluster.name.trim() || t('outline.cluster.untitled'),
                })}{' '}
                <span class="outline__count">
                  ({summariseCounts(locale(), countKinds(members()))})
                </span>
              </h4>
              <ul class="outline__list" aria-labelledby={clusterHeading}>
                <For each={members()}>
                  {(item) => <OutlineEntry item={item} context={props.context} />}
                </For>
              </ul>
            </div>
          )
        }}
      </For>
      <Show
        when={loose().length > 0}
        fallback={
          <Show when={props.items.length === 0}>
            <p class="muted">{t('outline.sectionEmpty')}</p>
          </Show>
        }
      >
        <ul class="outline__list">
          <For each={loose()}>{(item) => <OutlineEntry item={item} context={props.context} />}</For>
        </ul>
      </Show>
      <Show when={props.context.mayAdd()}>
        <AddNote frame={props.frame} place={title()} context={props.context} />
      </Show>
    </section>
  )
}

/** One note, text or shape: its text, kind, author group (as text), links, and actions. */
const OutlineEntry: Component<{ item: BoxItem; context: OutlineContext }> = (props) => {
  const { t } = useI18n()
  const textId = createUniqueId()
  const editLabel = () => t(clientKind(props.item.kind).outline.editLabel)
  return (
    <li class="outline__item" data-item-id={props.item.id} tabindex="-1" aria-labelledby={textId}>
      <Show
        when={props.context.mayEdit(props.item)}
        fallback={
          <p id={textId} class="outline__text">
            {props.item.text.trim() ? props.item.text : t('outline.untitledItem')}
          </p>
        }
      >
        <span id={textId} class="visually-hidden">
          {props.context.name(props.item)}
        </span>
        <LiveText
          wrapperClass="outline__field"
          label={editLabel()}
          value={props.item.text}
          rows={3}
          maxLength={TEXT_MAX}
          onInput={(value) => props.context.editText(props.item.id, value)}
        />
      </Show>
      <p class="outline__meta">
        <span class="outline__kind">{t(boxKind(props.item.kind).messages.name(props.item))}</span>
        <span aria-hidden="true"> · </span>
        <Show
          when={props.item.group}
          fallback={
            <span class="outline__group">
              {t('outline.author', { group: t('outline.group.unknown') })}
            </span>
          }
        >
          {(group) => (
            <GroupBadge
              group={group()}
              label={t('outline.author', { group: t(`group.${group()}`) })}
            />
          )}
        </Show>
        {/* Someone else's, while this person may write: readable (and movable), not theirs to change. */}
        <Show when={props.context.mayAdd() && !props.context.mayEdit(props.item)}>
          <span aria-hidden="true"> · </span>
          <span class="outline__not-yours">{t('rights.item.readOnly')}</span>
        </Show>
      </p>
      <Connections item={props.item} context={props.context} />
      <ItemActions item={props.item} context={props.context} />
    </li>
  )
}

/** "→ linked to: …" / "← linked from: …" for every connector at this item. */
const Connections: Component<{ item: BoxItem; context: OutlineContext }> = (props) => {
  const { t } = useI18n()
  const links = createMemo(() => props.context.connectorsOf(props.item.id))
  return (
    <Show when={links().length > 0}>
      <ul class="outline__links" aria-label={t('outline.connections')}>
        <For each={links()}>
          {(link) => {
            const outgoing = () => link.from === props.item.id
            const other = () => props.context.box(outgoing() ? link.to : link.from)
            const text = () => {
              const found = other()
              return found ? props.context.name(found) : t('outline.untitledItem')
            }
            return (
              <li>
                {outgoing()
                  ? t('outline.linkedTo', { text: text() })
                  : t('outline.linkedFrom', { text: text() })}
                <Show when={link.text.trim()}>
                  {' '}
                  {t('outline.linkLabel', { label: shorten(link.text) })}
                </Show>
              </li>
            )
          }}
        </For>
      </ul>
    </Show>
  )
}

/** Show on canvas; and unless read-only: move to another frame, delete (with confirmation). */
const ItemActions: Component<{ item: BoxItem; context: OutlineContext }> = (props) => {
  const { t } = useI18n()
  const selectId = createUniqueId()
  const questionId = createUniqueId()
  const [confirming, setConfirming] = createSignal(false)
  let deleteButton: HTMLButtonElement | undefined
  let select: HTMLSelectElement | undefined
  const label = () => props.context.name(props.item)

  const startDelete = () => {
    setConfirming(true)
    // The confirmation replaced nothing: move focus into it so a keyboard user lands there.
    queueMicrotask(() =>
      deleteButton?.parentElement?.querySelector<HTMLButtonElement>('[data-confirm]')?.focus(),
    )
  }
  const cancel = () => {
    setConfirming(false)
    deleteButton?.focus()
  }
  const confirm = (event: MouseEvent & { currentTarget: HTMLButtonElement }) => {
    const section = event.currentTarget.closest('section')
    const heading = section?.querySelector<HTMLElement>('h3') ?? null
    setConfirming(false)
    props.context.remove(props.item, isSection(props.item) ? null : heading)
  }

  return (
    <div class="outline__actions">
      <Show when={props.context.mayMove() && !isSection(props.item)}>
        <div class="outline__move">
          <label for={selectId}>{t('outline.move.label')}</label>
          <select
            id={selectId}
            ref={(element) => {
              select = element
            }}
            value={props.item.frame ?? ''}
          >
            <option value="">{t('outline.move.none')}</option>
            <For each={props.context.frames()}>
              {(frame) => <option value={frame.id}>{props.context.name(frame)}</option>}
            </For>
          </select>
          <button
            type="button"
            class="button button--secondary"
            aria-label={t('outline.move.submitLabel', { item: label() })}
            onClick={() => props.context.move(props.item, select?.value ? select.value : null)}
          >
            {t('outline.move.submit')}
          </button>
        </div>
      </Show>
      <button
        type="button"
        class="button button--secondary"
        aria-label={t('outline.showLabel', { item: label() })}
        onClick={() => props.context.focusItem(props.item.id)}
      >
        {t('outline.show')}
      </button>
      <Show when={props.context.mayDelete(props.item)}>
        <button
          type="button"
          class="button button--secondary"
          ref={(element) => {
            deleteButton = element
          }}
          aria-label={t('outline.deleteLabel', { item: label() })}
          aria-expanded={confirming()}
          onClick={startDelete}
        >
          {t('outline.delete')}
        </button>
        <Show when={confirming()}>
          <div class="outline__confirm">
            <p id={questionId}>{t('outline.delete.question', { item: label() })}</p>
            <button
              type="button"
              class="button button--primary"
              data-confirm
              aria-describedby={questionId}
              onClick={confirm}
            >
              {t('outline.delete.confirm')}
            </button>
            <button type="button" class="button button--secondary" onClick={cancel}>
              {t('outline.delete.cancel')}
            </button>
          </div>
        </Show>
      </Show>
    </div>
  )
}

/** A labelled textarea and a button that add a note in this frame (or outside frames). */
const AddNote: Component<{ frame: BoxItem | null; place: string; context: OutlineContext }> = (
  props,
) => {
  const { t } = useI18n()
  const id = createUniqueId()
  const [text, setText] = createSignal('')
  const [invalid, setInvalid] = createSignal(false)
  const submit = (event?: Event) => {
    event?.preventDefault()
    const value = text().trim()
    if (!value) {
      setInvalid(true)
      return
    }
    if (props.context.add(props.frame, value)) {
      setText('')
      setInvalid(false)
    }
  }
  return (
    <form class="outline__add" onSubmit={submit}>
      <div class="field">
        <label for={id}>{t('outline.add.label', { place: props.place })}</label>
        <textarea
          id={id}
          rows={2}
          maxLength={TEXT_MAX}
          value={text()}
          aria-invalid={invalid() ? 'true' : undefined}
          aria-describedby={`${id}-hint${invalid() ? ` ${id}-error` : ''}`}
          onInput={(event) => {
            setText(event.currentTarget.value)
            if (invalid() && event.currentTarget.value.trim()) setInvalid(false)
          }}
          onKeyDown={(event) => {
            if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) submit(event)
          }}
        />
        <p id={`${id}-hint`} class="field__hint">
          {t('outline.add.hint')}
        </p>
        <FieldError id={`${id}-error`} when={invalid()}>
          {t('outline.add.empty')}
        </FieldError>
      </div>
      <button
        type="submit"
        class="button button--primary"
        aria-label={t('outline.add.submitLabel', { place: props.place })}
      >
        {t('outline.add.submit')}
      </button>
    </form>
  )
}
