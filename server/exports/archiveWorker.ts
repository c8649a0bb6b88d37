/**
 * Reads imported archives off the main thread, so that parsing and checking a 32 MB archive
 * never delays sync or HTTP. Started by `ArchiveService` at the first import.
 */
import { workerData } from 'node:worker_threads'
import { serveRequests } from '../lib/workerRpc.ts'
import { readArchive } from './readArchive.ts'

const { maxVersions } = workerData as { maxVersions: number }

serveRequests((body: Uint8Array) => readArchive(body, maxVersions))
