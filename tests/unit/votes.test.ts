import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { PARTNER_GROUPS, type PartnerGroup } from '../../shared/groups.ts'
import { addBox, createCanvas, deleteItems, readCanvasContent } from '../../shared/schema/index.ts'
import { privatePolicy } from '../../shared/schema/policy.ts'
import {
  type Ballot,
  ballotProblem,
  ballotToCount,
  NO_ITEMS,
  type PhaseVote,
  PRIVATE_VOTES_ROOT,
  readBallot,
  setConsent,
  setDots,
  setGradient,
  splitGroups,
  tally,
  voteItems,
  voteResult,
} from '../../shared/schema/votes.ts'
import type { TemplatePhase } from '../../shared/template.ts'
import { newWorkshop } from '../helpers/workshopDoc.ts'

const O = 'test'
const dots: PhaseVote = { kind: 'dots', budget: 3, perItemCap: 2, hidden: true }
const kaner: PhaseVote = {
  kind: 'gradient',
  scale: 'kaner',
  proposal: { fr: 'P', en: 'P' },
  hidden: true,
}
const consent: PhaseVote = { kind: 'consent', proposal: { fr: 'P', en: 'P' }, hidden: true }
/** Every id is an idea of the vote: for the checks that are not about which ids. */
const anyId = () => true
/** The keys a `{}` dictionary trips over. */
const HOSTILE = ['constructor', '__proto__', 'toString', 'hasOwnProperty'] as const

/** A workshop at a dot vote on canvas `idees`, with two ideas there and what is not an idea. */
const dotVoteWorkshop = (focus: TemplatePhase['focus'] = { canvas: 'idees' }) => {
  const { doc } = newWorkshop()
  const canvas = createCanvas(doc, { id: 'idees', title: 'Idées' }, O)
  const idea = addBox(doc, canvas, { kind: 'note', x: 0, y: 0, text: 'Idée' }, O)
  const text = addBox(doc, canvas, { kind: 'text', x: 0, y: 200, text: 'Texte' }, O)
  const frame = addBox(doc, canvas, { kind: 'frame', x: 0, y: 400, text: 'Zone' }, O)
  const shape = addBox(doc, canvas, { kind: 'shape', x: 0, y: 900, text: '' }, O)
  const elsewhere = createCanvas(doc, { title: 'Ailleurs' }, O)
  const away = addBox(doc, elsewhere, { kind: 'note', x: 0, y: 0, text: 'Hors vote' }, O)
  const phase: TemplatePhase = {
    id: 'vote',
    title: { fr: 'Vote', en: 'Vote' },
    instructions: { fr: 'Votez', en: 'Vote' },
    ...(focus ? { focus } : {}),
    allow: { write: false, move: false, vote: true, seeOthers: true },
    vote: dots,
  }
  return { doc, canvas, phase, idea, text, frame, shape, away }
}

describe('ballots', () => {
  it('checks a dot ballot against the budget and the per-item cap', () => {
    const doc = new Y.Doc()
    setDots(doc, 'vote', 'a', 2, O)
    setDots(doc, 'vote', 'b', 1, O)
    expect(ballotProblem(doc, dots, 'vote', anyId)).toBeNull()
    setDots(doc, 'vote', 'c', 1, O)
    expect(ballotProblem(doc, dots, 'vote', anyId)).toBe('4 dots used, the budget is 3')
    setDots(doc, 'vote', 'c', 0, O)
    setDots(doc, 'vote', 'b', 0, O)
    setDots(doc, 'vote', 'a', 3, O)
    expect(ballotProblem(doc, dots, 'vote', anyId)).toMatch(/at most 2 dots on one item/)
  })

  it('reads every id of a dot ballot, __proto__ included, into a Map', () => {
    const doc = new Y.Doc()
    for (const id of HOSTILE) setDots(doc, 'vote', id, 1, O)
    expect(readBallot(doc, dots, 'vote')).toEqual({
      kind: 'dots',
      dots: new Map(HOSTILE.map((id) => [id, 1])),
    })
  })

  it.each(HOSTILE)('refuses a dot on "%s", which is not an idea of the vote', (id) => {
    const { doc, phase } = dotVoteWorkshop()
    const mine = new Y.Doc()
    setDots(mine, 'vote', id, 1, O)
    expect(ballotProblem(mine, dots, 'vote', voteItems(doc, phase))).toBe(
      `"${id}" is not an item of this vote`,
    )
  })

  it("takes dots on the notes and texts of the vote's canvas only", () => {
    const { doc, phase, idea, text, frame, shape, away } = dotVoteWorkshop()
    const isItem = voteItems(doc, phase)
    expect([idea, text, frame, shape, away, 'no-such-idea'].map(isItem)).toEqual([
      true,
      true,
      false,
      false,
      false,
      false,
    ])
    // Without a canvas to focus on, the vote is on every canvas (as the board shows it).
    const { doc: open, phase: everywhere, away: there } = dotVoteWorkshop({ document: 'plan' })
    expect(voteItems(open, everywhere)(there)).toBe(true)
    // A gradient or a consent round is about no idea at all.
    expect(voteItems(doc, { ...phase, vote: kaner })(idea)).toBe(false)
    expect(NO_ITEMS(idea)).toBe(false)
  })

  it('never takes dots on an idea whose id is __proto__, which JSON results cannot hold', () => {
    const { doc, canvas, phase } = dotVoteWorkshop()
    // A note a hostile client wrote with plain Yjs (addBox makes random ids).
    const items = (doc.getMap('canvases').get(canvas) as Y.Map<unknown>).get('items') as Y.Map<
      Y.Map<unknown>
    >
    const note = new Y.Map<unknown>()
    items.set('__proto__', note)
    for (const [key, value] of Object.entries({
      id: '__proto__',
      kind: 'note',
      x: 0,
      y: 0,
      w: 160,
      h: 160,
      z: 9,
      createdBy: '',
      createdAt: 1,
      colour: null,
      group: null,
      shape: null,
      frame: null,
      cluster: null,
    }))
      note.set(key, value)
    note.set('text', new Y.Text('Piège'))
    expect(readCanvasContent(doc, canvas).items.map((item) => item.id)).toContain('__proto__')
    expect(voteItems(doc, phase)('__proto__')).toBe(false)
  })

  it('requires a reason to object, not to consent', () => {
    const doc = new Y.Doc()
    setConsent(doc, 'round', { value: 'consent', reason: '' }, O)
    expect(ballotProblem(doc, consent, 'round', NO_ITEMS)).toBeNull()
    setConsent(doc, 'round', { value: 'objection', reason: '   ' }, O)
    expect(ballotProblem(doc, consent, 'round', NO_ITEMS)).toBe('an objection needs a reason')
    setConsent(doc, 'round', { value: 'objection', reason: 'Risque pour la confidentialité' }, O)
    expect(ballotProblem(doc, consent, 'round', NO_ITEMS)).toBeNull()
  })

  it('refuses a gradient point outside the scale', () => {
    const doc = new Y.Doc()
    setGradient(doc, 'g', 8, O)
    expect(readBallot(doc, kaner, 'g')).toEqual({ kind: 'gradient', value: 8 })
    setGradient(doc, 'g', 9, O)
    expect(ballotProblem(doc, kaner, 'g', NO_ITEMS)).toBe('malformed ballot')
  })
})

describe('the write policy of a private document', () => {
  /** What the server says of `change` made to `mine` by a participant. */
  const judge = (workshop: Y.Doc, mine: Y.Doc, change: () => void): string | null => {
    const check = privatePolicy.begin(mine, workshop)
    let verdict: string | null = null
    const onTransaction = (transaction: Y.Transaction) => {
      verdict ??=
        check(transaction, { role: 'participant', participantId: 'owner-of-mine' })?.detail ?? null
    }
    mine.on('afterTransaction', onTransaction)
    change()
    mine.off('afterTransaction', onTransaction)
    return verdict
  }
  const running = (doc: Y.Doc, phase: TemplatePhase) => {
    const flow = doc.getMap('flow')
    flow.set('phases', [phase])
    flow.set('phase', 0)
    flow.set('status', 'running')
  }

  it('refuses a dot on an id that is not an idea of the running vote', () => {
    const { doc, phase, idea, away } = dotVoteWorkshop()
    running(doc, phase)
    // Each on a fresh ballot: nothing reverts a refused change here.
    const dot = (id: string) => {
      const mine = new Y.Doc()
      return judge(doc, mine, () => setDots(mine, 'vote', id, 1, O))
    }
    for (const id of [...HOSTILE, away]) expect(dot(id)).toBe(`"${id}" is not an item of this vote`)
    expect(dot(idea)).toBeNull()
  })

  it('lets a ballot keep, and take back, dots on an idea deleted since', () => {
    const { doc, canvas, phase, idea, text } = dotVoteWorkshop()
    running(doc, phase)
    const mine = new Y.Doc()
    setDots(mine, 'vote', idea, 1, O)
    deleteItems(doc, canvas, [idea], O)
    expect(judge(doc, mine, () => setDots(mine, 'vote', text, 1, O))).toBeNull()
    expect(judge(doc, mine, () => setDots(mine, 'vote', idea, 0, O))).toBeNull()
    expect(judge(doc, mine, () => setDots(mine, 'vote', idea, 1, O))).toMatch(/not an item/)
  })
})

describe('ballots as the tally counts them', () => {
  it('leaves out a ballot that breaks the rules, saying why', () => {
    const { doc, phase, idea, text } = dotVoteWorkshop()
    const mine = new Y.Doc()
    setDots(mine, 'vote', idea, 2, O)
    setDots(mine, 'vote', text, 2, O)
    expect(ballotToCount(mine, dots, 'vote', voteItems(doc, phase))).toEqual({
      problem: '4 dots used, the budget is 3',
    })
    mine.getMap<Y.Map<unknown>>(PRIVATE_VOTES_ROOT).get('vote')?.set(idea, 'many')
    expect(ballotToCount(mine, dots, 'vote', voteItems(doc, phase))).toEqual({
      problem: 'malformed ballot',
    })
    expect(ballotToCount(new Y.Doc(), dots, 'vote', voteItems(doc, phase))).toBeNull()
  })

  it('counts only the dots on ideas of the vote, and says which ids it did not', () => {
    const { doc, phase, idea } = dotVoteWorkshop()
    const mine = new Y.Doc()
    setDots(mine, 'vote', idea, 1, O)
    setDots(mine, 'vote', 'constructor', 1, O)
    setDots(mine, 'vote', '__proto__', 1, O)
    expect(ballotToCount(mine, dots, 'vote', voteItems(doc, phase))).toEqual({
      ballot: { kind: 'dots', dots: new Map([[idea, 1]]) },
      notItems: ['constructor', '__proto__'],
    })
  })
})

/** `n` voters of `group`, each with `ballot`. */
const times = <B extends Ballot>(n: number, group: PartnerGroup, ballot: B) =>
  Array.from({ length: n }, () => ({ group, ballot }))

describe('tallies', () => {
  it('adds up dots per item and per partner group', () => {
    const patientBallot = {
      kind: 'dots',
      dots: new Map([
        ['a', 2],
        ['b', 1],
      ]),
    } as const
    const result = tally(
      dots,
      [
        ...times(3, 'patient', patientBallot),
        ...times(3, 'citizen', { kind: 'dots', dots: new Map([['a', 1]]) }),
      ],
      true,
    )
    expect(result).toEqual({
      kind: 'dots',
      closed: true,
      voters: 6,
      votersByGroup: { patient: 3, citizen: 3, clinician: 0, other: 0 },
      groups: { shown: ['patient', 'citizen'], folded: [] },
      items: {
        a: { total: 9, byGroup: { patient: 6, citizen: 3 }, otherGroups: 0 },
        b: { total: 3, byGroup: { patient: 3, citizen: 0 }, otherGroups: 0 },
      },
    })
  })

  it('adds up dots on ideas whose ids are the names of Object.prototype members', () => {
    const ballot = (count: number) =>
      ({ kind: 'dots', dots: new Map(HOSTILE.map((id) => [id, count])) }) as const
    const result = tally(
      dots,
      [...times(3, 'patient', ballot(1)), ...times(3, 'clinician', ballot(2))],
      true,
    )
    if (result.kind !== 'dots') throw new Error('expected a dot result')
    expect(Object.keys(result.items)).toEqual([...HOSTILE])
    for (const id of HOSTILE) {
      expect(Object.getOwnPropertyDescriptor(result.items, id)?.value).toEqual({
        total: 9,
        byGroup: { patient: 3, clinician: 6 },
        otherGroups: 0,
      })
    }
    expect(Object.getPrototypeOf(result.items)).toBe(Object.prototype)
    expect('total' in Object).toBe(false)
    expect({}.constructor).toBe(Object)
  })

  it('counts a gradient of agreement per point and per group', () => {
    const result = tally(
      { ...kaner, scale: 'five' },
      [
        ...times(3, 'clinician', { kind: 'gradient', value: 5 }),
        ...times(2, 'patient', { kind: 'gradient', value: 5 }),
        { group: 'patient', ballot: { kind: 'gradient', value: 2 } },
      ],
      true,
    )
    expect(result).toMatchObject({
      kind: 'gradient',
      closed: true,
      voters: 6,
      counts: [0, 1, 0, 0, 5],
      byGroup: { patient: [0, 1, 0, 0, 2], clinician: [0, 0, 0, 0, 3] },
      otherGroups: [0, 0, 0, 0, 0],
    })
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

describe('tallies: no group of fewer than 3 voters is shown, nor left to subtraction', () => {
  const gradient = (group: PartnerGroup, value: number) =>
    ({ group, ballot: { kind: 'gradient', value } }) as const
  const five = { ...kaner, scale: 'five' } as const
  const votersOf = (counts: Partial<Record<PartnerGroup, number>>) =>
    PARTNER_GROUPS.flatMap((group) =>
      Array.from({ length: counts[group] ?? 0 }, () => gradient(group, 3)),
    )

  it('shows nothing by group for one patient and four clinicians (the clinicians would show her)', () => {
    const result = tally(
      five,
      [gradient('patient', 1), ...Array.from({ length: 4 }, () => gradient('clinician', 5))],
      true,
    )
    expect(result).toMatchObject({
      counts: [1, 0, 0, 0, 4],
      groups: { shown: [], folded: ['patient', 'clinician'] },
      byGroup: {},
      otherGroups: [1, 0, 0, 0, 4],
    })
  })

  it('folds groups of 1–2 into "other groups", then the smallest shown group while those hold 1–2', () => {
    const split = (counts: Partial<Record<PartnerGroup, number>>) => {
      const result = tally(five, votersOf(counts), true)
      return result.groups
    }
    expect(split({ patient: 3, clinician: 4 })).toEqual({
      shown: ['patient', 'clinician'],
      folded: [],
    })
    // Three lone voters together are three: they fold, the clinicians stay.
    expect(split({ patient: 1, citizen: 1, other: 1, clinician: 4 })).toEqual({
      shown: ['clinician'],
      folded: ['patient', 'citizen', 'other'],
    })
    // A lone citizen beside 3 patients and 5 clinicians: the patients join her.
    expect(split({ patient: 3, citizen: 1, clinician: 5 })).toEqual({
      shown: ['clinician'],
      folded: ['patient', 'citizen'],
    })
    // Equal sizes: the group listed last folds, so patient partners stay visible.
    expect(split({ patient: 3, citizen: 2, clinician: 3 })).toEqual({
      shown: ['patient'],
      folded: ['citizen', 'clinician'],
    })
    expect(split({ patient: 2 })).toEqual({ shown: [], folded: ['patient'] })
    expect(split({})).toEqual({ shown: [], folded: [] })
  })

  it('leaves every figure a reader can compute at 0 or at least 3 voters, for every mix of groups', () => {
    const sizes = [0, 1, 2, 3, 4, 5]
    for (const patient of sizes)
      for (const citizen of sizes)
        for (const clinician of sizes)
          for (const other of sizes) {
            const counts = { patient, citizen, clinician, other }
            const { shown, folded } = splitGroups(counts)
            const why = JSON.stringify(counts)
            for (const group of shown) expect(counts[group], why).toBeGreaterThanOrEqual(3)
            // With no group shown, the folded groups are the total, which every result shows.
            const rest = folded.reduce((n, group) => n + counts[group], 0)
            expect(rest === 0 || rest >= 3 || shown.length === 0, why).toBe(true)
            // Every group with voters is either shown or folded, never both.
            expect([...shown, ...folded].sort(), why).toEqual(
              PARTNER_GROUPS.filter((group) => counts[group] > 0).sort(),
            )
          }
  })

  it('adds up the folded groups, per item, and shows the others as they are', () => {
    const dot = (group: PartnerGroup, item: string) =>
      ({ group, ballot: { kind: 'dots', dots: new Map([[item, 1]]) } }) as const
    const result = tally(
      dots,
      [
        dot('patient', 'a'),
        dot('citizen', 'a'),
        dot('other', 'b'),
        ...Array.from({ length: 3 }, () => dot('clinician', 'b')),
      ],
      true,
    )
    expect(result).toEqual({
      kind: 'dots',
      closed: true,
      voters: 6,
      // Who took part, by group: not what any of them voted.
      votersByGroup: { patient: 1, citizen: 1, clinician: 3, other: 1 },
      groups: { shown: ['clinician'], folded: ['patient', 'citizen', 'other'] },
      items: {
        a: { total: 2, byGroup: { clinician: 0 }, otherGroups: 2 },
        b: { total: 4, byGroup: { clinician: 3 }, otherGroups: 1 },
      },
    })
  })

  it('never splits live totals by group: a change of group between two of them shows nothing', () => {
    const before = tally(five, [...votersOf({ clinician: 4 }), gradient('patient', 1)], false)
    const after = tally(
      five,
      [...votersOf({ clinician: 3 }), gradient('citizen', 3), gradient('patient', 1)],
      false,
    )
    for (const result of [before, after]) {
      expect(result).toMatchObject({ closed: false, groups: null, byGroup: {} })
      expect(result).not.toHaveProperty('votersByGroup')
    }
    expect(after).toEqual(before)
  })

  it('reads a result published before the split was checked as totals only', () => {
    const legacy = {
      kind: 'consent',
      closed: true,
      voters: 2,
      counts: { consent: 1, concern: 0, objection: 1 },
      byGroup: {
        patient: { consent: 0, concern: 0, objection: 1 },
        citizen: { consent: 1, concern: 0, objection: 0 },
        clinician: { consent: 0, concern: 0, objection: 0 },
        other: { consent: 0, concern: 0, objection: 0 },
      },
      reasons: [{ value: 'objection', reason: 'Non' }],
    }
    expect(voteResult.parse(legacy)).toEqual({
      ...legacy,
      groups: null,
      byGroup: {},
      otherGroups: { consent: 1, concern: 0, objection: 1 },
    })
    const legacyDots = {
      kind: 'dots',
      closed: true,
      voters: 1,
      items: { a: { total: 2, byGroup: { patient: 2, citizen: 0, clinician: 0, other: 0 } } },
    }
    expect(voteResult.parse(legacyDots)).toEqual({
      ...legacyDots,
      groups: null,
      items: { a: { total: 2, byGroup: {}, otherGroups: 2 } },
    })
  })
})
