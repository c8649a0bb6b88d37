import { describe, expect, it } from 'vitest'
import { anyDue, dueItems } from '../../shared/schema/due.ts'
import {
  addAction,
  createDecision,
  setDecisionStatus,
  updateAction,
  updateDecision,
} from '../../shared/schema/index.ts'
import { labDay } from '../../shared/schema/sessionFields.ts'
import { newWorkshop } from '../helpers/workshopDoc.ts'

/**
 * What a lab's next session reviews (`dueItems`): the plan's open actions whose day has come
 * and the decisions whose review date has come, late ones first. Days are Montréal's.
 */

const O = 'test'
/** A time in Montréal, as a wall clock there reads it (`-05:00` in winter, `-04:00` in summer). */
const at = (isoWithOffset: string) => Date.parse(isoWithOffset)
const lab = () => newWorkshop().doc

describe('what is due', () => {
  it('an action due today is due, not late, until midnight in Montréal (23:30 there is 04:30 UTC the next day)', () => {
    const doc = lab()
    addAction(doc, { title: 'Appeler la CDC', owner: 'Léo', due: '2027-03-04' }, O, 1)
    const today = labDay(at('2027-03-04T23:30:00-05:00'))
    expect(today).toBe('2027-03-04')
    expect(dueItems(doc, today)).toEqual([
      expect.objectContaining({
        kind: 'action',
        title: 'Appeler la CDC',
        owner: 'Léo',
        day: '2027-03-04',
        late: false,
        target: { tab: 'plan', id: expect.any(String) },
      }),
    ])
    // Midnight in Montréal: it is late.
    const next = labDay(at('2027-03-05T00:00:00-05:00'))
    expect(dueItems(doc, next)).toEqual([expect.objectContaining({ late: true })])
  })

  it('UTC midnight does not move the day: at 19:00 in Montréal, tomorrow’s action is not due yet', () => {
    const doc = lab()
    addAction(doc, { title: 'Aujourd’hui', due: '2027-03-04' }, O, 1)
    addAction(doc, { title: 'Demain', due: '2027-03-05' }, O, 2)
    const today = labDay(at('2027-03-05T00:00:00Z'))
    expect(today).toBe('2027-03-04')
    expect(dueItems(doc, today).map((item) => [item.title, item.late])).toEqual([
      ['Aujourd’hui', false],
    ])
    // In summer time too (UTC-4): 20:30 on 1 July is 00:30 UTC on the 2nd.
    addAction(doc, { title: 'Juillet', due: '2027-07-02' }, O, 3)
    expect(
      dueItems(doc, labDay(at('2027-07-02T00:30:00Z'))).map((item) => item.title),
    ).not.toContain('Juillet')
    expect(dueItems(doc, labDay(at('2027-07-02T04:00:00Z'))).map((item) => item.title)).toContain(
      'Juillet',
    )
  })

  it('lists open actions only: done ones, undated ones and later ones are not due', () => {
    const doc = lab()
    addAction(doc, { title: 'Sans date' }, O, 1)
    const done = addAction(doc, { title: 'Faite', due: '2027-03-01' }, O, 2)
    updateAction(doc, done, { status: 'done' }, O)
    const doing = addAction(doc, { title: 'En cours', due: '2027-03-01' }, O, 3)
    updateAction(doc, doing, { status: 'doing' }, O)
    addAction(doc, { title: 'Plus tard', due: '2027-03-05' }, O, 4)
    expect(dueItems(doc, '2027-03-04')).toEqual([
      {
        kind: 'action',
        id: doing,
        title: 'En cours',
        owner: null,
        day: '2027-03-01',
        late: true,
        status: 'doing',
        target: { tab: 'plan', id: doing },
      },
    ])
  })

  it('lists decisions whose review date has come, until the group settles them on or after that day', () => {
    const doc = lab()
    const march = Date.parse('2027-03-04T10:00:00-05:00')
    const april = Date.parse('2027-04-05T10:00:00-04:00')
    const proposed = createDecision(doc, { title: 'Proposée', reviewDate: '2027-04-05' }, O, march)
    const adopted = createDecision(doc, { title: 'Adoptée', reviewDate: '2027-04-01' }, O, march)
    setDecisionStatus(doc, adopted, 'adopted', O, { now: march })
    // Under review since the review day: still to settle.
    const revisited = createDecision(doc, { title: 'À revoir', reviewDate: '2027-04-01' }, O, march)
    setDecisionStatus(doc, revisited, 'adopted', O, { now: march })
    setDecisionStatus(doc, revisited, 'revisited', O, { now: april })
    // Reviewed: adopted again on its review day.
    const reviewed = createDecision(doc, { title: 'Revue', reviewDate: '2027-04-05' }, O, march)
    setDecisionStatus(doc, reviewed, 'adopted', O, { now: march })
    setDecisionStatus(doc, reviewed, 'revisited', O, { now: april })
    setDecisionStatus(doc, reviewed, 'adopted', O, { now: april })
    // Closed: superseded by another.
    const replaced = createDecision(doc, { title: 'Remplacée', reviewDate: '2027-03-10' }, O, march)
    setDecisionStatus(doc, replaced, 'superseded', O, { supersededBy: proposed, now: march })
    createDecision(doc, { title: 'Sans révision' }, O, march)
    createDecision(doc, { title: 'Plus tard', reviewDate: '2027-05-01' }, O, march)

    expect(dueItems(doc, '2027-04-05')).toEqual([
      // Both late since 1 April: by title.
      expect.objectContaining({ id: revisited, late: true, status: 'revisited' }),
      {
        kind: 'decision',
        id: adopted,
        title: 'Adoptée',
        owner: null,
        day: '2027-04-01',
        late: true,
        status: 'adopted',
        target: { tab: 'decisions', id: adopted },
      },
      expect.objectContaining({ id: proposed, late: false, status: 'proposed' }),
    ])
    // A review date moved on is no longer due.
    updateDecision(doc, adopted, { reviewDate: '2027-06-01' }, O)
    expect(dueItems(doc, '2027-04-05').map((item) => item.id)).not.toContain(adopted)
  })

  it('puts late items first, then by day, actions before decisions on the same day', () => {
    const doc = lab()
    const decision = createDecision(doc, { title: 'Décision', reviewDate: '2027-03-01' }, O, 1)
    addAction(doc, { title: 'Aujourd’hui', due: '2027-03-04' }, O, 2)
    addAction(doc, { title: 'Le 1er', due: '2027-03-01' }, O, 3)
    addAction(doc, { title: 'Le 2', due: '2027-03-02' }, O, 4)
    expect(
      dueItems(doc, '2027-03-04').map((item) => [item.title, item.day, item.late, item.kind]),
    ).toEqual([
      ['Le 1er', '2027-03-01', true, 'action'],
      ['Décision', '2027-03-01', true, 'decision'],
      ['Le 2', '2027-03-02', true, 'action'],
      ['Aujourd’hui', '2027-03-04', false, 'action'],
    ])
    expect(dueItems(doc, '2027-03-04').find((item) => item.kind === 'decision')?.target).toEqual({
      tab: 'decisions',
      id: decision,
    })
  })

  it('finds nothing in a document without a plan or decisions', () => {
    expect(dueItems(lab(), '2027-03-04')).toEqual([])
    expect(anyDue(lab(), '2027-03-04')).toBe(false)
  })

  it('says cheaply whether anything may be due: never no when something is', () => {
    const doc = lab()
    const done = addAction(doc, { title: 'Faite', due: '2027-03-01' }, O, 1)
    updateAction(doc, done, { status: 'done' }, O)
    addAction(doc, { title: 'Plus tard', due: '2027-03-05' }, O, 2)
    const replaced = createDecision(doc, { title: 'Remplacée', reviewDate: '2027-03-01' }, O, 3)
    const other = createDecision(doc, { title: 'Autre' }, O, 4)
    setDecisionStatus(doc, replaced, 'superseded', O, { supersededBy: other })
    expect(dueItems(doc, '2027-03-04')).toEqual([])
    expect(anyDue(doc, '2027-03-04')).toBe(false)
    // The day comes: both agree.
    expect(dueItems(doc, '2027-03-05')).toHaveLength(1)
    expect(anyDue(doc, '2027-03-05')).toBe(true)
    const decision = createDecision(doc, { title: 'À revoir', reviewDate: '2027-03-04' }, O, 5)
    expect(anyDue(doc, '2027-03-04')).toBe(true)
    expect(dueItems(doc, '2027-03-04').map((item) => item.id)).toEqual([decision])
  })
})
