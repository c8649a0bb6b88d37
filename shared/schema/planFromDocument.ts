import { generateKeyBetween } from 'fractional-indexing'
import * as Y from 'yjs'
import { documentBody, listDocuments } from './documents.ts'
import { rewritePhases } from './flow.ts'
import { readLocale } from './meta.ts'
import { planIsEmpty } from './plan.ts'
import { PLAN_LIMITS } from './planEntries.ts'
import { readPlainText, sectionBlocks } from './richText.ts'
import { canvasesMap, documentsMap, planMap } from './roots.ts'
import { SEED_TEXT, seedTextField } from './seedText.ts'

/**
 * Migration: the « Plan ouvert » template used to write the plan in a document (id
 * `plan-ouvert`) beside the lab's plan, which stayed empty, and titled its canvas as the plan: a
 * person found three plans. Its
 * document becomes the plan: each of its sections (cut at its top headings, as the projector
 * shows them) a section of the plan, titled by its heading, with the rest of its text as it was
 * written (formatting kept); the document goes, and the steps about it are about the plan.
 *
 * Only while the plan holds nothing (a group that already wrote in it keeps both as they are).
 * Each section's id is fixed by its place (`plan-ouvert-1`…): an old version's state is migrated
 * each time it is read, and two of them compared section by section.
 */
const DOCUMENT = 'plan-ouvert'

/**
 * The template's canvas, where the group writes notes before putting them in the plan, was
 * titled as the plan is: while its title is still the template's, it reads as what it is.
 */
const CANVAS = 'plan'
const CANVAS_TITLE_BEFORE = { fr: 'Plan ouvert et changeant', en: 'Open, changing plan' }
const CANVAS_TITLE = { fr: 'Nos notes pour le plan', en: 'Our notes for the plan' }

const retitleNotesCanvas = (doc: Y.Doc): void => {
  const canvas = canvasesMap(doc).get(CANVAS)
  if (!(canvas instanceof Y.Map)) return
  const title = canvas.get('title')
  // Seeded before the template's texts were kept, it has none beside it.
  const seed = seedTextField.parse(canvas.get(SEED_TEXT))
  const seeded = !seed || (seed.fr === CANVAS_TITLE_BEFORE.fr && seed.en === CANVAS_TITLE_BEFORE.en)
  const unedited = title === CANVAS_TITLE_BEFORE.fr || title === CANVAS_TITLE_BEFORE.en
  if (!seeded || !unedited) return
  canvas.set('title', CANVAS_TITLE[readLocale(doc)])
  canvas.set(SEED_TEXT, CANVAS_TITLE)
}

export const planFromDocument = (doc: Y.Doc): void => {
  retitleNotesCanvas(doc)
  const body = documentBody(doc, DOCUMENT)
  const info = listDocuments(doc).find((entry) => entry.id === DOCUMENT)
  if (!body || !info || !planIsEmpty(doc)) return
  const sections = planMap(doc).get('sections')
  if (!(sections instanceof Y.Map)) return
  let rank: string | null = null
  sectionBlocks(body).forEach(({ heading, blocks }, index) => {
    const written = heading ? readPlainText(heading).trim() : ''
    const title = (written || info.title.trim() || 'Plan').slice(0, PLAN_LIMITS.sectionTitle)
    const id = `${DOCUMENT}-${index + 1}`
    rank = generateKeyBetween(rank, null)
    const map = new Y.Map<unknown>()
    const text = new Y.XmlFragment()
    map.set('id', id)
    map.set('title', title)
    map.set('rank', rank)
    map.set('status', 'not-started')
    map.set('body', text)
    sections.set(id, map)
    text.insert(
      0,
      blocks.map((block) => block.clone()),
    )
  })
  documentsMap(doc).delete(DOCUMENT)
  rewritePhases(doc, (phases) =>
    phases.map((phase) =>
      phase.focus && 'document' in phase.focus && phase.focus.document === DOCUMENT
        ? { ...phase, focus: { plan: true as const } }
        : phase,
    ),
  )
}
