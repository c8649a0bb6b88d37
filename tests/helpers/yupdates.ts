import * as encoding from 'lib0/encoding'

/**
 * A hand-made Yjs update no stock client can encode (its encoder recurses): one entry of the
 * `meta` map holding an `any` array nested `depth` deep, by `client` at clock 0.
 */
export const deepAnyUpdate = (depth: number, client = 424242): Uint8Array => {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, 1) // one client
  encoding.writeVarUint(encoder, 1) // one struct
  encoding.writeVarUint(encoder, client)
  encoding.writeVarUint(encoder, 0) // clock
  encoding.writeUint8(encoder, 8 | 0x20) // ContentAny, with a parent key
  encoding.writeVarUint(encoder, 1) // parent is a root
  encoding.writeVarString(encoder, 'meta')
  encoding.writeVarString(encoder, 'deep')
  encoding.writeVarUint(encoder, 1) // one value
  for (let i = 0; i < depth; i++) {
    encoding.writeUint8(encoder, 117) // array
    encoding.writeVarUint(encoder, 1)
  }
  encoding.writeUint8(encoder, 126) // null
  encoding.writeVarUint(encoder, 0) // empty delete set
  return encoding.toUint8Array(encoder)
}
