/**
 * Shared by the benches that drive our real server as its own process (memory.ts,
 * editing.ts): start `server/main.ts` as `npm start` does (without the client build), with
 * LOG_LEVEL=warn and a free port picked beforehand (at warn the server does not print its
 * "ready" line, so /healthz is polled), and make sure no child process or temporary data
 * directory outlives the bench, whether it ends, fails or is interrupted.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { sleep } from '../../tests/helpers/yclient.ts'

export const ROOT = path.resolve(import.meta.dirname, '../..')
const HOST = '127.0.0.1'

const children = new Set<ChildProcess>()
const tempDirs = new Set<string>()

const cleanup = (): void => {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
  }
  children.clear()
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true })
  tempDirs.clear()
}
process.on('exit', cleanup)
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    console.error(`\n${signal}: stopping every child process`)
    process.exit(130)
  })
}

/** Ends the bench (and its children) if it runs longer than `minutes`. */
export const deadline = (name: string, minutes: number): void => {
  setTimeout(() => {
    console.error(`${name}: over the ${minutes} min bound, giving up`)
    process.exit(2)
  }, minutes * 60_000).unref()
}

/** `--name=value` from the command line, or `fallback`. */
export const arg = (name: string, fallback: string): string =>
  process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback

/** A temporary directory, removed when the bench exits. */
export const tempDir = (prefix: string): string => {
  const dir = mkdtempSync(path.join(tmpdir(), prefix))
  tempDirs.add(dir)
  return dir
}

/** SIGTERM, then SIGKILL after `graceMs`; resolves once `child` has exited. */
export const stopChild = async (child: ChildProcess, graceMs: number): Promise<void> => {
  if (child.exitCode !== null || child.signalCode !== null) return
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  child.kill('SIGTERM')
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs)
  await exited
  clearTimeout(timer)
}

/** Kills `child` with the bench if it is still running then. */
export const track = <T extends ChildProcess>(child: T): T => {
  children.add(child)
  child.once('exit', () => children.delete(child))
  return child
}

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, HOST, () => {
      const address = probe.address()
      const port = typeof address === 'object' && address ? address.port : 0
      probe.close(() => resolve(port))
    })
  })

export interface BenchServer {
  child: ChildProcess
  pid: number
  /** `http://127.0.0.1:<port>` */
  url: string
  /** Base URL for `WebsocketProvider`: `ws://127.0.0.1:<port>/sync`. */
  syncUrl: string
  /** What the process wrote (warnings, errors, node's own messages), to explain a failure. */
  output: string[]
  /** SIGTERM (the server flushes its rooms), SIGKILL after `graceMs`; resolves once it exited. */
  stop(graceMs?: number): Promise<void>
}

/**
 * The node flags `npm start` gives the server in `root` (package.json `config.serverNodeFlags`),
 * so that a bench measures the server as it is deployed.
 */
const serverNodeFlags = (root: string): string[] => {
  const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
    config?: { serverNodeFlags?: string }
  }
  return (manifest.config?.serverNodeFlags ?? '').split(' ').filter(Boolean)
}

/**
 * Starts our server on `dataDir` (durability on, the default) the way `npm start` does, and
 * waits until /healthz answers. `env` overrides settings; `nodeArgs` go after the deployed
 * flags and before `--import tsx`; `root` is the checkout to run (another commit's worktree,
 * to compare servers).
 */
export const startServer = async (
  dataDir: string,
  options: { env?: Record<string, string>; nodeArgs?: string[]; root?: string } = {},
): Promise<BenchServer> => {
  const port = await freePort()
  const root = options.root ?? ROOT
  const nodeArgs = [...serverNodeFlags(root), ...(options.nodeArgs ?? [])]
  const child = track(
    spawn(process.execPath, [...nodeArgs, '--import', 'tsx', 'server/main.ts'], {
      cwd: root,
      env: {
        ...process.env,
        PORT: String(port),
        HOST,
        DATA_DIR: dataDir,
        LOG_LEVEL: 'warn',
        ADMIN_TOKEN: '',
        ...options.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  )
  const output: string[] = []
  for (const stream of [child.stdout, child.stderr]) {
    stream?.setEncoding('utf8')
    stream?.on('data', (chunk: string) => {
      output.push(chunk)
      if (output.length > 200) output.shift()
    })
  }
  const url = `http://${HOST}:${port}`
  const started = performance.now()
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited: ${output.join('')}`)
    if (performance.now() - started > 30_000)
      throw new Error(`the server did not answer /healthz in 30 s: ${output.join('')}`)
    try {
      if ((await fetch(`${url}/healthz`)).ok) break
    } catch {
      // not listening yet
    }
    await sleep(100)
  }
  return {
    child,
    pid: child.pid ?? 0,
    url,
    syncUrl: `ws://${HOST}:${port}/sync`,
    output,
    stop: (graceMs = 10_000) => stopChild(child, graceMs),
  }
}
