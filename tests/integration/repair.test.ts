import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { SqliteStorage } from '../../server/storage/SqliteStorage.ts'
import { CloseCode } from '../../shared/protocol.ts'
import { readMeta } from '../../shared/schema/index.ts'
import { openRaw } from '../helpers/raw.ts'
import { useTestServers } from '../helpers/workshopServer.ts'
import { connectClient, synced } from '../helpers/yclient.ts'
import { deepAnyUpdate } from '../helpers/yupdates.ts'

const { start, track } = useTestServers()
const run = promisify(execFile)

describe('a workshop stored with content out of bounds', () => {
  it('is reported clearly while every other room is served, and npm run repair makes it load', async () => {
    let server = await start()
    const broken = await server.createWorkshop({ title: 'Atelier abîmé' })
    const healthy = await server.createWorkshop({ title: 'Atelier sain' })
    const { dataDir } = server.config
    await server.close()
    // Stored by a server without bounds: lib0's decoder overflows the stack reading it back.
    const storage = new SqliteStorage(dataDir)
    await storage.appendUpdates([{ roomId: broken.id, updates: [deepAnyUpdate(50_000)] }])
    await storage.close()

    server = await start({ dataDir })
    const raw = await openRaw(server.syncUrl, broken.id, broken.tokens.facilitator)
    const closed = await raw.closed
    expect(closed.code).toBe(CloseCode.internalError)
    expect(closed.reason).toMatch(/cannot be read/)
    const report = await fetch(`${server.url}/api/workshops/${broken.id}/decisions.json`, {
      headers: { Authorization: `Bearer ${broken.tokens.facilitator}` },
    })
    expect(report.status).toBe(503)
    expect(((await report.json()) as { error: string }).error).toMatch(/cannot be read/)
    const other = track(connectClient(server.syncUrl, healthy.id, healthy.tokens.observer))
    await synced(other)
    expect(readMeta(other.doc)?.title).toBe('Atelier sain')
    await server.close()

    const { stdout } = await run(
      process.execPath,
      ['--import', 'tsx', 'server/repair.ts', broken.id],
      {
        env: { ...process.env, DATA_DIR: dataDir },
      },
    )
    expect(stdout).toMatch(new RegExp(`${broken.id}: 1 value\\(s\\) rewritten`))

    server = await start({ dataDir })
    const client = track(connectClient(server.syncUrl, broken.id, broken.tokens.observer))
    await synced(client)
    expect(readMeta(client.doc)?.title).toBe('Atelier abîmé')
  }, 60_000)

  it('says which workshop it could not find', async () => {
    const server = await start()
    const { dataDir } = server.config
    await server.close()
    await expect(
      run(process.execPath, ['--import', 'tsx', 'server/repair.ts', 'nope'], {
        env: { ...process.env, DATA_DIR: dataDir },
      }),
    ).rejects.toMatchObject({ code: 1, stderr: expect.stringMatching(/no workshop nope/) })
  })
})
