import { type Accessor, createMemo } from 'solid-js'
import type * as Y from 'yjs'
import {
  ballotProblem,
  type IsVoteItem,
  keptOrItems,
  type PhaseVote,
  readBallot,
  setDots,
  type VoteResult,
} from '../../../shared/schema/votes.ts'
import type { Translate } from '../../app/i18n.tsx'
import { problemWith } from '../voting/checkBallot.ts'
import { createBallotsVersion } from '../voting/createPrivateVotes.ts'

type DotsVote = Extract<PhaseVote, { kind: 'dots' }>

/** Why a dot could not be added or removed (the UI explains it), or `ok`. */
export type DotOutcome = 'ok' | 'cap' | 'budget' | 'none' | 'closed' | 'unavailable'

/** The running dot vote as the board sees it: this person's dots, the rules, the results. */
export interface DotVoting {
  budget: Accessor<number>
  perItemCap: Accessor<number>
  /** This person's dots on an item. */
  mine: (itemId: string) => number
  used: Accessor<number>
  remaining: Accessor<number>
  /** Every item this person put dots on, with the count (items may have been deleted since). */
  dots: Accessor<ReadonlyMap<string, number>>
  /** Published total on an item, or null while no result is published. */
  total: (itemId: string) => number | null
  hasResult: Accessor<boolean>
  closed: Accessor<boolean>
  /** False until the private document (where the ballot lives) is known. */
  ready: Accessor<boolean>
  add: (itemId: string) => DotOutcome
  remove: (itemId: string) => DotOutcome
}

export interface DotVotingOptions {
  privateDoc: Y.Doc
  ready: Accessor<boolean>
  phaseId: string
  vote: DotsVote
  /** The items of the vote (`voteItems`): the server refuses dots on anything else. */
  isItem: IsVoteItem
  result: Accessor<VoteResult | null>
  origin: unknown
}

/**
 * Dot voting on the board: the ballot (`{itemId: count}`) is written to the participant's
 * private document; the budget and the per-item cap are checked before writing, as the
 * server does (it would revert an invalid ballot).
 */
export const createDotVoting = (options: DotVotingOptions): DotVoting => {
  const { privateDoc, phaseId, vote } = options
  const version = createBallotsVersion(privateDoc)
  const dots = createMemo((): ReadonlyMap<string, number> => {
    version()
    const ballot = readBallot(privateDoc, vote, phaseId)
    return ballot?.kind === 'dots' ? ballot.dots : new Map()
  })
  const used = createMemo(() => [...dots().values()].reduce((sum, n) => sum + n, 0))
  const dotsResult = createMemo(() => {
    const result = options.result()
    return result?.kind === 'dots' ? result : null
  })
  const totals = createMemo(() => new Map(Object.entries(dotsResult()?.items ?? {})))
  const closed = () => dotsResult()?.closed === true
  const mine = (itemId: string) => dots().get(itemId) ?? 0

  const change = (itemId: string, delta: 1 | -1): DotOutcome => {
    if (closed()) return 'closed'
    if (!options.ready()) return 'unavailable'
    const current = mine(itemId)
    if (delta < 0 && current === 0) return 'none'
    const mayHold = keptOrItems(privateDoc, phaseId, options.isItem)
    // A ballot that already breaks the rules (written elsewhere) may only shrink.
    const broken = ballotProblem(privateDoc, vote, phaseId, mayHold) !== null
    if (delta > 0) {
      if (current + 1 > vote.perItemCap) return 'cap'
      if (used() + 1 > vote.budget || broken) return 'budget'
    }
    // The ballot as it would be, checked by the server's own rules before it is written.
    const next = new Map(dots()).set(itemId, current + delta)
    const problem = problemWith(vote, phaseId, mayHold, (scratch) => {
      for (const [id, count] of next) setDots(scratch, phaseId, id, count, null)
    })
    if (problem && delta > 0) return 'budget'
    try {
      setDots(privateDoc, phaseId, itemId, current + delta, options.origin)
    } catch (error) {
      console.warn('ballot not written', error)
      return 'unavailable'
    }
    return 'ok'
  }

  return {
    budget: () => vote.budget,
    perItemCap: () => vote.perItemCap,
    mine,
    used,
    remaining: () => Math.max(0, vote.budget - used()),
    dots,
    total: (itemId) => (dotsResult() ? (totals().get(itemId)?.total ?? 0) : null),
    hasResult: () => dotsResult() !== null,
    closed,
    ready: options.ready,
    add: (itemId) => change(itemId, 1),
    remove: (itemId) => change(itemId, -1),
  }
}

/** "Il vous reste 3 points sur 5": what is left of this person's dots, in words. */
export const dotsRemainingText = (t: Translate, voting: DotVoting): string => {
  const remaining = voting.remaining()
  return t('voting.dots.remaining', {
    remaining,
    budget: voting.budget(),
    plural: remaining > 1 ? 's' : '',
  })
}

/** Why a dot was refused, in words ('' for `ok`): the board's and the phone's vote list's. */
export const dotOutcomeText = (t: Translate, voting: DotVoting, outcome: DotOutcome): string => {
  switch (outcome) {
    case 'cap':
      return t('voting.dots.cap', {
        cap: voting.perItemCap(),
        plural: voting.perItemCap() > 1 ? 's' : '',
      })
    case 'budget':
      return t('voting.dots.budget', { budget: voting.budget() })
    case 'none':
      return t('voting.dots.none')
    case 'closed':
      return t('voting.closed')
    case 'unavailable':
      return t('voting.dots.waiting')
    default:
      return ''
  }
}
