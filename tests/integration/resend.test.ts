import * as encoding from 'lib0/encoding'
import { describe, expect, it } from 'vitest'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'
import { MessageType } from '../../shared/protocol.ts'
import { openRaw } from '../helpers/raw.ts'
import { useWorkshopServer } from '../helpers/workshopServer.ts'
import { sleep, synced } from '../helpers/yclient.ts'

/**
 * What a browser sends again is no write: y-websocket sends every update its document applies
 * that did not come from the socket, and when the device's offline copy (y-indexeddb) finishes
 * loading after the socket opened, that is the whole document, the server's own content
 * (meta, flow) included. The server must take it as the no-op it is, not as a participant
 * writing "meta.title" (a 4400 that wiped the device's copy and, twice, got the room's address
 * throttled: a reload in a busy room left the page offline).
 */

const ctx = useWorkshopServer({ template: 'groupe-nominal' })

const updateFrame = (update: Uint8Array): Uint8Array => {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MessageType.sync)
  syncProtocol.writeUpdate(encoder, update)
  return encoding.toUint8Array(encoder)
}

describe('a device sending back what the server has', () => {
  it("is no write: a participant's socket that resends the whole document stays open", async () => {
    const { server, workshop } = ctx
    const copy = ctx.connect('observer')
    await synced(copy)
    const me = await server.register(workshop.id, workshop.tokens.participant)
    const socket = await openRaw(
      server.syncUrl,
      workshop.id,
      workshop.tokens.participant,
      {},
      me.identity,
    )
    socket.ws.send(updateFrame(Y.encodeStateAsUpdate(copy.doc)))
    await sleep(300)
    expect(socket.ws.readyState).toBe(1)
    const closed = await Promise.race([socket.closed, sleep(100).then(() => null)])
    expect(closed).toBeNull()
    socket.ws.close()
  })
})
