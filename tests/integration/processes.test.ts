import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { runServerToExit } from '../helpers/process.ts'
import { tempDataDir } from '../helpers/server.ts'

describe('start-up failures', () => {
  const regularFile = () => {
    const file = path.join(tempDataDir(), 'not-a-folder')
    writeFileSync(file, 'x')
    return file
  }

  it.each([
    ['under /proc, where nothing can be created', () => '/proc/fabrique-test'],
    ['a regular file', regularFile],
  ])('exits within 5 s, naming DATA_DIR, when it is %s', async (_what, dataDir) => {
    const dir = dataDir()
    const ended = await runServerToExit(dir, {}, 8000)
    expect(ended.code).toBe(1)
    expect(ended.ms).toBeLessThan(5000)
    expect(ended.output).toContain(`Fabrique could not start: DATA_DIR ${dir}`)
  })
})
