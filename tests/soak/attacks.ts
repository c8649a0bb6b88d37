import * as decoding from 'lib0/decoding'
import * as prng from 'lib0/prng'
import type WebSocket from 'ws'
import { filterAwarenessUpdate } from '../../shared/awarenessUpdate.ts'
import { MessageType } from '../../shared/protocol.ts'
import { openRaw, type RawSocket } from '../helpers/raw.ts'
import {
  awarenessFrame,
  DEEP_NESTING,
  deepJson,
  MALFORMED,
  paddedState,
  type RawAwarenessEntry,
  textUpdateFrame,
} from './frames.ts'

/**
 * The soak's hostile or broken clients: raw `ws` sockets with a participant link (sometimes an
 * observer's) that each open, send one kind of abuse, wait for the server's answer and leave.
 */

export interface Target {
  syncUrl: string
  workshopId: string
  token: string
}

/** How a connection ended: its close code, `open` if the server kept it, `unreachable`. */
export type Outcome = number | 'open' | 'unreachable'

/** How long an attack waits for the server to close its socket before leaving on its own. */
const WAIT_MS = 1500
/** Messages in a flood: past the rate limit's burst (twice MAX_MESSAGES_PER_SECOND = 200). */
const FLOOD = 300
/** Characters written per fresh big update; the soak writes at most `bigUpdateBudget` in all. */
const BIG_UPDATE_CHARS = 128 * 1024

export interface AttackOptions {
  maxMessageBytes: number
}

export const ATTACK_KINDS = [
  'malformed',
  'text',
  'awarenessBurst',
  'queryFlood',
  'bigAwareness',
  'manyEntries',
  'deepJson',
  'oversize',
  'bigUpdate',
] as const
export type AttackKind = (typeof ATTACK_KINDS)[number]

/** Attacks of the given kinds, chosen at random; the big update is replayed once its budget is spent. */
export class Attacks {
  /** Messages sent by every attack so far. */
  sent = 0
  private bigUpdates = 0
  private lastBigUpdate: Uint8Array | null = null

  constructor(
    private readonly kinds: readonly AttackKind[],
    private readonly gen: prng.PRNG,
    private readonly options: AttackOptions,
    /** Fresh big updates the run may write (each `BIG_UPDATE_CHARS`); after that, replays. */
    private readonly bigUpdateBudget: number,
  ) {}

  /**
   * One attack of a kind chosen at random: resolves with how its connection ended. Its frames
   * are made before the socket opens, so that the random stream is drawn from in call order.
   */
  async run(target: Target): Promise<{ kind: AttackKind; outcome: Outcome }> {
    const kind = prng.oneOf(this.gen, [...this.kinds])
    const frames = this.frames(kind)
    let raw: RawSocket
    try {
      raw = await openRaw(target.syncUrl, target.workshopId, target.token)
    } catch {
      return { kind, outcome: 'unreachable' }
    }
    // A server that closes while a frame is still being written resets the socket: expected.
    raw.ws.on('error', () => {})
    for (const frame of frames) raw.ws.send(frame)
    this.sent += frames.length
    return { kind, outcome: await outcome(raw, WAIT_MS) }
  }

  private frames(kind: AttackKind): Array<Uint8Array | string> {
    const gen = this.gen
    const clientId = () => prng.uint32(gen, 1, 2 ** 31)
    switch (kind) {
      case 'malformed':
        return [prng.oneOf(gen, Object.values(MALFORMED))(gen)]
      case 'text':
        return [prng.word(gen, 1, 64)]
      case 'awarenessBurst': {
        const id = clientId()
        return Array.from({ length: FLOOD }, (_, k) =>
          awarenessFrame([{ clientId: id, clock: k + 1, state: paddedState(100) }]),
        )
      }
      case 'queryFlood':
        return Array.from({ length: FLOOD }, () => new Uint8Array([MessageType.queryAwareness]))
      case 'bigAwareness': {
        const state = paddedState(prng.uint32(gen, 1, 256) * 1024)
        return [awarenessFrame([{ clientId: clientId(), clock: 1, state }])]
      }
      case 'manyEntries': {
        const entries: RawAwarenessEntry[] = Array.from(
          { length: prng.uint32(gen, 200, 1000) },
          () => ({ clientId: clientId(), clock: 1, state: paddedState(80) }),
        )
        return [awarenessFrame(entries)]
      }
      case 'deepJson':
        return [awarenessFrame([{ clientId: clientId(), clock: 1, state: deepJson(DEEP_NESTING) }])]
      case 'oversize':
        return [new Uint8Array(this.options.maxMessageBytes + 1)]
      case 'bigUpdate':
        return [this.bigUpdate()]
    }
  }

  /** A fresh big update (a text entry `junk`) while the budget lasts, then the last one again. */
  private bigUpdate(): Uint8Array {
    if (this.lastBigUpdate === null || this.bigUpdates < this.bigUpdateBudget) {
      this.bigUpdates++
      this.lastBigUpdate = textUpdateFrame(
        'junk',
        prng.word(this.gen, BIG_UPDATE_CHARS, BIG_UPDATE_CHARS),
        prng.uint32(this.gen, 1, 2 ** 31),
      )
    }
    return this.lastBigUpdate
  }
}

/** Waits up to `ms` for the server to close `raw`; then closes it and says it stayed open. */
const outcome = async (raw: RawSocket, ms: number): Promise<Outcome> => {
  let timer: NodeJS.Timeout | undefined
  const result = await Promise.race([
    raw.closed.then(({ code }) => code),
    new Promise<'open'>((resolve) => {
      timer = setTimeout(() => resolve('open'), ms)
    }),
  ])
  clearTimeout(timer)
  raw.ws.terminate()
  return result
}

/**
 * A browser tab in the background: its presence is set once, then it says nothing (a
 * background tab's timers are throttled) while its socket stays open and answers pings. After
 * 30 s without news, y-protocols' awareness drops its state on the server ("timeout"), and the
 * server tells everyone, this tab included: `silentFor` says after how long (in s). (In a room with other
 * clients, the first of them to time the state out itself sends the removal before the
 * server's own timer does: the soak opens this tab alone in a workshop of its own.)
 */
export class Lurker {
  /** Seconds of silence after which the server dropped its presence, null until it does. */
  silentFor: number | null = null

  private constructor(
    private readonly ws: WebSocket,
    /** When its presence was sent (performance.now()). */
    readonly since: number,
  ) {}

  static async open(target: Target, gen: prng.PRNG): Promise<Lurker> {
    const raw = await openRaw(target.syncUrl, target.workshopId, target.token)
    const clientId = prng.uint32(gen, 1, 2 ** 31)
    const lurker = new Lurker(raw.ws, performance.now())
    raw.ws.on('error', () => {})
    raw.ws.on('message', (data: Buffer) => {
      if (lurker.silentFor === null && isRemovalOf(new Uint8Array(data), clientId))
        lurker.silentFor = Math.round((performance.now() - lurker.since) / 100) / 10
    })
    raw.ws.send(awarenessFrame([{ clientId, clock: 1, state: paddedState(100) }]))
    return lurker
  }

  get open(): boolean {
    return this.ws.readyState === this.ws.OPEN
  }

  close(): void {
    this.ws.terminate()
  }
}

/** Whether `frame` is an awareness message saying `clientId` is gone. */
const isRemovalOf = (frame: Uint8Array, clientId: number): boolean => {
  const decoder = decoding.createDecoder(frame)
  if (decoding.readVarUint(decoder) !== MessageType.awareness) return false
  let removed = false
  filterAwarenessUpdate(decoding.readVarUint8Array(decoder), (entry) => {
    if (entry.clientId === clientId && entry.removal) removed = true
    return false
  })
  return removed
}
