/**
 * Calls `fn` at most once every `ms` milliseconds, always with the latest arguments: the
 * first call runs at once, later ones within the window are folded into one trailing call.
 * `cancel()` drops a pending trailing call; `flush()` runs it now.
 */
export interface Throttled<A extends unknown[]> {
  (...args: A): void
  cancel: () => void
  flush: () => void
}

export const throttle = <A extends unknown[]>(
  fn: (...args: A) => void,
  ms: number,
  now: () => number = () => Date.now(),
): Throttled<A> => {
  let last = Number.NEGATIVE_INFINITY
  let pending: A | null = null
  let timer: ReturnType<typeof setTimeout> | null = null
  const run = () => {
    timer = null
    if (!pending) return
    const args = pending
    pending = null
    last = now()
    fn(...args)
  }
  const throttled = ((...args: A) => {
    pending = args
    const wait = last + ms - now()
    if (wait <= 0 && timer === null) run()
    else if (timer === null) timer = setTimeout(run, Math.max(0, wait))
  }) as Throttled<A>
  throttled.cancel = () => {
    pending = null
    if (timer !== null) clearTimeout(timer)
    timer = null
  }
  throttled.flush = () => {
    if (timer !== null) clearTimeout(timer)
    run()
  }
  return throttled
}
