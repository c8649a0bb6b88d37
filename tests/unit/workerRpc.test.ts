import { afterEach, describe, expect, it } from 'vitest'
import { WorkerRpc } from '../../server/lib/workerRpc.ts'
import { sleep } from '../helpers/yclient.ts'

const clockWorker = new URL('../helpers/clockWorker.ts', import.meta.url)

describe('WorkerRpc', () => {
  let rpc: WorkerRpc<string, number>
  afterEach(() => rpc.close())

  it('start() boots the thread before the first call, so that call does not pay for it', async () => {
    rpc = new WorkerRpc(clockWorker, null)
    await rpc.start()
    const called = Date.now()
    const booted = await rpc.call('when')
    expect(booted).toBeLessThanOrEqual(called)
  })

  it('without start(), the first call starts the thread', async () => {
    rpc = new WorkerRpc(clockWorker, null)
    await sleep(50)
    const called = Date.now()
    expect(await rpc.call('when')).toBeGreaterThanOrEqual(called)
  })

  it("rejects a call with the worker's error, and keeps serving", async () => {
    rpc = new WorkerRpc(clockWorker, null)
    await expect(rpc.call('fail')).rejects.toThrow('asked to fail')
    expect(await rpc.call('when')).toBeGreaterThan(0)
  })
})
