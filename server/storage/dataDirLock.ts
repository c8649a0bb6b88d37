import { readFileSync } from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { DataDirError } from '../lib/dataDir.ts'

export interface DataDirLock {
  release(): void
}

/**
 * The pid of the lock's holder: its `user_version`, which SQLite keeps big-endian at byte 60
 * of the file (https://www.sqlite.org/fileformat.html), read without SQLite, which would
 * wait for the lock.
 */
const holder = (file: string): string => {
  let pid = 0
  try {
    pid = readFileSync(file).readInt32BE(60)
  } catch {
    // a file cut short: the pid is unknown
  }
  if (pid <= 0) return 'its pid is unknown'
  return pid === process.pid ? `pid ${pid}, this process` : `pid ${pid}`
}

/**
 * Keeps DATA_DIR to this server alone: two servers on one database would each serve their own
 * copy of a room, and their clients would never see each other's edits. The lock is SQLite's:
 * an exclusive lock on `fabrique.lock`, a small database beside the data, taken by a write and
 * held until its connection closes (`locking_mode = EXCLUSIVE`). SQLite takes it with fcntl(),
 * which the kernel releases when the process ends however it ends (kill -9 too), and it refuses
 * it to a second connection of the same process. The write records the holder's pid for the
 * refusal (a killed holder's stays until the next start), and fails on a lock file this user
 * may not write, which SQLite would otherwise open read-only and lock nothing with. The main
 * database cannot carry the lock: the compaction worker opens it with a connection of its own.
 */
export const lockDataDir = (dataDir: string): DataDirLock => {
  const file = path.join(dataDir, 'fabrique.lock')
  let db: Database.Database | undefined
  try {
    db = new Database(file, { timeout: 0 }) // refuse at once rather than wait for the holder
    db.pragma('locking_mode = EXCLUSIVE')
    db.pragma(`user_version = ${process.pid}`)
  } catch (error) {
    db?.close()
    if ((error as { code?: unknown }).code === 'SQLITE_BUSY') {
      throw new DataDirError(
        `DATA_DIR ${dataDir} is already in use by a Fabrique server (${holder(file)}): stop that one first, or give this one another DATA_DIR`,
      )
    }
    throw new DataDirError(
      `DATA_DIR ${dataDir} could not be locked: ${file}: ${(error as Error).message}`,
    )
  }
  const held = db
  return { release: () => held.close() }
}
