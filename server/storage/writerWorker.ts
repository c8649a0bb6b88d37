/**
 * Appends room updates off the main thread: with durability `full` each commit waits for an
 * fsync, which the sync server's event loop must not wait for (it keeps reading and applying
 * updates meanwhile; they go into the next commit). Started by `SqliteStorage` with its own
 * connection to the same WAL database.
 */
import { workerData } from 'node:worker_threads'
import Database from 'better-sqlite3'
import { serveRequests } from '../lib/workerRpc.ts'
import type { RoomUpdates } from './Storage.ts'
import { APPEND_UPDATE, configure, type Durability } from './sqliteSchema.ts'

const { file, durability } = workerData as { file: string; durability: Durability }
const db = new Database(file)
configure(db, durability)
const append = db.prepare(APPEND_UPDATE)

serveRequests((batches: readonly RoomUpdates[]) =>
  db.transaction(() => {
    for (const { roomId, updates } of batches) {
      for (const update of updates) append.run(roomId, update)
    }
  })(),
)
