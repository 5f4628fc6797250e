import type { Clock } from '../ports/clock'
import type { Timers } from '../upwork/loopback-server'

/**
 * Time that moves only when a test moves it: `now()` for code that takes a Clock, `sleep` for
 * code that takes an injectable sleep (recorded in `sleeps`), and `setTimeout`/`clearTimeout` for
 * code that takes injected Timers (the OAuth loopback listener and flow), so a 20-second hint or
 * a 5-minute timeout is tested without waiting. `advance(ms)` runs the timers that fall due, in
 * time order; a timer set by a firing one runs too if it falls inside the same advance.
 */
export class ManualClock implements Clock, Timers {
  readonly sleeps: number[] = []
  private nextTimerId = 1
  private readonly timers = new Map<number, { at: number; fn: () => void }>()

  constructor(private time = 0) {}

  now(): number {
    return this.time
  }

  advance(ms: number): void {
    const end = this.time + ms
    for (;;) {
      let next: [number, { at: number; fn: () => void }] | undefined
      for (const entry of this.timers) if (entry[1].at <= end && (!next || entry[1].at < next[1].at)) next = entry
      if (!next) break
      this.timers.delete(next[0])
      this.time = next[1].at
      next[1].fn()
    }
    this.time = end
  }

  /** An injectable sleep(ms) that records the delay and moves the clock. */
  readonly sleep = async (ms: number): Promise<void> => {
    this.sleeps.push(ms)
    this.advance(Math.max(0, ms))
  }

  readonly setTimeout = (fn: () => void, ms: number): unknown => {
    const id = this.nextTimerId++
    this.timers.set(id, { at: this.time + Math.max(0, ms), fn })
    return id
  }

  readonly clearTimeout = (handle: unknown): void => {
    this.timers.delete(handle as number)
  }

  /** How many timers are waiting. */
  get pendingTimers(): number {
    return this.timers.size
  }
}

/**
 * Real time plus an offset tests can move: for code that also waits on real I/O (HTTP to the
 * fake, a loopback server), where a frozen clock would not do, but a token must "expire" without
 * waiting a day.
 */
export class OffsetClock implements Clock {
  offset = 0
  now(): number {
    return Date.now() + this.offset
  }
}
