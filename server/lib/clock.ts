/** The server's time, which tests set (a session a month later, minutes of attendance). */
export interface Clock {
  now(): number
}

export const systemClock: Clock = { now: () => Date.now() }
