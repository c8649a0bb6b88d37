import type * as Y from 'yjs'
import { boxKind, isBox } from '../../../shared/canvas/kinds/index.ts'
import { placeNewItem, type Rect } from '../../../shared/canvas/placement.ts'
import type { PartnerGroup } from '../../../shared/groups.ts'
import type { Locale } from '../../../shared/i18n/index.ts'
import type { CanvasLayer, CanvasRights } from '../../../shared/schema/canvasRights.ts'
import {
  type BoxItem,
  canvasMap,
  deleteItems,
  displayText,
  type FlowState,
  projectorFrame,
  readCanvasContent,
  setItemText,
} from '../../../shared/schema/index.ts'
import { ensurePrivateCanvas } from '../../../shared/schema/private.ts'
import type { RefusalCode } from '../../../shared/schema/rights.ts'
import { takesDots } from '../../../shared/schema/votes.ts'
import { addPlacedBox } from '../canvas/editor/addPlaced.ts'

/**
 * What a phone's step screen reads and writes on a canvas, without a board: where the step
 * works, where a new idea lands, this person's ideas, and the ideas a dot vote is about.
 * Plain functions of the documents (tests/client/phone.test.tsx drives them).
 */

/** The kind of box the composer writes: a sticky note. */
export const IDEA_KIND = 'note'

/** Origin of what the phone's screens write (not part of the board's undo). */
export const PHONE_ORIGIN = 'fabrique:phone'

/**
 * The canvas the running step works on: its focus canvas, else the workshop's first. None
 * when the workshop has no canvas, or the step's focus is a document or a charter.
 */
export const stepCanvasId = (
  flow: FlowState,
  canvases: readonly { id: string }[],
): string | null => {
  const focus = flow.status === 'running' ? flow.phase?.focus : undefined
  if (focus && 'canvas' in focus)
    return canvases.some((canvas) => canvas.id === focus.canvas) ? focus.canvas : null
  if (focus) return null
  return canvases[0]?.id ?? null
}

/** The boxes of a canvas in one document (none when that document has no such canvas). */
const boxesOf = (doc: Y.Doc | null, canvasId: string): BoxItem[] => {
  if (!doc || !canvasMap(doc, canvasId)) return []
  return readCanvasContent(doc, canvasId).items.filter(isBox)
}

/** One canvas as this person has it: the shared boxes, and theirs not yet revealed. */
export interface Layers {
  shared: BoxItem[]
  mine: BoxItem[]
}

export const readLayers = (doc: Y.Doc, privateDoc: Y.Doc | null, canvasId: string): Layers => {
  const shared = boxesOf(doc, canvasId)
  const ids = new Set(shared.map((box) => box.id))
  return { shared, mine: boxesOf(privateDoc, canvasId).filter((box) => !ids.has(box.id)) }
}

/** A frame (or another kind that holds items) of the shared layer. */
const frameIn = (layers: Layers, frameId: string | null): BoxItem | null =>
  (frameId && layers.shared.find((box) => box.id === frameId && boxKind(box.kind).holdsItems)) ||
  null

/** A frame an idea may go to: its id, and its title as this person reads it. */
export interface StepFrame {
  id: string
  title: string
}

/** Top to bottom, then left to right. */
const readingOrder = (a: BoxItem, b: BoxItem) => a.y - b.y || a.x - b.x || a.id.localeCompare(b.id)

/**
 * The frames of the step's canvas (of the shared layer: frames are never private), in reading
 * order: where an idea may go. A step names no frame but its canvas (`focus`), so these are
 * all of that canvas's. An untitled one's title is '' (the screen names it).
 */
export const stepFrames = (layers: Layers, locale: Locale): StepFrame[] =>
  layers.shared
    .filter((box) => boxKind(box.kind).holdsItems)
    .sort(readingOrder)
    .map((frame) => ({ id: frame.id, title: displayText(frame, locale).trim() }))

/** A title as compared with the words of a step: NFC, lower case, single spaces. */
const comparable = (text: string, locale: Locale) =>
  text.normalize('NFC').toLocaleLowerCase(locale).replace(/\s+/g, ' ').trim()

/** What a step's words quote: « … », “…” or "…". */
const QUOTED = /«\s*([^»]+?)\s*»|“([^”]+)”|"([^"]+)"/g

/** Where `quote` is in `title` as whole words (-1: it is the title), or null. */
const wordsAt = (title: string, quote: string): number | null => {
  if (title === quote) return -1
  const letter = /[\p{L}\p{N}]/u
  for (let at = title.indexOf(quote); at >= 0; at = title.indexOf(quote, at + 1)) {
    const before = title.charAt(at - 1)
    const after = title.charAt(at + quote.length)
    if (!letter.test(before) && !letter.test(after)) return at
  }
  return null
}

/**
 * The first frame a step's words name: a quote that is a frame's title, else its start ("«
 * Quoi? »" names "Quoi? Ce que nous avons vu"), else whole words of it ("« À deux »" names
 * "2 — À deux (2 minutes)").
 */
const namedFrame = (words: string, frames: readonly StepFrame[], locale: Locale) => {
  for (const match of words.matchAll(QUOTED)) {
    const quote = comparable(match[1] ?? match[2] ?? match[3] ?? '', locale)
    if (quote === '') continue
    let best: { frame: StepFrame; at: number } | null = null
    for (const frame of frames) {
      const at = wordsAt(comparable(frame.title, locale), quote)
      if (at !== null && (!best || at < best.at)) best = { frame, at }
    }
    if (best) return best.frame
  }
  return undefined
}

/**
 * The frame an idea goes to unless this person chooses another (null: the canvas has none):
 * the one the facilitator put on the stage during this step; else the first the step's words
 * name (in this person's language); else the one on the stage since an earlier step
 * (`projectorFrame` stays from step to step); else the first in reading order (`orFirst`: a
 * phone always writes in a frame; the desktop board, where the step names none, near the view).
 */
export const stepFrameId = (
  flow: FlowState,
  layers: Layers,
  locale: Locale,
  orFirst = true,
): string | null => {
  const frames = stepFrames(layers, locale)
  const staged = frameIn(layers, projectorFrame(flow))?.id ?? null
  const phase = flow.status === 'running' ? flow.phase : null
  if (staged && phase && flow.projector.frame?.phase === phase.id) return staged
  const named = phase ? namedFrame(phase.instructions[locale], frames, locale) : undefined
  return named?.id ?? staged ?? (orFirst ? (frames[0]?.id ?? null) : null)
}

/** Where nothing is yet: a phone's screen at 100 %, from the canvas's origin. */
const EMPTY_AREA: Rect = { x: 0, y: 0, w: 400, h: 600 }

/** What the step is about on the canvas: its frame, else everything on it. */
export const stepArea = (boxes: readonly BoxItem[], frameId: string | null): Rect => {
  const frame = frameId ? boxes.find((box) => box.id === frameId) : undefined
  const shown = frame ? [frame] : boxes
  if (shown.length === 0) return EMPTY_AREA
  const left = Math.min(...shown.map((box) => box.x))
  const top = Math.min(...shown.map((box) => box.y))
  const right = Math.max(...shown.map((box) => box.x + box.w))
  const bottom = Math.max(...shown.map((box) => box.y + box.h))
  return { x: left, y: top, w: right - left, h: bottom - top }
}

export interface IdeaRequest {
  doc: Y.Doc
  /** This person's private document (null: none, so no private writing). */
  privateDoc: Y.Doc | null
  canvasId: string
  /** The canvas's title, for its private counterpart when it is first made. */
  canvasTitle: string
  /** What this person may do now on that canvas (`canvasRights`: the server's answer). */
  rights: CanvasRights
  /** The frame the step points to (`stepFrameId`), or null. */
  frameId: string | null
  /** Who it is credited to, as the server checks it. */
  author: { createdBy: string; group: PartnerGroup | null }
  text: string
  origin: unknown
}

export type IdeaOutcome =
  | { ok: true; id: string; layer: CanvasLayer; frameId: string | null }
  | { ok: false; reason: RefusalCode | 'empty' | 'failed' }

/**
 * Writes one idea as a note, in the layer the phase says (private while each person writes on
 * their own), at the next free spot of the step's frame (never on another note), as the board
 * adds one: a full frame grows to take it (`addPlacedBox`), and a private note names the frame
 * for the reveal. With no frame, near the middle of what the canvas holds.
 */
export const writeIdea = (request: IdeaRequest): IdeaOutcome => {
  const text = request.text.trim()
  if (text === '') return { ok: false, reason: 'empty' }
  const { rights, doc, canvasId } = request
  const layer = rights.layerFor(IDEA_KIND)
  if (!layer) {
    const refused = rights.privateWriting ? rights.private.refusal : rights.shared.refusal
    return { ok: false, reason: refused.write ?? 'phase.write' }
  }
  const target = layer === 'private' ? request.privateDoc : doc
  if (!target) return { ok: false, reason: 'failed' }
  const layers = readLayers(doc, request.privateDoc, canvasId)
  const items = [...layers.shared, ...layers.mine]
  const frame = frameIn(layers, request.frameId)
  const view = stepArea(items, frame?.id ?? null)
  const place = placeNewItem({ items, view, kind: IDEA_KIND, frameId: frame?.id ?? null })
  try {
    if (layer === 'private')
      ensurePrivateCanvas(target, canvasId, request.canvasTitle, request.origin)
    const box = { kind: IDEA_KIND, text, ...request.author }
    const id = addPlacedBox(target, canvasId, { place, box }, request.origin)
    return { ok: true, id, layer, frameId: place.frameId }
  } catch (error) {
    console.warn('idea not written', error)
    return { ok: false, reason: 'failed' }
  }
}

/** One of this person's ideas, as the phone lists it. */
export interface MyIdea {
  id: string
  text: string
  layer: CanvasLayer
  createdBy: string
  createdAt: number
  /** May its text be changed now, may it be deleted now (the server's rules). */
  editable: boolean
  removable: boolean
}

/** This person's notes on the canvas, both layers, the newest first. */
export const myIdeas = (
  layers: Layers,
  participantId: string,
  rights: CanvasRights,
  locale: Locale,
): MyIdea[] => {
  const tagged = [
    ...layers.shared.map((box) => ({ box, layer: 'shared' as const })),
    ...layers.mine.map((box) => ({ box, layer: 'private' as const })),
  ]
  return tagged
    .filter(({ box }) => box.createdBy === participantId && boxKind(box.kind).countsAsNote)
    .sort((a, b) => b.box.createdAt - a.box.createdAt || a.box.id.localeCompare(b.box.id))
    .map(({ box, layer }) => ({
      id: box.id,
      text: displayText(box, locale),
      layer,
      createdBy: box.createdBy,
      createdAt: box.createdAt,
      editable: rights[layer].edit(box.createdBy),
      removable: rights[layer].remove({ kind: box.kind, createdBy: box.createdBy }),
    }))
}

/** The document an idea of `layer` lives in. */
const docOf = (doc: Y.Doc, privateDoc: Y.Doc | null, layer: CanvasLayer) =>
  layer === 'private' ? privateDoc : doc

/** Changes the text of one of this person's ideas, if they may; says whether it was done. */
export const editIdea = (
  doc: Y.Doc,
  privateDoc: Y.Doc | null,
  canvasId: string,
  idea: MyIdea,
  text: string,
  origin: unknown,
): boolean => {
  const target = docOf(doc, privateDoc, idea.layer)
  if (!idea.editable || !target || text.trim() === '') return false
  try {
    setItemText(target, canvasId, idea.id, text.trim(), origin)
    return true
  } catch (error) {
    console.warn('idea not changed', error)
    return false
  }
}

/** Deletes one of this person's ideas, if they may; says whether it was done. */
export const deleteIdea = (
  doc: Y.Doc,
  privateDoc: Y.Doc | null,
  canvasId: string,
  idea: MyIdea,
  origin: unknown,
): boolean => {
  const target = docOf(doc, privateDoc, idea.layer)
  if (!idea.removable || !target) return false
  try {
    deleteItems(target, canvasId, [idea.id], origin)
    return true
  } catch (error) {
    console.warn('idea not deleted', error)
    return false
  }
}

/** The ideas of one frame (or of none) for a dot vote, in reading order. */
export interface IdeaGroup {
  /** The frame's id, or null for the ideas in no frame. */
  frameId: string | null
  /** The frame's title as this person reads it ('' for no frame). */
  title: string
  ideas: Array<{ id: string; text: string }>
}

/**
 * What a dot vote on the canvas is about, as a list: the shared notes and texts that take
 * dots (`takesDots`, as the server counts them), by frame in reading order, then those in no
 * frame.
 */
export const voteIdeas = (boxes: readonly BoxItem[], locale: Locale): IdeaGroup[] => {
  const frames = boxes.filter((box) => boxKind(box.kind).holdsItems).sort(readingOrder)
  const known = new Set(frames.map((frame) => frame.id))
  const ideas = boxes.filter(takesDots).sort(readingOrder)
  const groupOf = (frameId: string | null, title: string): IdeaGroup => ({
    frameId,
    title,
    ideas: ideas
      .filter((idea) =>
        frameId === null ? !idea.frame || !known.has(idea.frame) : idea.frame === frameId,
      )
      .map((idea) => ({ id: idea.id, text: displayText(idea, locale) })),
  })
  return [
    ...frames.map((frame) => groupOf(frame.id, displayText(frame, locale))),
    groupOf(null, ''),
  ].filter((group) => group.ideas.length > 0)
}
