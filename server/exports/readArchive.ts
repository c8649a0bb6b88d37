import * as Y from 'yjs'
import { type WorkshopArchive, workshopArchive } from '../../shared/export/archive.ts'
import {
  migrate,
  NewerSchemaError,
  readSchemaVersion,
  SCHEMA_VERSION,
} from '../../shared/schema/index.ts'
import { listSessions } from '../../shared/schema/sessions.ts'
import { describeIssues } from '../../shared/validation.ts'
import { parseJson } from '../http/respond.ts'
import { HttpError } from '../lib/HttpError.ts'
import type { NewVersion } from '../storage/Storage.ts'
import { SERVER_ACTIONS } from '../sync/origins.ts'
import { scanUpdate } from '../sync/updateScan.ts'
import {
  archivedBoardsProblem,
  archivedDocumentProblem,
  archivedLabProblem,
} from './archivedContent.ts'

/** An archive that passed every check, ready to be stored as a new workshop. */
export interface ReadArchive {
  workshop: WorkshopArchive['workshop']
  /** The shared document, migrated to this build's schema: the room's first update. */
  document: Uint8Array
  versions: Array<Omit<NewVersion, 'id'>>
  /** The boards of its ended sessions: each session's room's first update. */
  boards: Array<{ sessionId: string; state: Uint8Array }>
}

/** What reading an archive gives: the archive, or why it is refused (a 400). */
export type ArchiveReading = { ok: true; archive: ReadArchive } | { ok: false; error: string }

export interface ArchiveLimits {
  /** Named versions an archive may hold (MAX_ARCHIVE_VERSIONS). */
  maxVersions: number
  /** Bytes each state may have: what a workshop may grow to (MAX_ROOM_BYTES). */
  maxStateBytes: number
}

/**
 * Decodes one base64 Yjs state of the archive and checks that it is one (whole: the scan
 * refuses one that builds on history it does not hold), within `maxStateBytes`; throws a 400 naming `field`. This is the one place where an archived state
 * is read: it is scanned first with the sync server's bounds (updateScan.ts), so an archive
 * cannot bring content a client could not send, and which would make the imported workshop
 * unloadable.
 */
const decodeState = (
  base64: string,
  field: string,
  maxStateBytes: number,
): { bytes: Uint8Array; doc: Y.Doc } => {
  const size = Buffer.byteLength(base64, 'base64')
  if (size > maxStateBytes) {
    throw new HttpError(
      400,
      `${field}: ${size} bytes, more than a workshop may hold (${maxStateBytes}, MAX_ROOM_BYTES)`,
    )
  }
  // Its own buffer (Buffer.from may share Node's pool), to move to the main thread.
  const bytes = Buffer.alloc(size)
  bytes.write(base64, 'base64')
  const doc = new Y.Doc()
  try {
    scanUpdate(bytes, doc)
    Y.applyUpdate(doc, bytes)
  } catch (error) {
    doc.destroy()
    throw new HttpError(
      400,
      `${field}: not a readable workshop document (${(error as Error).message})`,
    )
  }
  return { bytes, doc }
}

/**
 * Brings `doc` (decoded from `field`) to this build's schema and checks its content as the
 * live workshop checks a client's (`archivedDocumentProblem`), and the document's metadata
 * and sessions (`archivedLabProblem`); throws a 400 naming `field`.
 */
const checkContent = (doc: Y.Doc, field: 'document' | `versions.${number}.state`): void => {
  try {
    if (readSchemaVersion(doc) > SCHEMA_VERSION) throw new NewerSchemaError(readSchemaVersion(doc))
    doc.transact(() => migrate(doc), SERVER_ACTIONS.import)
  } catch (error) {
    // A migration meets what no build wrote: a refusal of this archive, not a server error.
    throw new HttpError(400, `${field}: ${(error as Error).message}`)
  }
  const problem =
    (field === 'document' ? archivedLabProblem(doc) : null) ?? archivedDocumentProblem(doc)
  if (problem !== null) throw new HttpError(400, `${field}: ${problem}`)
}

const read = (body: Uint8Array, { maxVersions, maxStateBytes }: ArchiveLimits): ReadArchive => {
  const parsed = workshopArchive.safeParse(parseJson(body))
  if (!parsed.success) throw new HttpError(400, `archive: ${describeIssues(parsed.error)}`)
  const archive = parsed.data
  if (archive.schemaVersion > SCHEMA_VERSION) {
    throw new HttpError(
      400,
      `archive: written by a newer Fabrique (schema ${archive.schemaVersion}; this server reads up to ${SCHEMA_VERSION})`,
    )
  }
  if (archive.versions.length > maxVersions) {
    throw new HttpError(
      400,
      `archive: versions: ${archive.versions.length} named versions; this server takes at most ${maxVersions} (MAX_ARCHIVE_VERSIONS)`,
    )
  }
  // Each version is checked as the document is (a restore brings its content back live); its
  // state is kept as archived, migrated when it is read.
  const versions = archive.versions.map(({ state, ...version }, index) => {
    const field = `versions.${index}.state` as const
    const { bytes, doc } = decodeState(state, field, maxStateBytes)
    try {
      checkContent(doc, field)
    } finally {
      doc.destroy()
    }
    // An archive's author is the text it carries: nobody proved it to this server.
    return { ...version, madeBy: null, state: bytes }
  })
  const { doc } = decodeState(archive.document, 'document', maxStateBytes)
  try {
    checkContent(doc, 'document')
    return {
      workshop: archive.workshop,
      document: Y.encodeStateAsUpdate(doc),
      versions,
      boards: readBoards(doc, archive.sessionBoards ?? [], maxStateBytes),
    }
  } finally {
    doc.destroy()
  }
}

/**
 * The boards of the ended sessions: one room for each session whose record says its boards
 * moved (`boards`), none for another, each checked as its room's document (what the server
 * writes there); else a 400 naming the entry.
 */
const readBoards = (
  lab: Y.Doc,
  entries: NonNullable<WorkshopArchive['sessionBoards']>,
  maxStateBytes: number,
): ReadArchive['boards'] => {
  const moved = new Set(
    listSessions(lab)
      .filter((session) => session.boards.length > 0)
      .map((session) => session.id),
  )
  const seen = new Set<string>()
  const boards = entries.map(({ session, state }, index) => {
    const field = `sessionBoards.${index}`
    if (!moved.has(session) || seen.has(session)) {
      throw new HttpError(
        400,
        `${field}.session: ${seen.has(session) ? 'given twice' : 'no ended session of the document has boards kept apart'} (${session})`,
      )
    }
    seen.add(session)
    const { bytes, doc } = decodeState(state, `${field}.state`, maxStateBytes)
    try {
      const problem = archivedBoardsProblem(doc, session)
      if (problem !== null) throw new HttpError(400, `${field}.state: ${problem}`)
    } finally {
      doc.destroy()
    }
    return { sessionId: session, state: bytes }
  })
  const missing = [...moved].find((session) => !seen.has(session))
  if (missing !== undefined) {
    throw new HttpError(
      400,
      `sessionBoards: the boards of the session ${missing} are not in the archive (document: sessions.${missing}.boards)`,
    )
  }
  return boards
}

/**
 * Parses, validates, decodes and migrates an archive (the body of `POST
 * /api/workshops/import`). Seconds of work for a 32 MB archive: `archiveWorker.ts` runs it off
 * the main thread. Anything wrong with the archive is a refusal, never a throw.
 */
export const readArchive = (body: Uint8Array, limits: ArchiveLimits): ArchiveReading => {
  try {
    return { ok: true, archive: read(body, limits) }
  } catch (error) {
    if (error instanceof HttpError && error.status === 400)
      return { ok: false, error: error.message }
    throw error
  }
}
