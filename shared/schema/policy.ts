import * as Y from 'yjs'
import { boxKind, isBoxKind } from '../canvas/kinds/index.ts'
import { listCanvases } from './canvases.ts'
import { clusterProblem, GRID, ITEM_TEXT_MAX, itemProblem } from './canvasItems.ts'
import { canvasRights, type LayerRights } from './canvasRights.ts'
import { charterItemProblem } from './charters.ts'
import { type FlowStatus, readFlow, runningAllow } from './flow.ts'
import { getParticipant, recordProblem } from './participants.ts'
import { PRIVATE_ROOT } from './private.ts'
import {
  artefactRights,
  endedFor,
  managesWorkshop,
  mayWriteParticipant,
  type PhasePermissions,
  type Refusal,
  refusal,
  type Writer,
} from './rights.ts'
import { canvasesMap, chartersMap, flowMap, participantsMap, ROOT } from './roots.ts'
import { SEED_TEXT } from './seedText.ts'
import { ballotProblem, keptOrItems, PRIVATE_VOTES_ROOT, readResult, voteItems } from './votes.ts'

/**
 * What a role may change in the workshop document, checked by the server on every update
 * from a participant. A refused change is reverted in the same batch (so nobody sees it)
 * rather than dropped: dropping would leave a gap in that client's clock and stall every
 * later update it sends.
 */

// biome-ignore lint/suspicious/noExplicitAny: Yjs itself types its shared types with YEvent<any>
type SharedType = Y.AbstractType<Y.YEvent<any>>

export interface PolicyState {
  lockedCanvases: ReadonlySet<string>
  /** What the running phase allows on the shared canvases; null when no phase restricts. */
  allow: PhasePermissions | null
  status: FlowStatus
}

/** Taken before an update is applied: the rules look at the document as it was. */
export const capturePolicyState = (doc: Y.Doc): PolicyState => {
  const flow = readFlow(doc)
  const locked = listCanvases(doc).filter((canvas) => canvas.locked)
  return {
    lockedCanvases: new Set(locked.map((canvas) => canvas.id)),
    allow: runningAllow(flow),
    status: flow.status,
  }
}

/** Fields of a canvas item that say who made it: set at creation, never changed by a client. */
const AUTHORSHIP_FIELDS = new Set(['id', 'kind', 'createdBy', 'createdAt', 'group'])
/** Fields of a canvas item that place it: anyone may change them when the phase allows moving. */
const PLACEMENT_FIELDS = new Set(['x', 'y', 'z', 'frame', 'cluster'])

/**
 * What `writer` may do on the canvas `canvasId` (shared/schema/canvasRights.ts, the answer the
 * board follows), judged from the state before the update.
 */
const rightsOn = (writer: Writer, before: PolicyState, canvasId: string) =>
  canvasRights(writer, {
    allow: before.allow,
    locked: before.lockedCanvases.has(canvasId),
    privateReady: true,
  })

/**
 * What the role, the lock or the running phase refuses of a change at `path` ([root, canvasId,
 * …]) on a layer of a canvas: moving (placement fields), or writing (anything else), if either.
 */
const layerRefuses = (layer: LayerRights, path: readonly string[]): Refusal | null => {
  const placement = path[2] === 'items' && PLACEMENT_FIELDS.has(path[4] ?? '')
  const code = placement ? layer.refusal.move : layer.refusal.write
  return code === null ? null : refusal(code, path[1])
}

/** [root name, key, key, …] from the root down to `type` (`#` for a position in a list). */
const pathOf = (type: SharedType): string[] => {
  const path: string[] = []
  let current = type
  while (current._item !== null) {
    path.unshift(current._item.parentSub ?? '#')
    current = current._item.parent as SharedType
  }
  path.unshift(Y.findRootTypeKey(current))
  return path
}

/** A map entry's latest item, live or deleted (a deleted Y.Map keeps its entries' content until collected). */
const entryItem = (map: { _map: Map<string, Y.Item> }, key: string): Y.Item | undefined =>
  map._map.get(key)

/** The value of `key` in `map`, even when `map` was deleted in this transaction. */
const rawField = (map: { _map: Map<string, Y.Item> }, key: string): unknown =>
  entryItem(map, key)?.content.getContent()[0]

/** Whether `transaction` wrote `item` (rather than found it in the document). */
const writtenBy = (transaction: Y.Transaction, item: Y.Item): boolean =>
  item.id.clock >= (transaction.beforeState.get(item.id.client) ?? 0)

/**
 * What a transaction did to a map entry: the item it added, and the item it removed. The
 * entry's items form a chain, latest last: the transaction's own items are at its end (it may
 * set a key several times, and delete what it set), and the first item before them is what
 * the entry held before.
 */
const entryChange = (
  transaction: Y.Transaction,
  map: SharedType,
  key: string,
): { added: Y.Item | null; removed: Y.Item | null } => {
  const latest = entryItem(map, key) ?? null
  const isNew = (item: Y.Item) => writtenBy(transaction, item)
  const added = latest && !latest.deleted && isNew(latest) ? latest : null
  let previous = latest
  while (previous && isNew(previous)) previous = previous.left
  const removed = previous && Y.isDeleted(transaction.deleteSet, previous.id) ? previous : null
  return { added, removed }
}

const mapOf = (item: Y.Item | null): Y.Map<unknown> | null =>
  item?.content instanceof Y.ContentType && item.content.type instanceof Y.Map
    ? item.content.type
    : null

/**
 * Why `writer` may not add or remove the canvas item held by `items[key]` (a canvas's items,
 * shared or private), or null. A new item is a valid item credited to whoever writes it, in
 * their partner group, of a kind the layer takes (a private document, what is written
 * privately); only its author removes an item (a connector goes with either end): a
 * frame's items let go of it by their own `frame` changing, judged as the moves they are.
 * The facilitator too credits new items to themself: authorship is the server's alone.
 */
const itemEntryRefuses = (
  transaction: Y.Transaction,
  items: SharedType,
  key: string,
  writer: Writer,
  layer: LayerRights,
  groupOf: (participantId: string) => string | null,
): Refusal | null => {
  const { added, removed } = entryChange(transaction, items, key)
  const oldItem = mapOf(removed)
  if (
    oldItem &&
    !layer.remove({ kind: rawField(oldItem, 'kind'), createdBy: rawField(oldItem, 'createdBy') })
  ) {
    return refusal('item.notYours', key)
  }
  const newItem = mapOf(added)
  if (added && !newItem) return refusal('item.invalid', key)
  if (!newItem) return null
  if (newItem.has(SEED_TEXT)) return refusal('invalid', SEED_TEXT)
  if (newItem.get('createdBy') !== (writer.participantId ?? '')) {
    return refusal('item.author', 'a new item credited to someone else')
  }
  const group = newItem.get('group') ?? null
  if (
    group !== null &&
    (writer.participantId === null || group !== groupOf(writer.participantId))
  ) {
    return refusal('item.author', "a new item in another group than its author's")
  }
  const problem = itemProblem(key, newItem)
  if (problem !== null) return refusal('item.invalid', problem)
  if (textTooLong(transaction, newItem)) return refusal('text.tooLong', key)
  const kind = newItem.get('kind')
  return layer.takes(kind) ? null : refusal('kind.private', String(kind))
}

/** A finite number `map` holds at `key`, or null. */
const numberAt = (map: Y.Map<unknown>, key: string): number | null => {
  const value = map.get(key)
  return typeof value === 'number' && Number.isFinite(value) ? value : null
}

/** The place and size of the box `map` is, and whether its kind holds items; null if no box. */
const boxArea = (map: Y.Map<unknown>) => {
  const kind = map.get('kind')
  const [x, y, w, h] = ['x', 'y', 'w', 'h'].map((key) => numberAt(map, key))
  if (!isBoxKind(kind) || x == null || y == null || w == null || h == null) return null
  return { x, y, w, h, holdsItems: boxKind(kind).holdsItems }
}

/**
 * Whether `transaction` changed the height of `frame` only to make room for a box its writer
 * adds with it, as the board and the outline grow a full frame (shared/canvas/placement.ts,
 * `addPlacedBox`), whoever may resize the frame: a kind that holds items, whose `h` alone
 * changed, growing; a new box of `writer`'s, inside the frame's new area and not inside its
 * old one; below that box, at most a gap and one grid row more.
 */
const growsToHold = (transaction: Y.Transaction, frame: SharedType, writer: Writer) => {
  const area = frame instanceof Y.Map ? boxArea(frame) : null
  const changed = transaction.changed.get(frame)
  if (!area?.holdsItems || changed?.size !== 1 || !changed.has('h')) return false
  const before = entryChange(transaction, frame, 'h').removed?.content.getContent()[0]
  if (typeof before !== 'number' || area.h <= before) return false
  const items = frame._item?.parent
  if (!(items instanceof Y.AbstractType)) return false
  for (const key of transaction.changed.get(items) ?? []) {
    const box = key === null ? null : mapOf(entryChange(transaction, items, key).added)
    const rect = box && boxArea(box)
    if (!rect || rect.holdsItems || box?.get('createdBy') !== (writer.participantId ?? '')) continue
    const bottom = rect.y + rect.h
    const within = rect.x >= area.x && rect.x + rect.w <= area.x + area.w && rect.y >= area.y
    if (within && bottom > area.y + before && area.y + area.h <= bottom + 2 * GRID) return true
  }
  return false
}

/**
 * Whether `transaction` wrote characters into the text of the canvas item `item` and left it
 * longer than `ITEM_TEXT_MAX`: a text already longer may still be shortened.
 */
const textTooLong = (transaction: Y.Transaction, item: Y.Map<unknown>): boolean => {
  const text = item.get('text')
  return (
    text instanceof Y.Text && text.length > ITEM_TEXT_MAX && listWrites(transaction).into.has(text)
  )
}

/**
 * Why `writer` may not change the field `field` of the existing canvas item `item` (keyed
 * `key`; `type`, the type that changed), or null. Placement is anyone's (when the phase
 * allows moving); content is its author's, but for a frame grown to hold one's new box
 * (`growsToHold`); authorship is nobody's; a text is at most `ITEM_TEXT_MAX` long. When the
 * field itself was set, not edited inside (a text), what is set must leave a valid item, or
 * the item would vanish from every screen.
 */
const itemFieldRefuses = (
  transaction: Y.Transaction,
  type: SharedType,
  item: Y.Map<unknown>,
  key: string,
  field: string,
  writer: Writer,
  layer: LayerRights,
): Refusal | null => {
  const direct = Object.is(item, type)
  if (field === SEED_TEXT) return refusal('invalid', SEED_TEXT)
  if (AUTHORSHIP_FIELDS.has(field)) return refusal('item.author', `its ${field} changed`)
  if (
    !PLACEMENT_FIELDS.has(field) &&
    !layer.edit(item.get('createdBy')) &&
    !(field === 'h' && direct && growsToHold(transaction, type, writer))
  ) {
    return refusal('item.notYours', field)
  }
  if (field === 'text' && textTooLong(transaction, item)) return refusal('text.tooLong', key)
  const problem = direct ? itemProblem(key, item) : null
  return problem === null ? null : refusal('item.invalid', problem)
}

/** The live entry `path[3]` of the part `path[2]` (items, clusters) of canvas `path[1]`. */
const entryAt = (doc: Y.Doc, root: string, path: readonly string[]): unknown => {
  const canvas = doc.getMap<unknown>(root).get(path[1] ?? '')
  const part = canvas instanceof Y.Map ? canvas.get(path[2] ?? '') : null
  return part instanceof Y.Map ? part.get(path[3] ?? '') : undefined
}

/**
 * Why `writer` may not make the change at `path` ([root, canvasId, …, key]) inside the
 * canvases of a document (shared or private), or null. `type` is the type that changed;
 * `layer`, what `writer` may do on that layer of the canvas.
 */
const canvasChangeRefuses = (
  transaction: Y.Transaction,
  type: SharedType,
  path: readonly string[],
  writer: Writer,
  layer: LayerRights,
  groupOf: (participantId: string) => string | null,
): Refusal | null => {
  const refused = layerRefuses(layer, path)
  if (refused) return refused
  if (path.length < 4) return null
  const key = path[3] ?? ''
  if (path[2] === 'clusters') {
    // Anyone the phase lets write names clusters; what is there must stay a cluster.
    const cluster = entryAt(transaction.doc, path[0] ?? '', path)
    const problem = cluster === undefined ? null : clusterProblem(key, cluster)
    return problem === null ? null : refusal('invalid', problem)
  }
  if (path[2] !== 'items') return null
  if (path.length === 4) return itemEntryRefuses(transaction, type, key, writer, layer, groupOf)
  const item = entryAt(transaction.doc, path[0] ?? '', path)
  return item instanceof Y.Map
    ? itemFieldRefuses(transaction, type, item, key, path[4] ?? '', writer, layer)
    : null
}

/** What `Y.Map.set` writes: a value, binary data or a shared type (JSON from older clients). */
const MAP_VALUES = [Y.ContentAny, Y.ContentType, Y.ContentBinary, Y.ContentJSON]

/** What a transaction wrote as list content (not map entries), by the type it went into. */
interface ListWrites {
  /** Every type it wrote list content into. */
  into: ReadonlySet<unknown>
  /** The types it wrote list content into that is not characters (an embed, a value or a shared type, a format). */
  notCharacters: ReadonlySet<unknown>
}

const listWritesOf = new WeakMap<Y.Transaction, ListWrites>()

/**
 * What `transaction` wrote as list content, found among the structs it brought (a keystroke
 * costs one struct, however long the text); what it wrote and deleted again is left out.
 */
const listWrites = (transaction: Y.Transaction): ListWrites => {
  const known = listWritesOf.get(transaction)
  if (known) return known
  const into = new Set<unknown>()
  const notCharacters = new Set<unknown>()
  for (const [client, after] of transaction.afterState) {
    const before = transaction.beforeState.get(client) ?? 0
    const structs = transaction.doc.store.clients.get(client)
    if (after <= before || !structs) continue
    for (let i = Y.findIndexSS(structs, before); i < structs.length; i++) {
      const struct = structs[i]
      if (!(struct instanceof Y.Item) || struct.deleted || struct.parentSub !== null) continue
      into.add(struct.parent)
      if (!(struct.content instanceof Y.ContentString)) notCharacters.add(struct.parent)
    }
  }
  const writes = { into, notCharacters }
  listWritesOf.set(transaction, writes)
  return writes
}

/**
 * Whether `transaction` wrote into the plain text `text` something other than characters: an
 * embed, a format or a keyed entry (an attribute). Every Y.Text of a workshop (a canvas
 * item's, a charter item's, a decision's, a plan question's) is read as its characters, so
 * nothing would show what these hold; documents' rich text is XML, not this.
 */
const notCharacters = (
  transaction: Y.Transaction,
  text: Y.Text,
  keys: ReadonlySet<string | null>,
): boolean => {
  for (const key of keys) if (key !== null) return true
  return listWrites(transaction).notCharacters.has(text)
}

/**
 * Content of a kind the type does not hold: list content in a map (nothing reads it, so it
 * would fill a workshop unseen), an entry that is a piece of text, a format or an embed, a
 * keyed entry in a list, or, in a plain text, anything but characters. Refused from every role.
 */
const misplacedContent = (
  transaction: Y.Transaction,
  type: SharedType,
  keys: ReadonlySet<string | null>,
): boolean => {
  if (type instanceof Y.Text && !(type instanceof Y.XmlText)) {
    return notCharacters(transaction, type, keys)
  }
  if (type instanceof Y.Array) return keys.size > 0
  if (!(type instanceof Y.Map)) return false
  for (const key of keys) {
    if (key === null) return true
    const item = type._map.get(key)
    if (item && !item.deleted && !MAP_VALUES.some((kind) => item.content instanceof kind)) {
      return true
    }
  }
  return false
}

const ARTEFACT_ROOTS: ReadonlySet<string> = new Set([ROOT.documents, ROOT.charters, ROOT.plan])

/**
 * Why `writer` may not change the artefact type at `path` (documents, charters, plan): its
 * content is editable while the phase lets people write (a position on a charter item while
 * it lets them vote, too); the documents and charters themselves (the entries of their roots
 * and their own fields: title, rank, body, items…) are the facilitator's to create, rename,
 * order and delete.
 */
const artefactRefuses = (
  writer: Writer,
  allow: PhasePermissions | null,
  path: readonly string[],
): Refusal | null => {
  const rights = artefactRights(writer, allow)
  const isPosition = path[0] === ROOT.charters && path[2] === 'items' && path[4] === 'positions'
  if (!(isPosition ? rights.position : rights.edit)) return refusal('phase.artefacts')
  if (!rights.manage && path[0] !== ROOT.plan && path.length <= 2) {
    return refusal('artefact.manage', path.join('.'))
  }
  return null
}

/**
 * Why a participant may not make the change to `keys` of the charter type `type` at `path`:
 * where each person stands on an item (`positions[<participantId>]`) is theirs to say, and
 * nobody replaces an item's positions wholesale; an item's template texts are the server's.
 */
const charterRefuses = (
  writer: Writer,
  type: SharedType,
  path: readonly string[],
  keys: ReadonlySet<string | null>,
): Refusal | null => {
  if (path[2] !== 'items') return null
  if (path.length === 3) {
    // A new item's fields come with it: the transaction lists only its key here. Where people
    // stand on it is theirs to say once it is there.
    for (const key of keys) {
      const added = key !== null && type instanceof Y.Map ? type.get(key) : null
      if (!(added instanceof Y.Map)) continue
      if (added.has(SEED_TEXT)) return refusal('invalid', SEED_TEXT)
      const positions = added.get('positions')
      const ids = positions instanceof Y.Map ? [...positions.keys()] : []
      if (ids.some((id) => !mayWriteParticipant(writer, id))) {
        return refusal('participant.other', 'positions of a new item')
      }
    }
    return null
  }
  if (path.length === 4) {
    if (keys.has(SEED_TEXT)) return refusal('invalid', SEED_TEXT)
    return keys.has('positions') ? refusal('participant.other', 'positions') : null
  }
  if (path[4] !== 'positions') return null
  for (const key of path.length === 5 ? keys : [null]) {
    if (key === null || !mayWriteParticipant(writer, key)) {
      return refusal('participant.other', 'position')
    }
  }
  return null
}

/**
 * Why the change to `keys` of the charter type at `path` leaves what is not a charter item
 * (`charterItemProblem`): a new item, an item's field, a position. As on a canvas, what is set
 * must leave a valid item, whoever sets it; what is inside an item's text is its text's.
 */
const charterItemRefuses = (
  doc: Y.Doc,
  path: readonly string[],
  keys: ReadonlySet<string | null>,
): Refusal | null => {
  if (path[2] !== 'items' || path.length > 5 || (path.length === 5 && path[4] !== 'positions')) {
    return null
  }
  const items = chartersMap(doc)
    .get(path[1] ?? '')
    ?.get('items')
  if (!(items instanceof Y.Map)) return null
  for (const id of path.length === 3 ? keys : [path[3] ?? null]) {
    if (id === null) return refusal('invalid', path.join('.'))
    const entry = items.get(id)
    const problem = entry === undefined ? null : charterItemProblem(id, entry)
    if (problem !== null) return refusal('invalid', problem)
  }
  return null
}

/** Why `writer` may not make the changes of `transaction`, or null if it may. */
export const findViolation = (
  transaction: Y.Transaction,
  writer: Writer,
  before: PolicyState,
): Refusal | null => {
  const manager = managesWorkshop(writer)
  const doc = transaction.doc
  const groupOf = (id: string) => getParticipant(doc, id)?.group ?? null
  for (const [type, keys] of transaction.changed) {
    const base = pathOf(type)
    if (misplacedContent(transaction, type, keys)) return refusal('invalid', base.join('.'))
    if (endedFor(writer, before.status) && base[0] !== ROOT.participants) {
      return refusal('workshop.ended', base.join('.'))
    }
    if (!manager) {
      if (base[0] === ROOT.flow) return refusal('flow')
      if (base[0] === ROOT.results) return refusal('results')
      if (base[0] === ROOT.decisions) return refusal('decisions')
      if (ARTEFACT_ROOTS.has(base[0] ?? '')) {
        const refused = artefactRefuses(writer, before.allow, base)
        if (refused) return refused
      }
      if (base[0] === ROOT.charters) {
        const refused = charterRefuses(writer, type, base, keys)
        if (refused) return refused
      }
    }
    if (base[0] === ROOT.charters) {
      const refused = charterItemRefuses(doc, base, keys)
      if (refused) return refused
    }
    if (base[0] === ROOT.participants) {
      for (const key of keys) {
        if (key === null || !mayWriteParticipant(writer, key)) return refusal('participant.other')
        const problem = recordProblem(key, participantsMap(doc).get(key))
        if (problem !== null) return refusal('participant.invalid', problem)
      }
      continue
    }
    if (base[0] !== ROOT.canvases) continue
    for (const key of keys.size > 0 ? keys : new Set([null])) {
      const path = key === null ? base : [...base, key]
      const canvasId = path[1]
      if (canvasId === undefined) continue
      if (!manager && path.length <= 3) return refusal('canvas.manage', path.join('.'))
      const layer = rightsOn(writer, before, canvasId).shared
      const refused = canvasChangeRefuses(transaction, type, path, writer, layer, groupOf)
      if (refused) return refused
    }
  }
  return null
}

/**
 * The rules of one kind of document. `begin` is called before applying a client's update
 * (with the workshop document, whose flow says what is allowed now) and returns the check to
 * run on the resulting transaction: the reason it is refused, or null.
 */
export interface DocumentPolicy {
  begin(
    doc: Y.Doc,
    workshopDoc: Y.Doc,
  ): (transaction: Y.Transaction, writer: Writer) => Refusal | null
}

/**
 * The policy state of each document, kept until the flow, a canvas's `locked` flag or the set
 * of canvases changes: reading the flow parses every phase of the template, too costly to do
 * for each update a participant sends.
 */
const policyStates = new WeakMap<Y.Doc, { state: PolicyState | null }>()
const cachedPolicyState = (doc: Y.Doc): PolicyState => {
  let entry = policyStates.get(doc)
  if (!entry) {
    const created: { state: PolicyState | null } = { state: null }
    flowMap(doc).observeDeep(() => {
      created.state = null
    })
    canvasesMap(doc).observeDeep((events) => {
      for (const event of events) {
        const depth = event.path.length
        if (depth === 0 || (depth === 1 && event.changes.keys.has('locked'))) created.state = null
      }
    })
    policyStates.set(doc, created)
    entry = created
  }
  entry.state ??= capturePolicyState(doc)
  return entry.state
}

export const workshopPolicy: DocumentPolicy = {
  begin: (doc) => {
    const before = cachedPolicyState(doc)
    return (transaction, writer) => findViolation(transaction, writer, before)
  },
}

/**
 * A private document: notes (the kinds written privately, and connectors between them) only
 * while the running phase lets people write, on a canvas that is not locked; a ballot only for the running phase's vote, while it is open, within its rules
 * (budget, cap, reason), and with dots only on the vote's items (or on those the ballot held
 * before this change).
 */
export const privatePolicy: DocumentPolicy = {
  begin: (doc, workshopDoc) => {
    const before = cachedPolicyState(workshopDoc)
    const flow = readFlow(workshopDoc)
    const running = flow.status === 'running' ? flow.phase : null
    const mayHold = running?.vote
      ? keptOrItems(doc, running.id, voteItems(workshopDoc, running))
      : null
    const groupOf = (id: string) => getParticipant(workshopDoc, id)?.group ?? null
    return (transaction, writer) => {
      const manager = managesWorkshop(writer)
      for (const [type, keys] of transaction.changed) {
        const path = pathOf(type)
        if (misplacedContent(transaction, type, keys)) return refusal('invalid', path.join('.'))
        if (endedFor(writer, flow.status)) return refusal('workshop.ended', path.join('.'))
        if (path[0] === PRIVATE_ROOT.canvases) {
          for (const key of keys.size > 0 ? keys : new Set([null])) {
            const at = key === null ? path : [...path, key]
            const layer = rightsOn(writer, before, at[1] ?? '').private
            const refused = canvasChangeRefuses(transaction, type, at, writer, layer, groupOf)
            if (refused) return refused
          }
        }
        if (manager || path[0] !== PRIVATE_VOTES_ROOT) continue
        const phaseId = path[1] ?? [...(transaction.changed.get(type) ?? [])][0] ?? ''
        if (!running?.vote || !mayHold || !running.allow.vote || running.id !== phaseId) {
          return refusal('vote.closed', phaseId)
        }
        if (readResult(workshopDoc, phaseId)?.closed) return refusal('vote.closed', phaseId)
        const problem = ballotProblem(transaction.doc, running.vote, phaseId, mayHold)
        if (problem) return refusal('vote.invalid', problem)
      }
      return null
    }
  },
}
