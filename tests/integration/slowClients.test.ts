import { connect, type Socket } from 'node:net'
import { Writable } from 'node:stream'
import pino from 'pino'
import { describe, expect, it } from 'vitest'
import { type App, createApp } from '../../server/app.ts'
import { loadConfig } from '../../server/config.ts'
import { tempDataDir } from '../helpers/server.ts'
import { useTestServers } from '../helpers/workshopServer.ts'

const { start } = useTestServers()

/**
 * Opens a raw socket to `url`, writes `head`, then `drip` every 200 ms; resolves when the
 * server closes it, with what it answered and how long it held the socket.
 */
const trickle = (url: string, head: string, drip: string) =>
  new Promise<{ answer: string; heldMs: number }>((resolve, reject) => {
    const { hostname, port } = new URL(url)
    const begun = Date.now()
    let answer = ''
    const socket: Socket = connect(Number(port), hostname, () => socket.write(head))
    const timer = setInterval(() => socket.writable && socket.write(drip), 200)
    socket.on('data', (chunk) => {
      answer += chunk.toString('latin1')
    })
    socket.on('error', () => {})
    socket.on('close', () => {
      clearInterval(timer)
      resolve({ answer, heldMs: Date.now() - begun })
    })
    setTimeout(() => {
      clearInterval(timer)
      socket.destroy()
      reject(new Error('the server held a slow client for 10 s'))
    }, 10_000)
  })

describe('a client that sends a byte at a time', () => {
  // Trickled headers or a trickled body once held a socket for as long as the client wished
  // (80 s and more in an outside attack, 300 sockets at once): one client could use them all.
  it('is cut once its headers or its body take too long; others are served meanwhile', async () => {
    const server = await start({ headersTimeoutMs: 1000, requestTimeoutMs: 2000 })
    const headers = trickle(server.url, 'GET /healthz HTTP/1.1\r\nHost: x\r\n', 'X-a: b\r\n')
    const body = trickle(
      server.url,
      'POST /api/workshops HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 60000\r\n\r\n{',
      ' ',
    )
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200)
    const [slowHeaders, slowBody] = await Promise.all([headers, body])
    expect(slowHeaders.heldMs).toBeLessThan(5000)
    expect(slowHeaders.answer).toMatch(/^HTTP\/1\.1 408/)
    expect(slowBody.heldMs).toBeLessThan(6000)
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200)
  })

  it('refuses a request timeout shorter than the headers timeout, naming the setting', () => {
    expect(() => loadConfig({ HEADERS_TIMEOUT_MS: '5000', REQUEST_TIMEOUT_MS: '1000' })).toThrow(
      /REQUEST_TIMEOUT_MS/,
    )
  })
})

describe('a client gone before the end of its body', () => {
  it('is logged as a request, not as an error of the server', async () => {
    const lines: string[] = []
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(chunk.toString())
        done()
      },
    })
    const app: App = await createApp(
      { ...loadConfig({}), port: 0, dataDir: tempDataDir() },
      pino({ level: 'info' }, sink),
    )
    const { port } = await app.listen()
    try {
      await new Promise<void>((resolve) => {
        const socket = connect(port, '127.0.0.1', () => {
          socket.write(
            'POST /api/workshops HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 60000\r\n\r\n{"title":',
          )
          setTimeout(() => socket.destroy(), 200)
        })
        socket.on('close', () => resolve())
      })
      await new Promise((resolve) => setTimeout(resolve, 300))
      expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200)
      const errors = lines.map((line) => JSON.parse(line)).filter((entry) => entry.level >= 50)
      expect(errors).toEqual([])
    } finally {
      await app.close()
    }
  })
})
