import { type Accessor, createSignal, onCleanup } from 'solid-js'
import type { Awareness } from 'y-protocols/awareness'
import { isNamed, type PresenceUser, readPresence } from '../../shared/presence.ts'

export interface PresentPerson {
  user: PresenceUser
  /** True for the person using this browser. */
  isSelf: boolean
}

/**
 * The people online now, from awareness states. One entry per participant id (the same person
 * in two tabs shows once), yourself first, then by name, then the observers (who have none).
 * States that do not validate are skipped.
 */
export const listPresent = (awareness: Awareness, collator?: Intl.Collator): PresentPerson[] => {
  const byId = new Map<string, PresentPerson>()
  for (const [clientId, state] of awareness.getStates()) {
    const user = readPresence(state)
    if (!user) continue
    const isSelf = clientId === awareness.clientID
    const seen = byId.get(user.id)
    if (!seen || isSelf) byId.set(user.id, { user, isSelf: isSelf || (seen?.isSelf ?? false) })
  }
  const compare = collator ?? new Intl.Collator(undefined, { sensitivity: 'base' })
  const nameOf = (person: PresentPerson) => (isNamed(person.user) ? person.user.name : null)
  return [...byId.values()].sort((a, b) => {
    const [first, second] = [nameOf(a), nameOf(b)]
    return (
      Number(b.isSelf) - Number(a.isSelf) ||
      Number(first === null) - Number(second === null) ||
      (first !== null && second !== null ? compare.compare(first, second) : 0)
    )
  })
}

/** How a person online is named on screen: their name, or "Observer" for an observer. */
export const shownName = (user: PresenceUser, observer: string): string =>
  isNamed(user) ? user.name : observer

/** Live list of the people online now (see `listPresent`). */
export const createPresence = (awareness: Awareness): Accessor<PresentPerson[]> => {
  const [present, setPresent] = createSignal(listPresent(awareness))
  const onChange = () => setPresent(listPresent(awareness))
  awareness.on('change', onChange)
  onCleanup(() => awareness.off('change', onChange))
  return present
}
