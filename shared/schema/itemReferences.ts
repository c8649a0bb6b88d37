import * as Y from 'yjs'
import { isId } from './ids.ts'
import { isFrame } from './itemMaps.ts'
import { Z_LIMIT } from './itemSchemas.ts'

/**
 * What a canvas item points at, and how far up or down it stacks, as a writer sets them: the
 * schema (itemSchemas.ts) says each is a string or a number; this says it names something
 * there. Checked by the write policy (policy.ts) on a new item, and on a changed `frame`,
 * `cluster` or `z`: an item that already points at a frame deleted since stays editable.
 */

/**
 * Where the frames an item names are: on the same canvas of the same document (the shared
 * one), or in the shared document (a private one holds no frame: a note written privately
 * into a frame names it for the reveal, `NewBox.frame`).
 */
export type FrameScope = 'here' | 'shared'

/** The entry `id` of the part `part` (items, clusters) of `canvas`, if it is a map. */
const entryOf = (canvas: Y.Map<unknown>, part: string, id: string): Y.Map<unknown> | null => {
  const entries = canvas.get(part)
  const entry = entries instanceof Y.Map ? entries.get(id) : null
  return entry instanceof Y.Map ? entry : null
}

/** Why the value `value` of the field `field` of an item of `canvas` points nowhere, or null. */
const fieldProblem = (
  canvas: Y.Map<unknown>,
  field: string,
  value: unknown,
  frames: FrameScope,
): string | null => {
  if (field === 'z') {
    return typeof value === 'number' && Math.abs(value) > Z_LIMIT ? `z: beyond ±${Z_LIMIT}` : null
  }
  if ((field !== 'frame' && field !== 'cluster') || typeof value !== 'string') return null
  const shown = `"${value.slice(0, 64)}"`
  if (field === 'cluster') {
    return entryOf(canvas, 'clusters', value) ? null : `cluster: no cluster ${shown}`
  }
  if (frames === 'shared') return isId(value) ? null : `frame: ${shown} is not an id`
  const frame = entryOf(canvas, 'items', value)
  return frame && isFrame(frame) ? null : `frame: no frame ${shown}`
}

const CHECKED = ['frame', 'cluster', 'z'] as const

/**
 * Why the change at `path` ([root, canvasId, 'items', itemId, field]; `type`, the type that
 * changed) in the canvases of `doc` leaves an item pointing at no frame (`frame`: null, or an
 * item of that canvas whose kind holds items), at no cluster of that canvas (`cluster`: null,
 * or one of them), or stacked beyond `Z_LIMIT`; null when it does not.
 */
export const referenceProblem = (
  doc: Y.Doc,
  type: unknown,
  path: readonly string[],
  frames: FrameScope,
): string | null => {
  if (path[2] !== 'items' || path.length < 4 || path.length > 5) return null
  const canvas = doc.getMap<unknown>(path[0]).get(path[1] ?? '')
  if (!(canvas instanceof Y.Map)) return null
  // A new item (its entry), or one field set on an item (the item itself changed).
  const item = path.length === 4 && type instanceof Y.Map ? type.get(path[3] ?? '') : type
  if (!(item instanceof Y.Map)) return null
  const fields = path.length === 4 ? CHECKED : CHECKED.filter((field) => field === path[4])
  for (const field of fields) {
    const problem = fieldProblem(canvas, field, item.get(field), frames)
    if (problem !== null) return problem
  }
  return null
}
