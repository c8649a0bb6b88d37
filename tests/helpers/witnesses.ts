import { afterEach, beforeEach } from 'vitest'
import type { Config } from '../../server/config.ts'
import type { WorkshopLinks } from '../../shared/api.ts'
import type { PartnerGroup } from '../../shared/groups.ts'
import { joinAs, type Person } from './people.ts'
import { openRaw, type RawSocket } from './raw.ts'
import { startServer, type TestServer } from './server.ts'
import type { TestClient } from './yclient.ts'

/** A person in the workshop, with every frame the server sent to their workshop connection. */
export interface Witness extends Person {
  name: string
  wire: RawSocket
}

/** Whether the server sent `socket` a frame holding `text`. */
export const received = (socket: RawSocket, text: string): boolean =>
  socket.received.some((frame) => Buffer.from(frame).includes(Buffer.from(text)))

export interface WitnessedOptions {
  /** Of the server's configuration. */
  overrides?: Partial<Config>
  /** Whether each person's wire presents their identity (else only the participant link). */
  wireAsThemself?: boolean
}

/**
 * For tests of what reaches whom: before each test, a server and a workshop of `template`;
 * after it, the clients `track` kept, the wires and the server are closed. `person` brings
 * someone in with the participant link (both their documents, their record written) and opens
 * their wire: a raw connection to the workshop room that records what the server sends.
 */
export const useWitnessedWorkshop = (template: string, options: WitnessedOptions = {}) => {
  let server: TestServer | undefined
  let workshop: WorkshopLinks | undefined
  const clients: TestClient[] = []
  const sockets: RawSocket[] = []
  beforeEach(async () => {
    server = await startServer(options.overrides)
    workshop = await server.createWorkshop({ template })
  })
  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy()
    for (const socket of sockets.splice(0)) socket.ws.close()
    await server?.close()
  })
  const ready = () => {
    if (!server || !workshop) throw new Error('useWitnessedWorkshop: used outside a test')
    return { server, workshop }
  }
  const track = <T extends TestClient>(client: T): T => {
    clients.push(client)
    return client
  }
  const person = async (name: string, group: PartnerGroup): Promise<Witness> => {
    const { server, workshop } = ready()
    const token = workshop.tokens.participant
    const joined = await joinAs(server, workshop.id, token, name, group)
    track(joined.shared)
    track(joined.own)
    const identity: Record<string, string> = options.wireAsThemself
      ? { participant: joined.id, secret: joined.secret }
      : {}
    const wire = await openRaw(server.syncUrl, workshop.id, token, {}, identity)
    sockets.push(wire)
    return { ...joined, name, wire }
  }
  return {
    get server() {
      return ready().server
    },
    get workshop() {
      return ready().workshop
    },
    track,
    person,
  }
}
