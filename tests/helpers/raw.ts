import WebSocket from 'ws'

export interface RawSocket {
  ws: WebSocket
  received: Uint8Array[]
  closed: Promise<{ code: number; reason: string }>
}

/** A bare WebSocket to the sync endpoint, to send frames no well-behaved client would. */
export const openRaw = (
  syncUrl: string,
  workshopId: string,
  token: string,
  options: WebSocket.ClientOptions = {},
  /** More query parameters (a participant's identity). */
  params: Record<string, string> = {},
): Promise<RawSocket> =>
  new Promise((resolve, reject) => {
    const query = new URLSearchParams({ token, ...params })
    const ws = new WebSocket(`${syncUrl}/${workshopId}?${query}`, options)
    const received: Uint8Array[] = []
    const closed = new Promise<{ code: number; reason: string }>((done) =>
      ws.once('close', (code, reason) => done({ code, reason: reason.toString() })),
    )
    ws.on('message', (data: Buffer) => received.push(new Uint8Array(data)))
    ws.once('open', () => resolve({ ws, received, closed }))
    ws.once('error', reject)
  })

/** The HTTP status with which the server refuses an upgrade, or 101 if it accepts it. */
export const upgradeStatus = (url: string, headers: Record<string, string> = {}): Promise<number> =>
  new Promise((resolve) => {
    const ws = new WebSocket(url, { headers })
    ws.once('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0)
      ws.terminate()
    })
    ws.once('open', () => {
      resolve(101)
      ws.close()
    })
    ws.once('error', () => {})
  })
