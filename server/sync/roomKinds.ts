import type * as Y from 'yjs'
import { parseRoomName } from '../../shared/rooms.ts'
import { migrate } from '../../shared/schema/index.ts'
import { type DocumentPolicy, privatePolicy, workshopPolicy } from '../../shared/schema/policy.ts'
import { migratePrivate } from '../../shared/schema/private.ts'
import { type DocumentShape, PRIVATE_SHAPE, WORKSHOP_SHAPE } from '../../shared/schema/shape.ts'

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

export const roomKind = (roomId: string): RoomKind =>
  parseRoomName(roomId)?.kind === 'private' ? PRIVATE : WORKSHOP
