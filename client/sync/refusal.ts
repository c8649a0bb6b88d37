/**
 * When the server refuses a change of this device's, the page starts again from what the
 * server holds (its local copy is gone: see openProvider); the reason survives the reload here
 * so the page can say what happened.
 */
const key = (workshopId: string) => `fabrique:refused:${workshopId}`

export const rememberRefusal = (workshopId: string, reason: string): void => {
  try {
    sessionStorage.setItem(key(workshopId), reason)
  } catch {
    // storage unavailable (private mode): the reload still happens, without the message
  }
}

/** The reason remembered for this workshop, once (it is forgotten as it is read). */
export const takeRefusal = (workshopId: string): string | null => {
  try {
    const reason = sessionStorage.getItem(key(workshopId))
    sessionStorage.removeItem(key(workshopId))
    return reason
  } catch {
    return null
  }
}
