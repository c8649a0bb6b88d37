const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-'

/**
 * A random URL-safe id (16 characters, 95 bits). Uses `crypto.getRandomValues`, which
 * browsers offer on plain-http LAN addresses too (unlike `crypto.randomUUID`). It starts with
 * a letter or a digit: an id starting with `-` is escaped in a CSV export (a spreadsheet would
 * read it as a formula), so the id a person copies from the file would no longer match.
 */
export const newId = (): string => {
  const bytes = crypto.getRandomValues(new Uint8Array(16))
  let id = ''
  for (const byte of bytes) id += ALPHABET[byte & (id === '' ? 31 : 63)]
  return id
}

/**
 * A template's id, and the ids a template gives its canvases, frames, phases…: lowercase
 * letters, digits and dashes, as its file is named (`<id>.json`), so an id never names a path.
 */
export const SLUG = /^[a-z0-9][a-z0-9-]{0,62}$/

/** Ids of canvases, items, documents, charters, decisions, phases: made by `newId` or a template slug. */
const ID_KEY = /^[A-Za-z0-9_-]{1,64}$/
export const isId = (key: string) => ID_KEY.test(key)
