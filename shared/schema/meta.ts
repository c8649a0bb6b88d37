import type * as Y from 'yjs'
import { z } from 'zod'
import { DEFAULT_LOCALE, isLocale, LOCALES, type Locale } from '../i18n/locales.ts'
import { describeIssues, MISSING_NAMED } from '../validation.ts'
import { SLUG } from './ids.ts'
import { metaMap } from './roots.ts'

export const TITLE_MAX = 200

export const workshopTitle = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(TITLE_MAX, `must be at most ${TITLE_MAX} characters`)

/** The id of a template, as a workshop, its sessions and an archive name it (a slug). */
export const templateId = z
  .string()
  .regex(SLUG, 'must be a template id (lowercase letters, digits and dashes, at most 63)')

/** The latest time a `Date` holds (8.64e15 ms after 1970). */
const LAST_TIME = 8.64e15

/** A moment, in milliseconds since 1970, that a date can be written from. */
export const timestamp = z
  .number()
  .refine(
    (time) => Number.isSafeInteger(time) && time >= 0 && time <= LAST_TIME,
    'must be a time (whole milliseconds since 1970)',
  )

export const workshopMeta = z.object({
  schemaVersion: z.number().int().nonnegative(),
  title: workshopTitle,
  templateId: z.string(),
  locale: z.enum(LOCALES),
  createdAt: z.number(),
})
export type WorkshopMeta = z.infer<typeof workshopMeta>

/** The workshop metadata, or `null` if the document holds none (or a malformed one). */
export const readMeta = (doc: Y.Doc): WorkshopMeta | null => {
  const parsed = workshopMeta.safeParse(metaMap(doc).toJSON())
  return parsed.success ? parsed.data : null
}

/**
 * The metadata the server writes, whole and exact: what an imported document must hold
 * (readers take what they can of a stored one: `readMeta`).
 */
const completeMeta = workshopMeta
  .extend({ templateId, createdAt: timestamp, session: z.string() })
  .strict()

/**
 * Why the metadata of a (migrated) document is not complete and well-formed, naming the field
 * (`meta.templateId: …`), or null.
 */
export const metaProblem = (doc: Y.Doc): string | null => {
  const parsed = completeMeta.safeParse(metaMap(doc).toJSON(), MISSING_NAMED)
  return parsed.success ? null : describeIssues(parsed.error, 'meta')
}

/** The workshop's language, even before the document is fully initialised. */
export const readLocale = (doc: Y.Doc): Locale => {
  const locale = metaMap(doc).get('locale')
  return isLocale(locale) ? locale : DEFAULT_LOCALE
}

/**
 * The session the lab's flow is for (`meta.session`, the server's to write: sessions.ts), or
 * null before the document has one.
 */
export const currentSessionId = (doc: Y.Doc): string | null => {
  const id = metaMap(doc).get('session')
  return typeof id === 'string' ? id : null
}

/** The schema version stored in the document; 0 for a document never initialised. */
export const readSchemaVersion = (doc: Y.Doc): number => {
  const version = metaMap(doc).get('schemaVersion')
  return typeof version === 'number' ? version : 0
}

export const writeMeta = (
  doc: Y.Doc,
  meta: Omit<WorkshopMeta, 'schemaVersion'>,
  origin: unknown,
) => {
  doc.transact(() => {
    const map = metaMap(doc)
    map.set('title', meta.title)
    map.set('templateId', meta.templateId)
    map.set('locale', meta.locale)
    map.set('createdAt', meta.createdAt)
  }, origin)
}

export const setTitle = (doc: Y.Doc, title: string, origin: unknown) => {
  const clean = workshopTitle.parse(title)
  doc.transact(() => metaMap(doc).set('title', clean), origin)
}
