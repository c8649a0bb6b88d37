/**
 * The documents of a workshop, each synced as its own room:
 * - `<workshopId>`: the shared workshop document (everyone with a link);
 * - `<workshopId>/private/<participantId>`: one participant's private document (their notes
 *   during private writing, their votes), opened only by them (not by the facilitator);
 * - `<workshopId>/session/<sessionId>`: the boards of an ended session of the lab, moved out
 *   of the workshop document when the next session started (shared/schema/sessionBoards.ts);
 *   read by anyone with a link, written by the server only.
 */
export type RoomAddress =
  | { kind: 'workshop'; workshopId: string }
  | { kind: 'private'; workshopId: string; participantId: string }
  | { kind: 'session'; workshopId: string; sessionId: string }

const SEGMENT = /^[A-Za-z0-9_-]{1,64}$/

export const roomName = (address: RoomAddress): string => {
  switch (address.kind) {
    case 'workshop':
      return address.workshopId
    case 'private':
      return `${address.workshopId}/private/${address.participantId}`
    case 'session':
      return `${address.workshopId}/session/${address.sessionId}`
  }
}

/** The room a name stands for, or null for a name that is not one of ours. */
export const parseRoomName = (name: string): RoomAddress | null => {
  const parts = name.split('/')
  const [workshopId, kind, id] = parts
  if (workshopId === undefined || !SEGMENT.test(workshopId)) return null
  if (parts.length === 1) return { kind: 'workshop', workshopId }
  if (parts.length !== 3 || id === undefined || !SEGMENT.test(id)) return null
  if (kind === 'private') return { kind: 'private', workshopId, participantId: id }
  if (kind === 'session') return { kind: 'session', workshopId, sessionId: id }
  return null
}
