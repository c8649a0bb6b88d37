const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-'

/**
 * A random URL-safe id (16 characters, 96 bits). Uses `crypto.getRandomValues`, which
 * browsers offer on plain-http LAN addresses too (unlike `crypto.randomUUID`).
 */
export const newId = (): string => {
  const bytes = crypto.getRandomValues(new Uint8Array(16))
  let id = ''
  for (const byte of bytes) id += ALPHABET[byte & 63]
  return id
}

/** Ids of canvases, items, documents, charters, decisions, phases: made by `newId` or a template slug. */
const ID_KEY = /^[A-Za-z0-9_-]{1,64}$/
export const isId = (key: string) => ID_KEY.test(key)
