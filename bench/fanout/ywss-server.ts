/**
 * Peer launcher: @y/websocket-server's reference server (src/server.js) on 127.0.0.1, port 0,
 * no persistence. Prints `{"port": N}` once listening.
 */
import http from 'node:http'
import { setupWSConnection } from '@y/websocket-server/utils'
import { WebSocketServer } from 'ws'

const wss = new WebSocketServer({ noServer: true })
const server = http.createServer((_request, response) => {
  response.writeHead(200, { 'Content-Type': 'text/plain' })
  response.end('okay')
})
wss.on('connection', setupWSConnection)
server.on('upgrade', (request, socket, head) => {
  wss.handleUpgrade(request, socket, head, (ws) => {
    wss.emit('connection', ws, request)
  })
})
server.listen(0, '127.0.0.1', () => {
  const address = server.address()
  console.log(JSON.stringify({ port: typeof address === 'object' ? address?.port : null }))
})
// Never outlive the bench: exit when the parent is gone.
setInterval(() => {
  if (process.ppid === 1) process.exit(0)
}, 1000).unref()
