import { startTsWorker } from '../../server/lib/tsWorker.ts'
import type { WorkshopArchive } from '../../shared/export/archive.ts'

/**
 * `base` grown to about `bytes` of JSON: half of it a document full of text, half
 * `versionCount` named versions that each hold the base workshop with a page of its own.
 * Built in a worker thread: its garbage (Y.Docs, tens of MB of strings) stays out of the heap
 * of a server running in this process, whose pauses a test may be measuring.
 */
export const largeArchive = (
  base: WorkshopArchive,
  versionCount: number,
  bytes: number,
): Promise<Buffer> => {
  const worker = startTsWorker(new URL('./largeArchiveWorker.ts', import.meta.url), {
    base,
    versionCount,
    bytes,
  })
  return new Promise<Buffer>((resolve, reject) => {
    worker.once('message', (archive: Uint8Array) => {
      resolve(Buffer.from(archive.buffer, archive.byteOffset, archive.byteLength))
      void worker.terminate()
    })
    worker.once('error', reject)
  })
}
