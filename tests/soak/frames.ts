import * as encoding from 'lib0/encoding'
import * as prng from 'lib0/prng'
import * as Y from 'yjs'
import { syncUpdate } from '../../server/sync/messages.ts'
import { MessageType } from '../../shared/protocol.ts'
import { ROOT } from '../../shared/schema/roots.ts'

/**
 * Frames no Fabrique client sends, for the chaos soak and bench:abuse: malformed ones the
 * server must refuse (4400), and well-formed ones that are as heavy as its limits allow.
 */

/** An awareness entry as it goes on the wire: `state` is JSON text, written as given. */
export interface RawAwarenessEntry {
  clientId: number
  clock: number
  state: string
}

/** An awareness update (the payload of an awareness message) with `entries`, states as given. */
const awarenessUpdate = (entries: readonly RawAwarenessEntry[]): Uint8Array => {
  const update = encoding.createEncoder()
  encoding.writeVarUint(update, entries.length)
  for (const { clientId, clock, state } of entries) {
    encoding.writeVarUint(update, clientId)
    encoding.writeVarUint(update, clock)
    encoding.writeVarString(update, state)
  }
  return encoding.toUint8Array(update)
}

const awarenessMessage = (update: Uint8Array): Uint8Array => {
  const frame = encoding.createEncoder()
  encoding.writeVarUint(frame, MessageType.awareness)
  encoding.writeVarUint8Array(frame, update)
  return encoding.toUint8Array(frame)
}

/** An awareness message with `entries`; their states are not stringified, so any text goes. */
export const awarenessFrame = (entries: readonly RawAwarenessEntry[]): Uint8Array =>
  awarenessMessage(awarenessUpdate(entries))

/** Clocks of `renewableAwareness` start here: their varint always takes 4 bytes (below 2^28). */
const CLOCK_BASE = 2 ** 21

/**
 * An awareness message with one entry whose clock can be set again in place (`renew(n)` gives
 * it the clock 2^21 + n), so that a sender can make the same big state new again (the server
 * steps over a state whose clock is not newer) without building the frame again.
 */
export const renewableAwareness = (
  clientId: number,
  state: string,
): { frame: Uint8Array; renew: (n: number) => void } => {
  const entry = encoding.createEncoder()
  encoding.writeVarUint(entry, 1)
  encoding.writeVarUint(entry, clientId)
  const update = awarenessUpdate([{ clientId, clock: CLOCK_BASE, state }])
  const frame = awarenessMessage(update)
  const at = frame.length - update.length + encoding.length(entry)
  const renew = (n: number) => {
    const clock = CLOCK_BASE + n
    if (clock >= 2 ** 28) throw new RangeError('renewableAwareness: clock past 2^28')
    for (let k = 0; k < 4; k++) frame[at + k] = ((clock >>> (7 * k)) & 0x7f) | (k < 3 ? 0x80 : 0)
  }
  return { frame, renew }
}

/** How deep the hostile presence states are nested: JSON.stringify recurses once per level. */
export const DEEP_NESTING = 20_000

/** JSON nested `depth` arrays deep, `[[[…]]]`: parsed fine, but stringified recursively. */
export const deepJson = (depth: number): string => '['.repeat(depth) + ']'.repeat(depth)

/** A presence state (JSON text) whose frame, with its one entry, is about `bytes` long. */
export const paddedState = (bytes: number): string =>
  JSON.stringify({ cursor: { x: 0, y: 0 }, padding: 'x'.repeat(Math.max(0, bytes - 64)) })

/**
 * The largest frame `build(hint)` makes that is at most `maxBytes` long, for a `build` whose
 * frame grows with its size hint: tried from `maxBytes` down, the hint shrunk by the excess
 * each time (headers and varint lengths make a frame a little longer than its hint).
 */
export const largestFrame = (maxBytes: number, build: (hint: number) => Uint8Array): Uint8Array => {
  let hint = maxBytes
  for (;;) {
    const frame = build(hint)
    if (frame.length <= maxBytes) return frame
    hint -= frame.length - maxBytes
  }
}

/**
 * A document update frame from a fresh client `clientId` that writes `text` as a text entry
 * `key` of the documents collection (the shape lets any writer add one; readers skip it).
 */
export const textUpdateFrame = (key: string, text: string, clientId: number): Uint8Array => {
  const doc = new Y.Doc()
  doc.clientID = clientId
  doc.getMap(ROOT.documents).set(key, new Y.Text(text))
  const frame = syncUpdate(Y.encodeStateAsUpdate(doc))
  doc.destroy()
  return frame
}

/** Ways to break a frame, each seeded: what the server must refuse with 4400. */
export const MALFORMED: Record<string, (gen: prng.PRNG) => Uint8Array> = {
  randomBytes: (gen) => prng.uint8Array(gen, prng.uint32(gen, 1, 512)),
  truncatedVarint: (gen) =>
    new Uint8Array(
      prng.oneOf(gen, [[0x80], [MessageType.sync, 0x80], [MessageType.awareness, 0xff, 0xff]]),
    ),
  unknownType: (gen) => new Uint8Array([prng.uint32(gen, 4, 127), 0]),
  unknownSyncType: (gen) => new Uint8Array([MessageType.sync, prng.uint32(gen, 3, 127), 0]),
  /** A length that promises more bytes than the frame has. */
  truncatedPayload: (gen) =>
    new Uint8Array([MessageType.sync, 2, 100, ...prng.uint8Array(gen, prng.uint32(gen, 0, 99))]),
  /** A sync update whose payload is random bytes. */
  garbageUpdate: (gen) => syncUpdate(prng.uint8Array(gen, prng.uint32(gen, 2, 256))),
  /** An awareness message whose entry ends before its state does. */
  truncatedAwareness: (gen) => {
    const update = awarenessUpdate([
      { clientId: prng.uint32(gen, 1, 1 << 30), clock: 1, state: paddedState(100) },
    ])
    return awarenessMessage(update.subarray(0, prng.uint32(gen, 1, update.length - 2)))
  },
}
