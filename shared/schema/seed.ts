import type * as Y from 'yjs'
import { boxKind } from '../canvas/kinds/index.ts'
import type { Locale } from '../i18n/locales.ts'
import type { WorkshopTemplate } from '../template.ts'
import { createCanvas } from './canvases.ts'
import { addBox, GRID, moveItemToFrame } from './canvasItems.ts'
import { createCharter } from './charters.ts'
import { createDocument } from './documents.ts'
import { initFlow } from './flow.ts'

/**
 * Fills a new workshop document with a template's starting content, in the workshop's
 * language: its phases (the flow, not started), documents, role charters, its canvases (keeping the template's canvas ids, which phases refer to), their
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
    for (const document of template.content.documents) {
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
    for (const charter of template.content.charters) {
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
    // Template notes start in a row above the canvas, one note wide apart, until placed.
    const noteWidth = boxKind('note').defaultSize.w
    for (const canvas of template.content.canvases) {
      const canvasId = createCanvas(
        doc,
        { id: canvas.id, title: canvas.title[locale], seedText: canvas.title },
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
      canvas.notes.forEach((note, index) => {
        const id = addBox(
          doc,
          canvasId,
          {
            kind: 'note',
            x: index * (noteWidth + GRID),
            y: -200,
            text: note.text[locale],
            seedText: note.text,
          },
          origin,
        )
        const frame = note.frame === undefined ? undefined : frames.get(note.frame)
        if (frame) moveItemToFrame(doc, canvasId, id, frame, origin)
      })
    }
  }, origin)
}
