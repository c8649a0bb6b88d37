import { statSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { prepareDataDir } from '../../server/lib/dataDir.ts'
import { tempDataDir } from '../helpers/server.ts'

describe('prepareDataDir', () => {
  it('creates a missing folder and its missing parents', () => {
    const dir = path.join(tempDataDir(), 'a', 'b', 'data')
    prepareDataDir(dir)
    expect(statSync(dir).isDirectory()).toBe(true)
    prepareDataDir(dir) // and accepts it as it is the next time
  })

  it('refuses a file, naming it', () => {
    const file = path.join(tempDataDir(), 'data')
    writeFileSync(file, '')
    expect(() => prepareDataDir(file)).toThrow(`DATA_DIR ${file} is not a folder`)
    expect(() => prepareDataDir(path.join(file, 'sub'))).toThrow(
      `DATA_DIR ${file}/sub could not be created (ENOTDIR`,
    )
  })

  it('refuses at once a folder that cannot be created under an existing parent (/proc)', () => {
    expect(() => prepareDataDir('/proc/fabrique/data')).toThrow(
      "DATA_DIR /proc/fabrique/data could not be created (ENOENT: no such file or directory, mkdir '/proc/fabrique')",
    )
  })
})
