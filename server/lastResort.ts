import type { Logger } from 'pino'

export interface LastResortOptions {
  /** How long closing the app may take before the process exits without it. */
  deadlineMs: number
  exit: (code: number) => void
}

/**
 * The handler for an error nothing else caught (`uncaughtException`, `unhandledRejection`):
 * the process may be in any state, so it logs the error at fatal, flushes what it can by
 * closing the app (for at most `deadlineMs`) and exits with 1, for a supervisor to start a
 * clean process. Another error while it flushes is logged and changes nothing.
 */
export const lastResort = (
  log: Logger,
  close: () => Promise<void>,
  { deadlineMs, exit }: LastResortOptions,
): ((error: unknown, origin: string) => void) => {
  let exiting = false
  return (error, origin) => {
    log.fatal({ err: error, origin }, 'unexpected error: flushing, then exiting')
    if (exiting) return
    exiting = true
    const closed = close().then(
      () => true,
      (closeError: unknown) => {
        log.error({ err: closeError }, 'flushing before the exit failed')
        return true
      },
    )
    const timedOut = new Promise<false>((resolve) => setTimeout(resolve, deadlineMs, false))
    void Promise.race([closed, timedOut]).then((flushed) => {
      if (!flushed) log.error({ deadlineMs }, 'flushing took too long: exiting without it')
      exit(1)
    })
  }
}
