import type { Participation } from '../../../shared/api.ts'
import type { PartnerGroup } from '../../../shared/groups.ts'

/** Contributions (notes + edits + votes) per person of a group or sector, or null if nobody. */
export const perPersonOf = (entry: Participation['byGroup'][PartnerGroup] | undefined) =>
  !entry || entry.people === 0 ? null : (entry.notes + entry.edits + entry.votes) / entry.people

/** Contributions per person present in a partner group, or null if nobody. */
export const perPerson = (participation: Participation, group: PartnerGroup): number | null =>
  perPersonOf(participation.byGroup[group])

/** Below this share of the most active group's rate (per person), a group is "hardly heard". */
export const QUIET_SHARE = 0.5
/** Too little activity overall to judge anyone (the first minutes of a workshop). */
export const MIN_ACTIVITY = 4

export type BalanceHint =
  | { kind: 'quiet'; group: 'patient' | 'citizen' }
  | { kind: 'absent'; group: 'patient' | 'citizen' }

/**
 * Plain-language hints for the facilitator: a patient or citizen group that contributes much
 * less per person than the most active group (or that nobody from has joined).
 */
export const balanceHints = (participation: Participation): BalanceHint[] => {
  const groups = ['patient', 'citizen', 'clinician', 'other'] as const
  const rates = groups.map((group) => perPerson(participation, group))
  const total = groups.reduce((sum, group) => {
    const entry = participation.byGroup[group]
    return sum + (entry ? entry.notes + entry.edits + entry.votes : 0)
  }, 0)
  const anyone = groups.some((group) => (participation.byGroup[group]?.people ?? 0) > 0)
  const hints: BalanceHint[] = []
  for (const group of ['patient', 'citizen'] as const) {
    const rate = perPerson(participation, group)
    if (rate === null) {
      if (anyone) hints.push({ kind: 'absent', group })
      continue
    }
    if (total < MIN_ACTIVITY) continue
    const others = rates.filter((value, i) => groups[i] !== group && value !== null) as number[]
    const best = Math.max(0, ...others)
    if (best > 0 && rate < best * QUIET_SHARE) hints.push({ kind: 'quiet', group })
  }
  return hints
}
