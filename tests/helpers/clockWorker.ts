/** A worker for tests/unit/workerRpc.test.ts: answers with the instant (Date.now()) it booted. */
import { serveRequests } from '../../server/lib/workerRpc.ts'

const bootedAt = Date.now()

serveRequests((request: string) => {
  if (request === 'fail') throw new Error('asked to fail')
  return bootedAt
})
