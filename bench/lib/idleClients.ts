/**
 * A process holding idle sync connections for bench/memory.ts (forked with IPC), so that their
 * memory is not the server's. Each connection is a protocol-level client (bench/fanout's
 * `BenchClient` with no edits and no cursor): it sends SyncStep1, answers the server's
 * SyncStep1, receives the document in SyncStep2 and then stays idle (it answers pings).
 *
 * Messages: `{ type: 'open', urls }` opens one connection per URL, 50 at a time, and answers
 * `{ type: 'opened', count }` once every one is synced, or `{ type: 'error', message }`.
 */
import { BenchClient, type Sink } from '../fanout/client.ts'

export type ToIdleClients = { type: 'open'; urls: string[] }
export type FromIdleClients = { type: 'opened'; count: number } | { type: 'error'; message: string }

/** Connections opened at once: joining clients each receive the document, a burst of buffers. */
const BATCH = 50
const SYNC_TIMEOUT_MS = 30_000

const sink: Sink = {
  latencies: new Float64Array(1),
  arrivals: new Float64Array(1),
  count: 0,
  delivered: [0],
  duplicates: 0,
  awarenessEntries: 0,
  awarenessMessages: 0,
  errors: [],
}
const clients: BenchClient[] = []

const open = async (urls: string[]): Promise<void> => {
  for (let i = 0; i < urls.length; i += BATCH) {
    const batch = urls.slice(i, i + BATCH).map(
      (url, k) =>
        new BenchClient(
          {
            room: 0,
            index: clients.length + k,
            url,
            docName: '',
            framing: 'y-websocket',
            // Used only by editors and cursors, which these clients are not.
            clientId: clients.length + k + 1,
            editor: null,
            cursor: false,
            echoAwareness: false,
          },
          sink,
          { x: 0, y: 0 },
        ),
    )
    clients.push(...batch)
    let timer: NodeJS.Timeout | undefined
    await Promise.race([
      Promise.all(batch.map((client) => client.whenSynced())),
      new Promise((_, reject) => {
        timer = setTimeout(() => {
          const synced = batch.filter((client) => client.synced).length
          reject(new Error(`${synced}/${batch.length} synced in ${SYNC_TIMEOUT_MS} ms`))
        }, SYNC_TIMEOUT_MS)
      }),
    ])
    clearTimeout(timer)
    if (sink.errors.length > 0) throw new Error(sink.errors.slice(0, 3).join('; '))
  }
}

process.on('message', (message: ToIdleClients) => {
  open(message.urls).then(
    () => process.send?.({ type: 'opened', count: clients.length } satisfies FromIdleClients),
    (error: unknown) =>
      process.send?.({
        type: 'error',
        message: `${(error as Error).message}; ${sink.errors.slice(0, 3).join('; ')}`,
      } satisfies FromIdleClients),
  )
})

// Never outlive the bench.
process.on('disconnect', () => process.exit(0))
