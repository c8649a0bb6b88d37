import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  addAction,
  addQuestion,
  addSection,
  goToPhase,
  readFlow,
  readPlainText,
  readPlan,
  sectionBody,
  setQuestion,
  updateAction,
  writePlainText,
} from '../../shared/schema/index.ts'
import { planMap } from '../../shared/schema/roots.ts'
import { joinAs } from '../helpers/people.ts'
import { useTestServers } from '../helpers/workshopServer.ts'
import { connectClient, refusalsOf, sleep, synced, waitFor } from '../helpers/yclient.ts'

/**
 * The entries of the open plan as a participant's stock client writes them (issues 15/16,
 * found from outside): any value under `plan.sections|actions|questions` was kept, relayed
 * and exported (an object, a string, 60-deep lists, 3 MB strings). Each is refused (`invalid`)
 * and reverted, as a canvas item is; what the plan panel writes is kept.
 */
const { start, track } = useTestServers()

const part = (doc: Y.Doc, name: 'sections' | 'actions' | 'questions') =>
  planMap(doc).get(name) as Y.Map<unknown>

/** A Y.Map holding `fields`. */
const entry = (fields: Record<string, unknown>) => {
  const map = new Y.Map<unknown>()
  for (const [key, value] of Object.entries(fields)) map.set(key, value)
  return map
}

describe('the entries of the open plan', () => {
  it('what is not a section, an action or a question, or is too long, is refused and reverted; the panel’s writes are kept', async () => {
    const server = await start()
    const workshop = await server.createWorkshop({ template: 'plan-ouvert' })
    const facilitator = track(
      connectClient(server.syncUrl, workshop.id, workshop.tokens.facilitator),
    )
    await synced(facilitator)
    const step = readFlow(facilitator.doc).phases.findIndex((phase) => phase.allow.write)
    goToPhase(facilitator.doc, step, 'test')
    const mallory = await joinAs(server, workshop.id, workshop.tokens.participant, 'M', 'citizen')
    track(mallory.shared)
    track(mallory.own)
    const doc = mallory.shared.doc
    await waitFor('the step', () => readFlow(doc).phaseIndex === step)
    const told = refusalsOf(mallory.shared)

    // What the plan panel writes.
    const section = addSection(doc, { title: 'Recrutement', text: 'Où en sommes-nous' }, 'test')
    const action = addAction(doc, { title: 'Écrire aux partenaires', owner: 'Mallory' }, 'test')
    updateAction(doc, action, { status: 'doing', sectionId: section }, 'test')
    const question = addQuestion(doc, { text: 'Qui finance ?' }, 'test')
    setQuestion(doc, question, { text: 'Qui finance la suite ?' }, 'test')
    const body = sectionBody(doc, section)
    if (body) writePlainText(body, 'Deux partenaires de plus')
    await waitFor('the plan at the facilitator', () => {
      const plan = readPlan(facilitator.doc)
      // Beside the question the template starts the plan with.
      const asked = plan.questions.find((entry) => entry.id === question)
      return asked?.text === 'Qui finance la suite ?' && plan.actions.length === 1
    })
    const honest = JSON.stringify(planMap(facilitator.doc).toJSON())

    let deep: unknown = 'fond'
    for (let i = 0; i < 60; i++) deep = [deep]
    const now = Date.now()
    const validAction = {
      ...{ id: 'forgedAction0001', sectionId: null, title: 'Faux', owner: '', due: null },
      ...{ status: 'todo', decisionId: null, createdAt: now },
    }
    const attempts: Array<[string, string, () => void]> = [
      [
        'an object as a section',
        'invalid',
        () => part(doc, 'sections').set('junk0000000001', { a: [1] }),
      ],
      ['a string as an action', 'invalid', () => part(doc, 'actions').set('junk0000000002', 'str')],
      ['a number as a question', 'invalid', () => part(doc, 'questions').set('junk0000000003', 5)],
      ['60-deep lists', 'invalid', () => part(doc, 'actions').set('junk0000000004', deep)],
      [
        'a 3 MB title',
        'text.tooLong',
        () =>
          part(doc, 'actions').set(
            'forgedAction0001',
            entry({ ...validAction, title: 'J'.repeat(3_000_000) }),
          ),
      ],
      [
        'a field no action has',
        'invalid',
        () => part(doc, 'actions').set('forgedAction0001', entry({ ...validAction, secret: 'x' })),
      ],
      [
        'an action under another id',
        'invalid',
        () => part(doc, 'actions').set('forgedAction0002', entry(validAction)),
      ],
      [
        'a section without its body',
        'invalid',
        () =>
          part(doc, 'sections').set(
            'forgedSection001',
            entry({ id: 'forgedSection001', title: 'Faux', rank: 'a0', status: 'done' }),
          ),
      ],
      [
        'a status no action has',
        'invalid',
        () => (part(doc, 'actions').get(action) as Y.Map<unknown>).set('status', 'lost'),
      ],
      [
        'an owner of 10,000 characters',
        'text.tooLong',
        () => (part(doc, 'actions').get(action) as Y.Map<unknown>).set('owner', 'o'.repeat(10_000)),
      ],
      [
        'a question past 2,000 characters',
        'text.tooLong',
        () => {
          const text = (part(doc, 'questions').get(question) as Y.Map<unknown>).get('text')
          ;(text as Y.Text).insert(0, 'q'.repeat(2_000))
        },
      ],
      [
        'a section body past 20,000 characters, typed in',
        'text.tooLong',
        () => {
          const paragraph = (body as Y.XmlFragment).get(0) as Y.XmlElement
          ;(paragraph.get(0) as Y.XmlText).insert(0, 'b'.repeat(20_000))
        },
      ],
      [
        'an attribute of 25,000 characters on a paragraph of a section body',
        'text.tooLong',
        () =>
          ((body as Y.XmlFragment).get(0) as Y.XmlElement).setAttribute(
            'junk',
            'a'.repeat(3_000_000),
          ),
      ],
      [
        'a link of 25,000 characters on a word of a section body',
        'text.tooLong',
        () =>
          (((body as Y.XmlFragment).get(0) as Y.XmlElement).get(0) as Y.XmlText).format(0, 4, {
            link: { href: `https://example.org/${'l'.repeat(25_000)}` },
          }),
      ],
      [
        'a new section with a body of 25,000 characters',
        'text.tooLong',
        () => {
          const long = new Y.XmlFragment()
          long.insert(0, [new Y.XmlText('x'.repeat(25_000))])
          part(doc, 'sections').set(
            'forgedSection002',
            entry({
              id: 'forgedSection002',
              title: 'Faux',
              rank: 'a1',
              status: 'done',
              body: long,
            }),
          )
        },
      ],
    ]
    for (const [what, code, attempt] of attempts) {
      const before = told.length
      attempt()
      await waitFor(`the refusal of ${what}`, () => told.length === before + 1)
      expect(told.at(-1), what).toBe(code)
      await waitFor(
        `${what} reverted at its writer`,
        () => JSON.stringify(planMap(doc).toJSON()) === honest,
      )
    }
    await sleep(100)
    expect(JSON.stringify(planMap(facilitator.doc).toJSON())).toBe(honest)
    expect(told).toHaveLength(attempts.length)

    // Up to the limit, a body is kept.
    const paragraph = (body as Y.XmlFragment).get(0) as Y.XmlElement
    ;(paragraph.get(0) as Y.XmlText).insert(0, 'b'.repeat(19_000))
    await waitFor('the long body at the facilitator', () =>
      readPlainText(sectionBody(facilitator.doc, section) as Y.XmlFragment).startsWith(
        'b'.repeat(19_000),
      ),
    )
    expect(told).toHaveLength(attempts.length)

    // Each paragraph counts: 1,500 empty ones more are past the limit.
    const kept = JSON.stringify(planMap(doc).toJSON())
    ;(body as Y.XmlFragment).insert(
      0,
      Array.from({ length: 1_500 }, () => new Y.XmlElement('paragraph')),
    )
    await waitFor(
      'the refusal of 1,500 empty paragraphs',
      () => told.length === attempts.length + 1,
    )
    expect(told.at(-1)).toBe('text.tooLong')
    await waitFor('the paragraphs reverted', () => JSON.stringify(planMap(doc).toJSON()) === kept)
  })
})
