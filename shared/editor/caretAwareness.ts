import { GROUP_COLOURS, isPartnerGroup } from '../groups.ts'
import { PRESENCE_FIELD } from '../presence.ts'

/**
 * Live carets in rich text without clashing with the rest of presence.
 *
 * y-tiptap's caret plugin reads and writes the awareness field `cursor`, which the canvas
 * already uses for pointer positions (`{canvasId, x, y}`): read as a text position it throws.
 * And Tiptap's CollaborationCaret writes its `user` into awareness, where presence keeps
 * `{id, name, group, role}` (shared/presence.ts). This adapter gives the editor a view of the
 * awareness where `cursor` is the separate field `textCursor` (validated: anything that is not
 * an anchor/head pair reads as null), `user` writes are ignored (presence stays the
 * connection's), and every user has the colour of their partner group.
 */

export const TEXT_CURSOR_FIELD = 'textCursor'

/** What the caret plugin puts in `user`: the presence user with its group's colour. */
export type CaretUser = Record<string, unknown> & { name: string; color: string }

type State = Record<string, unknown>
type Listener = (...args: unknown[]) => void

/** The part of y-protocols' Awareness the adapter needs (and offers). */
export interface AwarenessLike {
  clientID: number
  getStates(): Map<number, State>
  getLocalState(): State | null
  setLocalStateField(field: string, value: unknown): void
  on(event: string, listener: Listener): void
  off(event: string, listener: Listener): void
}

export interface CaretAwareness extends AwarenessLike {
  readonly states: Map<number, State>
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** A text cursor as y-tiptap writes it (`{anchor, head}` relative positions), or null. */
const readTextCursor = (value: unknown): { anchor: unknown; head: unknown } | null =>
  isObject(value) && isObject(value.anchor) && isObject(value.head)
    ? { anchor: value.anchor, head: value.head }
    : null

const caretUser = (user: unknown, clientId: number): CaretUser => {
  const fields = isObject(user) ? user : {}
  const group = isPartnerGroup(fields.group) ? fields.group : 'other'
  const name =
    typeof fields.name === 'string' && fields.name.trim()
      ? fields.name.slice(0, 60)
      : `#${clientId}`
  return { ...fields, name, group, color: GROUP_COLOURS[group] }
}

const view = (state: State | null | undefined, clientId: number): State | null => {
  if (!state) return null
  return {
    ...state,
    user: caretUser(state[PRESENCE_FIELD], clientId),
    cursor: readTextCursor(state[TEXT_CURSOR_FIELD]),
  }
}

export const caretAwareness = (awareness: AwarenessLike): CaretAwareness => {
  const states = () => {
    const out = new Map<number, State>()
    for (const [clientId, state] of awareness.getStates()) {
      const mapped = view(state, clientId)
      if (mapped) out.set(clientId, mapped)
    }
    return out
  }
  return {
    get clientID() {
      return awareness.clientID
    },
    get states() {
      return states()
    },
    getStates: states,
    getLocalState: () => view(awareness.getLocalState(), awareness.clientID),
    setLocalStateField: (field, value) => {
      if (field === 'cursor') awareness.setLocalStateField(TEXT_CURSOR_FIELD, value)
      // `user` (and anything else) belongs to presence: not the editor's to change.
    },
    on: (event, listener) => awareness.on(event, listener),
    off: (event, listener) => awareness.off(event, listener),
  }
}
