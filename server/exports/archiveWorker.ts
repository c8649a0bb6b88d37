/**
 * Reads imported archives off the main thread, so that parsing and checking a 32 MB archive
 * never delays sync or HTTP. Started by `ArchiveService` at the first import.
 */
import { workerData } from 'node:worker_threads'
import { movable, serveRequests } from '../lib/workerRpc.ts'
import { type ArchiveLimits, type ArchiveReading, readArchive } from './readArchive.ts'

const limits = workerData as ArchiveLimits

const statesOf = (reading: ArchiveReading): Uint8Array[] =>
  reading.ok
    ? [reading.archive.document, ...reading.archive.versions.map((version) => version.state)]
    : []

serveRequests(
  (body: Uint8Array) => readArchive(body, limits),
  (reading) => movable(statesOf(reading)),
)
