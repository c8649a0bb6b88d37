import type * as Y from 'yjs'
import { boxKind } from '../canvas/kinds/index.ts'
import type { Locale } from '../i18n/locales.ts'
import type { TemplateCanvas, WorkshopTemplate } from '../template.ts'
import { createCanvas } from './canvases.ts'
import { addBox, GRID, moveItemToFrame } from './canvasItems.ts'
import { createCharter, listCharters } from './charters.ts'
import { createDocument, listDocuments } from './documents.ts'
import { initFlow } from './flow.ts'
import { seedPlan } from './plan.ts'

/**
 * Fills a new workshop document with a template's starting content, in the workshop's
 * language: its phases (the flow, not started), documents, role charters, its plan, its canvases (keeping the template's canvas ids, which phases refer to), their
 * frames, and the seed notes placed in their frames. Each seeded text keeps the template's
 * two versions beside it (`seedText`), so every viewer reads it in their language until
 * someone edits it (seedText.ts). A document's body is seeded in the workshop's language only.
 */
export const seedFromTemplate = (
  doc: Y.Doc,
  template: WorkshopTemplate,
  locale: Locale,
  origin: unknown,
): void => {
  doc.transact(() => {
    initFlow(doc, template.phases, origin)
    seedArtefacts(doc, template, locale, origin)
    seedCanvases(doc, template.content.canvases, locale, origin)
  }, origin)
}

/**
 * A template's documents and role charters, those the workshop does not hold yet (by id), and
 * its plan into a plan still empty: they belong to the lab, so a later session's template finds
 * them as the group left them.
 */
export const seedArtefacts = (
  doc: Y.Doc,
  template: WorkshopTemplate,
  locale: Locale,
  origin: unknown,
): void => {
  doc.transact(() => {
    const documents = new Set(listDocuments(doc).map((entry) => entry.id))
    for (const document of template.content.documents) {
      if (documents.has(document.id)) continue
      createDocument(
        doc,
        {
          id: document.id,
          title: document.title[locale],
          seedText: document.title,
          text: document.body[locale],
        },
        origin,
      )
    }
    const charters = new Set(listCharters(doc).map((entry) => entry.id))
    for (const charter of template.content.charters) {
      if (charters.has(charter.id)) continue
      createCharter(
        doc,
        {
          id: charter.id,
          role: charter.role,
          title: charter.title[locale],
          seedText: charter.title,
          items: charter.items.map((entry) => ({ text: entry.text[locale], seedText: entry.text })),
        },
        origin,
      )
    }
    if (template.content.plan) seedPlan(doc, template.content.plan, locale, origin)
  }, origin)
}

/**
 * A template's canvases with their frames and seed notes; `idFor` gives each canvas its id in
 * the workshop (the template's own by default, which phases refer to).
 */
export const seedCanvases = (
  doc: Y.Doc,
  canvases: readonly TemplateCanvas[],
  locale: Locale,
  origin: unknown,
  idFor: (templateId: string) => string = (id) => id,
): void => {
  doc.transact(() => {
    // Template notes start in a row above the canvas, a grid cell apart, until placed. A
    // prompt is two notes wide: its question is longer than a note holds.
    const note = boxKind('note').defaultSize
    const promptWidth = 2 * note.w + GRID
    for (const canvas of canvases) {
      const canvasId = createCanvas(
        doc,
        { id: idFor(canvas.id), title: canvas.title[locale], seedText: canvas.title },
        origin,
      )
      const frames = new Map<string, string>()
      for (const frame of canvas.frames) {
        const { x, y, w, h } = frame
        frames.set(
          frame.id,
          addBox(
            doc,
            canvasId,
            {
              kind: 'frame',
              x,
              y,
              w,
              h,
              text: frame.title[locale],
              seedText: frame.title,
              colour: frame.colour ?? null,
            },
            origin,
          ),
        )
      }
      let x = 0
      for (const seed of canvas.notes) {
        const w = seed.prompt ? promptWidth : note.w
        const id = addBox(
          doc,
          canvasId,
          {
            kind: 'note',
            x,
            y: -200,
            w,
            text: seed.text[locale],
            seedText: seed.text,
            ...(seed.prompt ? { prompt: true } : {}),
          },
          origin,
        )
        x += w + GRID
        const frame = seed.frame === undefined ? undefined : frames.get(seed.frame)
        if (frame) moveItemToFrame(doc, canvasId, id, frame, origin)
      }
    }
  }, origin)
}
