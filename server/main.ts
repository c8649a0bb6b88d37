import { networkInterfaces } from 'node:os'
import { createApp } from './app.ts'
import { loadConfig } from './config.ts'
import { lastResort } from './lastResort.ts'
import { createLogger } from './logger.ts'

/** How long the last-resort handler lets the app flush before exiting anyway. */
const FATAL_FLUSH_DEADLINE_MS = 5000

/** Addresses a phone on the same network can open when the server listens on every interface. */
const lanUrls = (host: string, port: number): string[] => {
  if (host !== '0.0.0.0' && host !== '::')
    return [`http://${host.includes(':') ? `[${host}]` : host}:${port}`]
  return Object.values(networkInterfaces())
    .flat()
    .filter((net) => net !== undefined && net.family === 'IPv4' && !net.internal)
    .map((net) => `http://${net?.address}:${port}`)
}

const main = async () => {
  const config = loadConfig()
  const log = createLogger(config.logLevel)
  const app = await createApp(config, log, { dev: process.argv.includes('--dev') })
  const fatal = lastResort(log, () => app.close(), {
    deadlineMs: FATAL_FLUSH_DEADLINE_MS,
    exit: (code) => process.exit(code),
  })
  process.on('uncaughtException', (error) => fatal(error, 'uncaughtException'))
  process.on('unhandledRejection', (reason) => fatal(reason, 'unhandledRejection'))
  const address = await app.listen()
  log.info(
    {
      port: address.port,
      host: config.host,
      dataDir: config.dataDir,
      open: lanUrls(config.host, address.port),
    },
    'Fabrique is ready',
  )

  let stopping = false
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return
    stopping = true
    log.info({ signal }, 'shutting down: flushing rooms')
    app.close().then(
      () => {
        log.info('stopped cleanly')
        process.exit(0)
      },
      (error: unknown) => {
        log.error({ err: error }, 'shutdown failed')
        process.exit(1)
      },
    )
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

main().catch((error: unknown) => {
  // Start-up errors (configuration, template, database) are for a person to read.
  console.error(
    `Fabrique could not start: ${error instanceof Error ? error.message : String(error)}`,
  )
  process.exit(1)
})
