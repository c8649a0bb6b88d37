/**
 * The documents of a workshop, each synced as its own room:
 * - `<workshopId>`: the shared workshop document (everyone with a link);
 * - `<workshopId>/private/<participantId>`: one participant's private document (their notes
 *   during private writing, their votes), opened only by them (not by the facilitator).
 */
export type RoomAddress =
  | { kind: 'workshop'; workshopId: string }
  | { kind: 'private'; workshopId: string; participantId: string }

const SEGMENT = /^[A-Za-z0-9_-]{1,64}$/

export const roomName = (address: RoomAddress): string =>
  address.kind === 'workshop'
    ? address.workshopId
    : `${address.workshopId}/private/${address.participantId}`

/** The room a name stands for, or null for a name that is not one of ours. */
export const parseRoomName = (name: string): RoomAddress | null => {
  const parts = name.split('/')
  const [workshopId, kind, participantId] = parts
  if (workshopId === undefined || !SEGMENT.test(workshopId)) return null
  if (parts.length === 1) return { kind: 'workshop', workshopId }
  if (
    parts.length === 3 &&
    kind === 'private' &&
    participantId !== undefined &&
    SEGMENT.test(participantId)
  ) {
    return { kind: 'private', workshopId, participantId }
  }
  return null
}
