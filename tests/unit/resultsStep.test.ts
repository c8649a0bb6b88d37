import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  endWorkshop,
  listSessions,
  migrate,
  planSession,
  readFlow,
  startSession,
} from '../../shared/schema/index.ts'
import { readResult } from '../../shared/schema/votes.ts'
import { workshopTemplate } from '../../shared/template.ts'
import { newWorkshop, shippedTemplate } from '../helpers/workshopDoc.ts'

/**
 * A step that looks back at earlier votes (« Regardons les niveaux d’accord ») names them
 * (`results`), so the step card, the phone and the projector show their results rather than
 * the step's canvas alone.
 */

const charter = shippedTemplate('charte-des-roles')
const AGREEMENTS = [
  'accord-cliniciens-partenaires',
  'accord-patients-partenaires',
  'accord-citoyens-partenaires',
]

describe('a step that looks at earlier votes', () => {
  it('« Ce qui reste à travailler » names the three charters’ votes', () => {
    const suite = charter.phases.find((phase) => phase.id === 'suite')
    expect(suite?.results).toEqual(AGREEMENTS)
    expect(suite?.focus).toEqual({ canvas: 'idees-et-limites' })
  })

  it('may name only earlier steps with a vote', () => {
    const withResults = (index: number, results: string[]) => {
      const phases = charter.phases.map((phase, i) => (i === index ? { ...phase, results } : phase))
      return workshopTemplate.safeParse({ ...charter, phases })
    }
    expect(withResults(9, AGREEMENTS).success).toBe(true)
    // A step without a vote, a later step, and no step at all.
    for (const [index, id] of [
      [9, 'discussion-patients-partenaires'],
      [2, 'accord-cliniciens-partenaires'],
      [9, 'accord-de-personne'],
    ] as const) {
      const parsed = withResults(index, [id])
      expect(parsed.success).toBe(false)
      expect(parsed.error?.issues[0]?.message).toBe(
        `expected the id of an earlier phase with a vote, got "${id}"`,
      )
    }
  })

  it('names the votes of its own session when the template runs again in the lab', () => {
    const { doc } = newWorkshop({ templateId: charter.id }, charter)
    const [first] = listSessions(doc)
    startSession(doc, first?.id ?? '', charter, 'test', 0)
    endWorkshop(doc, 'test')
    const next = planSession(
      doc,
      { title: 'Mai', templateId: charter.id, date: '2027-05-01' },
      'test',
      1,
    )
    startSession(doc, next, charter, 'test', 2)
    const suite = readFlow(doc).phases.find((phase) => phase.id === 'suite-s2')
    expect(suite?.results).toEqual(AGREEMENTS.map((id) => `${id}-s2`))
  })

  it('a « Charte des rôles » workshop made before opens with its step 10 showing the three votes', () => {
    const fixture = JSON.parse(readFileSync('tests/fixtures/before-one-plan.json', 'utf8')) as {
      charter: { state: string }
    }
    const doc = new Y.Doc()
    Y.applyUpdate(doc, Buffer.from(fixture.charter.state, 'base64'))
    expect(readFlow(doc).phase?.results).toBeUndefined()
    migrate(doc)
    const flow = readFlow(doc)
    expect(flow.phase?.id).toBe('suite')
    expect(flow.phase?.results).toEqual(AGREEMENTS)
    for (const id of AGREEMENTS) expect(readResult(doc, id)?.closed).toBe(true)
    // The other steps are as they were.
    expect(flow.phases.filter((phase) => phase.results)).toHaveLength(1)
  })
})
