import { type Accessor, createRoot, createSignal, onCleanup } from 'solid-js'
import { createStore, reconcile } from 'solid-js/store'
import type { Participation } from '../../../shared/api.ts'
import { fetchParticipation } from '../../app/api.ts'

export const PARTICIPATION_POLL_MS = 5000

export interface ParticipationFeed {
  /** The latest figures, merged by id: each poll keeps the rows (and what is open on one) in place. */
  participation: Accessor<Participation | null>
  /** Why the last poll failed, or null once one succeeds. */
  error: Accessor<unknown>
  /** Asks again now (or waits for the request under way); resolves once the figures are in. */
  refresh: () => Promise<void>
}

export interface ParticipationSource {
  workshopId: string
  /** The facilitator token. */
  token: string
  /** For tests: another way to fetch (such a feed is not shared), another interval. */
  load?: () => Promise<Participation>
  intervalMs?: number
}

interface Running extends ParticipationFeed {
  users: number
  stop: () => void
}

const start = (load: () => Promise<Participation>, intervalMs: number): Running =>
  createRoot((dispose) => {
    const [data, setData] = createStore<{ current: Participation | null }>({ current: null })
    const [error, setError] = createSignal<unknown>(null)
    let stopped = false
    let inFlight: Promise<void> | null = null
    const poll = async () => {
      try {
        const next = await load()
        if (stopped) return
        setData('current', reconcile(next, { key: 'id' }))
        setError(null)
      } catch (cause) {
        if (!stopped) setError(cause)
      } finally {
        inFlight = null
      }
    }
    const refresh = () => {
      if (stopped) return Promise.resolve()
      inFlight ??= poll()
      return inFlight
    }
    void refresh()
    const timer = setInterval(() => {
      // Not while the tab is hidden: nobody reads it, and each poll opens every private room.
      if (typeof document !== 'undefined' && document.visibilityState === 'hidden') return
      void refresh()
    }, intervalMs)
    return {
      participation: () => data.current,
      error,
      refresh,
      users: 0,
      stop: () => {
        stopped = true
        clearInterval(timer)
        dispose()
      },
    }
  })

const running = new Map<string, Running>()

/**
 * "Is everyone heard?" and "who has written in private?": the participation figures, asked of
 * the server every 5 s while a component shows them. Every component of the page that shows
 * them (the balance panel, the private-writing controls) shares one poll, as each costs the
 * server a look into every private document; it stops with the last of them.
 */
export const useParticipation = (source: ParticipationSource): ParticipationFeed => {
  const key = source.load ? null : JSON.stringify([source.workshopId, source.token])
  const existing = key === null ? undefined : running.get(key)
  const feed =
    existing ??
    start(
      source.load ?? (() => fetchParticipation(source.workshopId, source.token)),
      source.intervalMs ?? PARTICIPATION_POLL_MS,
    )
  if (key !== null && !existing) running.set(key, feed)
  feed.users++
  onCleanup(() => {
    feed.users--
    if (feed.users > 0) return
    feed.stop()
    if (key !== null) running.delete(key)
  })
  return feed
}
