import type Database from 'better-sqlite3'

/**
 * Tables of the SQLite backend, versioned with `PRAGMA user_version`. A later change appends
 * a statement list to `STEPS`; existing databases run only the steps they miss.
 */
const STEPS: readonly string[][] = [
  [
    `CREATE TABLE workshops (
      id TEXT PRIMARY KEY,
      title TEXT NOT NULL,
      template TEXT NOT NULL,
      locale TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      sealed_links BLOB NOT NULL
    ) STRICT`,
    `CREATE TABLE tokens (
      hash TEXT PRIMARY KEY,
      workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
      role TEXT NOT NULL
    ) STRICT`,
    `CREATE TABLE room_snapshots (
      room_id TEXT PRIMARY KEY,
      upto_id INTEGER NOT NULL,
      state BLOB NOT NULL
    ) STRICT`,
    `CREATE TABLE room_updates (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      room_id TEXT NOT NULL,
      data BLOB NOT NULL
    ) STRICT`,
    'CREATE INDEX room_updates_by_room ON room_updates(room_id, id)',
  ],
  [
    `CREATE TABLE participants (
      workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
      id TEXT NOT NULL,
      secret_hash TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      PRIMARY KEY (workshop_id, id)
    ) STRICT`,
  ],
  [
    `CREATE TABLE versions (
      id TEXT PRIMARY KEY,
      workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
      name TEXT NOT NULL,
      author TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      state BLOB NOT NULL
    ) STRICT`,
    'CREATE INDEX versions_by_workshop ON versions(workshop_id, created_at)',
  ],
  // Who made a version, as the server saw it (NULL on versions made before: their `author`).
  [
    'ALTER TABLE versions ADD COLUMN author_role TEXT',
    'ALTER TABLE versions ADD COLUMN author_participant TEXT',
  ],
  // Who each Yjs client id of a room belongs to (see ClientOwner in Storage.ts).
  [
    `CREATE TABLE room_clients (
      room_id TEXT NOT NULL,
      client INTEGER NOT NULL,
      owner TEXT NOT NULL,
      PRIMARY KEY (room_id, client)
    ) STRICT`,
  ],
  // Attendance of the lab's sessions: each person's connected intervals (extended while they
  // stay), and what each had contributed when a session started and ended (attendance.ts).
  [
    `CREATE TABLE attendance (
      id INTEGER PRIMARY KEY,
      workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
      session_id TEXT NOT NULL,
      participant_id TEXT NOT NULL,
      partner_group TEXT,
      started_at INTEGER NOT NULL,
      ended_at INTEGER NOT NULL
    ) STRICT`,
    'CREATE INDEX attendance_by_workshop ON attendance(workshop_id, session_id, participant_id)',
    `CREATE TABLE session_contributions (
      workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
      session_id TEXT NOT NULL,
      stage TEXT NOT NULL,
      participant_id TEXT NOT NULL,
      notes INTEGER NOT NULL,
      ballots INTEGER NOT NULL,
      edits INTEGER NOT NULL,
      PRIMARY KEY (workshop_id, session_id, stage, participant_id)
    ) STRICT`,
  ],
  // A person's personal link (its hash, one at a time) and the secrets of the devices it signed
  // in (deviceRows.ts); both go with the person's identity (forgetting them deletes it).
  [
    `CREATE TABLE personal_links (
      workshop_id TEXT NOT NULL,
      participant_id TEXT NOT NULL,
      hash TEXT NOT NULL UNIQUE,
      created_at INTEGER NOT NULL,
      PRIMARY KEY (workshop_id, participant_id),
      FOREIGN KEY (workshop_id, participant_id) REFERENCES participants(workshop_id, id) ON DELETE CASCADE
    ) STRICT`,
    `CREATE TABLE participant_devices (
      workshop_id TEXT NOT NULL,
      participant_id TEXT NOT NULL,
      secret_hash TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      PRIMARY KEY (workshop_id, participant_id, secret_hash),
      FOREIGN KEY (workshop_id, participant_id) REFERENCES participants(workshop_id, id) ON DELETE CASCADE
    ) STRICT`,
  ],
]

export type Durability = 'full' | 'normal'

const WAL_SIZE_LIMIT_BYTES = 16 * 1024 * 1024
const INCREMENTAL = 2

/**
 * Pages freed by compaction go back to the file system: the database uses incremental
 * auto-vacuum, and each compaction ends with `PRAGMA incremental_vacuum` (see compaction.ts).
 * Without it the file keeps the size of the largest update log it ever held. A database made
 * before this setting is converted once, by a VACUUM (it rewrites the file).
 */
export const useIncrementalVacuum = (db: Database.Database): void => {
  if (db.pragma('auto_vacuum', { simple: true }) === INCREMENTAL) return
  db.pragma('auto_vacuum = INCREMENTAL')
  // On a database that already has tables, the setting takes effect only through a VACUUM.
  if (db.pragma('auto_vacuum', { simple: true }) !== INCREMENTAL) db.exec('VACUUM')
}

/** Opens the database the way both the server and the compaction worker need it. */
export const configure = (db: Database.Database, durability: Durability): void => {
  db.pragma('journal_mode = WAL')
  // FULL: every commit is fsynced before it returns (survives power loss).
  // NORMAL: the WAL is fsynced at checkpoints; a commit survives a process crash, not a power cut.
  db.pragma(`synchronous = ${durability === 'full' ? 'FULL' : 'NORMAL'}`)
  db.pragma('busy_timeout = 5000')
  // After a checkpoint, a WAL grown by a burst of writes is cut back to this size.
  db.pragma(`journal_size_limit = ${WAL_SIZE_LIMIT_BYTES}`)
  db.pragma('foreign_keys = ON')
  // What is deleted is overwritten with zeros, freed pages included: a forgotten person's
  // record, once compacted away, leaves no bytes in the file (see erasure.ts for the WAL).
  db.pragma('secure_delete = ON')
}

export const migrateDatabase = (db: Database.Database): void => {
  const current = db.pragma('user_version', { simple: true }) as number
  if (current > STEPS.length) {
    throw new Error(
      `the database was written by a newer Fabrique (schema ${current}, this build knows ${STEPS.length})`,
    )
  }
  db.transaction(() => {
    for (const step of STEPS.slice(current)) for (const sql of step) db.exec(sql)
    db.pragma(`user_version = ${STEPS.length}`)
  }).immediate()
}
