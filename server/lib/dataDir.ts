import { accessSync, constants, existsSync, mkdirSync, statSync } from 'node:fs'
import path from 'node:path'

/** DATA_DIR cannot hold the server's data; the message names the folder and the reason. */
export class DataDirError extends Error {
  override name = 'DataDirError'
}

/**
 * `mkdir -p`. Not `mkdirSync(dir, { recursive: true })`: Node 20's loops forever, at 100 % of a
 * core, on a folder whose parent exists but refuses it with ENOENT (anything under /proc), so
 * the server hung at start-up. Here an ENOENT once the parent exists is the answer.
 */
const makeFolder = (dir: string): void => {
  try {
    mkdirSync(dir)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'EEXIST') return
    const parent = path.dirname(dir)
    if (code !== 'ENOENT' || parent === dir || existsSync(parent)) throw error
    makeFolder(parent)
    mkdirSync(dir)
  }
}

/** Creates `dir` (and its parents) if needed, and makes sure this process can write in it. */
export const prepareDataDir = (dir: string): void => {
  const fail = (reason: string): never => {
    throw new DataDirError(`DATA_DIR ${dir} ${reason}`)
  }
  try {
    makeFolder(dir)
  } catch (error) {
    fail(`could not be created (${(error as Error).message})`)
  }
  if (!statSync(dir, { throwIfNoEntry: false })?.isDirectory()) fail('is not a folder')
  try {
    accessSync(dir, constants.W_OK | constants.X_OK)
  } catch (error) {
    fail(`is not writable (${(error as Error).message})`)
  }
}
