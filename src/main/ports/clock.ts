/** Time, injected so that token expiry, rate windows and schedules can be tested. */
export interface Clock {
  now(): number
}

export const systemClock: Clock = { now: () => Date.now() }
