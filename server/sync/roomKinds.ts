import type * as Y from 'yjs'
import { parseRoomName } from '../../shared/rooms.ts'
import { migrate } from '../../shared/schema/index.ts'
import { type DocumentPolicy, privatePolicy, workshopPolicy } from '../../shared/schema/policy.ts'
import { migratePrivate } from '../../shared/schema/private.ts'

/** The rules a room's document follows: how it is migrated and what non-facilitators may change. */
export interface RoomKind {
  migrate(doc: Y.Doc): void
  policy: DocumentPolicy
}

const WORKSHOP: RoomKind = { migrate, policy: workshopPolicy }
const PRIVATE: RoomKind = { migrate: migratePrivate, policy: privatePolicy }

export const roomKind = (roomId: string): RoomKind =>
  parseRoomName(roomId)?.kind === 'private' ? PRIVATE : WORKSHOP
