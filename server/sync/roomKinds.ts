import type * as Y from 'yjs'
import { parseRoomName } from '../../shared/rooms.ts'
import { migrate } from '../../shared/schema/index.ts'
import {
  type DocumentPolicy,
  privatePolicy,
  sessionBoardsPolicy,
  workshopPolicy,
} from '../../shared/schema/policy.ts'
import { migratePrivate } from '../../shared/schema/private.ts'
import {
  type DocumentShape,
  PRIVATE_SHAPE,
  SESSION_BOARDS_SHAPE,
  WORKSHOP_SHAPE,
} from '../../shared/schema/shape.ts'

/**
 * The rules a room's document follows: how it is migrated, where any client may write (its
 * shape, checked before an update is applied) and what each role may change (its policy).
 */
export interface RoomKind {
  migrate(doc: Y.Doc): void
  shape: DocumentShape
  policy: DocumentPolicy
}

const WORKSHOP: RoomKind = { migrate, shape: WORKSHOP_SHAPE, policy: workshopPolicy }
const PRIVATE: RoomKind = { migrate: migratePrivate, shape: PRIVATE_SHAPE, policy: privatePolicy }
/**
 * An ended session's boards: written whole by the server when they move (nothing to migrate
 * on load, so opening a room that holds nothing stores nothing), read by every link.
 */
const SESSION_BOARDS: RoomKind = {
  migrate: () => {},
  shape: SESSION_BOARDS_SHAPE,
  policy: sessionBoardsPolicy,
}

const KINDS = { workshop: WORKSHOP, private: PRIVATE, session: SESSION_BOARDS } as const

export const roomKind = (roomId: string): RoomKind =>
  KINDS[parseRoomName(roomId)?.kind ?? 'workshop']
