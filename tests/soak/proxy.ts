import { createServer, type Server, type Socket, connect as tcpConnect } from 'node:net'
import * as prng from 'lib0/prng'

/**
 * A TCP proxy on 127.0.0.1 between the soak's honest clients and the server, standing for a
 * room's Wi-Fi: while its chaos runs, it picks a connection at random every so often and
 *
 * - **stalls** one direction: bytes trickle through a few at a time (frames arrive in pieces,
 *   late), as on a congested phone link;
 * - **drops** one direction: nothing is forwarded for a while, then everything held back is
 *   (TCP retransmits what a dead link lost): longer than the server's ping interval, and the
 *   server's heartbeat drops the connection;
 * - **cuts** the connection: both sockets are destroyed, at once or (half the time) in the
 *   middle of the next frame one way: only part of it is forwarded.
 *
 * `block()` cuts every connection and refuses new ones (the soak's server is down), and the
 * target port can change (a restarted server listens on another one).
 */

export interface ProxyStats {
  connections: number
  cuts: number
  /** Cuts made in the middle of a frame (counted once done; the others are at once). */
  midFrameCuts: number
  stalls: number
  drops: number
  /** Connections refused while blocked. */
  refused: number
}

export interface ChaosRates {
  /** Faults started per second, over all connections. */
  faultsPerSecond: number
  /** How long a stall or a drop lasts, in ms. */
  stallMs: readonly [number, number]
  dropMs: readonly [number, number]
}

/** Above this many bytes queued in one direction, the proxy stops reading its source. */
const HIGH_WATER = 1 << 20
/** A stalled direction forwards this many bytes at most every TRICKLE_MS. */
const TRICKLE_BYTES: readonly [number, number] = [1, 64]
const TRICKLE_MS = 20

type Mode = 'flow' | 'trickle' | 'hold'

/** A socket whose peer went away is ended, and destroyed this long after if it is still open. */
const LINGER_MS = 2000

/** One direction of a proxied connection: what `from` sends, queued and forwarded to `to`. */
class Link {
  private readonly queue: Buffer[] = []
  private queued = 0
  private mode: Mode = 'flow'
  private ended = false
  private waitingForDrain = false
  /** Ends a stall or a drop. */
  private restore: NodeJS.Timeout | null = null
  /** Next piece of a trickle. */
  private trickling: NodeJS.Timeout | null = null
  /** Set by `cutMidFrame`: the next buffer is cut short, and the connection with it. */
  private onCut: (() => void) | null = null

  constructor(
    private readonly from: Socket,
    private readonly to: Socket,
    private readonly gen: prng.PRNG,
  ) {
    from.on('data', (chunk: Buffer) => {
      this.queue.push(chunk)
      this.queued += chunk.length
      if (this.queued > HIGH_WATER) from.pause()
      this.pump()
    })
    from.on('end', () => {
      this.ended = true
      this.pump()
    })
    to.on('drain', () => {
      this.waitingForDrain = false
      this.pump()
    })
  }

  /** Trickles or holds for `ms`, then flows again. */
  disturb(mode: Exclude<Mode, 'flow'>, ms: number): void {
    this.setMode(mode)
    this.restore = setTimeout(() => this.setMode('flow'), ms)
  }

  heal(): void {
    this.setMode('flow')
  }

  /**
   * Cuts the connection in the middle of what comes next: once a buffer of two bytes or more
   * is queued (now, or when it arrives), forwards a random part of it (at least a byte, never
   * all of it), ends the destination and destroys the source, then calls `onCut`.
   */
  cutMidFrame(onCut: () => void): void {
    this.onCut = onCut
    this.pump()
  }

  stop(): void {
    if (this.restore) clearTimeout(this.restore)
    if (this.trickling) clearTimeout(this.trickling)
    this.restore = null
    this.trickling = null
  }

  private setMode(mode: Mode): void {
    this.stop()
    this.mode = mode
    this.pump()
  }

  private pump(): void {
    if (!this.to.writable) return
    const head = this.queue[0]
    if (this.onCut && head && head.length >= 2) {
      this.stop()
      this.queue.length = 0
      this.to.end(head.subarray(0, prng.uint32(this.gen, 1, head.length - 1)))
      this.from.destroy()
      this.onCut()
      return
    }
    if (this.mode === 'hold' || this.waitingForDrain) return
    if (this.mode === 'trickle') this.trickle()
    else while (this.queue.length > 0 && !this.waitingForDrain) this.send(this.queue.shift())
    if (this.queue.length === 0 && this.ended) this.to.end()
  }

  private trickle(): void {
    const head = this.queue[0]
    if (!head || this.trickling) return
    const bytes = Math.min(head.length, prng.uint32(this.gen, ...TRICKLE_BYTES))
    if (bytes === head.length) this.queue.shift()
    else this.queue[0] = head.subarray(bytes)
    this.send(head.subarray(0, bytes))
    this.trickling = setTimeout(() => {
      this.trickling = null
      this.pump()
    }, TRICKLE_MS)
  }

  private send(bytes: Buffer | undefined): void {
    if (!bytes) return
    this.queued -= bytes.length
    if (!this.to.write(bytes)) this.waitingForDrain = true
    if (this.queued <= HIGH_WATER && this.from.isPaused()) this.from.resume()
  }
}

/** A proxied connection: the client's socket, the one to the server, a link each way. */
class Pipe {
  readonly up: Link
  readonly down: Link

  constructor(
    private readonly client: Socket,
    private readonly upstream: Socket,
    gen: prng.PRNG,
    onClose: () => void,
  ) {
    this.up = new Link(client, upstream, gen)
    this.down = new Link(upstream, client, gen)
    let open = 2
    const pair: Array<[Socket, Socket]> = [
      [client, upstream],
      [upstream, client],
    ]
    for (const [socket, other] of pair) {
      socket.on('error', () => {})
      socket.on('close', () => {
        // Its peer has nothing left to talk to: end it (what it was sent is delivered).
        other.end()
        setTimeout(() => other.destroy(), LINGER_MS).unref()
        if (--open === 0) {
          this.stop()
          onClose()
        }
      })
    }
  }

  stop(): void {
    this.up.stop()
    this.down.stop()
  }

  destroy(): void {
    this.stop()
    this.client.destroy()
    this.upstream.destroy()
  }
}

export class ChaosProxy {
  readonly stats: ProxyStats = {
    connections: 0,
    cuts: 0,
    midFrameCuts: 0,
    stalls: 0,
    drops: 0,
    refused: 0,
  }
  private readonly server: Server
  private readonly pipes = new Set<Pipe>()
  private blocked = false
  private chaos: NodeJS.Timeout | null = null

  constructor(
    /** The server's port; set it again when a restarted server listens on another one. */
    public targetPort: number,
    private readonly gen: prng.PRNG,
  ) {
    this.server = createServer((client) => this.accept(client))
  }

  /** Listens on a free port of 127.0.0.1 and returns it. */
  listen(): Promise<number> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject)
      this.server.listen(0, '127.0.0.1', () => {
        resolve((this.server.address() as { port: number }).port)
      })
    })
  }

  /** Starts injecting faults at random (seeded) moments. */
  startChaos(rates: ChaosRates): void {
    const next = () => {
      // Uniform in [0, 2 / rate]: `rate` faults a second on average.
      this.chaos = setTimeout(
        () => {
          this.fault(rates)
          next()
        },
        prng.real53(this.gen) * (2000 / rates.faultsPerSecond),
      )
    }
    next()
  }

  /** Stops the chaos: no new fault, and every stalled or dropped direction flows again. */
  heal(): void {
    if (this.chaos) clearTimeout(this.chaos)
    this.chaos = null
    for (const pipe of this.pipes) {
      pipe.up.heal()
      pipe.down.heal()
    }
  }

  /** Cuts every connection and refuses new ones until `unblock()`. */
  block(): void {
    this.blocked = true
    for (const pipe of this.pipes) pipe.destroy()
  }

  unblock(): void {
    this.blocked = false
  }

  close(): Promise<void> {
    this.heal()
    this.block()
    return new Promise((resolve) => this.server.close(() => resolve()))
  }

  private accept(client: Socket): void {
    if (this.blocked) {
      this.stats.refused++
      client.destroy()
      return
    }
    this.stats.connections++
    client.setNoDelay(true)
    const upstream = tcpConnect({ host: '127.0.0.1', port: this.targetPort, noDelay: true })
    const pipe = new Pipe(client, upstream, this.gen, () => this.pipes.delete(pipe))
    this.pipes.add(pipe)
  }

  private fault(rates: ChaosRates): void {
    const pipes = [...this.pipes]
    const pipe = pipes[prng.uint32(this.gen, 0, pipes.length - 1)]
    if (!pipe) return
    const roll = prng.real53(this.gen)
    const link = prng.bool(this.gen) ? pipe.up : pipe.down
    if (roll < 0.4) {
      this.stats.stalls++
      link.disturb('trickle', prng.uint32(this.gen, ...rates.stallMs))
    } else if (roll < 0.7) {
      this.stats.drops++
      link.disturb('hold', prng.uint32(this.gen, ...rates.dropMs))
    } else {
      this.stats.cuts++
      if (prng.bool(this.gen)) link.cutMidFrame(() => this.stats.midFrameCuts++)
      else pipe.destroy()
    }
  }
}
