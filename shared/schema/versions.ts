import { diffArrays } from 'diff'
import * as Y from 'yjs'
import { isBox, isConnector } from '../canvas/kinds/index.ts'
import { getCanvas, listCanvases } from './canvases.ts'
import { type CanvasItem, readCanvasContent } from './canvasItems.ts'
import { listCharters } from './charters.ts'
import { type DecisionStatus, listDecisions } from './decisions.ts'
import { documentBody, listDocuments } from './documents.ts'
import { bringMapTo } from './inPlace.ts'
import { readPlan, sectionBody } from './plan.ts'
import { readPlainText } from './richText.ts'
import { ROOT } from './roots.ts'

/**
 * Versions: a named version keeps the whole document state. These functions compare two
 * states and bring an old state's content back into the live document.
 */

/** The roots that hold the group's work: a restore brings them back; the flow, people and votes stay. */
export const CONTENT_ROOTS = [
  ROOT.canvases,
  ROOT.decisions,
  ROOT.documents,
  ROOT.charters,
  ROOT.plan,
] as const

/** A document holding a stored state (read-only use). */
export const docFromState = (state: Uint8Array): Y.Doc => {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, state)
  return doc
}

/**
 * Makes the live document's content equal to `old`'s, as new changes on top of the current
 * state (so history is kept and the change syncs like any other). The live types are edited
 * in place (see inPlace.ts): every screen bound to one follows, and what is equal is not
 * written again.
 */
export const restoreContent = (doc: Y.Doc, old: Y.Doc, origin: unknown): void => {
  doc.transact(() => {
    for (const name of CONTENT_ROOTS) bringMapTo(doc.getMap(name), old.getMap(name))
  }, origin)
}

export interface ItemSummary {
  id: string
  kind: CanvasItem['kind']
  text: string
}

export interface ItemChange extends ItemSummary {
  /** Which fields changed: text, position, size, frame, cluster, colour, ends. */
  changes: string[]
  before: string
}

export interface CanvasDiff {
  canvasId: string
  title: string
  status: 'added' | 'removed' | 'changed'
  added: ItemSummary[]
  removed: ItemSummary[]
  changed: ItemChange[]
}

export interface TextDiff {
  id: string
  title: string
  status: 'added' | 'removed' | 'changed'
  /** Lines (paragraphs, list items) added and removed. */
  added: string[]
  removed: string[]
}

/** A list of records compared by id: what appeared, went, or changed (and which fields). */
export interface EntriesDiff {
  added: Array<{ id: string; label: string }>
  removed: Array<{ id: string; label: string }>
  changed: Array<{ id: string; label: string; fields: string[] }>
}

export interface VersionDiff {
  documents: TextDiff[]
  plan: { sections: EntriesDiff; actions: EntriesDiff; questions: EntriesDiff; text: TextDiff[] }
  charters: EntriesDiff
  canvases: CanvasDiff[]
  decisions: {
    added: Array<{ id: string; title: string; status: DecisionStatus }>
    removed: Array<{ id: string; title: string }>
    changed: Array<{
      id: string
      title: string
      from: DecisionStatus
      to: DecisionStatus
      edited: string[]
    }>
  }
}

const summary = (item: CanvasItem): ItemSummary => ({
  id: item.id,
  kind: item.kind,
  text: item.text,
})

const itemChanges = (a: CanvasItem, b: CanvasItem): string[] => {
  const changes: string[] = []
  if (a.text !== b.text) changes.push('text')
  if (!isBox(a) || !isBox(b)) {
    if (isConnector(a) && isConnector(b) && (a.from !== b.from || a.to !== b.to))
      changes.push('ends')
    return changes
  }
  if (a.x !== b.x || a.y !== b.y) changes.push('position')
  if (a.w !== b.w || a.h !== b.h) changes.push('size')
  if (a.frame !== b.frame) changes.push('frame')
  if (a.cluster !== b.cluster) changes.push('cluster')
  if (a.colour !== b.colour) changes.push('colour')
  return changes
}

const canvasItems = (doc: Y.Doc, canvasId: string) =>
  getCanvas(doc, canvasId)
    ? new Map(readCanvasContent(doc, canvasId).items.map((item) => [item.id, item]))
    : new Map()

const lines = (text: string) => text.split('\n').filter((line) => line.trim() !== '')

/** Lines added and removed between two texts (null for a text that does not exist). */
const textDiff = (
  id: string,
  title: string,
  was: string | null,
  is: string | null,
): TextDiff | null => {
  if (was === is) return null
  const added: string[] = []
  const removed: string[] = []
  for (const part of diffArrays(lines(was ?? ''), lines(is ?? ''))) {
    if (part.added) added.push(...part.value)
    else if (part.removed) removed.push(...part.value)
  }
  const status = was === null ? 'added' : is === null ? 'removed' : 'changed'
  return added.length + removed.length > 0 || status !== 'changed'
    ? { id, title, status, added, removed }
    : null
}

/** Compares two lists of records by id, on the given fields. */
const entriesDiff = <T extends { id: string }>(
  was: readonly T[],
  is: readonly T[],
  label: (entry: T) => string,
  fields: ReadonlyArray<keyof T & string>,
): EntriesDiff => {
  const old = new Map(was.map((entry) => [entry.id, entry]))
  const now = new Map(is.map((entry) => [entry.id, entry]))
  const diff: EntriesDiff = { added: [], removed: [], changed: [] }
  for (const entry of is) {
    const previous = old.get(entry.id)
    if (!previous) {
      diff.added.push({ id: entry.id, label: label(entry) })
      continue
    }
    const changed = fields.filter(
      (field) => JSON.stringify(previous[field]) !== JSON.stringify(entry[field]),
    )
    if (changed.length > 0)
      diff.changed.push({ id: entry.id, label: label(entry), fields: changed })
  }
  for (const entry of was)
    if (!now.has(entry.id)) diff.removed.push({ id: entry.id, label: label(entry) })
  return diff
}

const documentTexts = (doc: Y.Doc) =>
  new Map(
    listDocuments(doc).map((info) => {
      const body = documentBody(doc, info.id)
      return [info.id, { title: info.title, text: body ? readPlainText(body) : '' }]
    }),
  )

const sectionTexts = (doc: Y.Doc) =>
  new Map(
    readPlan(doc).sections.map((section) => {
      const body = sectionBody(doc, section.id)
      return [section.id, { title: section.title, text: body ? readPlainText(body) : '' }]
    }),
  )

const textChanges = (
  was: Map<string, { title: string; text: string }>,
  is: Map<string, { title: string; text: string }>,
): TextDiff[] =>
  [...new Set([...was.keys(), ...is.keys()])].flatMap((id) => {
    const title = is.get(id)?.title ?? was.get(id)?.title ?? id
    const diff = textDiff(id, title, was.get(id)?.text ?? null, is.get(id)?.text ?? null)
    return diff ? [diff] : []
  })

/**
 * What changed from `before` to `after`: document text (lines added and removed), the plan
 * (sections, actions, questions and section text), charter items, canvas items, decisions.
 */
export const diffVersions = (before: Y.Doc, after: Y.Doc): VersionDiff => {
  const planWas = readPlan(before)
  const planIs = readPlan(after)
  const charterItems = (doc: Y.Doc) =>
    listCharters(doc).flatMap((charter) =>
      charter.items.map((item) => ({ ...item, charter: charter.title })),
    )
  const canvasIds = new Set(
    [...listCanvases(before), ...listCanvases(after)].map((canvas) => canvas.id),
  )
  const canvases: CanvasDiff[] = []
  for (const canvasId of canvasIds) {
    const was = getCanvas(before, canvasId)
    const is = getCanvas(after, canvasId)
    const old = canvasItems(before, canvasId)
    const now = canvasItems(after, canvasId)
    const added = [...now.values()].filter((item) => !old.has(item.id)).map(summary)
    const removed = [...old.values()].filter((item) => !now.has(item.id)).map(summary)
    const changed: ItemChange[] = []
    for (const item of now.values()) {
      const previous = old.get(item.id)
      const changes = previous ? itemChanges(previous, item) : []
      if (previous && changes.length > 0)
        changed.push({ ...summary(item), changes, before: previous.text })
    }
    const title = is?.title ?? was?.title ?? canvasId
    const status = !was ? 'added' : !is ? 'removed' : 'changed'
    if (
      status !== 'changed' ||
      added.length + removed.length + changed.length > 0 ||
      was?.title !== is?.title
    ) {
      canvases.push({ canvasId, title, status, added, removed, changed })
    }
  }
  const old = new Map(listDecisions(before).map((d) => [d.id, d]))
  const now = new Map(listDecisions(after).map((d) => [d.id, d]))
  const decisions: VersionDiff['decisions'] = { added: [], removed: [], changed: [] }
  for (const record of now.values()) {
    const previous = old.get(record.id)
    if (!previous) {
      decisions.added.push({ id: record.id, title: record.title, status: record.status })
      continue
    }
    const edited = (['title', 'context', 'decision', 'rationale'] as const).filter(
      (key) => previous[key] !== record[key],
    )
    if (edited.length > 0 || previous.status !== record.status) {
      decisions.changed.push({
        id: record.id,
        title: record.title,
        from: previous.status,
        to: record.status,
        edited,
      })
    }
  }
  for (const record of old.values()) {
    if (!now.has(record.id)) decisions.removed.push({ id: record.id, title: record.title })
  }
  return {
    documents: textChanges(documentTexts(before), documentTexts(after)),
    plan: {
      sections: entriesDiff(planWas.sections, planIs.sections, (e) => e.title, ['title', 'status']),
      actions: entriesDiff(planWas.actions, planIs.actions, (e) => e.title, [
        'title',
        'owner',
        'due',
        'status',
        'sectionId',
        'decisionId',
      ]),
      questions: entriesDiff(planWas.questions, planIs.questions, (e) => e.text, [
        'text',
        'status',
      ]),
      text: textChanges(sectionTexts(before), sectionTexts(after)),
    },
    charters: entriesDiff(
      charterItems(before),
      charterItems(after),
      (e) => `${e.charter} — ${e.text}`,
      ['text', 'status', 'kind'],
    ),
    canvases,
    decisions,
  }
}
