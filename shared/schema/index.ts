import type * as Y from 'yjs'
import { type WorkshopMeta, writeMeta } from './meta.ts'
import { migrate } from './migrations.ts'

export * from './canvases.ts'
export * from './canvasItems.ts'
export * from './ids.ts'
export * from './meta.ts'
export * from './migrations.ts'
export * from './participants.ts'
export { ROOT } from './roots.ts'
export * from './text.ts'

/** Fills a new workshop document: metadata, then every migration up to the current schema. */
export const initWorkshopDoc = (
  doc: Y.Doc,
  meta: Omit<WorkshopMeta, 'schemaVersion'>,
  origin: unknown,
): void => {
  writeMeta(doc, meta, origin)
  migrate(doc)
}
