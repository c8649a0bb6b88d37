import type * as Y from 'yjs'
import { boxKind, isBox } from '../canvas/kinds/index.ts'
import type { Localized } from '../template.ts'
import { listCanvases } from './canvases.ts'
import { readCanvasContent } from './canvasItems.ts'
import { readFlow } from './flow.ts'
import { seedOf } from './seedText.ts'

/** A text in both languages: the template's pair while unedited, else what was written. */
const both = (text: string, seed?: Localized): Localized =>
  seedOf(text, seed) ?? { fr: text, en: text }
const int = (value: number) => Math.round(value)

/**
 * The structure of a running workshop as a new template (JSON in the template format, to be
 * validated by the caller): its phases, and its canvases with their frames and notes. Texts
 * still as a template seeded them keep its two languages; others, written in one language, are
 * used for both. Canvases and frames get template ids.
 */
export const workshopToTemplate = (
  doc: Y.Doc,
  meta: { id: string; title: Localized; description: Localized },
): Record<string, unknown> => {
  const flow = readFlow(doc)
  const canvasIds = new Map<string, string>()
  const canvases = listCanvases(doc).map((canvas, c) => {
    const id = `canevas-${c + 1}`
    canvasIds.set(canvas.id, id)
    const boxes = readCanvasContent(doc, canvas.id).items.filter(isBox)
    const frames = boxes.filter((box) => boxKind(box.kind).holdsItems)
    const frameIds = new Map(frames.map((frame, f) => [frame.id, `zone-${f + 1}`]))
    return {
      id,
      title: both(canvas.title, canvas.seedText),
      frames: frames.map((frame, f) => ({
        id: frameIds.get(frame.id),
        title: both(frame.text.trim() || `Zone ${f + 1}`, frame.seedText),
        x: int(frame.x),
        y: int(frame.y),
        w: int(frame.w),
        h: int(frame.h),
        ...(frame.colour ? { colour: frame.colour } : {}),
      })),
      notes: boxes
        .filter((box) => boxKind(box.kind).templateNote && box.text.trim() !== '')
        .map((note) => ({
          ...(note.frame && frameIds.has(note.frame) ? { frame: frameIds.get(note.frame) } : {}),
          text: both(note.text.trim(), note.seedText),
          ...(note.prompt ? { prompt: true } : {}),
        })),
    }
  })
  // A step keeps its canvas under its new id, and the plan (every workshop has one); a document
  // or a charter is not in the new template.
  const phases = flow.phases.map((phase) => {
    const { focus, ...rest } = phase
    if (focus && 'plan' in focus) return phase
    const canvas = focus && 'canvas' in focus ? canvasIds.get(focus.canvas) : undefined
    return canvas ? { ...rest, focus: { canvas } } : rest
  })
  const minutes = flow.phases.reduce((sum, phase) => sum + (phase.timeboxMinutes ?? 0), 0)
  return {
    ...meta,
    durationMinutes: Math.max(minutes, 15),
    tags: [],
    content: { canvases, documents: [], charters: [] },
    phases,
  }
}
