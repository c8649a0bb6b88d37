/**
 * Runs compactions off the main thread so that merging a large room never delays sync.
 * Started by `SqliteStorage` with its own connection to the same WAL database.
 */
import { parentPort, workerData } from 'node:worker_threads'
import Database from 'better-sqlite3'
import { compactRoom } from './compaction.ts'
import { configure, type Durability } from './sqliteSchema.ts'

export interface CompactionRequest {
  id: number
  roomId: string
}
export type CompactionReply =
  | { id: number; ok: true; result: ReturnType<typeof compactRoom> }
  | { id: number; ok: false; error: string }

const { file, durability } = workerData as { file: string; durability: Durability }
const db = new Database(file)
configure(db, durability)

parentPort?.on('message', (request: CompactionRequest) => {
  let reply: CompactionReply
  try {
    reply = { id: request.id, ok: true, result: compactRoom(db, request.roomId) }
  } catch (error) {
    reply = {
      id: request.id,
      ok: false,
      error: error instanceof Error ? error.message : String(error),
    }
  }
  parentPort?.postMessage(reply)
})
