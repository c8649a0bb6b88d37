/**
 * Runs the storage's long jobs off the main thread, so that they never delay sync:
 * compactions (merging a large room), creating workshops (an imported one can hold tens of
 * MB, whose insert and fsync took 250–500 ms) and erasing a forgotten person (every version
 * re-encoded). Started by `SqliteStorage` with its own connection to the same WAL database.
 */
import { workerData } from 'node:worker_threads'
import Database from 'better-sqlite3'
import { serveRequests } from '../lib/workerRpc.ts'
import { compactRoom } from './compaction.ts'
import { eraseParticipant } from './erasure.ts'
import type { CompactionResult, NewWorkshop, ParticipantErasure } from './Storage.ts'
import { configure, type Durability } from './sqliteSchema.ts'
import { prepareWorkshopWrites } from './workshopWrites.ts'

/** What the worker is asked to do. */
export type StorageJob =
  | { kind: 'compact'; roomId: string }
  | { kind: 'createWorkshop'; workshop: NewWorkshop }
  | { kind: 'erase'; erasure: ParticipantErasure }

const { file, durability } = workerData as { file: string; durability: Durability }
const db = new Database(file)
configure(db, durability)
const writes = prepareWorkshopWrites(db)

serveRequests((job: StorageJob): CompactionResult | null => {
  switch (job.kind) {
    case 'compact':
      return compactRoom(db, job.roomId)
    case 'createWorkshop':
      writes.createWorkshop(job.workshop)
      return null
    case 'erase':
      eraseParticipant(db, job.erasure)
      return null
  }
})
