/**
 * Peer launcher: @hocuspocus/server with no extension (documents in memory) on 127.0.0.1,
 * port 0. Prints `{"port": N}` once listening.
 */
import { Server } from '@hocuspocus/server'

const server = new Server({ port: 0, address: '127.0.0.1', quiet: true, stopOnSignals: false })
await server.listen()
console.log(JSON.stringify({ port: server.address.port }))
// Never outlive the bench: exit when the parent is gone.
setInterval(() => {
  if (process.ppid === 1) process.exit(0)
}, 1000).unref()
