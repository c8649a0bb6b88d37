import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'

/** One entry of an encoded awareness update, read without parsing its JSON state. */
export interface AwarenessEntry {
  clientId: number
  clock: number
  /** Whether the state is `null` (the client left). */
  removal: boolean
  /** The state's JSON, as bytes of the update (not copied). */
  state: Uint8Array
}

const NULL = [0x6e, 0x75, 0x6c, 0x6c] // "null"

/**
 * Keeps the entries of an awareness update that `keep` accepts, reading only their client id,
 * clock and whether the state is null: stale entries (y-websocket clients echo every change
 * they receive) cost no JSON parsing. Returns the update itself when every entry is kept, a
 * smaller update, or null when none is. Throws, before `keep` sees any entry, on a truncated
 * update, one with bytes after its entries, and one listing more than `maxEntries` entries.
 */
export const filterAwarenessUpdate = (
  update: Uint8Array,
  keep: (entry: AwarenessEntry) => boolean,
  maxEntries = Number.POSITIVE_INFINITY,
): Uint8Array | null => {
  const decoder = decoding.createDecoder(update)
  const count = decoding.readVarUint(decoder)
  if (count > maxEntries) {
    throw new RangeError(`${count} entries in one awareness update (at most ${maxEntries})`)
  }
  const entries: Array<{ entry: AwarenessEntry; bytes: Uint8Array }> = []
  for (let i = 0; i < count; i++) {
    const start = decoder.pos
    const clientId = decoding.readVarUint(decoder)
    const clock = decoding.readVarUint(decoder)
    const length = decoding.readVarUint(decoder)
    const state = decoder.pos
    if (state + length > update.length) throw new RangeError('truncated awareness entry')
    decoder.pos += length
    const removal = length === 4 && NULL.every((byte, k) => update[state + k] === byte)
    entries.push({
      entry: { clientId, clock, removal, state: update.subarray(state, state + length) },
      bytes: update.subarray(start, decoder.pos),
    })
  }
  if (decoding.hasContent(decoder)) {
    throw new RangeError(`${update.length - decoder.pos} bytes after the awareness entries`)
  }
  const kept = entries.filter(({ entry }) => keep(entry))
  if (kept.length === count) return update
  if (kept.length === 0) return null
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, kept.length)
  for (const { bytes } of kept) encoding.writeUint8Array(encoder, bytes)
  return encoding.toUint8Array(encoder)
}

/** An awareness update listing `entry` alone (its state copied, so the original may go). */
export const encodeAwarenessEntry = (entry: AwarenessEntry): Uint8Array => {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, 1)
  encoding.writeVarUint(encoder, entry.clientId)
  encoding.writeVarUint(encoder, entry.clock)
  encoding.writeVarUint8Array(encoder, entry.state)
  return encoding.toUint8Array(encoder)
}
