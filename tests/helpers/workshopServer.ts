import type { Logger } from 'pino'
import { afterEach, beforeEach } from 'vitest'
import type { Config } from '../../server/config.ts'
import type { WorkshopLinks } from '../../shared/api.ts'
import { startServer, type TestServer } from './server.ts'
import { connectClient, type TestClient } from './yclient.ts'

export interface TestServers {
  /**
   * Starts a server, closed after the test. To restart, close it and start another: only the
   * last one started is closed after the test.
   */
  start(overrides?: Partial<Config>, log?: Logger): Promise<TestServer>
  /**
   * Destroys the tracked clients, closes the server and starts another with the same settings
   * and logger, on the same data directory: what the first one stored is what the second one
   * serves.
   */
  restart(): Promise<TestServer>
  /** Keeps a client, destroyed after the test (before the server closes). */
  track<T extends TestClient>(client: T): T
}

/** For tests that start their own server: after each test, its clients and server are closed. */
export const useTestServers = (): TestServers => {
  let server: TestServer | undefined
  let logger: Logger | undefined
  const clients: TestClient[] = []
  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy()
    await server?.close()
    server = undefined
  })
  return {
    start: async (overrides, log) => {
      logger = log
      server = await startServer(overrides, log)
      return server
    },
    restart: async () => {
      if (!server) throw new Error('useTestServers: restart before start')
      const { config } = server
      for (const client of clients.splice(0)) client.destroy()
      await server.close()
      server = await startServer({ ...config, port: 0 }, logger)
      return server
    },
    track: (client) => {
      clients.push(client)
      return client
    },
  }
}

export type WorkshopRole = keyof WorkshopLinks['tokens']

export interface WorkshopServer {
  /** The test's server (a fresh one for each test). */
  readonly server: TestServer
  /** The workshop created on it before each test. */
  readonly workshop: WorkshopLinks
  /** A client with the workshop's link for `role`, destroyed after the test. */
  connect(role: WorkshopRole): TestClient
}

/**
 * Before each test, a server and a workshop on it (`body` as for `createWorkshop`); after each
 * test, the clients and the server are closed.
 */
export const useWorkshopServer = (body?: Record<string, unknown>): WorkshopServer => {
  const servers = useTestServers()
  let server: TestServer | undefined
  let workshop: WorkshopLinks | undefined
  beforeEach(async () => {
    server = await servers.start()
    workshop = await server.createWorkshop(body)
  })
  const ready = () => {
    if (!server || !workshop) throw new Error('useWorkshopServer: used outside a test')
    return { server, workshop }
  }
  return {
    get server() {
      return ready().server
    },
    get workshop() {
      return ready().workshop
    },
    connect: (role) => {
      const { server, workshop } = ready()
      return servers.track(connectClient(server.syncUrl, workshop.id, workshop.tokens[role]))
    },
  }
}
