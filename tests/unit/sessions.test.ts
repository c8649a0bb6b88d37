import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { attendanceRows, unionMinutes } from '../../server/labs/attendance.ts'
import {
  endWorkshop,
  initWorkshopDoc,
  labDay,
  listSessions,
  planSession,
  readFlow,
  SessionStateError,
  sessionDate,
  startSession,
} from '../../shared/schema/index.ts'
import { workshopTemplate } from '../../shared/template.ts'

const O = 'test'
const MIN = 60_000

describe('sessions of a lab (document)', () => {
  const template = workshopTemplate.parse(
    JSON.parse(readFileSync('templates/groupe-nominal.json', 'utf8')),
  )
  const lab = () => {
    const doc = new Y.Doc()
    initWorkshopDoc(
      doc,
      {
        title: 'Comité',
        templateId: template.id,
        locale: 'fr',
        createdAt: Date.UTC(2027, 2, 5, 3),
      },
      O,
      template,
    )
    return doc
  }

  it('gives a new workshop one session, planned, on the day it was made in Montréal', () => {
    // 3:00 UTC on 5 March is 22:00 on 4 March in Montréal.
    expect(listSessions(lab()).map((s) => [s.title, s.date, s.status, s.current])).toEqual([
      ['Comité', '2027-03-04', 'planned', true],
    ])
  })

  it('reads the current session’s status from the flow, so the flow’s buttons move it', () => {
    const doc = lab()
    const [first] = listSessions(doc)
    startSession(doc, first?.id ?? '', template, O, 0)
    expect(listSessions(doc)[0]?.status).toBe('running')
    endWorkshop(doc, O)
    expect(listSessions(doc)[0]?.status).toBe('ended')
    expect(() => startSession(doc, first?.id ?? '', template, O, 0)).toThrow(SessionStateError)
  })

  it('runs the same template again on new phase and canvas ids', () => {
    const doc = lab()
    const [first] = listSessions(doc)
    startSession(doc, first?.id ?? '', template, O, 0)
    const before = readFlow(doc).phases.map((p) => p.id)
    const next = planSession(
      doc,
      { title: 'Avril', templateId: template.id, date: '2027-04-01' },
      O,
      1,
    )
    expect(() => startSession(doc, next, template, O, 0)).toThrow(/running/)
    endWorkshop(doc, O)
    startSession(doc, next, template, O, 0)
    const after = readFlow(doc).phases.map((p) => p.id)
    expect(after).toEqual(before.map((id) => `${id}-s2`))
    expect(listSessions(doc).map((s) => [s.status, s.current])).toEqual([
      ['ended', false],
      ['running', true],
    ])
  })

  it('takes calendar days only', () => {
    expect(sessionDate.safeParse('2028-02-29').success).toBe(true)
    expect(sessionDate.safeParse('2027-02-29').success).toBe(false)
    expect(sessionDate.safeParse('2027-4-1').success).toBe(false)
    expect(labDay(Date.UTC(2027, 6, 1, 3, 59))).toBe('2027-06-30')
  })
})

describe('attendance figures', () => {
  it('counts the union of intervals: overlapping devices once, gaps not at all', () => {
    expect(unionMinutes([])).toBe(0)
    expect(
      unionMinutes([
        { startedAt: 0, endedAt: 30 * MIN },
        { startedAt: 10 * MIN, endedAt: 20 * MIN },
        { startedAt: 40 * MIN, endedAt: 45 * MIN },
      ]),
    ).toBe(35)
  })

  it('counts what a person added during a session, never below zero', () => {
    const session = {
      id: 's',
      title: 'S',
      templateId: 't',
      date: '2027-03-04',
      createdAt: 0,
      status: 'ended' as const,
      current: false,
      boards: [],
    }
    const rows = attendanceRows(
      [session],
      [{ sessionId: 's', participantId: 'p', group: 'patient', startedAt: 0, endedAt: 10 * MIN }],
      [
        { sessionId: 's', stage: 'start', participantId: 'p', notes: 2, ballots: 1, edits: 5 },
        { sessionId: 's', stage: 'end', participantId: 'p', notes: 5, ballots: 2, edits: 3 },
      ],
      new Map(),
      new Map([['p', 'citizen']]),
    )
    expect(rows).toEqual([
      {
        sessionId: 's',
        participantId: 'p',
        group: 'patient',
        minutes: 10,
        notes: 3,
        ballots: 1,
        edits: 0,
      },
    ])
  })
})
