import type { OutgoingHttpHeaders, ServerResponse } from 'node:http'
import { setImmediate } from 'node:timers/promises'
import { HttpError } from './HttpError.ts'

export interface HeavyReadLimits {
  /** Computations one client address may have under way at once (MAX_HEAVY_READS_PER_IP). */
  perAddress: number
  /** …and one workshop, from every address together (MAX_HEAVY_READS_PER_WORKSHOP). */
  perWorkshop: number
  /** Bytes of results kept, all workshops together; the least recently used go first. */
  keptBytes: number
  /** Bytes of results being sent, all clients together (beyond, 503): see `send`. */
  sendingBytes: number
}

/** Kept results, all together: a few reports of large workshops. */
export const KEPT_BYTES = 32 * 1024 * 1024
/** Results being sent, all together: a few dozen exports of large workshops. */
export const SENDING_BYTES = 256 * 1024 * 1024
/** A heavy response its client takes nothing of for this long is dropped. */
export const SEND_IDLE_MS = 20_000

/** A read computed from a whole workshop (a report, an export, a list with attendance). */
export interface HeavyRead {
  workshopId: string
  /** What is read (`report`, `decisions.csv`…): computed once at a time per workshop. */
  what: string
  /** Who asks: their client address (behind TRUSTED_PROXIES). */
  client: string
  /**
   * For a result that depends on the workshop's document and on this alone (its title, its
   * language, the day printed on it): it is kept, and served again while the document and
   * this are unchanged. Without it, a result is shared only by requests that come while it is
   * computed.
   */
  keep?: string
}

type Settled =
  | { ok: true; value: unknown; bytes: number; revision: number | undefined }
  | { ok: false; error: unknown }

interface Kept {
  workshopId: string
  value: unknown
  bytes: number
  revision: number
}

/**
 * Heavy reads go through here, so that no client can make the server compute them again and
 * again (each holds the event loop 100–300 ms for a 1 MB workshop):
 * - a result that depends on the document alone (and on `keep`) is kept, per workshop and
 *   read, and served while the document's revision is the same; any change drops it;
 * - requests for the same read of a workshop while it is computed wait for it and share it,
 *   if the document did not change meanwhile (else the next of them computes it again);
 * - only the computations count toward the limits: at most `perAddress` under way for one
 *   address and `perWorkshop` for one workshop; beyond, 429 with Retry-After. Someone asking
 *   40 times at once gets one computation; a room of phones behind one NAT asking for the
 *   same list at once shares one.
 * A computation starts on the next turn of the event loop: storage reads are synchronous, so
 * without that the requests that came together would be served one after the other, whole,
 * before the next could even be counted.
 */
export class HeavyReads {
  private readonly flights = new Map<string, Promise<Settled>>()
  /** Most recently used last. */
  private readonly kept = new Map<string, Kept>()
  /** The keys kept of each workshop: a change of one looks at its own only. */
  private readonly keptOf = new Map<string, Set<string>>()
  private keptBytes = 0
  private readonly byAddress = new Map<string, number>()
  private readonly byWorkshop = new Map<string, number>()
  /** Responses being sent, by client address, and their bytes together. */
  private readonly sendingTo = new Map<string, number>()
  private sendingBytes = 0

  constructor(
    private readonly limits: HeavyReadLimits,
    /** The revision of a workshop's document (`SyncServer.revision`). */
    private readonly revision: (workshopId: string) => number | undefined,
  ) {}

  /** A workshop's document changed: what was kept of it goes (it may name someone forgotten). */
  changed(workshopId: string): void {
    for (const key of this.keptOf.get(workshopId) ?? []) {
      const entry = this.kept.get(key)
      if (entry) this.drop(key, entry)
    }
  }

  /**
   * The result of `read`: kept, shared with a computation under way, or computed by
   * `compute` within the limits (else `HttpError` 429). `bytes` tells how large a result to
   * keep is.
   */
  async read<T>(
    read: HeavyRead,
    compute: () => Promise<T>,
    bytes: (value: T) => number = () => 0,
  ): Promise<T> {
    const key = JSON.stringify([read.workshopId, read.what, read.keep ?? null])
    for (;;) {
      const revision = this.revision(read.workshopId)
      const kept = this.kept.get(key)
      if (kept && kept.revision === revision) {
        this.kept.delete(key)
        this.kept.set(key, kept)
        return kept.value as T
      }
      const flight = this.flights.get(key)
      if (!flight) break
      const settled = await flight
      if (!settled.ok) throw settled.error
      // Computed from the document as it was when this request came: it is this request's too.
      if (settled.revision !== undefined && settled.revision === revision) {
        return settled.value as T
      }
    }
    this.take(read)
    const flight = this.compute(read, compute, bytes)
    this.flights.set(key, flight)
    try {
      const settled = await flight
      if (!settled.ok) throw settled.error
      if (read.keep !== undefined && settled.revision !== undefined) {
        this.keep(key, {
          workshopId: read.workshopId,
          value: settled.value,
          bytes: settled.bytes,
          revision: settled.revision,
        })
      }
      return settled.value as T
    } finally {
      this.flights.delete(key)
    }
  }

  /**
   * Runs `compute`, whose place in the limits was taken, and gives the place back. The result
   * has a `revision` only if the document did not change while it was computed.
   */
  private async compute<T>(
    read: HeavyRead,
    compute: () => Promise<T>,
    bytes: (value: T) => number,
  ): Promise<Settled> {
    try {
      // Reading a stored workshop and computing from it is one stretch of the event loop:
      // let the requests that came with this one reach the limits (and join it) first.
      await setImmediate()
      const before = this.revision(read.workshopId)
      const value = await compute()
      const after = this.revision(read.workshopId)
      return {
        ok: true,
        value,
        bytes: bytes(value),
        revision: before === after ? after : undefined,
      }
    } catch (error) {
      return { ok: false, error }
    } finally {
      this.give(read)
    }
  }

  /**
   * Sends a heavy read's result: its bytes count until the response is done (sent, or its
   * socket gone). A client that does not read holds them in the server's memory, so one
   * address may have at most `perAddress` of them under way (else 429) and all together at
   * most `sendingBytes` (else 503); one that takes nothing for SEND_IDLE_MS is dropped.
   * An outside attack held 2 GB with 16 paused sockets, each an export of 60 MB.
   */
  send(
    read: Pick<HeavyRead, 'client'>,
    res: ServerResponse,
    headers: OutgoingHttpHeaders,
    body: string | Buffer,
  ): void {
    const bytes = typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength
    if ((this.sendingTo.get(read.client) ?? 0) >= this.limits.perAddress) {
      throw new HttpError(
        429,
        'too many downloads under way to this address; finish one, then try again in 5 s',
        { 'Retry-After': '5' },
      )
    }
    if (this.sendingBytes > 0 && this.sendingBytes + bytes > this.limits.sendingBytes) {
      throw new HttpError(503, 'the server is sending many large downloads; try again in 5 s', {
        'Retry-After': '5',
      })
    }
    count(this.sendingTo, read.client, 1)
    this.sendingBytes += bytes
    res.once('close', () => {
      count(this.sendingTo, read.client, -1)
      this.sendingBytes -= bytes
    })
    res.setTimeout(SEND_IDLE_MS, () => res.destroy())
    res.writeHead(200, { ...headers, 'Content-Length': bytes })
    res.end(body)
  }

  private take(read: HeavyRead): void {
    const busy = (what: string) =>
      new HttpError(429, `${what}; try again in 1 s`, { 'Retry-After': '1' })
    if ((this.byAddress.get(read.client) ?? 0) >= this.limits.perAddress) {
      throw busy('too many reports, exports and lists under way from this address')
    }
    if ((this.byWorkshop.get(read.workshopId) ?? 0) >= this.limits.perWorkshop) {
      throw busy('too many reports, exports and lists under way in this workshop')
    }
    count(this.byAddress, read.client, 1)
    count(this.byWorkshop, read.workshopId, 1)
  }

  private give(read: HeavyRead): void {
    count(this.byAddress, read.client, -1)
    count(this.byWorkshop, read.workshopId, -1)
  }

  private keep(key: string, entry: Kept): void {
    const previous = this.kept.get(key)
    if (previous) this.drop(key, previous)
    // One result larger than a quarter of the budget would push out everything else.
    if (entry.bytes > this.limits.keptBytes / 4) return
    this.kept.set(key, entry)
    this.keptBytes += entry.bytes
    const keys = this.keptOf.get(entry.workshopId) ?? new Set()
    this.keptOf.set(entry.workshopId, keys.add(key))
    for (const [oldest, old] of this.kept) {
      if (this.keptBytes <= this.limits.keptBytes) break
      this.drop(oldest, old)
    }
  }

  private drop(key: string, entry: Kept): void {
    this.kept.delete(key)
    this.keptBytes -= entry.bytes
    const keys = this.keptOf.get(entry.workshopId)
    keys?.delete(key)
    if (keys?.size === 0) this.keptOf.delete(entry.workshopId)
  }
}

const count = (counts: Map<string, number>, key: string, delta: 1 | -1): void => {
  const next = (counts.get(key) ?? 0) + delta
  if (next > 0) counts.set(key, next)
  else counts.delete(key)
}
