import * as Y from 'yjs'
import { CONTENT_ROOTS } from '../../shared/schema/versions.ts'

/** A text's delta with adjacent runs of equal formatting merged (Yjs may split them). */
const textRuns = (text: Y.Text) => {
  const runs: Array<{ insert: unknown; attributes: unknown }> = []
  for (const op of text.toDelta() as Array<{ insert: unknown; attributes?: unknown }>) {
    const attributes = plain(op.attributes ?? {})
    const last = runs.at(-1)
    if (
      last &&
      typeof last.insert === 'string' &&
      typeof op.insert === 'string' &&
      JSON.stringify(last.attributes) === JSON.stringify(attributes)
    ) {
      last.insert += op.insert
    } else runs.push({ insert: op.insert, attributes })
  }
  return runs
}

/** A shared type (or value) as plain data, keys sorted, with the kind of every type. */
const plain = (value: unknown): unknown => {
  if (value instanceof Y.XmlElement) {
    return {
      element: value.nodeName,
      attributes: plain(value.getAttributes()),
      children: value.toArray().map(plain),
    }
  }
  if (value instanceof Y.XmlFragment) return { fragment: value.toArray().map(plain) }
  if (value instanceof Y.Text) return { text: textRuns(value) }
  if (value instanceof Y.Array) return { array: value.toArray().map(plain) }
  if (value instanceof Y.Map) return { map: plain(Object.fromEntries(value.entries())) }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value
  const record = value as Record<string, unknown>
  return Object.fromEntries(
    Object.keys(record)
      .sort()
      .map((key) => [key, plain(record[key])]),
  )
}

/**
 * Everything a workshop's content roots hold (the part a restore brings back), with the kind
 * of every type and the formatting of every text: two documents with equal content show the
 * same on every screen.
 */
export const contentOf = (doc: Y.Doc): unknown =>
  Object.fromEntries(CONTENT_ROOTS.map((name) => [name, plain(doc.getMap(name))]))
