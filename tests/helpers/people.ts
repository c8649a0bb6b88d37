import type { PartnerGroup } from '../../shared/groups.ts'
import { roomName } from '../../shared/rooms.ts'
import { type ParticipantRecord, upsertParticipant } from '../../shared/schema/index.ts'
import type { TestServer } from './server.ts'
import { connectClient, refusalsOf, synced, type TestClient } from './yclient.ts'

/** A person in a workshop, as their browser is: the shared document and their private one. */
export interface Person {
  id: string
  secret: string
  shared: TestClient
  own: TestClient
}

/**
 * Registers a person with `token`, opens both their documents with real y-websocket clients
 * and writes their record (name, partner group, and what else they gave: a sector, the
 * recognition opt-out). The caller destroys `shared` and `own`.
 */
export const joinAs = async (
  server: TestServer,
  workshopId: string,
  token: string,
  name: string,
  group: PartnerGroup,
  given: Pick<ParticipantRecord, 'sector' | 'recognitionOptOut'> = {},
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
  upsertParticipant(shared.doc, { id: participantId, name, group, ...given }, 'test')
  return { id: participantId, secret: credentials.secret, shared, own }
}

/**
 * For a test's people who join with the participant link: each is registered, connected to
 * the workshop room as themself with a client `track` keeps, and writes their record. They
 * come with their identity and the refusals the server tells them (`told`).
 */
export const participantJoiner =
  (track: <T extends TestClient>(client: T) => T) =>
  async (
    server: TestServer,
    workshop: { id: string; tokens: { participant: string } },
    name: string,
    group: PartnerGroup,
  ) => {
    const me = await server.register(workshop.id, workshop.tokens.participant)
    const client = track(
      connectClient(server.syncUrl, workshop.id, workshop.tokens.participant, me.identity),
    )
    await synced(client)
    upsertParticipant(client.doc, { id: me.participantId, name, group }, 'test')
    return { client, id: me.participantId, identity: me.identity, told: refusalsOf(client) }
  }
