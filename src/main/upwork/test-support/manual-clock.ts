import type { Clock } from '../../ports/clock'

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
