import type * as Y from 'yjs'
import { boxKind, isBox } from '../../../shared/canvas/kinds/index.ts'
import type { PartnerGroup } from '../../../shared/groups.ts'
import type { Locale } from '../../../shared/i18n/index.ts'
import {
  displayText,
  listCanvases,
  listParticipants,
  readCanvasContent,
  readFlow,
} from '../../../shared/schema/index.ts'
import { managesWorkshop } from '../../../shared/schema/rights.ts'
import { archivedTexts } from '../../../shared/schema/sessionBoards.ts'
import { readResult, type VoteResult } from '../../../shared/schema/votes.ts'
import type { TemplatePhase } from '../../../shared/template.ts'
import type { useArtefacts } from '../artefacts/context.tsx'

/**
 * What the decision log reads besides the decisions: the notes a decision may cite, the votes
 * it may come from, the people in each partner group, and who may record decisions.
 */
/**
 * Texts of every note on every canvas, by item id (for dot votes and linked notes), as a
 * reader of `locale` sees them: every box with text but the frames (and other kinds that hold
 * items), which are places, not ideas; and those an ended session kept of its boards.
 */
export const canvasNoteTexts = (doc: Y.Doc, locale: Locale): Map<string, string> => {
  // An ended session's boards left the lab: the texts it kept of those a decision names.
  const out = archivedTexts(doc, locale)
  for (const canvas of listCanvases(doc)) {
    try {
      for (const item of readCanvasContent(doc, canvas.id).items)
        if (isBox(item) && !boxKind(item.kind).holdsItems && item.text.trim())
          out.set(item.id, displayText(item, locale))
    } catch {
      // a canvas deleted meanwhile
    }
  }
  return out
}

/** Phases whose vote is closed, with their published result. */
export const closedVotes = (doc: Y.Doc): Array<{ phase: TemplatePhase; result: VoteResult }> =>
  readFlow(doc).phases.flatMap((phase) => {
    if (!phase.vote) return []
    const result = readResult(doc, phase.id)
    return result?.closed ? [{ phase, result }] : []
  })

export const participantCounts = (doc: Y.Doc): Record<PartnerGroup, number> => {
  const counts = { patient: 0, citizen: 0, clinician: 0, other: 0 }
  for (const person of listParticipants(doc)) counts[person.group]++
  return counts
}

/** Decisions are the facilitator's to record and change (shared/schema/rights.ts); all read them. */
export const recordsDecisions = (ctx: ReturnType<typeof useArtefacts>) =>
  ctx.writable() && managesWorkshop(ctx)

export const focusDecision = (id: string) =>
  queueMicrotask(() => document.getElementById(`decision-${id}`)?.focus())
