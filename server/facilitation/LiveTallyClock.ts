import type { Logger } from 'pino'

interface Watch {
  timer: NodeJS.Timeout | null
  /** A private document of the workshop was stored since the last tick. */
  changed: boolean
}

/**
 * When the live totals of a workshop's visible vote may be republished: on ticks at fixed
 * multiples of `intervalMs` on the clock, never at a time set by a ballot. A ballot stored at
 * any moment waits for the next tick with every other change since the previous one, so when a
 * republication comes says nothing of whose ballot is in it.
 *
 * A workshop's clock runs only while something changed: a tick with nothing new, or at which
 * `tick` says no visible vote is open, stops it, and the next change starts it again (on the
 * same grid). Timers are unref'd (they never keep the process alive), an error of `tick` is
 * logged and never thrown out, and `close` stops every clock for good.
 */
export class LiveTallyClock {
  private readonly watches = new Map<string, Watch>()
  private closed = false

  constructor(
    private readonly intervalMs: number,
    private readonly log: Logger,
    /** Republishes if it should; resolves to whether a visible vote is still open. */
    private readonly tick: (workshopId: string) => Promise<boolean>,
  ) {}

  /** Something that may change the live totals of this workshop was stored. */
  changed(workshopId: string): void {
    if (this.closed) return
    const watch = this.watches.get(workshopId)
    if (watch) {
      watch.changed = true
      return
    }
    const started: Watch = { timer: null, changed: true }
    this.watches.set(workshopId, started)
    this.arm(workshopId, started)
  }

  close(): void {
    this.closed = true
    for (const watch of this.watches.values()) if (watch.timer) clearTimeout(watch.timer)
    this.watches.clear()
  }

  private arm(workshopId: string, watch: Watch): void {
    const delay = this.intervalMs - (Date.now() % this.intervalMs)
    watch.timer = setTimeout(() => void this.run(workshopId, watch), delay)
    watch.timer.unref()
  }

  private async run(workshopId: string, watch: Watch): Promise<void> {
    watch.timer = null
    let open = false
    if (watch.changed) {
      watch.changed = false
      try {
        open = await this.tick(workshopId)
      } catch (error) {
        // Not retried: the next change tries again.
        this.log.error({ err: error, room: workshopId }, 'live tally failed')
      }
    }
    if (this.closed || this.watches.get(workshopId) !== watch) return
    // A change stored while the tally ran is for the next tick, whatever this one found.
    if (open || watch.changed) this.arm(workshopId, watch)
    else this.watches.delete(workshopId)
  }
}
