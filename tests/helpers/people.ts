import type { PartnerGroup } from '../../shared/groups.ts'
import { roomName } from '../../shared/rooms.ts'
import { upsertParticipant } from '../../shared/schema/index.ts'
import type { TestServer } from './server.ts'
import { connectClient, synced, type TestClient } from './yclient.ts'

/** A person in a workshop, as their browser is: the shared document and their private one. */
export interface Person {
  id: string
  secret: string
  shared: TestClient
  own: TestClient
}

/**
 * Registers a person with `token`, opens both their documents with real y-websocket clients
 * and writes their record (name, partner group). The caller destroys `shared` and `own`.
 */
export const joinAs = async (
  server: TestServer,
  workshopId: string,
  token: string,
  name: string,
  group: PartnerGroup,
): Promise<Person> => {
  const credentials = await server.register(workshopId, token)
  const { participantId } = credentials
  const shared = connectClient(server.syncUrl, workshopId, token, credentials.identity)
  const own = connectClient(
    server.syncUrl,
    roomName({ kind: 'private', workshopId, participantId }),
    token,
    credentials.identity,
  )
  await Promise.all([synced(shared), synced(own)])
  upsertParticipant(shared.doc, { id: participantId, name, group }, 'test')
  return { id: participantId, secret: credentials.secret, shared, own }
}
