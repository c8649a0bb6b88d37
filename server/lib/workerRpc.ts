import { parentPort, type TransferListItem, type Worker } from 'node:worker_threads'
import { startTsWorker } from './tsWorker.ts'

type Reply<Result> =
  | { id: number; ok: true; result: Result }
  | { id: number; ok: false; error: string }
/** What a worker posts once it serves requests. */
const READY = 'ready'

/**
 * Calls into a worker thread started from a TypeScript module (see `serveRequests` for the
 * worker's side). The worker is started by `start()` or on the first call, and again after it
 * crashes; it keeps the process alive only while a call is under way.
 */
export class WorkerRpc<Request, Result> {
  private worker: Worker | null = null
  private booted: Promise<void> = Promise.resolve()
  private nextId = 0
  private readonly inFlight = new Map<number, (reply: Reply<Result>) => void>()

  constructor(
    private readonly moduleUrl: URL,
    private readonly workerData: unknown,
  ) {}

  /** Calls the worker; the buffers in `transfer` are moved to it, not copied (see `movable`). */
  call(request: Request, transfer: readonly TransferListItem[] = []): Promise<Result> {
    const worker = this.started()
    const id = this.nextId++
    return new Promise<Result>((resolve, reject) => {
      this.inFlight.set(id, (reply) =>
        reply.ok ? resolve(reply.result) : reject(new Error(reply.error)),
      )
      worker.ref()
      worker.postMessage({ id, request }, transfer)
    })
  }

  /**
   * Starts the worker now rather than on the first call. Booting a thread (tsx, yjs, SQLite)
   * takes a core for a few hundred ms: better at start-up than in the middle of a busy room.
   * Resolves once the worker serves requests; rejects if it fails to boot.
   */
  start(): Promise<void> {
    this.started()
    return this.booted
  }

  /** Stops the worker; calls under way fail. */
  async close(): Promise<void> {
    const worker = this.worker
    this.worker = null
    await worker?.terminate()
    this.failAll('the worker was stopped')
  }

  private started(): Worker {
    if (this.worker) return this.worker
    const worker = startTsWorker(this.moduleUrl, this.workerData)
    this.booted = new Promise((resolve, reject) => {
      worker.once('error', reject)
      worker.once('message', () => resolve())
    })
    this.booted.catch(() => {}) // also reported to the calls under way, below
    worker.on('message', (reply: Reply<Result> | typeof READY) => {
      if (reply === READY) return
      const settle = this.inFlight.get(reply.id)
      this.inFlight.delete(reply.id)
      if (this.inFlight.size === 0) worker.unref()
      settle?.(reply)
    })
    worker.on('error', (error) => {
      if (this.worker === worker) this.worker = null
      this.failAll(error.message)
    })
    worker.unref()
    this.worker = worker
    return worker
  }

  private failAll(error: string): void {
    for (const [id, settle] of this.inFlight) settle({ id, ok: false, error })
    this.inFlight.clear()
  }
}

/**
 * The worker's side of `WorkerRpc`: answers each request with `handle`'s result or error. The
 * buffers `transferOf` lists are moved to the caller with the result, not copied.
 */
export const serveRequests = <Request, Result>(
  handle: (request: Request) => Result,
  transferOf: (result: Result) => TransferListItem[] = () => [],
): void => {
  parentPort?.on('message', ({ id, request }: { id: number; request: Request }) => {
    let reply: Reply<Result>
    let transfer: TransferListItem[] = []
    try {
      const result = handle(request)
      reply = { id, ok: true, result }
      transfer = transferOf(result)
    } catch (error) {
      reply = { id, ok: false, error: error instanceof Error ? error.message : String(error) }
    }
    parentPort?.postMessage(reply, transfer)
  })
  parentPort?.postMessage(READY)
}

/**
 * The buffers behind `views` that can be moved to another thread rather than copied: those a
 * view covers whole (a small Buffer shares Node's pool with others, and is copied), each once.
 * A moved buffer is empty on this side afterwards. Copying 32 MB to a worker held the event
 * loop 70–100 ms here; moving it takes none.
 */
export const movable = (views: Iterable<Uint8Array>): ArrayBuffer[] => {
  const buffers = new Set<ArrayBuffer>()
  for (const view of views) {
    const { buffer } = view
    if (
      buffer instanceof ArrayBuffer &&
      view.byteOffset === 0 &&
      view.byteLength === buffer.byteLength
    )
      buffers.add(buffer)
  }
  return [...buffers]
}
