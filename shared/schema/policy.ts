import * as Y from 'yjs'
import { listCanvases } from './canvases.ts'
import { canvasChangeRefuses } from './canvasPolicy.ts'
import { canvasRights } from './canvasRights.ts'
import { CHARTER_ITEM_TEXT_MAX, charterItemProblem, ITEM_STATUSES } from './charters.ts'
import { DECISION_LIMITS, DECISION_TEXTS } from './decisions.ts'
import { type FlowStatus, readFlow, runningAllow } from './flow.ts'
import { referenceProblem } from './itemReferences.ts'
import { getParticipant, recordProblem } from './participants.ts'
import { planWriteRefuses } from './planEntries.ts'
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
import {
  entryChange,
  listWrites,
  mapOf,
  misplacedContent,
  pathOf,
  rawField,
  type SharedType,
  textTooLong,
} from './transactionChanges.ts'
import { ballotProblem, keptOrItems, PRIVATE_VOTES_ROOT, readResult, voteItems } from './votes.ts'

/**
 * What a role may change in the workshop document, checked by the server on every update
 * from a participant. A refused change is reverted in the same batch (so nobody sees it)
 * rather than dropped: dropping would leave a gap in that client's clock and stall every
 * later update it sends.
 *
 * Its parts: the rules for canvas items and clusters (canvasPolicy.ts, for the shared
 * canvases and the private ones alike) and the reading of what a transaction did
 * (transactionChanges.ts); here, every other root and the two kinds of document.
 */

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
 * nobody replaces an item's positions wholesale; an item's template texts are the server's;
 * the status the group settled is the facilitator's (a new item is "to discuss"); a new item
 * names its writer if anyone (`createdBy`, which never changes), and a participant deletes
 * only an item they added (the template's and others' are the facilitator's).
 */
const charterRefuses = (
  transaction: Y.Transaction,
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
      if (key === null) continue
      const { added, removed } = entryChange(transaction, type, key)
      const map = mapOf(added)
      if (map) {
        if (map.has(SEED_TEXT)) return refusal('invalid', SEED_TEXT)
        const positions = map.get('positions')
        const ids = positions instanceof Y.Map ? [...positions.keys()] : []
        if (ids.some((id) => !mayWriteParticipant(writer, id))) {
          return refusal('participant.other', 'positions of a new item')
        }
        const status = map.get('status')
        // A malformed status is charterItemRefuses's to refuse (invalid).
        if (status !== 'to-discuss' && ITEM_STATUSES.includes(status as never)) {
          return refusal('charter.status', 'a new item')
        }
        const author = map.get('createdBy')
        if (author !== undefined && author !== writer.participantId) {
          return refusal('item.author', 'a new charter item')
        }
      }
      const gone = mapOf(removed)
      if (
        gone &&
        !(writer.participantId !== null && rawField(gone, 'createdBy') === writer.participantId)
      ) {
        return refusal('charter.delete', key)
      }
    }
    return null
  }
  if (path.length === 4) {
    if (keys.has(SEED_TEXT)) return refusal('invalid', SEED_TEXT)
    if (keys.has('status')) return refusal('charter.status', path[3])
    if (keys.has('createdBy')) return refusal('item.author', path[3])
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
 * must leave a valid item, whoever sets it, and its text is at most `CHARTER_ITEM_TEXT_MAX`
 * long once written into (`text.tooLong`).
 */
const charterItemRefuses = (
  transaction: Y.Transaction,
  path: readonly string[],
  keys: ReadonlySet<string | null>,
): Refusal | null => {
  if (path[2] !== 'items' || path.length > 5) return null
  const items = chartersMap(transaction.doc)
    .get(path[1] ?? '')
    ?.get('items')
  if (!(items instanceof Y.Map)) return null
  const textTooLongIn = (entry: unknown) =>
    entry instanceof Y.Map && textTooLong(transaction, entry.get('text'), CHARTER_ITEM_TEXT_MAX)
  if (path.length === 5 && path[4] !== 'positions') {
    return path[4] === 'text' && textTooLongIn(items.get(path[3] ?? ''))
      ? refusal('text.tooLong', path.join('.'))
      : null
  }
  for (const id of path.length === 3 ? keys : [path[3] ?? null]) {
    if (id === null) return refusal('invalid', path.join('.'))
    const entry = items.get(id)
    const problem = entry === undefined ? null : charterItemProblem(id, entry)
    if (problem !== null) return refusal('invalid', problem)
    if (textTooLongIn(entry)) return refusal('text.tooLong', `${path.join('.')}.${id}`)
  }
  return null
}

/**
 * Why the change to `keys` of the decisions type at `path` writes a decision's title or long
 * texts past `DECISION_LIMITS` (`text.tooLong`), for every role: a new decision, a field set,
 * or typing in one of its texts.
 */
const decisionRefuses = (
  transaction: Y.Transaction,
  type: SharedType,
  path: readonly string[],
  keys: ReadonlySet<string | null>,
): Refusal | null => {
  const tooLong = (decision: unknown, fields: ReadonlySet<string | null> | null) => {
    if (!(decision instanceof Y.Map)) return false
    const title = decision.get('title')
    if ((fields === null || fields.has('title')) && typeof title === 'string') {
      if (title.length > DECISION_LIMITS.title) return true
    }
    return DECISION_TEXTS.some((name) =>
      textTooLong(transaction, decision.get(name), DECISION_LIMITS.text),
    )
  }
  const at = path.join('.')
  if (path.length === 1 && type instanceof Y.Map) {
    for (const key of keys)
      if (key !== null && tooLong(type.get(key), null))
        return refusal('text.tooLong', `${at}.${key}`)
    return null
  }
  if (path.length === 2 && tooLong(type, keys)) return refusal('text.tooLong', at)
  if (path.length === 3 && textTooLong(transaction, type, DECISION_LIMITS.text)) {
    return refusal('text.tooLong', at)
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
        const refused = charterRefuses(transaction, writer, type, base, keys)
        if (refused) return refused
      }
    }
    if (base[0] === ROOT.charters) {
      const refused = charterItemRefuses(transaction, base, keys)
      if (refused) return refused
    }
    if (base[0] === ROOT.decisions) {
      const refused = decisionRefuses(transaction, type, base, keys)
      if (refused) return refused
    }
    if (base[0] === ROOT.plan) {
      const refused = planWriteRefuses(doc, base, keys, (type) =>
        listWrites(transaction).under.has(type),
      )
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
      const amiss = referenceProblem(doc, type, path, 'here')
      if (amiss) return refusal('item.invalid', amiss)
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
            const amiss = referenceProblem(transaction.doc, type, at, 'shared')
            if (amiss) return refusal('item.invalid', amiss)
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

/**
 * An ended session's boards: no client changes them (its shape refuses every update before it
 * is applied; this refuses whatever would still reach the policy).
 */
export const sessionBoardsPolicy: DocumentPolicy = {
  begin: () => (transaction) =>
    refusal(
      'invalid',
      [...transaction.changed.keys()].map((type) => pathOf(type).join('.')).join(', '),
    ),
}
