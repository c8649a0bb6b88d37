import type * as Y from 'yjs'
import type { WorkshopTemplate } from '../template.ts'
import { type WorkshopMeta, writeMeta } from './meta.ts'
import { migrate } from './migrations.ts'
import { seedFromTemplate } from './seed.ts'

export * from './canvases.ts'
export * from './canvasItems.ts'
export * from './charters.ts'
export * from './decisions.ts'
export * from './documents.ts'
export * from './due.ts'
export * from './flow.ts'
export * from './ids.ts'
export * from './meta.ts'
export * from './migrations.ts'
export * from './participants.ts'
export * from './plan.ts'
export * from './richText.ts'
export { observeDecisions, observePlan, ROOT } from './roots.ts'
export * from './seedText.ts'
export * from './sessions.ts'
export * from './text.ts'

/**
 * Fills a new workshop document: metadata, the template's starting content if given, then
 * every migration up to the current schema.
 */
export const initWorkshopDoc = (
  doc: Y.Doc,
  meta: Omit<WorkshopMeta, 'schemaVersion'>,
  origin: unknown,
  template?: WorkshopTemplate,
): void => {
  writeMeta(doc, meta, origin)
  if (template) seedFromTemplate(doc, template, meta.locale, origin)
  migrate(doc)
}
