import * as Y from 'yjs'
import type { WorkshopLinks } from '../../shared/api.ts'
import {
  ARCHIVE_FORMAT,
  ARCHIVE_VERSION,
  type WorkshopArchive,
  workshopArchive,
} from '../../shared/export/archive.ts'
import { newId } from '../../shared/schema/ids.ts'
import {
  migrate,
  NewerSchemaError,
  readSchemaVersion,
  SCHEMA_VERSION,
} from '../../shared/schema/index.ts'
import { describeIssues } from '../../shared/validation.ts'
import { HttpError } from '../lib/HttpError.ts'
import type { Storage } from '../storage/Storage.ts'
import type { SyncServer } from '../sync/SyncServer.ts'
import { newWorkshopId } from '../workshops/tokens.ts'
import type { WorkshopService } from '../workshops/WorkshopService.ts'

const MIGRATION_ORIGIN = 'fabrique:import'

/** Decodes and checks a Yjs state; throws a 400 naming `field` if it is not one. */
const decodeState = (base64: string, field: string): Y.Doc => {
  const doc = new Y.Doc()
  try {
    Y.applyUpdate(doc, Buffer.from(base64, 'base64'))
  } catch (error) {
    doc.destroy()
    throw new HttpError(
      400,
      `${field}: not a readable workshop document (${(error as Error).message})`,
    )
  }
  return doc
}

/** Whole-workshop archives: export for anyone with a link, import into a new workshop. */
export class ArchiveService {
  constructor(
    private readonly workshops: WorkshopService,
    private readonly storage: Storage,
    private readonly sync: SyncServer,
  ) {}

  async export(workshopId: string, token: string | null): Promise<WorkshopArchive> {
    await this.workshops.session(workshopId, token)
    const stored = await this.storage.getWorkshop(workshopId)
    if (!stored) throw new HttpError(404, 'no such workshop')
    const { title, template, locale, createdAt } = stored.record
    const state = await this.sync.withRoom(workshopId, async (room) => {
      await room.whenDurable()
      return Y.encodeStateAsUpdate(room.doc)
    })
    const versions = []
    for (const version of await this.storage.listVersions(workshopId)) {
      const bytes = await this.storage.versionState(workshopId, version.id)
      if (bytes) {
        versions.push({
          name: version.name,
          author: version.author,
          createdAt: version.createdAt,
          state: Buffer.from(bytes).toString('base64'),
        })
      }
    }
    return {
      format: ARCHIVE_FORMAT,
      version: ARCHIVE_VERSION,
      schemaVersion: SCHEMA_VERSION,
      exportedAt: Date.now(),
      workshop: { title, template, locale, createdAt },
      document: Buffer.from(state).toString('base64'),
      versions,
    }
  }

  /**
   * Creates a new workshop (new id, new links) equal to the archived one. A malformed archive,
   * one from a newer schema, or an unreadable document is refused whole: nothing is created.
   */
  async import(json: unknown, baseUrl: string): Promise<WorkshopLinks> {
    const parsed = workshopArchive.safeParse(json)
    if (!parsed.success) throw new HttpError(400, `archive: ${describeIssues(parsed.error)}`)
    const archive = parsed.data
    if (archive.schemaVersion > SCHEMA_VERSION) {
      throw new HttpError(
        400,
        `archive: written by a newer Fabrique (schema ${archive.schemaVersion}; this server reads up to ${SCHEMA_VERSION})`,
      )
    }
    const doc = decodeState(archive.document, 'document')
    const versions = archive.versions.map((version, index) => {
      const check = decodeState(version.state, `versions.${index}.state`)
      check.destroy()
      return { ...version, id: newId(), state: Buffer.from(version.state, 'base64') }
    })
    try {
      if (readSchemaVersion(doc) > SCHEMA_VERSION)
        throw new NewerSchemaError(readSchemaVersion(doc))
      doc.transact(() => migrate(doc), MIGRATION_ORIGIN)
    } catch (error) {
      doc.destroy()
      if (error instanceof NewerSchemaError) throw new HttpError(400, `document: ${error.message}`)
      throw error
    }
    const record = { id: newWorkshopId(), ...archive.workshop }
    const links = await this.workshops.register(
      record,
      Y.encodeStateAsUpdate(doc),
      baseUrl,
      versions,
    )
    doc.destroy()
    return links
  }
}
