import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  createDecision,
  DECISION_STATUSES,
  DECISION_TRANSITIONS,
  type DecisionStatus,
  DecisionTransitionError,
  decisionFromVote,
  getDecision,
  listDecisions,
  setDecisionStatus,
  setDecisionText,
  updateDecision,
} from '../../shared/schema/decisions.ts'
import { decisionsMap } from '../../shared/schema/roots.ts'
import { tally } from '../../shared/schema/votes.ts'

const O = 'test'

/** A decision brought to `status` by the shortest allowed path. */
const decisionIn = (doc: Y.Doc, status: DecisionStatus): string => {
  const id = createDecision(doc, { title: `En ${status}` }, O, 1)
  const replacement = () => createDecision(doc, { title: 'Remplaçante' }, O, 2)
  const path: Record<DecisionStatus, DecisionStatus[]> = {
    proposed: [],
    adopted: ['adopted'],
    revisited: ['adopted', 'revisited'],
    superseded: ['superseded'],
  }
  for (const step of path[status]) {
    setDecisionStatus(
      doc,
      id,
      step,
      O,
      step === 'superseded' ? { supersededBy: replacement() } : {},
    )
  }
  return id
}

describe('decision records', () => {
  it('records a proposed decision with its fields and history', () => {
    const doc = new Y.Doc()
    const id = createDecision(
      doc,
      {
        title: 'Jumeler chaque patient avec un patient partenaire',
        context: 'Isolement des aînés',
        options: ['Jumelage', 'Groupe'],
        reviewDate: '2027-05-01',
      },
      O,
      1000,
    )
    expect(getDecision(doc, id)).toMatchObject({
      title: 'Jumeler chaque patient avec un patient partenaire',
      context: 'Isolement des aînés',
      options: ['Jumelage', 'Groupe'],
      status: 'proposed',
      reviewDate: '2027-05-01',
      history: [{ status: 'proposed', at: 1000 }],
    })
    setDecisionText(doc, id, 'rationale', 'Les patients partenaires connaissent le quartier', O)
    updateDecision(doc, id, { dissent: [{ text: 'objection', reason: 'Charge de travail' }] }, O)
    expect(getDecision(doc, id)).toMatchObject({
      options: ['Jumelage', 'Groupe'],
      reviewDate: '2027-05-01',
      rationale: 'Les patients partenaires connaissent le quartier',
      dissent: [{ text: 'objection', reason: 'Charge de travail' }],
    })
    expect(() => createDecision(doc, { title: ' ' }, O)).toThrow(/must not be empty/)
    expect(() => updateDecision(doc, id, { reviewDate: 'mai' }, O)).toThrow(/YYYY-MM-DD/)
  })

  const cases = DECISION_STATUSES.flatMap((from) =>
    DECISION_STATUSES.map((to) => [from, to, DECISION_TRANSITIONS[from].includes(to)] as const),
  )
  it.each(cases)('%s → %s allowed: %s', (from, to, allowed) => {
    const doc = new Y.Doc()
    const id = decisionIn(doc, from)
    const other = createDecision(doc, { title: 'Autre' }, O)
    const move = () => setDecisionStatus(doc, id, to, O, { supersededBy: other, now: 5 })
    if (allowed) {
      move()
      expect(getDecision(doc, id)?.status).toBe(to)
      expect(getDecision(doc, id)?.history.at(-1)).toEqual({ status: to, at: 5 })
    } else {
      expect(move).toThrow(DecisionTransitionError)
      expect(getDecision(doc, id)?.status).toBe(from)
    }
  })

  it('supersedes only with another existing decision', () => {
    const doc = new Y.Doc()
    const id = decisionIn(doc, 'adopted')
    expect(() => setDecisionStatus(doc, id, 'superseded', O)).toThrow(/another decision/)
    expect(() => setDecisionStatus(doc, id, 'superseded', O, { supersededBy: id })).toThrow(
      /another decision/,
    )
    const next = createDecision(doc, { title: 'Nouvelle' }, O)
    setDecisionStatus(doc, id, 'superseded', O, { supersededBy: next })
    expect(getDecision(doc, id)).toMatchObject({ status: 'superseded', supersededBy: next })
  })

  it('turns a closed consent round into a decision in one step', () => {
    const result = tally(
      { kind: 'consent', proposal: { fr: 'P', en: 'P' }, hidden: true },
      [
        { group: 'patient', ballot: { kind: 'consent', value: 'consent', reason: '' } },
        { group: 'citizen', ballot: { kind: 'consent', value: 'objection', reason: 'Trop tôt' } },
      ],
      true,
    )
    const doc = new Y.Doc()
    const id = createDecision(
      doc,
      decisionFromVote(result, {
        phaseId: 'ronde',
        title: 'Adopter le plan',
        proposal: 'Le plan v2',
        // Who took part: the result, folded to protect the two voters, does not say.
        participants: { patient: 1, citizen: 1, clinician: 0, other: 0 },
      }),
      O,
    )
    expect(getDecision(doc, id)).toMatchObject({
      decision: 'Le plan v2',
      participants: { patient: 1, citizen: 1, clinician: 0, other: 0 },
      dissent: [{ text: 'objection', reason: 'Trop tôt' }],
      support: { phaseId: 'ronde', result: { kind: 'consent', closed: true, byGroup: {} } },
    })
  })

  it('records who voted by partner group from a dot vote, as from a gradient', () => {
    const dots = (group: 'patient' | 'clinician', idea: string) => ({
      group,
      ballot: { kind: 'dots' as const, dots: new Map([[idea, 1]]) },
    })
    const ballots = [
      ...Array.from({ length: 3 }, () => dots('patient', 'a')),
      ...Array.from({ length: 4 }, () => dots('clinician', 'b')),
    ]
    const result = tally({ kind: 'dots', budget: 3, perItemCap: 2, hidden: true }, ballots, true)
    // Everyone in the workshop, as the page knows it: 2 citizens and a patient did not vote.
    const everyone = { patient: 4, citizen: 2, clinician: 4, other: 0 }
    const doc = new Y.Doc()
    const id = createDecision(
      doc,
      decisionFromVote(result, {
        phaseId: 'points',
        title: 'Prioriser',
        itemTexts: new Map([
          ['a', 'Idée A'],
          ['b', 'Idée B'],
        ]),
        participants: everyone,
      }),
      O,
    )
    expect(getDecision(doc, id)).toMatchObject({
      participants: { patient: 3, citizen: 0, clinician: 4, other: 0 },
      options: ['Idée B (4)', 'Idée A (3)'],
    })
  })

  it('takes the participation it is given from a result that does not count voters by group', () => {
    const old = {
      kind: 'dots',
      closed: true,
      voters: 2,
      groups: null,
      items: { a: { total: 2, byGroup: {}, otherGroups: 2 } },
    } as const
    const given = { patient: 1, citizen: 1, clinician: 0, other: 0 }
    expect(decisionFromVote(old, { phaseId: 'p', title: 'T', participants: given })).toMatchObject({
      participants: given,
    })
  })

  it('leaves out malformed records', () => {
    const doc = new Y.Doc()
    createDecision(doc, { title: 'Bonne' }, O)
    decisionsMap(doc).set('bad', new Y.Map())
    expect(listDecisions(doc).map((d) => d.title)).toEqual(['Bonne'])
  })
})
