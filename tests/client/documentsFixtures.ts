import * as Y from 'yjs'
import { chartersMap } from '../../shared/schema/roots.ts'

export * from '../../shared/schema/index.ts'

/** The Y.Text of a charter's first item (to watch what an edit writes). */
export const charterItemTextForTest = (doc: Y.Doc, charterId: string): Y.Text => {
  const items = chartersMap(doc).get(charterId)?.get('items')
  if (!(items instanceof Y.Map)) throw new Error('no items')
  const first = [...items.values()][0]
  const text = first instanceof Y.Map ? first.get('text') : null
  if (!(text instanceof Y.Text)) throw new Error('no text')
  return text
}
