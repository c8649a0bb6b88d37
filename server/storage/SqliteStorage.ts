import { mkdirSync } from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import type { Locale } from '../../shared/i18n/locales.ts'
import type { Role } from '../../shared/roles.ts'
import { WorkerRpc } from '../lib/workerRpc.ts'
import type {
  CompactionResult,
  NewWorkshop,
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

/**
 * SQLite backend (better-sqlite3, WAL). Writes are synchronous: when `appendUpdates`
 * returns, the rows are committed (and fsynced with durability `full`); the sync server's
 * GroupCommit makes that one commit per event-loop turn for all rooms. (A writer thread was
 * tried: on 2 cores its hand-offs cost more CPU and latency than the fsync it moved away.)
 * Compactions run in a worker thread with their own connection, started with the storage.
 */
export class SqliteStorage implements Storage {
  readonly file: string
  private readonly db: Database.Database
  private readonly durability: Durability
  private readonly compactor: WorkerRpc<string, CompactionResult>
  private readonly compactions = new Set<Promise<CompactionResult>>()

  private readonly stmt

  constructor(dataDir: string, options: { durability?: Durability } = {}) {
    mkdirSync(dataDir, { recursive: true })
    this.file = path.join(dataDir, 'fabrique.sqlite')
    this.durability = options.durability ?? 'full'
    this.db = new Database(this.file)
    configure(this.db, this.durability)
    useIncrementalVacuum(this.db)
    migrateDatabase(this.db)
    this.compactor = new WorkerRpc(new URL('./compactionWorker.ts', import.meta.url), {
      file: this.file,
      durability: this.durability,
    })
    void this.compactor.start()
    const db = this.db
    this.stmt = {
      insertWorkshop: db.prepare(
        'INSERT INTO workshops (id, title, template, locale, created_at, sealed_links) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      insertToken: db.prepare('INSERT INTO tokens (hash, workshop_id, role) VALUES (?, ?, ?)'),
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
      deleteRoleToken: db.prepare('DELETE FROM tokens WHERE workshop_id = ? AND role = ?'),
      updateSealedLinks: db.prepare('UPDATE workshops SET sealed_links = ? WHERE id = ?'),
      addParticipant: db.prepare(
        'INSERT INTO participants (workshop_id, id, secret_hash, created_at) VALUES (?, ?, ?, ?)',
      ),
      findParticipant: db.prepare<
        [string, string],
        { workshop_id: string; id: string; secret_hash: string; created_at: number }
      >('SELECT * FROM participants WHERE workshop_id = ? AND id = ?'),
      listParticipants: db.prepare<
        [string],
        { workshop_id: string; id: string; secret_hash: string; created_at: number }
      >('SELECT * FROM participants WHERE workshop_id = ? ORDER BY created_at, id'),
      addVersion: db.prepare(
        'INSERT INTO versions (id, workshop_id, name, author, created_at, state) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      listVersions: db.prepare<
        [string],
        {
          id: string
          workshop_id: string
          name: string
          author: string
          created_at: number
          size: number
        }
      >(
        'SELECT id, workshop_id, name, author, created_at, length(state) AS size FROM versions WHERE workshop_id = ? ORDER BY created_at, rowid',
      ),
      versionState: db.prepare<[string, string], { state: Uint8Array }>(
        'SELECT state FROM versions WHERE workshop_id = ? AND id = ?',
      ),
      append: db.prepare('INSERT INTO room_updates (room_id, data) VALUES (?, ?)'),
      // Updates a snapshot covers are not counted: a compaction deletes them in steps.
      stats: db.prepare<[{ room: string }], { n: number; bytes: number | null }>(
        `SELECT count(*) AS n, sum(length(data)) AS bytes FROM room_updates WHERE room_id = @room
           AND id > coalesce((SELECT upto_id FROM room_snapshots WHERE room_id = @room), 0)`,
      ),
    }
  }

  async createWorkshop({ record, tokenHashes, sealedLinks, initialState, versions }: NewWorkshop) {
    this.db.transaction(() => {
      this.stmt.insertWorkshop.run(
        record.id,
        record.title,
        record.template,
        record.locale,
        record.createdAt,
        sealedLinks,
      )
      for (const [role, hash] of Object.entries(tokenHashes)) {
        this.stmt.insertToken.run(hash, record.id, role)
      }
      this.stmt.append.run(record.id, initialState)
      for (const { state, ...version } of versions ?? []) {
        this.insertVersion({ ...version, workshopId: record.id }, state)
      }
    })()
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
    this.db.transaction(() => {
      this.stmt.deleteRoleToken.run(workshopId, role)
      this.stmt.insertToken.run(tokenHash, workshopId, role)
      this.stmt.updateSealedLinks.run(sealedLinks, workshopId)
    })()
  }

  async addParticipant(identity: ParticipantIdentity) {
    this.stmt.addParticipant.run(
      identity.workshopId,
      identity.participantId,
      identity.secretHash,
      identity.createdAt,
    )
  }

  async findParticipant(
    workshopId: string,
    participantId: string,
  ): Promise<ParticipantIdentity | null> {
    const row = this.stmt.findParticipant.get(workshopId, participantId)
    return row ? toIdentity(row) : null
  }

  async listParticipants(workshopId: string): Promise<ParticipantIdentity[]> {
    return this.stmt.listParticipants.all(workshopId).map(toIdentity)
  }

  async addVersion(version: Omit<VersionInfo, 'size'>, state: Uint8Array) {
    this.insertVersion(version, state)
  }

  private insertVersion(version: Omit<VersionInfo, 'size'>, state: Uint8Array) {
    this.stmt.addVersion.run(
      version.id,
      version.workshopId,
      version.name,
      version.author,
      version.createdAt,
      state,
    )
  }

  async listVersions(workshopId: string): Promise<VersionInfo[]> {
    return this.stmt.listVersions.all(workshopId).map((row) => ({
      id: row.id,
      workshopId: row.workshop_id,
      name: row.name,
      author: row.author,
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
      return { snapshot: snapshot?.state ?? null, updates: updates.map((row) => row.data) }
    })()
  }

  /** One transaction, so a batch costs one fsync however many updates it holds. */
  async appendUpdates(batches: readonly RoomUpdates[]) {
    this.db.transaction(() => {
      for (const { roomId, updates } of batches) {
        for (const update of updates) this.stmt.append.run(roomId, update)
      }
    })()
  }

  compact(roomId: string): Promise<CompactionResult> {
    const done = this.compactor.call(roomId).catch((error: Error) => {
      throw new Error(`compaction of ${roomId} failed: ${error.message}`)
    })
    this.compactions.add(done)
    const forget = () => this.compactions.delete(done)
    done.then(forget, forget)
    return done
  }

  async roomStats(roomId: string): Promise<RoomStats> {
    const updates = this.stmt.stats.get({ room: roomId })
    const snapshot = this.stmt.snapshot.get(roomId)
    return {
      updateCount: updates?.n ?? 0,
      updateBytes: updates?.bytes ?? 0,
      snapshotBytes: snapshot?.state.byteLength ?? 0,
    }
  }

  async close() {
    await Promise.allSettled(this.compactions)
    await this.compactor.close()
    this.db.pragma('wal_checkpoint(TRUNCATE)')
    this.db.close()
  }
}
