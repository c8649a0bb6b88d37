import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { voteIdeas } from '../../client/features/phone/ideas.ts'
import { isBox } from '../../shared/canvas/kinds/index.ts'
import {
  addBox,
  type BoxItem,
  duplicateItems,
  goToPhase,
  migrate,
  PROMPT,
  readCanvasContent,
  readFlow,
} from '../../shared/schema/index.ts'
import { capturePolicyState, findViolation, privatePolicy } from '../../shared/schema/policy.ts'
import { isTemplatePrompt } from '../../shared/schema/promptMarks.ts'
import type { Refusal, Writer } from '../../shared/schema/rights.ts'
import { canvasesMap } from '../../shared/schema/roots.ts'
import { workshopToTemplate } from '../../shared/schema/toTemplate.ts'
import { ballotToCount, setDots, voteItems } from '../../shared/schema/votes.ts'
import { type TemplatePhase, workshopTemplate } from '../../shared/template.ts'
import { newWorkshop, shippedTemplate } from '../helpers/workshopDoc.ts'

/**
 * A template's seeded question ("Notre question : …") is what the room answers, not one of
 * its answers: a dot vote offers it to nobody (the board, the phone, the server's policy and
 * its tally agree), while a vote on seeded content (the intervention model's priorities, the
 * evaluation's effects) still offers that content.
 */

const O = 'test'

/** A workshop made from a shipped template, at `phaseId` (running), and that phase's notes. */
const seededAt = (templateId: string, phaseId: string) => {
  const template = shippedTemplate(templateId)
  const { doc } = newWorkshop({ templateId }, template)
  const index = template.phases.findIndex((p) => p.id === phaseId)
  const phase = template.phases[index] as TemplatePhase
  const flow = doc.getMap('flow')
  flow.set('phase', index)
  flow.set('status', 'running')
  const canvasId = phase.focus && 'canvas' in phase.focus ? phase.focus.canvas : ''
  const boxes = readCanvasContent(doc, canvasId).items.filter(isBox)
  const notes = boxes.filter((box) => box.kind === 'note')
  return { doc, phase, canvasId, boxes, notes }
}

/** What the server says of `change` to this participant's private document. */
const judgeBallot = (workshop: Y.Doc, change: (mine: Y.Doc) => void): string | null => {
  const mine = new Y.Doc()
  const check = privatePolicy.begin(mine, workshop)
  let verdict: string | null = null
  const onTransaction = (transaction: Y.Transaction) => {
    verdict ??=
      check(transaction, { role: 'participant', participantId: 'owner-of-mine' })?.detail ?? null
  }
  mine.on('afterTransaction', onTransaction)
  change(mine)
  mine.off('afterTransaction', onTransaction)
  return verdict
}

const QUESTION_VOTES = [
  ['groupe-nominal', 'premier-vote'],
  ['groupe-nominal', 'second-vote'],
  ['un-deux-quatre-tous', 'vote-facultatif'],
] as const

describe("a template's seeded question is no ballot option", () => {
  it.each(QUESTION_VOTES)('%s, %s: no dot on the question, anywhere', (templateId, phaseId) => {
    const { doc, phase, boxes, notes } = seededAt(templateId, phaseId)
    const question = notes.find((note) => note.text.startsWith('Notre question'))
    expect(question).toBeDefined()
    const id = question?.id ?? ''
    // The server's policy and its tally.
    expect(voteItems(doc, phase)(id)).toBe(false)
    expect(judgeBallot(doc, (mine) => setDots(mine, phaseId, id, 1, O))).toMatch(/not an item/)
    const mine = new Y.Doc()
    mine.getMap<Y.Map<unknown>>('votes').set(phaseId, new Y.Map([[id, 1]]))
    if (!phase.vote) throw new Error('a vote step')
    expect(ballotToCount(mine, phase.vote, phaseId, voteItems(doc, phase))).toEqual({
      ballot: { kind: 'dots', dots: new Map() },
      notItems: [id],
    })
    // The phone's list of ideas.
    const listed = voteIdeas(boxes, 'fr').flatMap((group) => group.ideas.map((idea) => idea.id))
    expect(listed).not.toContain(id)
  })

  it.each([
    ['modeliser-intervention', 'vote-des-priorites'],
    ['evaluation-participative', 'q3-vote'],
  ] as const)(
    '%s, %s: the seeded content the vote is about keeps its dots',
    (templateId, phaseId) => {
      const { doc, phase, boxes, notes } = seededAt(templateId, phaseId)
      expect(notes.length).toBeGreaterThan(0)
      for (const note of notes) expect(voteItems(doc, phase)(note.id), note.text).toBe(true)
      const listed = voteIdeas(boxes, 'fr').flatMap((group) => group.ideas.map((idea) => idea.id))
      expect(listed).toEqual(expect.arrayContaining(notes.map((note) => note.id)))
      const first = notes[0] as BoxItem
      expect(judgeBallot(doc, (mine) => setDots(mine, phaseId, first.id, 1, O))).toBeNull()
    },
  )

  it('says which seeded note is a prompt in the template, and checks the marker', () => {
    const prompts = (templateId: string) =>
      shippedTemplate(templateId).content.canvases.flatMap((canvas) =>
        canvas.notes.filter((note) => note.prompt).map((note) => note.text.fr),
      )
    expect(prompts('groupe-nominal')).toEqual([expect.stringMatching(/^Notre question/)])
    expect(prompts('un-deux-quatre-tous')).toEqual([expect.stringMatching(/^Notre question/)])
    expect(prompts('modeliser-intervention')).toEqual([])
    expect(prompts('evaluation-participative')).toEqual([])
    const withNote = (note: Record<string, unknown>) =>
      workshopTemplate.safeParse({
        id: 't',
        title: { fr: 'T', en: 'T' },
        description: { fr: 'D', en: 'D' },
        durationMinutes: 10,
        content: { canvases: [{ id: 'c', title: { fr: 'C', en: 'C' }, notes: [note] }] },
      })
    const text = { fr: 'Notre question', en: 'Our question' }
    expect(withNote({ text, prompt: true }).success).toBe(true)
    expect(withNote({ text, prompt: 'oui' }).error?.issues[0]?.path).toEqual([
      'content',
      'canvases',
      0,
      'notes',
      0,
      'prompt',
    ])
  })
})

describe('the prompt marker is the server’s, and travels with the template', () => {
  const facilitator: Writer = { role: 'facilitator', participantId: null }
  const judged = (doc: Y.Doc, change: () => void): Refusal | null => {
    const before = capturePolicyState(doc)
    let verdict: Refusal | null = null
    const judge = (transaction: Y.Transaction) => {
      verdict = findViolation(transaction, facilitator, before)
    }
    doc.on('afterTransaction', judge)
    change()
    doc.off('afterTransaction', judge)
    return verdict
  }

  it('no client marks a note a prompt, or unmarks one; a copy is an idea', () => {
    const { doc, canvasId, notes } = seededAt('groupe-nominal', 'premier-vote')
    const question = notes.find((note) => note.prompt) as BoxItem
    expect(question).toBeDefined()
    const items = canvasesMap(doc).get(canvasId)?.get('items') as Y.Map<Y.Map<unknown>>
    expect(judged(doc, () => items.get(question.id)?.delete(PROMPT))).toEqual({
      code: 'invalid',
      detail: PROMPT,
    })
    expect(
      judged(doc, () =>
        addBox(doc, canvasId, { kind: 'note', x: 0, y: 0, text: 'Q', prompt: true }, O),
      ),
    ).toEqual({ code: 'invalid', detail: PROMPT })
    let copies: string[] = []
    expect(
      judged(doc, () => {
        copies = duplicateItems(doc, canvasId, [question.id], 'facilitator')
      }),
    ).toBeNull()
    const copy = readCanvasContent(doc, canvasId).items.find((item) => item.id === copies[0])
    expect(copy && isBox(copy) && copy.prompt).toBeFalsy()
  })

  it('a workshop saved as a template keeps its prompt a prompt', () => {
    const { doc } = seededAt('groupe-nominal', 'premier-vote')
    const saved = workshopTemplate.parse(
      workshopToTemplate(doc, {
        id: 'le-mien',
        title: { fr: 'Le mien', en: 'Mine' },
        description: { fr: 'D', en: 'D' },
      }),
    )
    const notes = saved.content.canvases.flatMap((canvas) => canvas.notes)
    expect(notes.filter((note) => note.prompt).map((note) => note.text.fr)).toEqual([
      expect.stringMatching(/^Notre question/),
    ])
  })
})

describe('a workshop seeded before its question was marked a prompt', () => {
  const fixture = JSON.parse(readFileSync('tests/fixtures/before-prompts.json', 'utf8')) as Record<
    'questionEdited' | 'questionPlain',
    { state: string; question: string }
  >
  /** The stored document, migrated as the server loads it, at its vote step `phaseId`. */
  const loaded = (which: keyof typeof fixture, phaseId: string) => {
    const doc = new Y.Doc()
    Y.applyUpdate(doc, Buffer.from(fixture[which].state, 'base64'))
    expect(migrate(doc)).toBe(true)
    const { phases } = readFlow(doc)
    goToPhase(
      doc,
      phases.findIndex((p) => p.id === phaseId),
      O,
    )
    const phase = phases.find((p) => p.id === phaseId) as TemplatePhase
    const notes = readCanvasContent(doc, 'idees').items.filter(isBox)
    return { doc, phase, notes, question: fixture[which].question }
  }

  it.each([
    // Its question rewritten by the facilitator: the template's texts beside it say what it is.
    ['questionEdited', 'premier-vote', 'Une navette vers la clinique'],
    // Seeded before the template's texts were kept: its text is still the template's.
    ['questionPlain', 'vote-facultatif', 'Un repas partagé chaque mois'],
  ] as const)(
    '%s: the question takes no dot once loaded, the ideas still do',
    (which, phaseId, idea) => {
      const { doc, phase, notes, question } = loaded(which, phaseId)
      expect(notes.find((note) => note.id === question)?.prompt).toBe(true)
      expect(voteItems(doc, phase)(question)).toBe(false)
      expect(judgeBallot(doc, (mine) => setDots(mine, phaseId, question, 1, O))).toMatch(
        /not an item/,
      )
      const written = notes.find((note) => note.text === idea)
      expect(written?.prompt).toBeUndefined()
      expect(voteItems(doc, phase)(written?.id ?? '')).toBe(true)
      expect(notes.filter((note) => note.prompt)).toHaveLength(1)
    },
  )

  it('knows every question a shipped template marks, as it was seeded then and now', () => {
    for (const templateId of [
      'groupe-nominal',
      'un-deux-quatre-tous',
      'triz',
      'quoi-et-alors-maintenant',
    ]) {
      for (const note of shippedTemplate(templateId).content.canvases.flatMap((c) => c.notes)) {
        expect(isTemplatePrompt({ text: note.text.fr, seedText: note.text }), note.text.fr).toBe(
          note.prompt === true,
        )
      }
    }
  })
})
