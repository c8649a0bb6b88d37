import { type Accessor, createSignal, onCleanup } from 'solid-js'
import type * as Y from 'yjs'
import {
  readMeta,
  readSchemaVersion,
  SCHEMA_VERSION,
  type WorkshopMeta,
} from '../../shared/schema/index.ts'

export interface DocInfo {
  /** Workshop metadata once the document holds it. */
  meta: Accessor<WorkshopMeta | null>
  /**
   * True when a newer build of Fabrique wrote this document: this build must not write to it.
   */
  newerSchema: Accessor<boolean>
}

export const createDocInfo = (doc: Y.Doc): DocInfo => {
  const [meta, setMeta] = createSignal(readMeta(doc), {
    equals: (a, b) => JSON.stringify(a) === JSON.stringify(b),
  })
  const [newerSchema, setNewerSchema] = createSignal(readSchemaVersion(doc) > SCHEMA_VERSION)
  const refresh = () => {
    setMeta(readMeta(doc))
    setNewerSchema(readSchemaVersion(doc) > SCHEMA_VERSION)
  }
  doc.on('afterTransaction', refresh)
  onCleanup(() => doc.off('afterTransaction', refresh))
  return { meta, newerSchema }
}
