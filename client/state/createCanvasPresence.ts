import { type Accessor, createSignal, onCleanup } from 'solid-js'
import type { Awareness } from 'y-protocols/awareness'
import { isNamed, type NamedPresenceUser, readPresence } from '../../shared/presence.ts'

/** Awareness fields of the canvas (volatile, never stored). Positions are in canvas coordinates. */
export const CURSOR_FIELD = 'cursor'
export const EDITING_FIELD = 'editing'

export interface CursorState {
  canvasId: string
  x: number
  y: number
}

export interface EditingState {
  canvasId: string
  itemId: string
}

export interface RemotePresence {
  clientId: number
  user: NamedPresenceUser
  cursor: CursorState | null
  editing: EditingState | null
}

const isString = (value: unknown): value is string => typeof value === 'string' && value !== ''
const isNumber = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value)

export const readCursor = (value: unknown): CursorState | null => {
  if (typeof value !== 'object' || value === null) return null
  const v = value as Record<string, unknown>
  return isString(v.canvasId) && isNumber(v.x) && isNumber(v.y)
    ? { canvasId: v.canvasId, x: v.x, y: v.y }
    : null
}

export const readEditing = (value: unknown): EditingState | null => {
  if (typeof value !== 'object' || value === null) return null
  const v = value as Record<string, unknown>
  return isString(v.canvasId) && isString(v.itemId)
    ? { canvasId: v.canvasId, itemId: v.itemId }
    : null
}

/**
 * Everyone else's presence on the canvas (cursor and note being edited); invalid states
 * skipped, and observers' (they edit nothing, and a cursor is drawn with a name they do not have).
 */
export const listRemotePresence = (awareness: Awareness, canvasId: string): RemotePresence[] => {
  const out: RemotePresence[] = []
  for (const [clientId, state] of awareness.getStates()) {
    if (clientId === awareness.clientID) continue
    const user = readPresence(state)
    if (!user || !isNamed(user)) continue
    const cursor = readCursor(state[CURSOR_FIELD])
    const editing = readEditing(state[EDITING_FIELD])
    out.push({
      clientId,
      user,
      cursor: cursor?.canvasId === canvasId ? cursor : null,
      editing: editing?.canvasId === canvasId ? editing : null,
    })
  }
  return out
}

/** Live presence of the others on one canvas. */
export const createCanvasPresence = (
  awareness: Awareness,
  canvasId: string,
): Accessor<RemotePresence[]> => {
  const [present, setPresent] = createSignal(listRemotePresence(awareness, canvasId))
  const onChange = () => setPresent(listRemotePresence(awareness, canvasId))
  awareness.on('change', onChange)
  onCleanup(() => awareness.off('change', onChange))
  return present
}
