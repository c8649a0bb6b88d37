import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { runServerToExit, type ServerProcess, spawnServer } from '../helpers/process.ts'
import { tempDataDir } from '../helpers/server.ts'

const processes: ServerProcess[] = []
afterEach(() => {
  for (const server of processes.splice(0)) server.child.kill('SIGKILL')
})

const start = async (dataDir: string) => {
  const server = await spawnServer(dataDir)
  processes.push(server)
  return server
}

const healthy = async (server: ServerProcess) =>
  (await fetch(`${server.url}/healthz`)).status === 200

describe('one server per data directory', () => {
  it('refuses a second server on the same DATA_DIR, naming the folder and the pid holding it', async () => {
    const dataDir = tempDataDir()
    const first = await start(dataDir)
    const second = await runServerToExit(dataDir)
    expect(second.code).not.toBe(0)
    expect(second.ms).toBeLessThan(5000)
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
