import type { VoteResult } from '../../../shared/schema/votes.ts'

/**
 * The answers of a vote that oppose its proposal: a gradient's veto and serious disagreement
 * (« 8. Opposition / veto », « 7. Je ne soutiens pas » on the 8 points; « 1. Pas du tout
 * d’accord » on the 5), a consent round's objections. A dot vote opposes nothing.
 */
export type Opposed =
  | { kind: 'gradient'; scale: 'five' | 'kaner'; point: number; count: number }
  | { kind: 'consent'; count: number }

const OPPOSED_POINTS = { kaner: [8, 7], five: [1] } as const

/** What in `result` opposes its proposal, strongest first; empty when nothing does. */
export const opposition = (result: VoteResult): Opposed[] => {
  if (result.kind === 'gradient')
    return OPPOSED_POINTS[result.scale]
      .map((point) => ({
        kind: 'gradient' as const,
        scale: result.scale,
        point,
        count: result.counts[point - 1] ?? 0,
      }))
      .filter((entry) => entry.count > 0)
  if (result.kind === 'consent' && (result.counts.objection ?? 0) > 0)
    return [{ kind: 'consent', count: result.counts.objection ?? 0 }]
  return []
}
