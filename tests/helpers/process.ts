import { type ChildProcess, spawn } from 'node:child_process'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))

export interface ServerProcess {
  child: ChildProcess
  url: string
  syncUrl: string
  /** Resolves with the exit code (or signal) once the process has ended. */
  exited: Promise<number | NodeJS.Signals | null>
  logs: string[]
}

/** Starts `server/main.ts` as its own process, as `npm start` does, and waits until it listens. */
export const spawnServer = (
  dataDir: string,
  env: Record<string, string> = {},
): Promise<ServerProcess> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      cwd: ROOT,
      env: {
        ...process.env,
        PORT: '0',
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        LOG_LEVEL: 'info',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    const logs: string[] = []
    const exited = new Promise<number | NodeJS.Signals | null>((done) =>
      child.once('exit', (code, signal) => done(signal ?? code)),
    )
    child.stderr?.on('data', (chunk: Buffer) => logs.push(chunk.toString()))
    const timer = setTimeout(
      () => reject(new Error(`server did not start:\n${logs.join('\n')}`)),
      20_000,
    )
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
      logs.push(line)
      if (!line.includes('Fabrique is ready')) return
      clearTimeout(timer)
      const { port } = JSON.parse(line) as { port: number }
      resolve({
        child,
        url: `http://127.0.0.1:${port}`,
        syncUrl: `ws://127.0.0.1:${port}/sync`,
        exited,
        logs,
      })
    })
    void exited.then((code) => {
      clearTimeout(timer)
      reject(new Error(`server exited (${code}) before it was ready:\n${logs.join('\n')}`))
    })
  })
