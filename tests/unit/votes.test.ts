import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  ballotProblem,
  type PhaseVote,
  readBallot,
  setConsent,
  setDots,
  setGradient,
  tally,
} from '../../shared/schema/votes.ts'

const O = 'test'
const dots: PhaseVote = { kind: 'dots', budget: 3, perItemCap: 2, hidden: true }
const kaner: PhaseVote = {
  kind: 'gradient',
  scale: 'kaner',
  proposal: { fr: 'P', en: 'P' },
  hidden: true,
}
const consent: PhaseVote = { kind: 'consent', proposal: { fr: 'P', en: 'P' }, hidden: true }

describe('ballots', () => {
  it('checks a dot ballot against the budget and the per-item cap', () => {
    const doc = new Y.Doc()
    setDots(doc, 'vote', 'a', 2, O)
    setDots(doc, 'vote', 'b', 1, O)
    expect(ballotProblem(doc, dots, 'vote')).toBeNull()
    setDots(doc, 'vote', 'c', 1, O)
    expect(ballotProblem(doc, dots, 'vote')).toBe('4 dots used, the budget is 3')
    setDots(doc, 'vote', 'c', 0, O)
    setDots(doc, 'vote', 'b', 0, O)
    setDots(doc, 'vote', 'a', 3, O)
    expect(ballotProblem(doc, dots, 'vote')).toMatch(/at most 2 dots on one item/)
  })

  it('requires a reason to object, not to consent', () => {
    const doc = new Y.Doc()
    setConsent(doc, 'round', { value: 'consent', reason: '' }, O)
    expect(ballotProblem(doc, consent, 'round')).toBeNull()
    setConsent(doc, 'round', { value: 'objection', reason: '   ' }, O)
    expect(ballotProblem(doc, consent, 'round')).toBe('an objection needs a reason')
    setConsent(doc, 'round', { value: 'objection', reason: 'Risque pour la confidentialité' }, O)
    expect(ballotProblem(doc, consent, 'round')).toBeNull()
  })

  it('refuses a gradient point outside the scale', () => {
    const doc = new Y.Doc()
    setGradient(doc, 'g', 8, O)
    expect(readBallot(doc, kaner, 'g')).toEqual({ kind: 'gradient', value: 8 })
    setGradient(doc, 'g', 9, O)
    expect(ballotProblem(doc, kaner, 'g')).toBe('malformed ballot')
  })
})

describe('tallies', () => {
  it('adds up dots per item and per partner group', () => {
    const result = tally(
      dots,
      [
        { group: 'patient', ballot: { kind: 'dots', dots: { a: 2, b: 1 } } },
        { group: 'citizen', ballot: { kind: 'dots', dots: { a: 1 } } },
      ],
      true,
    )
    expect(result).toEqual({
      kind: 'dots',
      closed: true,
      voters: 2,
      items: {
        a: { total: 3, byGroup: { patient: 2, citizen: 1, clinician: 0, other: 0 } },
        b: { total: 1, byGroup: { patient: 1, citizen: 0, clinician: 0, other: 0 } },
      },
    })
  })

  it('counts a gradient of agreement per point and per group', () => {
    const result = tally(
      { ...kaner, scale: 'five' },
      [
        { group: 'clinician', ballot: { kind: 'gradient', value: 5 } },
        { group: 'patient', ballot: { kind: 'gradient', value: 5 } },
        { group: 'patient', ballot: { kind: 'gradient', value: 2 } },
      ],
      false,
    )
    expect(result).toMatchObject({
      kind: 'gradient',
      closed: false,
      voters: 3,
      counts: [0, 1, 0, 0, 2],
    })
    expect(result.kind === 'gradient' && result.byGroup.patient).toEqual([0, 1, 0, 0, 1])
  })

  it('lists the reasons of concerns and objections without who gave them', () => {
    const result = tally(
      consent,
      [
        {
          group: 'citizen',
          ballot: { kind: 'consent', value: 'objection', reason: 'Pas assez de soutien' },
        },
        { group: 'patient', ballot: { kind: 'consent', value: 'consent', reason: '' } },
        {
          group: 'clinician',
          ballot: { kind: 'consent', value: 'concern', reason: 'Charge de travail' },
        },
      ],
      true,
    )
    expect(result).toMatchObject({
      counts: { consent: 1, concern: 1, objection: 1 },
      reasons: [
        { value: 'concern', reason: 'Charge de travail' },
        { value: 'objection', reason: 'Pas assez de soutien' },
      ],
    })
    expect(JSON.stringify(result)).not.toMatch(/participant|name/)
  })
})
