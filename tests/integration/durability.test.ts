import { afterEach, describe, expect, it } from 'vitest'
import { type ServerProcess, spawnServer } from '../helpers/process.ts'
import { createWorkshop, tempDataDir } from '../helpers/server.ts'
import { scratch } from '../helpers/workshopDoc.ts'
import { connectClient, synced, type TestClient, waitFor } from '../helpers/yclient.ts'

const processes: ServerProcess[] = []
const clients: TestClient[] = []

const start = async (dataDir: string) => {
  const server = await spawnServer(dataDir)
  processes.push(server)
  return server
}

const connect = (server: ServerProcess, id: string, token: string) => {
  const client = connectClient(server.syncUrl, id, token)
  clients.push(client)
  return client
}

const addParticipant = (client: TestClient, n: number) =>
  scratch(client.doc).set(`participant-${n}`, `Personne ${n}`)

const count = (client: TestClient) => scratch(client.doc).size

afterEach(() => {
  for (const client of clients.splice(0)) client.destroy()
  for (const server of processes.splice(0)) server.child.kill('SIGKILL')
})

describe('durability across server processes', () => {
  it('serves every edit made before a graceful restart (SIGTERM)', async () => {
    const dataDir = tempDataDir()
    const first = await start(dataDir)
    const workshop = await createWorkshop(first.url)
    const writer = connect(first, workshop.id, workshop.tokens.participant)
    await synced(writer)
    for (let n = 0; n < 50; n++) addParticipant(writer, n)
    const watcher = connect(first, workshop.id, workshop.tokens.observer)
    await waitFor('all edits relayed', () => count(watcher) === 50)
    writer.destroy()
    watcher.destroy()
    first.child.kill('SIGTERM')
    expect(await first.exited).toBe(0)
    expect(first.logs.join('\n')).toContain('stopped cleanly')

    const second = await start(dataDir)
    const reader = connect(second, workshop.id, workshop.tokens.observer)
    await synced(reader)
    expect(count(reader)).toBe(50)
  })

  it('keeps an edit that was relayed just before the server was killed with SIGKILL', async () => {
    const dataDir = tempDataDir()
    const first = await start(dataDir)
    const workshop = await createWorkshop(first.url)
    const writer = connect(first, workshop.id, workshop.tokens.participant)
    const watcher = connect(first, workshop.id, workshop.tokens.participant)
    await Promise.all([synced(writer), synced(watcher)])
    // Stop the writer from resending after the restart: only the server's disk can have it.
    addParticipant(writer, 1)
    await new Promise<void>((resolve) => {
      const check = () => {
        if (count(watcher) === 0) return
        first.child.kill('SIGKILL')
        watcher.doc.off('update', check)
        resolve()
      }
      watcher.doc.on('update', check)
    })
    writer.destroy()
    watcher.destroy()
    await first.exited

    const second = await start(dataDir)
    const reader = connect(second, workshop.id, workshop.tokens.observer)
    await synced(reader)
    expect([...scratch(reader.doc).values()]).toEqual(['Personne 1'])
  })
})
