/** How often the page checks that its timers still run (a machine asleep stops them all). */
const TICK_MS = 5000

/**
 * Calls `onWake(asleepMs)` when the page comes back after at least `longMs` away: hidden (a
 * phone's screen turned off, another app in front) or with its timers stopped (a laptop's lid
 * closed, a phone that froze the page). Returns the function that stops watching.
 */
export const watchWake = (
  longMs: number,
  onWake: (asleepMs: number) => void,
  now: () => number = Date.now,
): (() => void) => {
  if (typeof document === 'undefined') return () => {}
  let hiddenAt: number | null = document.visibilityState === 'hidden' ? now() : null
  let lastTick = now()
  const onVisibility = () => {
    if (document.visibilityState === 'hidden') {
      hiddenAt ??= now()
      return
    }
    const since = hiddenAt
    hiddenAt = null
    lastTick = now()
    if (since !== null && lastTick - since >= longMs) onWake(lastTick - since)
  }
  const tick = setInterval(() => {
    const at = now()
    const gap = at - lastTick
    lastTick = at
    // While hidden, timers are slowed on purpose: the return to the page says how long it was.
    if (hiddenAt === null && document.visibilityState !== 'hidden' && gap >= longMs) onWake(gap)
  }, TICK_MS)
  document.addEventListener('visibilitychange', onVisibility)
  return () => {
    clearInterval(tick)
    document.removeEventListener('visibilitychange', onVisibility)
  }
}
