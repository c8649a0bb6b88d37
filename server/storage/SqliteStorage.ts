import path from 'node:path'
import type { TransferListItem } from 'node:worker_threads'
import Database from 'better-sqlite3'
import type { Locale } from '../../shared/i18n/locales.ts'
import type { Role } from '../../shared/roles.ts'
import { prepareDataDir } from '../lib/dataDir.ts'
import { movable, WorkerRpc } from '../lib/workerRpc.ts'
import { attendanceRows } from './attendanceRows.ts'
import { type DataDirLock, lockDataDir } from './dataDirLock.ts'
import { deviceRows } from './deviceRows.ts'
import { roomStatsQuery } from './roomStats.ts'
import type {
  CompactionResult,
  NewWorkshop,
  ParticipantErasure,
  ParticipantIdentity,
  RoomStats,
  RoomUpdates,
  Storage,
  StoredRoom,
  StoredWorkshop,
  TokenGrant,
  VersionInfo,
} from './Storage.ts'
import {
  configure,
  type Durability,
  migrateDatabase,
  useIncrementalVacuum,
} from './sqliteSchema.ts'
import type { StorageJob } from './storageWorker.ts'
import { prepareWorkshopWrites } from './workshopWrites.ts'

interface WorkshopRow {
  id: string
  title: string
  template: string
  locale: Locale
  created_at: number
  sealed_links: Uint8Array
}

const toIdentity = (row: {
  workshop_id: string
  id: string
  secret_hash: string
  created_at: number
}): ParticipantIdentity => ({
  workshopId: row.workshop_id,
  participantId: row.id,
  secretHash: row.secret_hash,
  createdAt: row.created_at,
})

/** Opens, configures and migrates the database; the error names the file. */
const openDatabase = (file: string, durability: Durability): Database.Database => {
  let db: Database.Database | undefined
  try {
    db = new Database(file)
    configure(db, durability)
    useIncrementalVacuum(db)
    migrateDatabase(db)
    return db
  } catch (error) {
    db?.close()
    throw new Error(`the database ${file} could not be opened: ${(error as Error).message}`, {
      cause: error,
    })
  }
}

/**
 * SQLite backend (better-sqlite3, WAL). Writes are synchronous: when `appendUpdates`
 * returns, the rows are committed (and fsynced with durability `full`); the sync server's
 * GroupCommit makes that one commit per event-loop turn for all rooms. (A writer thread was
 * tried: on 2 cores its hand-offs cost more CPU and latency than the fsync it moved away.)
 * Compactions and the creation of workshops run in a worker thread with its own connection,
 * started with the storage. One storage at a time may open a data directory, in any process
 * (see dataDirLock.ts).
 */
export class SqliteStorage implements Storage {
  readonly file: string
  private readonly lock: DataDirLock
  private readonly db: Database.Database
  private readonly durability: Durability
  private readonly worker: WorkerRpc<StorageJob, CompactionResult | null>
  /** Jobs under way in the worker, which `close()` waits for. */
  private readonly jobs = new Set<Promise<unknown>>()
  /** Workshops being written by the worker (see `lockFree`). */
  private readonly creations = new Set<Promise<unknown>>()

  private readonly stmt
  private readonly stats: (roomId: string) => RoomStats
  private readonly writes
  readonly openAttendance: Storage['openAttendance']
  readonly extendAttendance: Storage['extendAttendance']
  readonly listAttendance: Storage['listAttendance']
  readonly saveContributions: Storage['saveContributions']
  readonly listContributions: Storage['listContributions']
  readonly setPersonalLink: Storage['setPersonalLink']
  readonly revokePersonalLink: Storage['revokePersonalLink']
  readonly personalLinkOf: Storage['personalLinkOf']
  readonly findPersonalLink: Storage['findPersonalLink']
  readonly addDevice: Storage['addDevice']
  readonly isDevice: Storage['isDevice']

  constructor(dataDir: string, options: { durability?: Durability } = {}) {
    prepareDataDir(dataDir)
    this.lock = lockDataDir(dataDir)
    this.file = path.join(dataDir, 'fabrique.sqlite')
    this.durability = options.durability ?? 'full'
    try {
      this.db = openDatabase(this.file, this.durability)
    } catch (error) {
      this.lock.release()
      throw error
    }
    this.worker = new WorkerRpc(new URL('./storageWorker.ts', import.meta.url), {
      file: this.file,
      durability: this.durability,
    })
    void this.worker.start()
    const db = this.db
    this.writes = prepareWorkshopWrites(db)
    this.stmt = {
      getWorkshop: db.prepare<[string], WorkshopRow>('SELECT * FROM workshops WHERE id = ?'),
      findToken: db.prepare<[string], { workshop_id: string; role: Role }>(
        'SELECT workshop_id, role FROM tokens WHERE hash = ?',
      ),
      snapshot: db.prepare<[string], { upto_id: number; state: Uint8Array }>(
        'SELECT upto_id, state FROM room_snapshots WHERE room_id = ?',
      ),
      updatesAfter: db.prepare<[string, number], { data: Uint8Array }>(
        'SELECT data FROM room_updates WHERE room_id = ? AND id > ? ORDER BY id',
      ),
      clients: db.prepare<[string], { client: number; owner: string }>(
        'SELECT client, owner FROM room_clients WHERE room_id = ?',
      ),
      addClient: db.prepare(
        'INSERT OR IGNORE INTO room_clients (room_id, client, owner) VALUES (?, ?, ?)',
      ),
      deleteRoleToken: db.prepare('DELETE FROM tokens WHERE workshop_id = ? AND role = ?'),
      updateSealedLinks: db.prepare('UPDATE workshops SET sealed_links = ? WHERE id = ?'),
      // One statement: two joins at once cannot both take the last place.
      addParticipant: db.prepare(
        'INSERT INTO participants (workshop_id, id, secret_hash, created_at) SELECT ?, ?, ?, ? WHERE (SELECT count(*) FROM participants WHERE workshop_id = ?) < ?',
      ),
      findParticipant: db.prepare<
        [string, string],
        { workshop_id: string; id: string; secret_hash: string; created_at: number }
      >('SELECT * FROM participants WHERE workshop_id = ? AND id = ?'),
      removeParticipant: db.prepare('DELETE FROM participants WHERE workshop_id = ? AND id = ?'),
      listParticipants: db.prepare<
        [string],
        { workshop_id: string; id: string; secret_hash: string; created_at: number }
      >('SELECT * FROM participants WHERE workshop_id = ? ORDER BY created_at, id'),
      listVersions: db.prepare<
        [string],
        {
          id: string
          workshop_id: string
          name: string
          author: string
          author_role: Role | null
          author_participant: string | null
          created_at: number
          size: number
        }
      >(
        'SELECT id, workshop_id, name, author, author_role, author_participant, created_at, length(state) AS size FROM versions WHERE workshop_id = ? ORDER BY created_at, rowid',
      ),
      versionState: db.prepare<[string, string], { state: Uint8Array }>(
        'SELECT state FROM versions WHERE workshop_id = ? AND id = ?',
      ),
      deleteSnapshot: db.prepare('DELETE FROM room_snapshots WHERE room_id = ?'),
      deleteUpdates: db.prepare('DELETE FROM room_updates WHERE room_id = ?'),
    }
    this.stats = roomStatsQuery(db)
    const attendance = attendanceRows(db, () => this.lockFree())
    this.openAttendance = attendance.openAttendance
    this.extendAttendance = attendance.extendAttendance
    this.listAttendance = attendance.listAttendance
    this.saveContributions = attendance.saveContributions
    this.listContributions = attendance.listContributions
    const devices = deviceRows(db, () => this.lockFree())
    this.setPersonalLink = devices.setPersonalLink
    this.revokePersonalLink = devices.revokePersonalLink
    this.personalLinkOf = devices.personalLinkOf
    this.findPersonalLink = devices.findPersonalLink
    this.addDevice = devices.addDevice
    this.isDevice = devices.isDevice
  }

  /**
   * In the worker: an imported workshop's rows are tens of MB to write and fsync. Its states
   * are moved there, not copied.
   */
  async createWorkshop(workshop: NewWorkshop) {
    const states = [
      workshop.initialState,
      ...(workshop.versions ?? []).map((v) => v.state),
      ...(workshop.rooms ?? []).map((room) => room.state),
    ]
    const done = this.inWorker({ kind: 'createWorkshop', workshop }, movable(states))
    this.creations.add(done)
    const forget = () => this.creations.delete(done)
    done.then(forget, forget)
    await done
  }

  async getWorkshop(id: string): Promise<StoredWorkshop | null> {
    const row = this.stmt.getWorkshop.get(id)
    if (!row) return null
    return {
      record: {
        id: row.id,
        title: row.title,
        template: row.template,
        locale: row.locale,
        createdAt: row.created_at,
      },
      sealedLinks: row.sealed_links,
    }
  }

  async findToken(tokenHash: string): Promise<TokenGrant | null> {
    const row = this.stmt.findToken.get(tokenHash)
    return row ? { workshopId: row.workshop_id, role: row.role } : null
  }

  async replaceToken(workshopId: string, role: Role, tokenHash: string, sealedLinks: Uint8Array) {
    await this.lockFree()
    this.db.transaction(() => {
      this.stmt.deleteRoleToken.run(workshopId, role)
      this.writes.insertToken.run(tokenHash, workshopId, role)
      this.stmt.updateSealedLinks.run(sealedLinks, workshopId)
    })()
  }

  async addParticipant(identity: ParticipantIdentity, max: number): Promise<boolean> {
    await this.lockFree()
    return (
      this.stmt.addParticipant.run(
        identity.workshopId,
        identity.participantId,
        identity.secretHash,
        identity.createdAt,
        identity.workshopId,
        max,
      ).changes > 0
    )
  }

  async findParticipant(
    workshopId: string,
    participantId: string,
  ): Promise<ParticipantIdentity | null> {
    const row = this.stmt.findParticipant.get(workshopId, participantId)
    return row ? toIdentity(row) : null
  }

  async removeParticipant(workshopId: string, participantId: string): Promise<boolean> {
    await this.lockFree()
    return this.stmt.removeParticipant.run(workshopId, participantId).changes > 0
  }

  /** In the worker: every version of the workshop is read and re-encoded there. */
  async eraseParticipant(erasure: ParticipantErasure): Promise<void> {
    await this.inWorker({ kind: 'erase', erasure })
  }

  async listParticipants(workshopId: string): Promise<ParticipantIdentity[]> {
    return this.stmt.listParticipants.all(workshopId).map(toIdentity)
  }

  async addVersion(version: Omit<VersionInfo, 'size'>, state: Uint8Array) {
    await this.lockFree()
    this.writes.insertVersion(version, state)
  }

  async listVersions(workshopId: string): Promise<VersionInfo[]> {
    return this.stmt.listVersions.all(workshopId).map((row) => ({
      id: row.id,
      workshopId: row.workshop_id,
      name: row.name,
      author: row.author,
      madeBy:
        row.author_role === null
          ? null
          : { role: row.author_role, participantId: row.author_participant },
      createdAt: row.created_at,
      size: row.size,
    }))
  }

  async versionState(workshopId: string, versionId: string): Promise<Uint8Array | null> {
    return this.stmt.versionState.get(workshopId, versionId)?.state ?? null
  }

  async loadRoom(roomId: string): Promise<StoredRoom> {
    return this.db.transaction(() => {
      const snapshot = this.stmt.snapshot.get(roomId)
      const updates = this.stmt.updatesAfter.all(roomId, snapshot?.upto_id ?? 0)
      return {
        snapshot: snapshot?.state ?? null,
        updates: updates.map((row) => row.data),
        clients: this.stmt.clients.all(roomId),
      }
    })()
  }

  /** One transaction, so a batch costs one fsync however many updates it holds. */
  async appendUpdates(batches: readonly RoomUpdates[]) {
    await this.lockFree()
    this.db.transaction(() => {
      for (const { roomId, updates, clients = [] } of batches) {
        for (const update of updates) this.writes.append.run(roomId, update)
        for (const { client, owner } of clients) this.stmt.addClient.run(roomId, client, owner)
      }
    })()
  }

  async replaceRoom(roomId: string, updates: readonly Uint8Array[]) {
    this.db.transaction(() => {
      this.stmt.deleteSnapshot.run(roomId)
      this.stmt.deleteUpdates.run(roomId)
      for (const update of updates) this.writes.append.run(roomId, update)
    })()
  }

  compact(roomId: string): Promise<CompactionResult> {
    return this.inWorker({ kind: 'compact', roomId }).then(
      // A compaction job's result.
      (result) => result as CompactionResult,
      (error: Error) => {
        throw new Error(`compaction of ${roomId} failed: ${error.message}`)
      },
    )
  }

  /**
   * Resolves once the worker writes no workshop. That write holds SQLite's only write lock
   * (an imported workshop: 250–600 ms): a write on this connection meanwhile would wait for it
   * in SQLite's busy handler, holding the event loop, so every write here waits for it first,
   * without blocking. (Compactions are not waited for: they delete the folded log in short
   * transactions.)
   */
  private async lockFree(): Promise<void> {
    while (this.creations.size > 0) await Promise.allSettled(this.creations)
  }

  private inWorker(
    job: StorageJob,
    transfer: readonly TransferListItem[] = [],
  ): Promise<CompactionResult | null> {
    const done = this.worker.call(job, transfer)
    this.jobs.add(done)
    const forget = () => this.jobs.delete(done)
    done.then(forget, forget)
    return done
  }

  async roomStats(roomId: string): Promise<RoomStats> {
    return this.stats(roomId)
  }

  async close() {
    await Promise.allSettled(this.jobs)
    await this.worker.close()
    this.db.pragma('wal_checkpoint(TRUNCATE)')
    this.db.close()
    this.lock.release()
  }
}
