/**
 * Runs compactions off the main thread so that merging a large room never delays sync.
 * Started by `SqliteStorage` with its own connection to the same WAL database.
 */
import { workerData } from 'node:worker_threads'
import Database from 'better-sqlite3'
import { serveRequests } from '../lib/workerRpc.ts'
import { compactRoom } from './compaction.ts'
import { configure, type Durability } from './sqliteSchema.ts'

const { file, durability } = workerData as { file: string; durability: Durability }
const db = new Database(file)
configure(db, durability)

serveRequests((roomId: string) => compactRoom(db, roomId))
