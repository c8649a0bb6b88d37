import { CloseCode } from '../../shared/protocol.ts'

/** A client broke the protocol: its connection is closed with `code`, other clients go on. */
export class ProtocolError extends Error {
  constructor(
    message: string,
    readonly code: CloseCode = CloseCode.badMessage,
  ) {
    super(message)
    this.name = 'ProtocolError'
  }
}
