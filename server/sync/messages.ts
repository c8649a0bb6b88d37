import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import * as authProtocol from 'y-protocols/auth'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'
import { MessageType } from '../../shared/protocol.ts'
import { ProtocolError } from './errors.ts'

/** The y-websocket frames: encoders for those the server sends, the reader of those it receives. */

const frame = (type: MessageType, write: (encoder: encoding.Encoder) => void): Uint8Array => {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, type)
  write(encoder)
  return encoding.toUint8Array(encoder)
}

/** SyncStep1 with the server's state vector: asks for what the server lacks, and acks saves. */
export const syncStep1 = (stateVector: Uint8Array): Uint8Array =>
  frame(MessageType.sync, (encoder) => {
    encoding.writeVarUint(encoder, syncProtocol.messageYjsSyncStep1)
    encoding.writeVarUint8Array(encoder, stateVector)
  })

/** SyncStep2: what a client lacks (`update`), in answer to its SyncStep1. */
export const syncStep2 = (update: Uint8Array): Uint8Array =>
  frame(MessageType.sync, (encoder) => {
    encoding.writeVarUint(encoder, syncProtocol.messageYjsSyncStep2)
    encoding.writeVarUint8Array(encoder, update)
  })

export const syncUpdate = (update: Uint8Array): Uint8Array =>
  frame(MessageType.sync, (encoder) => syncProtocol.writeUpdate(encoder, update))

/** The presence of `clients`, as `states` has it (by default, as the awareness holds it). */
export const awarenessMessage = (
  awareness: awarenessProtocol.Awareness,
  clients: readonly number[],
  states: Map<number, Record<string, unknown>> = awareness.getStates(),
): Uint8Array =>
  frame(MessageType.awareness, (encoder) =>
    encoding.writeVarUint8Array(
      encoder,
      awarenessProtocol.encodeAwarenessUpdate(awareness, [...clients], states),
    ),
  )

/**
 * y-protocols' permission-denied message: tells a client which of its changes the server
 * reverted and why (`reason`, a refusal code of shared/schema/rights.ts).
 */
export const permissionDenied = (reason: string): Uint8Array =>
  frame(MessageType.auth, (encoder) => authProtocol.writePermissionDenied(encoder, reason))

/** Clients a SyncStep1's state vector may name (a document has far fewer). */
const MAX_STATE_VECTOR_CLIENTS = 100_000

/** One frame, decoded: what `Room.receive` acts on. */
type Frame =
  | { type: 'syncStep1'; stateVector: Uint8Array }
  | { type: 'update'; update: Uint8Array; step2: boolean }
  | { type: 'awareness'; update: Uint8Array }
  | { type: 'queryAwareness' }
  | { type: 'ignored' }

/**
 * Reads a frame's envelope; throws `ProtocolError` for one that is not a y-websocket message,
 * or that holds bytes after its message (nothing would read them).
 */
export const decodeFrame = (data: Uint8Array): Frame => {
  const decoder = decoding.createDecoder(data)
  let frame: Frame
  try {
    frame = readMessage(decoder)
  } catch (error) {
    if (error instanceof ProtocolError) throw error
    // lib0 throws plain errors on truncated or malformed varints.
    throw new ProtocolError(`malformed frame: ${(error as Error).message}`)
  }
  // A client's permission message is skipped whole, unread.
  if (frame.type !== 'ignored' && decoding.hasContent(decoder)) {
    throw new ProtocolError(`${data.length - decoder.pos} bytes after the message in its frame`)
  }
  return frame
}

/** One message from `decoder`, which is left just after it. */
const readMessage = (decoder: decoding.Decoder): Frame => {
  const type = decoding.readVarUint(decoder)
  switch (type) {
    case MessageType.sync: {
      const syncType = decoding.readVarUint(decoder)
      const payload = decoding.readVarUint8Array(decoder)
      if (syncType === syncProtocol.messageYjsSyncStep1) {
        // Decoded now: encoding a reply to a malformed vector would throw later, in a commit.
        if (Y.decodeStateVector(payload).size > MAX_STATE_VECTOR_CLIENTS) {
          throw new ProtocolError('a state vector naming too many clients')
        }
        return { type: 'syncStep1', stateVector: payload }
      }
      if (
        syncType === syncProtocol.messageYjsSyncStep2 ||
        syncType === syncProtocol.messageYjsUpdate
      )
        return {
          type: 'update',
          update: payload,
          step2: syncType === syncProtocol.messageYjsSyncStep2,
        }
      throw new ProtocolError(`unknown sync message type ${syncType}`)
    }
    case MessageType.awareness:
      return { type: 'awareness', update: decoding.readVarUint8Array(decoder) }
    case MessageType.queryAwareness:
      return { type: 'queryAwareness' }
    case MessageType.auth:
      // Permission messages only flow from server to client; a client's is meaningless.
      return { type: 'ignored' }
    default:
      throw new ProtocolError(`unknown message type ${type}`)
  }
}
