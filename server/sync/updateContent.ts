import * as decoding from 'lib0/decoding'
import { jsonDepthExceeds } from './jsonDepth.ts'
import { type UpdateBounds, UpdateRefused } from './updateRefused.ts'

/**
 * The content of one item of an update (see updateScan.ts), read without recursion and held
 * to the bounds: it mirrors the `write` of each of Yjs's content types
 * (yjs/src/structs/Content*.js) and lib0's `writeAny`, one after another.
 */

export const CONTENT_DELETED = 1
export const CONTENT_TYPE = 7
const CONTENT_DOC = 9
/** Yjs type refs whose content also carries a name (`YXmlElement`, `YXmlHook`). */
const NAMED_TYPE_REFS = new Set([3, 5])

const utf8 = new TextDecoder('utf-8', { fatal: true })

/** Reads keys and contents from an update's decoder. */
export class ContentReader {
  constructor(
    private readonly decoder: decoding.Decoder,
    /** Bytes of the whole update: a value read past them is a truncated update. */
    private readonly updateLength: number,
    private readonly bounds: UpdateBounds,
    /** Repair mode: content out of bounds is reported, not refused. */
    private readonly collect: boolean,
  ) {}

  /** A map key, a root name, a format key or an XML node name (`what`, for the refusal). */
  readKey(what: string): string {
    const bytes = decoding.readVarUint8Array(this.decoder)
    if (bytes.length > this.bounds.maxKeyBytes && !this.collect) {
      throw new UpdateRefused(
        `${what} of ${bytes.length} bytes (at most ${this.bounds.maxKeyBytes})`,
      )
    }
    return utf8.decode(bytes)
  }

  /** Reads one item's content: its length in clock units, and what is out of bounds in it. */
  readContent(ref: number): { length: number; problem: string | null } {
    const d = this.decoder
    const { maxValueBytes } = this.bounds
    switch (ref) {
      case CONTENT_DELETED:
        return { length: decoding.readVarUint(d), problem: null }
      case 2: {
        // ContentJSON: strings of JSON (older clients).
        const count = decoding.readVarUint(d)
        let problem: string | null = null
        for (let i = 0; i < count && (problem === null || this.collect); i++) {
          const found = this.jsonProblem(decoding.readVarUint8Array(d))
          problem ??= found
        }
        return { length: count, problem }
      }
      case 3: {
        const bytes = decoding.readVarUint8Array(d)
        return {
          length: 1,
          problem:
            bytes.length > maxValueBytes
              ? `a binary value of ${bytes.length} bytes (at most ${maxValueBytes})`
              : null,
        }
      }
      case 4: {
        const bytes = decoding.readVarUint8Array(d)
        if (bytes.length > maxValueBytes) {
          const problem = `a text of ${bytes.length} bytes (at most ${maxValueBytes})`
          // Refused at once, without decoding it (8 MB take 12 ms); repair keeps its length.
          if (!this.collect) throw new UpdateRefused(problem)
          return { length: utf8.decode(bytes).length, problem }
        }
        // The length is in UTF-16 code units, as Yjs counts a string.
        return { length: utf8.decode(bytes).length, problem: null }
      }
      case 5:
        // ContentEmbed: one JSON string.
        return { length: 1, problem: this.jsonProblem(decoding.readVarUint8Array(d)) }
      case 6: {
        // ContentFormat: a key and a JSON string.
        this.readKey('a format key')
        return { length: 1, problem: this.jsonProblem(decoding.readVarUint8Array(d)) }
      }
      case CONTENT_TYPE: {
        const typeRef = decoding.readVarUint(d)
        if (typeRef > 6) return { length: 1, problem: `an unknown shared type (${typeRef})` }
        if (NAMED_TYPE_REFS.has(typeRef)) this.readKey('an XML node name')
        return { length: 1, problem: null }
      }
      case 8: {
        const count = decoding.readVarUint(d)
        let problem: string | null = null
        for (let i = 0; i < count && (problem === null || this.collect); i++) {
          const found = this.skipAny()
          problem ??= found
        }
        return { length: count, problem }
      }
      case CONTENT_DOC:
        // Workshops have no sub-documents; one would load another document by its guid.
        utf8.decode(decoding.readVarUint8Array(d))
        return { length: 1, problem: this.skipAny() ?? 'a sub-document' }
      default:
        throw new UpdateRefused(`an unknown content type (${ref})`)
    }
  }

  /** Checks a JSON value as Yjs will parse it (`undefined` is how ContentJSON writes one). */
  private jsonProblem(bytes: Uint8Array): string | null {
    const { maxDepth, maxValueBytes } = this.bounds
    if (bytes.length > maxValueBytes)
      return `a value of ${bytes.length} bytes (at most ${maxValueBytes})`
    if (jsonDepthExceeds(bytes, maxDepth)) return `a value nested deeper than ${maxDepth}`
    const text = utf8.decode(bytes)
    if (text === 'undefined') return null
    try {
      JSON.parse(text)
    } catch {
      throw new UpdateRefused('a value that is not JSON')
    }
    return null
  }

  /**
   * Skips one lib0 `any` value (lib0/encoding.js `writeAny`) with a stack of counts instead of
   * recursion. Returns what is out of bounds in it, or null.
   */
  private skipAny(): string | null {
    const d = this.decoder
    const { maxDepth, maxValueBytes } = this.bounds
    /** For each open array or object: entries left to read, and whether entries have keys. */
    const open: Array<{ left: number; keyed: boolean }> = []
    let problem: string | null = null
    let first = true
    while (first || open.length > 0) {
      if (!first) {
        const top = open[open.length - 1] as { left: number; keyed: boolean }
        if (top.left === 0) {
          open.pop()
          continue
        }
        top.left--
        if (top.keyed) {
          const key = decoding.readVarUint8Array(d)
          if (key.length > maxValueBytes) problem ??= `a key of ${key.length} bytes`
          utf8.decode(key)
        }
      }
      first = false
      const type = decoding.readUint8(d)
      switch (type) {
        case 127: // undefined
        case 126: // null
        case 121: // false
        case 120: // true
          break
        case 125:
          decoding.readVarInt(d)
          break
        case 124:
          d.pos += 4
          break
        case 123:
        case 122:
          d.pos += 8
          break
        case 119:
        case 116: {
          const bytes = decoding.readVarUint8Array(d)
          if (bytes.length > maxValueBytes) {
            problem ??= `a value of ${bytes.length} bytes (at most ${maxValueBytes})`
          }
          if (type === 119) utf8.decode(bytes)
          break
        }
        case 118:
        case 117: {
          if (open.length >= maxDepth) {
            // Deeper than allowed: the rest cannot be skipped without reading it all, and
            // nothing after it in this update matters.
            if (!this.collect) return `a value nested deeper than ${maxDepth}`
            problem ??= `a value nested deeper than ${maxDepth}`
          }
          open.push({ left: decoding.readVarUint(d), keyed: type === 118 })
          break
        }
        default:
          throw new UpdateRefused(`an unknown value type (${type})`)
      }
      if (d.pos > this.updateLength) throw new UpdateRefused('it is truncated')
    }
    return problem
  }
}
