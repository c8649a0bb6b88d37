import * as encoding from 'lib0/encoding'
import * as authProtocol from 'y-protocols/auth'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as syncProtocol from 'y-protocols/sync'
import { MessageType } from '../../shared/protocol.ts'

/** Encoders for the y-websocket frames the server sends. */

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
