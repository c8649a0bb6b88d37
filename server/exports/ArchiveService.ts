import * as Y from 'yjs'
import type { WorkshopLinks } from '../../shared/api.ts'
import {
  ARCHIVE_FORMAT,
  ARCHIVE_VERSION,
  type WorkshopArchive,
} from '../../shared/export/archive.ts'
import { roomName } from '../../shared/rooms.ts'
import { newId } from '../../shared/schema/ids.ts'
import { listSessions, SCHEMA_VERSION } from '../../shared/schema/index.ts'
import type { HeavyReads } from '../lib/HeavyReads.ts'
import { HttpError } from '../lib/HttpError.ts'
import { movable, WorkerRpc } from '../lib/workerRpc.ts'
import type { Storage } from '../storage/Storage.ts'
import type { SyncServer } from '../sync/SyncServer.ts'
import { authorName } from '../versions/VersionService.ts'
import { newWorkshopId } from '../workshops/tokens.ts'
import type { WorkshopService } from '../workshops/WorkshopService.ts'
import type { ArchiveLimits, ArchiveReading } from './readArchive.ts'

/** Whole-workshop archives: export for anyone with a link, import into a new workshop. */
export class ArchiveService {
  /** Reads imported archives in a worker thread (see `readArchive`). */
  private readonly reader: WorkerRpc<Uint8Array, ArchiveReading>

  constructor(
    private readonly workshops: WorkshopService,
    private readonly storage: Storage,
    private readonly sync: SyncServer,
    private readonly reads: HeavyReads,
    options: ArchiveLimits,
  ) {
    this.reader = new WorkerRpc(new URL('./archiveWorker.ts', import.meta.url), options)
  }

  /**
   * The archive of a workshop (`WorkshopArchive`) as JSON, and its title, for `client`: a few
   * at a time (HeavyReads), shared by those who ask while it is made.
   */
  async export(
    workshopId: string,
    token: string | null,
    client: string,
  ): Promise<{ title: string; body: string }> {
    await this.workshops.session(workshopId, token)
    return this.reads.read({ workshopId, what: 'export', client }, async () => {
      const archive = await this.archive(workshopId)
      return { title: archive.workshop.title, body: JSON.stringify(archive) }
    })
  }

  private async archive(workshopId: string): Promise<WorkshopArchive> {
    const stored = await this.storage.getWorkshop(workshopId)
    if (!stored) throw new HttpError(404, 'no such workshop')
    const { title, template, locale, createdAt } = stored.record
    const made = await this.storage.listVersions(workshopId)
    const { state, named, moved } = await this.sync.withRoom(workshopId, async (room) => {
      await room.whenDurable()
      return {
        state: Y.encodeStateAsUpdate(room.doc),
        named: made.map((version) => ({ ...version, author: authorName(room.doc, version) })),
        moved: listSessions(room.doc)
          .filter((session) => session.boards.length > 0)
          .map((session) => session.id),
      }
    })
    // Each ended session's boards, from their room.
    const sessionBoards = []
    for (const session of moved) {
      const boards = roomName({ kind: 'session', workshopId, sessionId: session })
      const bytes = await this.sync.withRoom(boards, (room) => Y.encodeStateAsUpdate(room.doc))
      sessionBoards.push({ session, state: Buffer.from(bytes).toString('base64') })
    }
    const versions = []
    for (const version of named) {
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
      // Only when some moved: an archive without may still be read by a build from before.
      ...(sessionBoards.length > 0 ? { sessionBoards } : {}),
    }
  }

  /**
   * Creates a new workshop (new id, new links) equal to the archived one, from the request
   * body (moved to the reader's thread: empty afterwards). A malformed archive, one from a
   * newer schema, with too many versions or an unreadable document is refused whole: nothing
   * is created.
   */
  async import(body: Uint8Array, baseUrl: string): Promise<WorkshopLinks> {
    const reading = await this.reader.call(body, movable([body]))
    if (!reading.ok) throw new HttpError(400, reading.error)
    const { workshop, document, versions, boards } = reading.archive
    const id = newWorkshopId()
    return this.workshops.register(
      { id, ...workshop },
      document,
      baseUrl,
      versions.map((version) => ({ ...version, id: newId() })),
      boards.map(({ sessionId, state }) => ({
        roomId: roomName({ kind: 'session', workshopId: id, sessionId }),
        state,
      })),
    )
  }

  /** Stops the archive reader's thread. */
  close(): Promise<void> {
    return this.reader.close()
  }
}
