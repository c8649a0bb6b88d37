import { type ChildProcess, spawn } from 'node:child_process'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))

export interface ServerProcess {
  child: ChildProcess
  url: string
  syncUrl: string
  /** Resolves with the exit code (or signal) once the process has ended and its output is read. */
  exited: Promise<number | NodeJS.Signals | null>
  logs: string[]
}

/** `server/main.ts` as its own process, as `npm start` runs it; what it prints goes to `logs`. */
const launch = (dataDir: string, env: Record<string, string>) => {
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
  // 'close' rather than 'exit': by then everything it printed has been read.
  const exited = new Promise<number | NodeJS.Signals | null>((done) =>
    child.once('close', (code, signal) => done(signal ?? code)),
  )
  child.stderr?.on('data', (chunk: Buffer) => logs.push(chunk.toString()))
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream })
  lines.on('line', (line) => logs.push(line))
  return { child, exited, logs, lines }
}

/** Starts `server/main.ts` as its own process, as `npm start` does, and waits until it listens. */
export const spawnServer = (
  dataDir: string,
  env: Record<string, string> = {},
): Promise<ServerProcess> =>
  new Promise((resolve, reject) => {
    const { child, exited, logs, lines } = launch(dataDir, env)
    const timer = setTimeout(
      () => reject(new Error(`server did not start:\n${logs.join('\n')}`)),
      20_000,
    )
    lines.on('line', (line) => {
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

export interface EndedProcess {
  code: number | NodeJS.Signals | null
  /** Everything it printed, stdout and stderr. */
  output: string
  /** From spawn to exit. */
  ms: number
}

/**
 * Runs `server/main.ts` until it ends by itself, as a server that must refuse to start does;
 * one still running after `timeoutMs` is killed (and reported with SIGKILL as its code).
 */
export const runServerToExit = async (
  dataDir: string,
  env: Record<string, string> = {},
  timeoutMs = 10_000,
): Promise<EndedProcess> => {
  const started = performance.now()
  const { child, exited, logs } = launch(dataDir, env)
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs)
  const code = await exited
  clearTimeout(timer)
  return { code, output: logs.join('\n'), ms: performance.now() - started }
}
