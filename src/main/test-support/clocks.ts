import type { Clock } from '../ports/clock'

/** A clock tests move by hand; `sleep` advances it instead of waiting. */
export class ManualClock implements Clock {
  readonly sleeps: number[] = []
  constructor(private time: number) {}

  now(): number {
    return this.time
  }

  advance(ms: number): void {
    this.time += ms
  }

  /** An injectable sleep(ms) that records the delay and moves the clock. */
  readonly sleep = async (ms: number): Promise<void> => {
    this.sleeps.push(ms)
    this.time += Math.max(0, ms)
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
