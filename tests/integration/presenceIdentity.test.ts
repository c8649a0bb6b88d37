import { Writable } from 'node:stream'
import { isDeepStrictEqual } from 'node:util'
import pino from 'pino'
import { beforeEach, describe, expect, it } from 'vitest'
import { CLAIM_LOG_BURST } from '../../server/sync/Presence.ts'
import type { ParticipantCredentials, WorkshopLinks } from '../../shared/api.ts'
import { type NamedPresenceUser, PRESENCE_FIELD, type PresenceUser } from '../../shared/presence.ts'
import { roomName } from '../../shared/rooms.ts'
import { upsertParticipant } from '../../shared/schema/index.ts'
import { openRaw } from '../helpers/raw.ts'
import type { Registered, TestServer } from '../helpers/server.ts'
import { useTestServers, type WorkshopRole } from '../helpers/workshopServer.ts'
import { connectClient, sleep, synced, type TestClient, waitFor } from '../helpers/yclient.ts'
import { awarenessFrame } from '../soak/frames.ts'

/**
 * The `user` a presence shows (name, partner group, role) is checked against who the
 * connection is: its role, and the participant it proved to be with its secret, whose name and
 * group are the workshop's participant record.
 */

const { start, track } = useTestServers()
let server: TestServer
let workshop: WorkshopLinks

const register = (role: WorkshopRole = 'participant') =>
  server.register(workshop.id, workshop.tokens[role])

/**
 * A stock y-websocket client with `role`'s link (and `identity`, if given) in `room`, whose
 * presence is `user` from before its socket opens, as the browser client sets it.
 */
const open = (
  role: WorkshopRole,
  options: { identity?: Registered; user?: PresenceUser; room?: string } = {},
): TestClient => {
  const { identity, user, room = workshop.id } = options
  const params = identity?.identity ?? {}
  const client = track(connectClient(server.syncUrl, room, workshop.tokens[role], params))
  if (user) show(client, user)
  return client
}

const show = (client: TestClient, user: PresenceUser | Record<string, unknown>) =>
  client.provider.awareness.setLocalStateField(PRESENCE_FIELD, user)

/** What the browser does once synced: the person's record in the workshop's participants. */
const record = (client: TestClient, user: NamedPresenceUser) =>
  upsertParticipant(client.doc, { id: user.id, name: user.name, group: user.group }, 'test')

/** Every `user` `client` was shown in someone else's presence, from now on. */
const watch = (client: TestClient): unknown[] => {
  const seen: unknown[] = []
  const { awareness } = client.provider
  awareness.on('change', ({ added, updated }: { added: number[]; updated: number[] }) => {
    for (const id of [...added, ...updated]) {
      const user = awareness.getStates().get(id)?.[PRESENCE_FIELD]
      if (id !== awareness.clientID && user !== undefined) seen.push(user)
    }
  })
  return seen
}

/** The `user` of client id `id`'s presence as `at` sees it. */
const presenceOf = (at: TestClient, id: number): unknown =>
  at.provider.awareness.getStates().get(id)?.[PRESENCE_FIELD]

const presenceAt = (at: TestClient, of: TestClient): unknown =>
  presenceOf(at, of.provider.awareness.clientID)

/**
 * Waits until `at` shows `of` as `user`. Presence goes out merged every 40 ms: a claim `of`
 * made more than that before it, had the server relayed it, would have reached `at` first.
 */
const shownAs = (at: TestClient, of: TestClient, user: PresenceUser) =>
  waitFor(`${user.id} (${user.role}) at the watcher`, () =>
    isDeepStrictEqual(presenceAt(at, of), user),
  )

const person = (
  identity: ParticipantCredentials,
  name: string,
  group: NamedPresenceUser['group'],
  role: NamedPresenceUser['role'] = 'participant',
): NamedPresenceUser => ({ id: identity.participantId, name, group, role })

/** Longer than a relayed presence takes to reach the others (40 ms pacing, a loaded machine). */
const RELAY_MARGIN_MS = 300

describe('presence shows who the connection is', () => {
  beforeEach(async () => {
    server = await start()
    workshop = await server.createWorkshop()
  })

  it('never shows an observer as "Alice, facilitator", nor named at all, and keeps its socket open', async () => {
    const aliceId = await register('facilitator')
    const alice = person(aliceId, 'Alice', 'clinician', 'facilitator')
    const facilitator = open('facilitator', { identity: aliceId, user: alice })
    await synced(facilitator)
    record(facilitator, alice)
    const watcher = open('participant')
    await synced(watcher)
    await shownAs(watcher, facilitator, alice)
    const seen = watch(watcher)

    const observer = open('observer')
    await synced(observer)
    // Alice's own id, then an id of its own: either way, not a facilitator.
    show(observer, alice)
    await sleep(RELAY_MARGIN_MS)
    show(observer, { ...alice, id: 'projecteur-0001' })
    await sleep(RELAY_MARGIN_MS)
    // Nor Alice as an observer: that id is someone else's.
    show(observer, { id: alice.id, role: 'observer' })
    await sleep(RELAY_MARGIN_MS)
    // Nor an observer under a name (an older build asked for one): an observer is never named.
    show(observer, { id: 'projecteur-0001', name: 'Sam', group: 'other', role: 'observer' })
    await sleep(RELAY_MARGIN_MS)
    const honest: PresenceUser = { id: 'projecteur-0001', role: 'observer' }
    show(observer, honest)
    await shownAs(watcher, observer, honest)

    expect(seen).toEqual([honest])
    expect(presenceAt(watcher, facilitator)).toEqual(alice)
    expect(observer.provider.wsconnected).toBe(true)
    // A device joining now is told the same.
    const late = open('participant')
    await shownAs(late, observer, honest)
    expect(presenceAt(late, facilitator)).toEqual(alice)
  })

  it('never shows a participant under another participant’s id, name or group', async () => {
    const aliceId = await register()
    const alice = person(aliceId, 'Alice', 'patient')
    const aliceClient = open('participant', { identity: aliceId, user: alice })
    await synced(aliceClient)
    record(aliceClient, alice)
    const watcher = open('observer')
    await synced(watcher)
    await shownAs(watcher, aliceClient, alice)
    const seen = watch(watcher)

    const malloryId = await register()
    const mallory = person(malloryId, 'Mallory', 'citizen')
    const malloryClient = open('participant', { identity: malloryId })
    await synced(malloryClient)
    record(malloryClient, mallory)
    await sleep(RELAY_MARGIN_MS)
    // Alice's id (and name and group); then her own id with Alice's name and group, which
    // are not in her record; then her own id as the facilitator.
    show(malloryClient, alice)
    await sleep(RELAY_MARGIN_MS)
    show(malloryClient, { ...alice, id: malloryId.participantId })
    await sleep(RELAY_MARGIN_MS)
    show(malloryClient, { ...mallory, role: 'facilitator' })
    await sleep(RELAY_MARGIN_MS)
    // With the participant link alone (no identity): no id of someone else either.
    const anonymous = open('participant', { user: alice })
    await synced(anonymous)
    await sleep(RELAY_MARGIN_MS)
    show(malloryClient, mallory)
    await shownAs(watcher, malloryClient, mallory)

    expect(seen).toEqual([mallory])
    expect(presenceAt(watcher, aliceClient)).toEqual(alice)
    expect(presenceAt(watcher, anonymous)).toBeUndefined()
    expect(malloryClient.provider.wsconnected && anonymous.provider.wsconnected).toBe(true)
  })

  it('shows an honest participant at once, while their record is written, and when they rename', async () => {
    const watcher = open('observer')
    await synced(watcher)
    const anaId = await register()
    const ana = person(anaId, 'Ana', 'citizen')
    // The presence goes out as the socket opens; the record, once the document is synced.
    const anaClient = open('participant', { identity: anaId, user: ana })
    await shownAs(watcher, anaClient, ana)
    await synced(anaClient)
    record(anaClient, ana)
    // A rename: presence and record change together, the presence reaching the server first.
    // It is shown as soon as the record says so, not at the next renewal (15 s).
    const renamed = { ...ana, name: 'Ana-Maria', group: 'patient' as const }
    show(anaClient, renamed)
    record(anaClient, renamed)
    await shownAs(watcher, anaClient, renamed)
    // Someone coming back: their record is already there.
    anaClient.provider.disconnect()
    const again = open('participant', { identity: anaId, user: renamed })
    await shownAs(watcher, again, renamed)
    // A facilitator, and an observer under an id of its own.
    const facilitatorId = await register('facilitator')
    const facilitator = person(facilitatorId, 'Fanny', 'other', 'facilitator')
    const facilitatorClient = open('facilitator', { identity: facilitatorId, user: facilitator })
    await shownAs(watcher, facilitatorClient, facilitator)
    const projector: PresenceUser = { id: 'projecteur-0002', role: 'observer' }
    const projectorClient = open('observer', { user: projector })
    await shownAs(watcher, projectorClient, projector)
  })

  it('checks presence in a private document against the workshop’s participant record', async () => {
    const anaId = await register()
    const ana = person(anaId, 'Ana', 'citizen')
    const anaClient = open('participant', { identity: anaId, user: ana })
    await synced(anaClient)
    record(anaClient, ana)
    await sleep(RELAY_MARGIN_MS)
    const room = roomName({
      kind: 'private',
      workshopId: workshop.id,
      participantId: anaId.participantId,
    })
    // Only Ana opens her private document (the facilitator cannot): her phone and her laptop.
    const phone = open('participant', { identity: anaId, user: ana, room })
    await synced(phone)
    const own = open('participant', { identity: anaId, room })
    await synced(own)
    await shownAs(own, phone, ana)
    const seenByPhone = watch(phone)
    // Her id with a name her record does not have: not relayed.
    show(own, { ...ana, name: 'Alice' })
    await sleep(RELAY_MARGIN_MS)
    show(own, ana)
    await shownAs(phone, own, ana)
    expect(seenByPhone).toEqual([ana])
  })
})

describe('what the server logs of presence it does not relay', () => {
  it('names the room, the connection and why, in a few lines however many states come', async () => {
    const lines: Array<Record<string, unknown>> = []
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>)
        done()
      },
    })
    server = await start({}, pino({ level: 'debug' }, sink))
    workshop = await server.createWorkshop()
    const watcher = open('participant')
    await synced(watcher)
    const raw = await openRaw(server.syncUrl, workshop.id, workshop.tokens.observer)
    const user: PresenceUser = { id: 'projecteur-0003', role: 'observer' }
    const claim = JSON.stringify({
      user: { ...user, name: 'Alice', group: 'other', role: 'facilitator' },
    })
    const claims = Array.from({ length: 500 }, (_, i) => ({
      clientId: 4321,
      clock: i + 1,
      state: claim,
    }))
    raw.ws.send(awarenessFrame(claims))
    raw.ws.send(awarenessFrame([{ clientId: 4321, clock: 501, state: JSON.stringify({ user }) }]))
    await waitFor('the honest state', () => presenceOf(watcher, 4321) !== undefined)

    const refused = lines.filter((line) => String(line.msg).startsWith('presence not relayed'))
    expect(refused.length).toBeGreaterThan(0)
    expect(refused.length).toBeLessThanOrEqual(CLAIM_LOG_BURST)
    for (const line of refused) {
      expect(line).toMatchObject({ level: 40, room: workshop.id, role: 'observer' })
      expect(line.conn).toEqual(expect.any(String))
      expect(line.reason).toContain('the role facilitator')
    }
    expect(raw.ws.readyState).toBe(raw.ws.OPEN)
  })
})

describe('a presence client id stays with whoever showed it first', () => {
  /** Everything `at` holds of client id `id`'s presence (not only its `user`). */
  const stateOf = (at: TestClient, id: number) => at.provider.awareness.getStates().get(id)

  /** `client` moves its cursor twice: its presence clock passes the removal its drop made. */
  const moveTwice = (client: TestClient, x: number) => {
    client.provider.awareness.setLocalStateField('cursor', { x, y: 0 })
    client.provider.awareness.setLocalStateField('cursor', { x: x + 1, y: 0 })
  }

  it('never lets another connection take the facilitator’s id after her socket drops', async () => {
    server = await start()
    workshop = await server.createWorkshop()
    const aliceId = await register('facilitator')
    const alice = person(aliceId, 'Alice', 'clinician', 'facilitator')
    const facilitator = open('facilitator', { identity: aliceId, user: alice })
    await synced(facilitator)
    record(facilitator, alice)
    const watcher = open('observer')
    await synced(watcher)
    await shownAs(watcher, facilitator, alice)
    const victim = facilitator.provider.awareness.clientID

    const malloryId = await register()
    const mallory = person(malloryId, 'Mallory', 'citizen')
    const attacker = await openRaw(
      server.syncUrl,
      workshop.id,
      workshop.tokens.participant,
      {},
      malloryId.identity,
    )
    const projector = await openRaw(server.syncUrl, workshop.id, workshop.tokens.observer)
    facilitator.provider.disconnect()
    await waitFor('her presence gone', () => stateOf(watcher, victim) === undefined)
    // Her id, far ahead of her clock: showing Mallory herself (a valid presence of hers), or
    // nobody at all, from the participant link and from the observer link.
    attacker.ws.send(
      awarenessFrame([
        { clientId: victim, clock: 2 ** 40, state: JSON.stringify({ user: mallory }) },
      ]),
    )
    projector.ws.send(awarenessFrame([{ clientId: victim, clock: 2 ** 41, state: '{}' }]))
    await sleep(RELAY_MARGIN_MS)
    expect(stateOf(watcher, victim)).toBeUndefined()

    facilitator.provider.connect()
    await waitFor('her socket again', () => facilitator.provider.wsconnected)
    moveTwice(facilitator, 10)
    await waitFor('Alice and her cursor again', () =>
      isDeepStrictEqual(stateOf(watcher, victim), {
        [PRESENCE_FIELD]: alice,
        cursor: { x: 11, y: 0 },
      }),
    )
    // Claims are dropped, never a reason to close: the sockets stay open.
    expect(attacker.ws.readyState).toBe(attacker.ws.OPEN)
    expect(projector.ws.readyState).toBe(projector.ws.OPEN)
  })

  it('never lets another connection take an id whose owner is still connected, once its presence expired', async () => {
    server = await start({ presenceTimeoutMs: 600 })
    workshop = await server.createWorkshop()
    const watcher = open('observer')
    await synced(watcher)
    const anaId = await register()
    const ana = person(anaId, 'Ana', 'patient')
    // A phone that went to sleep with its socket open: it renews nothing, its presence expires.
    const phone = await openRaw(
      server.syncUrl,
      workshop.id,
      workshop.tokens.participant,
      {},
      anaId.identity,
    )
    const victim = 8101
    phone.ws.send(
      awarenessFrame([{ clientId: victim, clock: 1, state: JSON.stringify({ user: ana }) }]),
    )
    await waitFor('Ana’s presence', () => stateOf(watcher, victim) !== undefined)
    await waitFor('her presence expired', () => stateOf(watcher, victim) === undefined)
    const projector = await openRaw(server.syncUrl, workshop.id, workshop.tokens.observer)
    const own: PresenceUser = { id: 'projecteur-0009', role: 'observer' }
    projector.ws.send(
      awarenessFrame([{ clientId: victim, clock: 2 ** 40, state: JSON.stringify({ user: own }) }]),
    )
    await sleep(RELAY_MARGIN_MS)
    expect(stateOf(watcher, victim)).toBeUndefined()
    // The phone wakes up: it is Ana again.
    const awake = { user: ana, cursor: { x: 1, y: 0 } }
    phone.ws.send(awarenessFrame([{ clientId: victim, clock: 3, state: JSON.stringify(awake) }]))
    await waitFor('Ana again', () => isDeepStrictEqual(stateOf(watcher, victim), awake))
  })
})
