import { z } from 'zod'
import { PARTNER_GROUPS } from './groups.ts'
import { displayName, participantId } from './schema/participants.ts'

/**
 * What each client puts in its awareness state (presence is never stored in the document).
 * Read with `readPresence`, which skips states a faulty or hostile client wrote. The server
 * relays only a `user` that is who the connection is (server/sync/Presence.ts).
 *
 * A facilitator or participant shows their name and partner group. An observer is never named:
 * their presence is their id and role alone (the page says "Observer"), so nothing an observer
 * could type is relayed, and no name of theirs exists anywhere.
 */
const namedUser = z.object({
  id: participantId,
  name: displayName,
  group: z.enum(PARTNER_GROUPS),
  role: z.enum(['facilitator', 'participant']),
})
const observerUser = z.object({ id: participantId, role: z.literal('observer') })

export const presenceUser = z.union([namedUser, observerUser])
export type PresenceUser = z.infer<typeof presenceUser>
/** Someone who shows a name and a group: a facilitator or a participant. */
export type NamedPresenceUser = z.infer<typeof namedUser>

export const isNamed = (user: PresenceUser): user is NamedPresenceUser => user.role !== 'observer'

export const PRESENCE_FIELD = 'user'

/**
 * The presence in an awareness state, or null. An observer's state is read without any other
 * field it holds (an older build's observer sent a name: it is not shown).
 */
export const readPresence = (state: Record<string, unknown> | undefined): PresenceUser | null => {
  const parsed = presenceUser.safeParse(state?.[PRESENCE_FIELD])
  return parsed.success ? parsed.data : null
}

/**
 * The same, for the server: a `user` with any other field is no presence (a cursor tucked
 * inside it would be relayed with it, private writing or not; an observer's name would be
 * relayed though an observer is never named).
 */
const exactPresenceUser = z.union([namedUser.strict(), observerUser.strict()])
export const readExactPresence = (
  state: Record<string, unknown> | undefined,
): PresenceUser | null => {
  const parsed = exactPresenceUser.safeParse(state?.[PRESENCE_FIELD])
  return parsed.success ? parsed.data : null
}
