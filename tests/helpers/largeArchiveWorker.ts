/** Builds the archive of `largeArchive.ts` in its own thread and posts its bytes back. */
import { parentPort, workerData } from 'node:worker_threads'
import * as Y from 'yjs'
import type { WorkshopArchive } from '../../shared/export/archive.ts'
import { createDocument } from '../../shared/schema/index.ts'

const { base, versionCount, bytes } = workerData as {
  base: WorkshopArchive
  versionCount: number
  bytes: number
}

/** Paragraphs of workshop prose, `size` bytes in all. */
const prose = (size: number, seed: number) => {
  const sentence =
    'Les partenaires patients, citoyens et cliniciens reformulent l’objectif commun. '
  const lines: string[] = []
  for (let written = 0, i = 0; written < size; i++) {
    const line = `${seed}.${i} — ${sentence.repeat(5)}`
    lines.push(line)
    written += Buffer.byteLength(line) + 1
  }
  return lines.join('\n')
}

/** The base workshop with one more document holding `text`, as base64. */
const withText = (text: string) => {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, Buffer.from(base.document, 'base64'))
  createDocument(doc, { title: 'Compte rendu', text }, 'test')
  return Buffer.from(Y.encodeStateAsUpdate(doc)).toString('base64')
}

// Base64 holds 3 bytes in 4 characters; Yjs adds about a tenth to the text.
const binaryHalf = (bytes / 2) * 0.75 * 0.9
const archive = new TextEncoder().encode(
  JSON.stringify({
    ...base,
    document: withText(prose(binaryHalf, 0)),
    versions: Array.from({ length: versionCount }, (_, i) => ({
      name: `Version ${i + 1}`,
      author: 'Léa',
      createdAt: base.exportedAt + i,
      state: withText(prose(binaryHalf / versionCount, i + 1)),
    })),
  }),
)
parentPort?.postMessage(archive, [archive.buffer])
