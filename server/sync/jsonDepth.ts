const OPEN_ARRAY = 0x5b // [
const OPEN_OBJECT = 0x7b // {
const CLOSE_ARRAY = 0x5d // ]
const CLOSE_OBJECT = 0x7d // }
const QUOTE = 0x22 // "
const BACKSLASH = 0x5c // \

/**
 * How deep the arrays and objects of a JSON text nest, read byte by byte without parsing it
 * (`JSON.stringify` and deep equality recurse: a state nested 20,000 deep overflows the stack
 * when it is encoded again). `bytes` is UTF-8: a multi-byte sequence never holds an ASCII byte,
 * so brackets and quotes are found as they are. Stops counting as soon as `max` is passed.
 */
export const jsonDepthExceeds = (bytes: Uint8Array, max: number): boolean => {
  let depth = 0
  let inString = false
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i]
    if (inString) {
      if (byte === BACKSLASH) i++
      else if (byte === QUOTE) inString = false
    } else if (byte === QUOTE) {
      inString = true
    } else if (byte === OPEN_ARRAY || byte === OPEN_OBJECT) {
      if (++depth > max) return true
    } else if (byte === CLOSE_ARRAY || byte === CLOSE_OBJECT) {
      depth--
    }
  }
  return false
}
