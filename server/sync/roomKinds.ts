import type * as Y from 'yjs'
import { parseRoomName } from '../../shared/rooms.ts'
import { migrate } from '../../shared/schema/index.ts'
import {
  capturePolicyState,
  findViolation,
  guardedRoots,
  type PolicyState,
} from '../../shared/schema/policy.ts'
import { migratePrivate } from '../../shared/schema/private.ts'

/** The rules a room's document follows: how it is migrated and what non-facilitators may change. */
export interface RoomKind {
  migrate(doc: Y.Doc): void
  policy: {
    capture(doc: Y.Doc): PolicyState
    guardedRoots: typeof guardedRoots
    findViolation: typeof findViolation
  } | null
}

const WORKSHOP: RoomKind = {
  migrate,
  policy: { capture: capturePolicyState, guardedRoots, findViolation },
}

/** Only its owner writes a private document (the facilitator reads it): no further rules. */
const PRIVATE: RoomKind = { migrate: migratePrivate, policy: null }

export const roomKind = (roomId: string): RoomKind =>
  parseRoomName(roomId)?.kind === 'private' ? PRIVATE : WORKSHOP
