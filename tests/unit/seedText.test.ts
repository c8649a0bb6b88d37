import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { canvasToJson } from '../../shared/export/canvasJson.ts'
import { canvasToSvg } from '../../shared/export/canvasSvg.ts'
import { workshopReport } from '../../shared/export/report.ts'
import type { Locale } from '../../shared/i18n/index.ts'
import {
  addBox,
  addCharterItem,
  type BoxItem,
  displayText,
  displayTitle,
  duplicateItems,
  getCanvas,
  listCanvases,
  listCharters,
  listDocuments,
  listSessions,
  migrate,
  readCanvasContent,
  readPlan,
  readSchemaVersion,
  renameCanvas,
  renameDocument,
  SCHEMA_VERSION,
  SEED_TEXT,
  setCharterItemText,
  setItemText,
  upsertParticipant,
} from '../../shared/schema/index.ts'
import { capturePolicyState, findViolation } from '../../shared/schema/policy.ts'
import type { Refusal, Writer } from '../../shared/schema/rights.ts'
import { canvasesMap, chartersMap } from '../../shared/schema/roots.ts'
import { workshopToTemplate } from '../../shared/schema/toTemplate.ts'
import { newWorkshop, shippedTemplate } from '../helpers/workshopDoc.ts'

const charterTemplate = shippedTemplate('charte-des-roles')
/** A template that seeds a document. */
const documentTemplate = shippedTemplate('ronde-de-consentement')

/** A workshop created in `locale` from a shipped template. */
const created = (template: typeof charterTemplate, locale: Locale = 'fr') =>
  newWorkshop({ templateId: template.id, locale }, template).doc

const boxes = (doc: Y.Doc, canvasId: string) =>
  readCanvasContent(doc, canvasId).items.filter(
    (item): item is BoxItem => item.kind !== 'connector',
  )
const frames = (doc: Y.Doc, canvasId: string) =>
  boxes(doc, canvasId).filter((box) => box.kind === 'frame')
const notes = (doc: Y.Doc, canvasId: string) =>
  boxes(doc, canvasId).filter((box) => box.kind === 'note')

const [templateCanvas] = charterTemplate.content.canvases
if (!templateCanvas) throw new Error('charte-des-roles has a canvas')
const canvasId = templateCanvas.id
const sorted = (texts: string[]) => [...texts].sort()

describe("a template's texts follow the viewer's language", () => {
  it('an English viewer of a workshop created in French reads its titles, frames, notes and charters in English', () => {
    const doc = created(charterTemplate)
    const en = (text: { en: string }) => text.en
    expect(listCanvases(doc).map((canvas) => displayTitle(canvas, 'en'))).toEqual([
      templateCanvas.title.en,
    ])
    expect(sorted(frames(doc, canvasId).map((frame) => displayText(frame, 'en')))).toEqual(
      sorted(templateCanvas.frames.map((frame) => frame.title.en)),
    )
    expect(sorted(notes(doc, canvasId).map((note) => displayText(note, 'en')))).toEqual(
      sorted(templateCanvas.notes.map((note) => note.text.en)),
    )
    const charters = listCharters(doc)
    expect(charters.map((charter) => displayTitle(charter, 'en'))).toEqual(
      charterTemplate.content.charters.map((charter) => charter.title.en),
    )
    expect(charters.map((c) => c.items.map((item) => displayText(item, 'en')))).toEqual(
      charterTemplate.content.charters.map((c) => c.items.map((item) => en(item.text))),
    )
    // French viewers read French; the stored text is the workshop's language.
    expect(charters.map((charter) => displayTitle(charter, 'fr'))).toEqual(
      charterTemplate.content.charters.map((charter) => charter.title.fr),
    )
    expect(listCanvases(doc)[0]?.title).toBe(templateCanvas.title.fr)
  })

  it("and a template's document title in English (its body stays in the workshop's language)", () => {
    const [document] = documentTemplate.content.documents
    const entries = listDocuments(created(documentTemplate))
    expect(entries.map((entry) => displayTitle(entry, 'en'))).toEqual([document?.title.en])
    expect(entries.map((entry) => displayTitle(entry, 'fr'))).toEqual([document?.title.fr])
  })

  it('a French viewer of a workshop created in English reads French, and so does the default canvas of a free workshop', () => {
    const doc = created(charterTemplate, 'en')
    expect(listCanvases(doc).map((canvas) => displayTitle(canvas, 'fr'))).toEqual([
      templateCanvas.title.fr,
    ])
    const free = newWorkshop({ locale: 'fr' }).doc
    expect(listCanvases(free).map((canvas) => displayTitle(canvas, 'en'))).toEqual(['Canvas 1'])
    expect(listCanvases(free).map((canvas) => displayTitle(canvas, 'fr'))).toEqual(['Canevas 1'])
  })

  it('a title someone edits is their text for everyone, in both languages', () => {
    const doc = created(charterTemplate)
    const [frame, other] = frames(doc, canvasId)
    if (!frame || !other) throw new Error('the template has frames')
    renameCanvas(doc, canvasId, 'Nos idées', 'facilitator')
    setItemText(doc, canvasId, frame.id, 'Limites des cliniciens', 'facilitator')
    const [charter] = listCharters(doc)
    const [item] = charter?.items ?? []
    if (!charter || !item) throw new Error('the template has charter items')
    setCharterItemText(doc, charter.id, item.id, 'Soigner, ensemble', 'participant')
    const withDocument = created(documentTemplate)
    const [document] = listDocuments(withDocument)
    renameDocument(withDocument, document?.id ?? '', 'Notre proposition', 'facilitator')

    for (const locale of ['fr', 'en'] as const) {
      expect(listCanvases(doc).map((canvas) => displayTitle(canvas, locale))).toEqual(['Nos idées'])
      const edited = frames(doc, canvasId).find((box) => box.id === frame.id)
      expect(edited && displayText(edited, locale)).toBe('Limites des cliniciens')
      expect(listCharters(doc)[0]?.items.map((entry) => displayText(entry, locale))[0]).toBe(
        'Soigner, ensemble',
      )
      expect(listDocuments(withDocument).map((entry) => displayTitle(entry, locale))).toEqual([
        'Notre proposition',
      ])
    }
    // Someone reading English who writes back the English title changes nothing for others.
    setItemText(doc, canvasId, other.id, other.seedText?.en ?? '', 'facilitator')
    const same = frames(doc, canvasId).find((box) => box.id === other.id)
    expect(same && displayText(same, 'fr')).toBe(other.seedText?.fr)
  })
})

describe("exports are in the export's language", () => {
  it('the printable report of a French workshop, in English', () => {
    const doc = created(charterTemplate)
    const report = workshopReport(doc, { locale: 'en', now: 0 })
    const [frame] = templateCanvas.frames
    const [note] = templateCanvas.notes
    const [charter] = charterTemplate.content.charters
    for (const text of [
      templateCanvas.title.en,
      frame?.title.en,
      note?.text.en,
      charter?.title.en,
      charter?.items[0]?.text.en,
    ]) {
      expect(report).toContain(text)
    }
    expect(report).not.toContain(templateCanvas.title.fr)
    expect(report).not.toContain(frame?.title.fr)
    expect(workshopReport(doc, { locale: 'fr', now: 0 })).toContain(charter?.title.fr)
  })

  it('the SVG and JSON of a canvas', () => {
    const doc = created(charterTemplate)
    const content = readCanvasContent(doc, canvasId)
    const [frame] = templateCanvas.frames
    const svg = canvasToSvg(content, { title: templateCanvas.title.en, locale: 'en' })
    expect(svg).toContain(frame?.title.en)
    expect(svg).not.toContain(frame?.title.fr)
    // The template's notes are said to be the template's, not of an author "not given".
    expect(svg).toMatch(/<text class="group"[^>]*><tspan[^>]*>template<\/tspan><\/text>/)
    expect(svg).not.toContain('not given')
    const info = getCanvas(doc, canvasId)
    if (!info) throw new Error('no canvas')
    const json = canvasToJson(info, content, 'en')
    expect(json.canvas.title).toBe(templateCanvas.title.en)
    expect(json.items.map((entry) => entry.text)).toContain(frame?.title.en)
    expect(json.items.map((entry) => entry.text)).not.toContain(frame?.title.fr)
    // Without a language, the texts as stored.
    expect(canvasToJson(info, content).canvas.title).toBe(templateCanvas.title.fr)
  })
})

describe('a running workshop saved as a template', () => {
  it("keeps a template's two languages where nobody edited, and what was written for both elsewhere", () => {
    const doc = created(charterTemplate)
    const [first, ...others] = templateCanvas.frames
    const edited = frames(doc, canvasId).find((frame) => frame.text === first?.title.fr)
    setItemText(doc, canvasId, edited?.id ?? '', 'Nos limites', 'facilitator')
    const saved = workshopToTemplate(doc, {
      id: 'copie',
      title: { fr: 'Copie', en: 'Copy' },
      description: { fr: 'Copie', en: 'Copy' },
    }) as { content: { canvases: Array<{ title: unknown; frames: Array<{ title: unknown }> }> } }
    const [canvas] = saved.content.canvases
    expect(canvas?.title).toEqual(templateCanvas.title)
    expect(canvas?.frames.map((frame) => frame.title)).toEqual(
      expect.arrayContaining([
        { fr: 'Nos limites', en: 'Nos limites' },
        ...others.map((frame) => frame.title),
      ]),
    )
  })
})

describe('a workshop seeded before template texts were kept in both languages', () => {
  const fixture = JSON.parse(
    readFileSync('tests/fixtures/seeded-before-seed-text.json', 'utf8'),
  ) as { state: string }
  const load = () => {
    const doc = new Y.Doc()
    Y.applyUpdate(doc, Buffer.from(fixture.state, 'base64'))
    return doc
  }

  it('loads whole, reads as written in every language, and can still be edited and exported', () => {
    const doc = load()
    // Written before sessions (schema 4): loading it makes it a lab with one session.
    expect(readSchemaVersion(doc)).toBe(4)
    expect(migrate(doc)).toBe(true)
    expect(readSchemaVersion(doc)).toBe(SCHEMA_VERSION)
    expect(listSessions(doc)).toHaveLength(1)
    const [canvas] = listCanvases(doc)
    expect(canvas && displayTitle(canvas, 'en')).toBe(templateCanvas.title.fr)
    const content = readCanvasContent(doc, canvasId)
    expect(content.skipped).toEqual([])
    expect(frames(doc, canvasId)).toHaveLength(templateCanvas.frames.length)
    // Seeded before the templates' quotes were typographic (’, « » with non-breaking spaces).
    const asThen = (text: string) => text.replaceAll('’', "'").replaceAll('\u00a0', ' ')
    expect(notes(doc, canvasId).map((note) => displayText(note, 'en'))).toEqual(
      expect.arrayContaining(templateCanvas.notes.map((note) => asThen(note.text.fr))),
    )
    const charters = listCharters(doc)
    expect(charters.map((charter) => displayTitle(charter, 'en'))).toEqual(
      charterTemplate.content.charters.map((charter) => charter.title.fr),
    )
    expect(charters.flatMap((charter) => charter.items)).toHaveLength(
      charterTemplate.content.charters.flatMap((charter) => charter.items).length,
    )
    // Its plan was the « Plan ouvert » document: it is the plan now, section by section.
    expect(listDocuments(doc)).toEqual([])
    expect(readPlan(doc).sections.map((section) => section.title)).toEqual([
      'Où en sommes-nous?',
      'Traverser la rivière ensemble',
      'Prochains pas',
      'Questions ouvertes',
      'Ce qui change',
    ])
    const [frame] = frames(doc, canvasId)
    setItemText(doc, canvasId, frame?.id ?? '', 'Renommé', 'facilitator')
    expect(frames(doc, canvasId).map((box) => box.text)).toContain('Renommé')
    expect(workshopReport(doc, { locale: 'en', now: 0 })).toContain(templateCanvas.title.fr)
  })
})

describe("the write policy keeps a template's texts the server's", () => {
  const participant: Writer = { role: 'participant', participantId: 'participant-nadia-01' }
  const facilitator: Writer = { role: 'facilitator', participantId: null }

  /** What the policy says of the change `change` makes as `writer` (null: accepted). */
  const judged = (doc: Y.Doc, writer: Writer, change: () => void): Refusal | null => {
    const before = capturePolicyState(doc)
    let verdict: Refusal | null = null
    const judge = (transaction: Y.Transaction) => {
      verdict = findViolation(transaction, writer, before)
    }
    doc.on('afterTransaction', judge)
    change()
    doc.off('afterTransaction', judge)
    return verdict
  }
  const withNadia = () => {
    const doc = created(charterTemplate)
    upsertParticipant(
      doc,
      { id: 'participant-nadia-01', name: 'Nadia', group: 'patient', joinedAt: 1 },
      'seed',
    )
    return doc
  }
  const seedOf = { fr: 'Texte sûr', en: 'Something else entirely' }

  it('a participant adds charter items, but none carrying template texts', () => {
    const doc = withNadia()
    const charterId = listCharters(doc)[0]?.id ?? ''
    expect(
      judged(doc, participant, () =>
        addCharterItem(doc, charterId, { text: 'Écouter' }, 'participant'),
      ),
    ).toBeNull()
    expect(
      judged(doc, participant, () =>
        addCharterItem(doc, charterId, { text: 'Texte sûr', seedText: seedOf }, 'participant'),
      ),
    ).toEqual({ code: 'invalid', detail: SEED_TEXT })
  })

  it("nobody but the server writes a template's texts on a charter item or a canvas item", () => {
    const doc = withNadia()
    const charter = chartersMap(doc).get(listCharters(doc)[0]?.id ?? '') as Y.Map<unknown>
    const [itemId] = listCharters(doc)[0]?.items.map((item) => item.id) ?? []
    const item = (charter.get('items') as Y.Map<Y.Map<unknown>>).get(itemId ?? '')
    expect(judged(doc, participant, () => item?.set(SEED_TEXT, seedOf))).toEqual({
      code: 'invalid',
      detail: SEED_TEXT,
    })

    const [frame] = frames(doc, canvasId)
    const items = canvasesMap(doc).get(canvasId)?.get('items') as Y.Map<Y.Map<unknown>>
    expect(
      judged(doc, facilitator, () => items.get(frame?.id ?? '')?.set(SEED_TEXT, seedOf)),
    ).toEqual({ code: 'invalid', detail: SEED_TEXT })
    expect(
      judged(doc, facilitator, () =>
        addBox(
          doc,
          canvasId,
          { kind: 'note', x: 0, y: 0, text: 'Texte sûr', seedText: seedOf },
          'x',
        ),
      ),
    ).toEqual({ code: 'invalid', detail: SEED_TEXT })
  })

  it('the facilitator renames a template frame and copies a template note: the copy is theirs, in one language', () => {
    const doc = withNadia()
    const [frame] = frames(doc, canvasId)
    const [note] = notes(doc, canvasId)
    expect(
      judged(doc, facilitator, () =>
        setItemText(doc, canvasId, frame?.id ?? '', 'Nos limites', 'facilitator'),
      ),
    ).toBeNull()
    let copies: string[] = []
    expect(
      judged(doc, facilitator, () => {
        copies = duplicateItems(doc, canvasId, [note?.id ?? ''], 'facilitator')
      }),
    ).toBeNull()
    const copy = notes(doc, canvasId).find((box) => box.id === copies[0])
    expect(copy).toMatchObject({ text: note?.text })
    expect(copy?.seedText).toBeUndefined()
  })
})
