/**
 * The attacker of bench/abuse.ts, a process of its own (forked with IPC) so that its work does
 * not delay the bench's measurements: one raw `ws` connection with a participant link, sending
 * the worst frames the server's limits allow, as fast as its rate limit allows, and opening a
 * new connection whenever the server closes one. The kinds, taken in turn:
 *
 * - `update`: a document update of MAX_MESSAGE_BYTES (one string into a root nobody reads):
 *   stored and relayed the first time, then sent again, to be decoded again each time;
 * - `awareness`: a presence state of MAX_MESSAGE_BYTES, with a newer clock each time (the
 *   same client, so the server holds one such state, and relays it);
 * - `query`: queryAwareness, which the server answers with every presence state;
 * - `deep`: a presence state nested 20,000 deep (JSON.stringify recurses once per level).
 *
 * Messages: `{ type: 'start', … }` (see StartAttack); at `until` it answers with an AttackReport.
 */
import WebSocket from 'ws'
import { MessageType } from '../../shared/protocol.ts'
import {
  awarenessFrame,
  DEEP_NESTING,
  deepJson,
  largestFrame,
  paddedState,
  renewableAwareness,
  textUpdateFrame,
} from '../../tests/soak/frames.ts'
import { monoMs } from '../fanout/proc.ts'

export const ATTACKS = ['update', 'awareness', 'query', 'deep'] as const
export type Attack = (typeof ATTACKS)[number]

export interface StartAttack {
  type: 'start'
  /** The sync URL with the workshop and the participant token. */
  url: string
  /** Shared monotonic clock (ms) at which the attack starts and stops. */
  at: number
  until: number
  maxMessageBytes: number
  /** MAX_MESSAGES_PER_SECOND: the attacker sends this many frames a second. */
  perSecond: number
  attacks: Attack[]
}

export interface AttackReport {
  type: 'report'
  /** Frames sent, by kind. */
  sent: Record<string, number>
  megabytes: number
  /** Frames not sent because the socket still held two frames' worth of unsent bytes. */
  skipped: number
  connections: number
  /** Connection attempts that failed (the server down, or refusing the upgrade). */
  failedConnects: number
  /** How the server ended the attacker's connections, by close code. */
  closes: Record<string, number>
}

/** Client ids of the attacker's presence states (the honest bench clients have small ones). */
const AWARENESS_CLIENT = 0x7000_0001
const DEEP_CLIENT = 0x7000_0002
const UPDATE_CLIENT = 0x7000_0003
const RETRY_MS = 100
/** Behind by more than this many frames (the process was busy), the schedule starts afresh. */
const MAX_BEHIND = 10

const run = async (start: StartAttack): Promise<AttackReport> => {
  const max = start.maxMessageBytes
  const update = largestFrame(max, (hint) =>
    textUpdateFrame('junk', 'x'.repeat(Math.max(0, hint - 32)), UPDATE_CLIENT),
  )
  let awareness = renewableAwareness(AWARENESS_CLIENT, '')
  largestFrame(max, (hint) => {
    awareness = renewableAwareness(AWARENESS_CLIENT, paddedState(hint))
    return awareness.frame
  })
  const report: AttackReport = {
    type: 'report',
    sent: {},
    megabytes: 0,
    skipped: 0,
    connections: 0,
    failedConnects: 0,
    closes: {},
  }
  let clock = 0
  const frameOf = (attack: Attack): Uint8Array => {
    clock++
    switch (attack) {
      case 'update':
        return update
      case 'awareness':
        awareness.renew(clock)
        return awareness.frame
      case 'query':
        return new Uint8Array([MessageType.queryAwareness])
      case 'deep':
        return awarenessFrame([{ clientId: DEEP_CLIENT, clock, state: deepJson(DEEP_NESTING) }])
    }
  }

  let ws: WebSocket | null = null
  const connect = () => {
    const socket = new WebSocket(start.url, { perMessageDeflate: false, maxPayload: 1 << 30 })
    let opened = false
    socket.on('open', () => {
      opened = true
      report.connections++
    })
    socket.on('error', () => {})
    socket.on('close', (code) => {
      if (opened) report.closes[code] = (report.closes[code] ?? 0) + 1
      else report.failedConnects++
      // At once after a close; a little later after a failed attempt (the server may be down).
      if (monoMs() < start.until) setTimeout(connect, opened ? 0 : RETRY_MS)
    })
    ws = socket
  }

  await new Promise((resolve) => setTimeout(resolve, Math.max(0, start.at - monoMs())))
  connect()
  const period = 1000 / start.perSecond
  let due = monoMs()
  let turn = 0
  while (monoMs() < start.until) {
    const socket = ws as WebSocket | null
    if (socket?.readyState === WebSocket.OPEN) {
      if (socket.bufferedAmount > 2 * max) {
        report.skipped++
      } else {
        const attack = start.attacks[turn++ % start.attacks.length] as Attack
        const frame = frameOf(attack)
        socket.send(frame)
        report.sent[attack] = (report.sent[attack] ?? 0) + 1
        report.megabytes += frame.length / 1e6
      }
    }
    due += period
    // Late (a big frame took long to hand over): catch up, within the rate limit's burst.
    if (due < monoMs() - MAX_BEHIND * period) due = monoMs()
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - monoMs())))
  }
  ;(ws as WebSocket | null)?.terminate()
  return report
}

process.on('message', (message: StartAttack) => {
  run(message).then(
    (report) => process.send?.(report, () => process.exit(0)),
    (error: unknown) => {
      console.error('attacker failed:', error)
      process.exit(1)
    },
  )
})

// Never outlive the bench.
process.on('disconnect', () => process.exit(0))
