/** `mm:ss` (or `h:mm:ss` past an hour) of a duration, rounded up to the second. */
export const formatClock = (ms: number): string => {
  const total = Math.max(0, Math.ceil(ms / 1000))
  const hours = Math.floor(total / 3600)
  const minutes = Math.floor((total % 3600) / 60)
  const seconds = total % 60
  const mm = String(minutes).padStart(2, '0')
  const ss = String(seconds).padStart(2, '0')
  return hours > 0 ? `${hours}:${mm}:${ss}` : `${mm}:${ss}`
}

/** Whole minutes and seconds left (rounded up to the second), for the spoken text. */
export const splitClock = (ms: number): { minutes: number; seconds: number } => {
  const total = Math.max(0, Math.ceil(ms / 1000))
  return { minutes: Math.floor(total / 60), seconds: total % 60 }
}
