/** What the update scan (updateScan.ts) holds an update to, and how it says it refuses one. */

export interface UpdateBounds {
  /** Nesting of JSON and `any` values, and of shared types inside shared types. */
  maxDepth: number
  /** Bytes of one string or binary value. */
  maxValueBytes: number
  /** Bytes of a map key, a root name, a format key or an XML node name. */
  maxKeyBytes: number
}

export const UPDATE_BOUNDS: UpdateBounds = {
  maxDepth: 64,
  maxValueBytes: 4 * 1024 * 1024,
  maxKeyBytes: 256,
}

/** An update the server will not apply; `message` says why, for the log and the close reason. */
export class UpdateRefused extends Error {
  override name = 'UpdateRefused'

  constructor(
    message: string,
    /** Refused only because it depends on content the document lacks (Yjs would keep it pending). */
    readonly pending = false,
  ) {
    super(message)
  }
}
