import { Worker } from 'node:worker_threads'

/**
 * Sends `GET url` every `everyMs` from its own thread, each request on its own schedule
 * (not after the previous answer): while the server's event loop is blocked, the requests
 * pile up and each one counts the whole wait, as a person polling from outside would see.
 */
const PROBE = `
const { parentPort, workerData } = require('node:worker_threads')
const { url, everyMs } = workerData
const answers = []
const pending = new Set()
const timer = setInterval(() => {
  const sent = performance.now()
  const request = fetch(url)
    .then(async (res) => {
      await res.arrayBuffer()
      answers.push({ status: res.status, ms: performance.now() - sent })
    })
    .catch((error) => answers.push({ status: 0, ms: performance.now() - sent, error: String(error) }))
  pending.add(request)
  request.finally(() => pending.delete(request))
}, everyMs)
parentPort.once('message', async () => {
  clearInterval(timer)
  await Promise.allSettled([...pending])
  parentPort.postMessage(answers)
})
`

export interface ProbeAnswer {
  /** HTTP status, or 0 when the request failed. */
  status: number
  ms: number
  error?: string
}

export interface LatencyProbe {
  /** Stops sending, waits for the requests under way and gives every answer. */
  stop(): Promise<ProbeAnswer[]>
}

export const probeLatency = (url: string, everyMs: number): LatencyProbe => {
  const worker = new Worker(PROBE, { eval: true, workerData: { url, everyMs } })
  const answers = new Promise<ProbeAnswer[]>((resolve, reject) => {
    worker.once('message', resolve)
    worker.once('error', reject)
  })
  return {
    stop: async () => {
      worker.postMessage('stop')
      const all = await answers
      await worker.terminate()
      return all
    },
  }
}

/** The `p`-th percentile (0–100) of `values`, nearest rank. */
export const percentile = (values: readonly number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN
}

/** What `fetchAtOnce` got for one request. */
export interface FetchedAtOnce {
  status: number
  retryAfter: string | null
  bytes: number
  /** The body of an answer that is not a 2xx (an error's JSON), else null. */
  error: string | null
  ms: number
}

const AT_ONCE = `
const http = require('node:http')
const { parentPort, workerData } = require('node:worker_threads')
const { requests, written } = workerData
const flag = new Int32Array(written)
// One open connection for each request, as a client that keeps its connections does.
const agent = new http.Agent({ keepAlive: true })
const get = ({ url, headers }, sent) =>
  new Promise((resolve, reject) => {
    const at = performance.now()
    const req = http.get(url, { headers, agent }, (res) => {
      const chunks = []
      res.on('data', (chunk) => chunks.push(chunk))
      res.on('end', () => {
        const body = Buffer.concat(chunks)
        const ok = res.statusCode >= 200 && res.statusCode < 300
        resolve({
          status: res.statusCode,
          retryAfter: res.headers['retry-after'] ?? null,
          bytes: body.byteLength,
          error: ok ? null : body.toString('utf8'),
          ms: performance.now() - at,
        })
      })
      res.on('error', reject)
    })
    req.on('finish', sent)
    req.on('error', reject)
  })
let unsent = requests.length
const sentOne = () => {
  if (--unsent > 0) return
  Atomics.store(flag, 0, 1)
  Atomics.notify(flag, 0)
}
const healthz = { url: new URL('/healthz', requests[0].url).href, headers: {} }
Promise.all(requests.map(() => get(healthz, () => {}))).then(() => {
  parentPort.once('message', () =>
    Promise.all(requests.map((request) => get(request, sentOne))).then((answers) => {
      agent.destroy()
      parentPort.postMessage(answers)
    }),
  )
  parentPort.postMessage('ready')
})
`

/**
 * Sends every request at once from a thread of its own, and gives each answer (its body is
 * read and counted there): a server in this process spends nothing on the bodies. With
 * `holding`, this thread (the server's, in a test) waits until every request is written, as
 * a server busy with something else would: they are all read in the same turn of its loop.
 */
export const fetchAtOnce = async (
  requests: Array<{ url: string; headers?: Record<string, string> }>,
  options: { holding?: boolean } = {},
): Promise<FetchedAtOnce[]> => {
  const written = new SharedArrayBuffer(4)
  const worker = new Worker(AT_ONCE, { eval: true, workerData: { requests, written } })
  try {
    const next = <T>() =>
      new Promise<T>((resolve, reject) => {
        worker.once('message', resolve)
        worker.once('error', reject)
      })
    await next<'ready'>()
    const answers = next<FetchedAtOnce[]>()
    worker.postMessage('go')
    if (options.holding) Atomics.wait(new Int32Array(written), 0, 0, 10_000)
    return await answers
  } finally {
    await worker.terminate()
  }
}
