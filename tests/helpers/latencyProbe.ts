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
