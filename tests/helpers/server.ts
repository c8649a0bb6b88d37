import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import pino, { type Logger } from 'pino'
import { type App, type AppOptions, createApp } from '../../server/app.ts'
import { type Config, loadConfig } from '../../server/config.ts'
import type { ParticipantCredentials, WorkshopLinks } from '../../shared/api.ts'

export const tempDataDir = (): string => mkdtempSync(path.join(tmpdir(), 'fabrique-test-'))

export interface TestServer {
  app: App
  config: Config
  url: string
  /** Base URL for `WebsocketProvider` (`ws://host:port/sync`). */
  syncUrl: string
  createWorkshop(
    body?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<WorkshopLinks>
  /**
   * Registers a participant with `token` (a link of the workshop): their credentials, and the
   * query parameters (`identity`) a client connects as that person with.
   */
  register(workshopId: string, token: string): Promise<Registered>
  close(): Promise<void>
}

export interface Registered extends ParticipantCredentials {
  identity: { participant: string; secret: string }
}

/**
 * A real Fabrique server in this process, on port 0, with a fresh data directory; it logs
 * nothing unless given a logger.
 */
export const startServer = async (
  overrides: Partial<Config> = {},
  log: Logger = pino({ level: 'silent' }),
  options: AppOptions = {},
): Promise<TestServer> => {
  const config: Config = { ...loadConfig({}), port: 0, dataDir: tempDataDir(), ...overrides }
  const app = await createApp(config, log, options)
  const { port } = await app.listen()
  const url = `http://127.0.0.1:${port}`
  return {
    app,
    config,
    url,
    syncUrl: `ws://127.0.0.1:${port}/sync`,
    createWorkshop: (body, headers) => createWorkshop(url, body, headers),
    register: (workshopId, token) => register(url, workshopId, token),
    close: () => app.close(),
  }
}

export const createWorkshop = async (
  url: string,
  body: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<WorkshopLinks> => {
  const res = await fetch(`${url}/api/workshops`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify({ title: 'Atelier test', template: 'atelier-libre', ...body }),
  })
  if (res.status !== 201) throw new Error(`create workshop: ${res.status} ${await res.text()}`)
  return (await res.json()) as WorkshopLinks
}

export const register = async (
  url: string,
  workshopId: string,
  token: string,
): Promise<Registered> => {
  const res = await fetch(`${url}/api/workshops/${workshopId}/participants`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}` },
  })
  if (res.status !== 201) throw new Error(`register: ${res.status} ${await res.text()}`)
  const credentials = (await res.json()) as ParticipantCredentials
  return {
    ...credentials,
    identity: { participant: credentials.participantId, secret: credentials.secret },
  }
}
