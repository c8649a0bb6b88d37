/**
 * Whether the user's changes are on the server: a pure function of the connection state and
 * two state vectors, so every case is testable without a socket (tests/client/saveState.test.ts).
 */

/** Machine-readable state, also exposed as `data-state` on the status element. */
export type SaveState = 'connecting' | 'saving' | 'saved' | 'offline' | 'error'

/**
 * The WebSocket link as the UI sees it. `connecting` is only the very first attempt: once a
 * connection has opened or failed, the page is `offline` until a connection opens again.
 * `closed` is a terminal close by the server (44xx): y-websocket does not reconnect.
 */
export type LinkState = 'connecting' | 'online' | 'offline' | 'closed'

/** clientID → clock (the number of items that client has written), as `Y.decodeStateVector` gives. */
export type StateVector = ReadonlyMap<number, number>

/** True when `server` has everything `local` has: for every client, server clock ≥ local clock. */
export const covers = (server: StateVector, local: StateVector): boolean => {
  for (const [client, clock] of local) {
    if ((server.get(client) ?? 0) < clock) return false
  }
  return true
}

export interface SaveInputs {
  link: LinkState
  /** State vector of the local document. */
  local: StateVector
  /**
   * What the server is known to hold durably: the last state vector it acknowledged, merged
   * with the ranges it sent us. `null` before the server acknowledged anything.
   */
  server: StateVector | null
  /**
   * Deletions do not advance a state vector, so a local deletion the server has not
   * acknowledged yet is tracked apart.
   */
  unackedDeletes: boolean
}

export const computeSaveState = (input: SaveInputs): SaveState => {
  switch (input.link) {
    case 'closed':
      return 'error'
    case 'offline':
      return 'offline'
    case 'connecting':
      return 'connecting'
    case 'online':
      if (input.server === null) return 'connecting'
      return covers(input.server, input.local) && !input.unackedDeletes ? 'saved' : 'saving'
  }
}

/** Merges `more` into `into` (clock-wise maximum), in place. */
export const mergeStateVector = (into: Map<number, number>, more: StateVector): void => {
  for (const [client, clock] of more) {
    if ((into.get(client) ?? 0) < clock) into.set(client, clock)
  }
}
