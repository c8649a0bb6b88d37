import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'
import { runServerToExit, type ServerProcess, spawnServer } from '../helpers/process.ts'
import { createWorkshop, tempDataDir } from '../helpers/server.ts'
import { scratch } from '../helpers/workshopDoc.ts'
import { connectClient, synced, type TestClient, waitFor } from '../helpers/yclient.ts'

const processes: ServerProcess[] = []
const clients: TestClient[] = []
afterEach(() => {
  for (const client of clients.splice(0)) client.destroy()
  for (const server of processes.splice(0)) server.child.kill('SIGKILL')
})

const start = async (dataDir: string) => {
  const server = await spawnServer(dataDir)
  processes.push(server)
  return server
}

const healthy = async (server: ServerProcess) =>
  (await fetch(`${server.url}/healthz`)).status === 200

/** The pino lines a process printed at `level` or above (error: 50, fatal: 60). */
const linesAtOrAbove = (logs: string[], level: number) =>
  logs
    .flatMap((chunk) => chunk.split('\n'))
    .filter(
      (line) => line.startsWith('{') && (JSON.parse(line) as { level: number }).level >= level,
    )

describe('one server per data directory', () => {
  it('refuses a second server on the same DATA_DIR, naming the folder and the pid holding it', async () => {
    const dataDir = tempDataDir()
    const first = await start(dataDir)
    const second = await runServerToExit(dataDir, {}, 15_000)
    expect(second.code).not.toBe(0)
    // Its start-up alone, beside the first server on a busy machine (the refusal itself does
    // not wait: see tests/storage/sqliteStorage.test.ts).
    expect(second.ms).toBeLessThan(10_000)
    expect(second.output).toContain('Fabrique could not start')
    expect(second.output).toContain(dataDir)
    expect(second.output).toContain(`pid ${first.child.pid}`)
    expect(await healthy(first)).toBe(true)
  })

  it('starts on the same DATA_DIR once the server holding it was killed with SIGKILL', async () => {
    const dataDir = tempDataDir()
    const first = await start(dataDir)
    first.child.kill('SIGKILL')
    await first.exited
    expect(await healthy(await start(dataDir))).toBe(true)
  })
})

describe('start-up failures', () => {
  const regularFile = () => {
    const file = path.join(tempDataDir(), 'not-a-folder')
    writeFileSync(file, 'x')
    return file
  }

  it.each([
    ['under /proc, where nothing can be created', () => '/proc/fabrique-test'],
    ['a regular file', regularFile],
  ])('exits within 5 s, naming DATA_DIR, when it is %s', async (_what, dataDir) => {
    const dir = dataDir()
    const ended = await runServerToExit(dir, {}, 8000)
    expect(ended.code).toBe(1)
    expect(ended.ms).toBeLessThan(5000)
    expect(ended.output).toContain(`Fabrique could not start: DATA_DIR ${dir}`)
  })
})

describe('shutdown', () => {
  it('stops on SIGTERM with exit code 0 and no error in its log, rooms loaded or just unloaded', async () => {
    const server = await start(tempDataDir())
    const [left, staying] = await Promise.all([
      createWorkshop(server.url),
      createWorkshop(server.url),
    ])
    const open = (workshop: typeof left) => {
      const client = connectClient(server.syncUrl, workshop.id, workshop.tokens.participant)
      clients.push(client)
      return client
    }
    const leaving = open(left)
    const stays = open(staying)
    await Promise.all([synced(leaving), synced(stays)])
    scratch(leaving.doc).set('a', 'idée')
    scratch(stays.doc).set('b', 'autre idée')
    leaving.destroy()
    await waitFor('the room to unload', () =>
      server.logs.some((line) => line.includes(left.id) && line.includes('room unloaded')),
    )
    server.child.kill('SIGTERM')
    expect(await server.exited).toBe(0)
    expect(server.logs.join('\n')).toContain('stopped cleanly')
    expect(linesAtOrAbove(server.logs, 50)).toEqual([])
  })

  it('on an error nothing caught, logs it at fatal and exits with 1, for a supervisor to restart it', async () => {
    const throwOnSignal = fileURLToPath(new URL('../helpers/throwOnSignal.mjs', import.meta.url))
    const dataDir = tempDataDir()
    const server = await spawnServer(dataDir, { NODE_OPTIONS: `--import=${throwOnSignal}` })
    processes.push(server)
    const thrown = performance.now()
    server.child.kill('SIGUSR2')
    expect(await server.exited).toBe(1)
    // It closed the app rather than waiting out the 5 s deadline.
    expect(performance.now() - thrown).toBeLessThan(4000)
    expect(linesAtOrAbove(server.logs, 60).map((line) => JSON.parse(line))).toMatchObject([
      { origin: 'uncaughtException', err: { message: 'a bug nobody caught' } },
    ])
    expect(await healthy(await start(dataDir))).toBe(true)
  })
})
