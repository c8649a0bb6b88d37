import { z } from 'zod'
import { PARTNER_GROUPS } from './groups.ts'
import { ROLES } from './roles.ts'
import { displayName, participantId } from './schema/participants.ts'

/**
 * What each client puts in its awareness state (presence is never stored in the document).
 * Read with `readPresence`, which skips states a faulty or hostile client wrote. The server
 * relays only a `user` that is who the connection is (server/sync/Presence.ts).
 */
export const presenceUser = z.object({
  id: participantId,
  name: displayName,
  group: z.enum(PARTNER_GROUPS),
  role: z.enum(ROLES),
})
export type PresenceUser = z.infer<typeof presenceUser>

export const PRESENCE_FIELD = 'user'

export const readPresence = (state: Record<string, unknown> | undefined): PresenceUser | null => {
  const parsed = presenceUser.safeParse(state?.[PRESENCE_FIELD])
  return parsed.success ? parsed.data : null
}

/**
 * The same, for the server: a `user` with any other field is no presence (a cursor tucked
 * inside it would be relayed with it, private writing or not).
 */
export const readExactPresence = (
  state: Record<string, unknown> | undefined,
): PresenceUser | null => {
  const parsed = presenceUser.strict().safeParse(state?.[PRESENCE_FIELD])
  return parsed.success ? parsed.data : null
}
