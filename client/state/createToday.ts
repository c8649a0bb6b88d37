import { type Accessor, createSignal, onCleanup } from 'solid-js'
import { labDay } from '../../shared/schema/sessionFields.ts'

/** How often the day is read again: a page left open overnight turns to the new day. */
const EVERY_MS = 60_000

/**
 * Today in Montréal (YYYY-MM-DD, `labDay`), as the server counts days: never the device's
 * time zone nor UTC's day (at 19:00 in Montréal, UTC is already tomorrow). Live: it changes
 * within a minute of midnight there.
 */
export const createToday = (): Accessor<string> => {
  const [today, setToday] = createSignal(labDay(Date.now()))
  const timer = setInterval(() => setToday(labDay(Date.now())), EVERY_MS)
  onCleanup(() => clearInterval(timer))
  return today
}
