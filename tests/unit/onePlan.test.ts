import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  addAction,
  displayTitle,
  endWorkshop,
  listCanvases,
  listDocuments,
  listSessions,
  migrate,
  planSession,
  readFlow,
  readPlainText,
  readPlan,
  readSchemaVersion,
  renameCanvas,
  SCHEMA_VERSION,
  sectionBody,
  startSession,
} from '../../shared/schema/index.ts'
import { workshopTemplate } from '../../shared/template.ts'
import { newWorkshop, shippedTemplate } from '../helpers/workshopDoc.ts'

/**
 * A lab has one plan, the open plan (sections, actions with their owner and date, open
 * questions: shared/schema/plan.ts), the one its Plan tab, versions and their diffs show. The
 * « Plan ouvert » template used to write its plan in a document beside it, so a person found
 * two plans, the one in the Plan tab empty.
 */

const template = shippedTemplate('plan-ouvert')
const sectionText = (doc: Y.Doc, id: string) => {
  const body = sectionBody(doc, id)
  return body ? readPlainText(body) : ''
}

describe('the « Plan ouvert » template', () => {
  it('starts the plan itself: its sections with their text and its open question, no document beside it', () => {
    const { doc } = newWorkshop({ templateId: 'plan-ouvert' }, template)
    const plan = readPlan(doc)
    expect(plan.sections.map((section) => section.title)).toEqual([
      'Où en sommes-nous?',
      'Traverser la rivière ensemble',
      'Ce qui change',
    ])
    expect(sectionText(doc, plan.sections[0]?.id ?? '')).toContain(
      'depuis 18 mois (GMF Notre-Dame)',
    )
    expect(plan.questions.map((question) => question.text)).toEqual([
      template.content.plan?.questions[0]?.text.fr,
    ])
    expect(plan.questions[0]?.text).toMatch(/^À quoi ressemble concrètement/)
    expect(plan.actions).toEqual([])
    expect(listDocuments(doc)).toEqual([])
    expect(listCanvases(doc).map((canvas) => canvas.title)).toEqual(['Nos notes pour le plan'])
    // Every step that was about the plan's document is about the plan.
    const foci = readFlow(doc).phases.map((phase) => phase.focus)
    expect(foci.filter((focus) => focus && 'plan' in focus)).toHaveLength(4)
    expect(foci.some((focus) => focus && 'document' in focus)).toBe(false)
  })

  it('is seeded in English for a workshop in English', () => {
    const { doc } = newWorkshop({ templateId: 'plan-ouvert', locale: 'en' }, template)
    expect(readPlan(doc).sections.map((section) => section.title)).toEqual([
      'Where are we?',
      'Crossing the river together',
      'What changes',
    ])
  })

  it('leaves the plan as the group left it when a later session runs it again', () => {
    const { doc } = newWorkshop({ templateId: 'plan-ouvert' }, template)
    const [first] = listSessions(doc)
    startSession(doc, first?.id ?? '', template, 'test', 0)
    addAction(doc, { title: 'Inviter la CDC', owner: 'Julie' }, 'test')
    endWorkshop(doc, 'test')
    const next = planSession(
      doc,
      { title: 'Mai', templateId: template.id, date: '2027-05-01' },
      'test',
      1,
    )
    startSession(doc, next, template, 'test', 2)
    const plan = readPlan(doc)
    expect(plan.sections).toHaveLength(3)
    expect(plan.questions).toHaveLength(1)
    expect(plan.actions.map((action) => action.title)).toEqual(['Inviter la CDC'])
  })

  it('refuses a template plan whose section title the plan could not hold', () => {
    const long = { ...template.content.plan }
    const parsed = workshopTemplate.safeParse({
      ...template,
      content: {
        ...template.content,
        plan: {
          ...long,
          sections: [{ title: { fr: 'x'.repeat(121), en: 'x' }, body: { fr: 'a', en: 'a' } }],
        },
      },
    })
    expect(parsed.success).toBe(false)
  })
})

describe('a « Plan ouvert » workshop made when its plan was a document', () => {
  const fixture = JSON.parse(readFileSync('tests/fixtures/before-one-plan.json', 'utf8')) as {
    plan: { state: string }
  }
  const load = () => {
    const doc = new Y.Doc()
    Y.applyUpdate(doc, Buffer.from(fixture.plan.state, 'base64'))
    return doc
  }

  it('opens with the document’s text in the plan, section by section, and no document beside it', () => {
    const doc = load()
    expect(readSchemaVersion(doc)).toBe(6)
    expect(listDocuments(doc).map((entry) => entry.id)).toEqual(['plan-ouvert'])
    expect(migrate(doc)).toBe(true)
    expect(readSchemaVersion(doc)).toBe(SCHEMA_VERSION)
    expect(listDocuments(doc)).toEqual([])
    const plan = readPlan(doc)
    expect(plan.sections.map((section) => section.title)).toEqual([
      'Où en sommes-nous?',
      'Traverser la rivière ensemble',
      'Prochains pas',
      'Questions ouvertes',
      'Ce qui change',
    ])
    const [where, , , , changes] = plan.sections
    expect(sectionText(doc, where?.id ?? '')).toContain('Financement de démarrage')
    // What the group wrote in the document is in the plan.
    expect(sectionText(doc, changes?.id ?? '')).toContain('Le comité se réunit chaque mois')
    // The headings are the sections' titles, not repeated in their text.
    expect(sectionText(doc, where?.id ?? '')).not.toContain('Où en sommes-nous?')
    // The flow, running at « Mettre le plan à jour », is about the plan.
    const flow = readFlow(doc)
    expect(flow.status).toBe('running')
    expect(flow.phase?.id).toBe('mise-a-jour-du-plan')
    expect(flow.phase?.focus).toEqual({ plan: true })
    expect(flow.phases.some((phase) => phase.focus && 'document' in phase.focus)).toBe(false)
    // Its canvas, titled as the plan was, says what it holds: notes for the plan.
    const canvas = listCanvases(doc).find((entry) => entry.id === 'plan')
    expect(canvas && [displayTitle(canvas, 'fr'), displayTitle(canvas, 'en')]).toEqual([
      'Nos notes pour le plan',
      'Our notes for the plan',
    ])
  })

  it('keeps a canvas title the group chose', () => {
    const doc = load()
    renameCanvas(doc, 'plan', 'Notre tableau', 'facilitator')
    migrate(doc)
    expect(listCanvases(doc).find((entry) => entry.id === 'plan')?.title).toBe('Notre tableau')
  })

  it('gives the plan the same sections each time an old state is migrated (a version’s diff compares them)', () => {
    const a = load()
    const b = load()
    migrate(a)
    migrate(b)
    expect(readPlan(a).sections).toEqual(readPlan(b).sections)
  })

  it('keeps a plan the group already wrote in, and the document then', () => {
    const doc = load()
    addAction(doc, { title: 'Inviter la CDC' }, 'test')
    migrate(doc)
    expect(listDocuments(doc).map((entry) => entry.id)).toEqual(['plan-ouvert'])
    expect(readPlan(doc).actions.map((action) => action.title)).toEqual(['Inviter la CDC'])
    expect(readFlow(doc).phase?.focus).toEqual({ document: 'plan-ouvert' })
  })
})
