import { z } from 'zod'
import { LOCALES } from '../i18n/locales.ts'
import { templateId, timestamp } from '../schema/meta.ts'

/**
 * The whole workshop as one JSON file (`GET /api/workshops/<id>/export`), which
 * `POST /api/workshops/import` turns back into an equal workshop with new links. It holds the
 * shared document, the named versions and the boards of the lab's ended sessions (each
 * session's room: shared/schema/sessionBoards.ts); private documents (a person's unrevealed
 * notes and ballots) stay on the server they were written on.
 */
export const ARCHIVE_FORMAT = 'fabrique.workshop'
export const ARCHIVE_VERSION = 1

const base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be base64')

export const workshopArchive = z.strictObject({
  format: z.literal(ARCHIVE_FORMAT, { error: `must be "${ARCHIVE_FORMAT}"` }),
  version: z.literal(ARCHIVE_VERSION, {
    error: `this server reads archive version ${ARCHIVE_VERSION}`,
  }),
  /** The document schema version the archive was written with. */
  schemaVersion: z.number().int().nonnegative(),
  exportedAt: timestamp,
  workshop: z.strictObject({
    title: z.string().min(1).max(200),
    /** The id of the template it was made from. */
    template: templateId,
    locale: z.enum(LOCALES),
    createdAt: timestamp,
  }),
  /** The shared document: a Yjs update (the whole state), base64. */
  document: base64,
  versions: z.array(
    z.strictObject({
      name: z.string().min(1).max(120),
      author: z.string().max(60),
      createdAt: timestamp,
      state: base64,
    }),
  ),
  /**
   * The boards of each ended session whose boards moved out of the document (its record has
   * `boards`): the room's state, base64. Archives made before have none.
   */
  sessionBoards: z
    .array(z.strictObject({ session: z.string().min(1).max(64), state: base64 }))
    .optional(),
})
export type WorkshopArchive = z.infer<typeof workshopArchive>
