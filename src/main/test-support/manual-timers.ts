import type { Timers } from '../upwork/loopback-server'

/**
 * Timers that fire only when a test moves time with `advance(ms)`: for code that takes injected
 * `Timers` (the OAuth loopback listener and flow), so a 20-second hint or a 5-minute timeout is
 * tested without waiting. Due timers run in time order; a timer set by a firing one runs too if
 * it falls inside the same advance.
 */
export class ManualTimers implements Timers {
  private time = 0
  private nextId = 1
  private readonly pending = new Map<number, { at: number; fn: () => void }>()

  setTimeout = (fn: () => void, ms: number): unknown => {
    const id = this.nextId++
    this.pending.set(id, { at: this.time + Math.max(0, ms), fn })
    return id
  }

  clearTimeout = (handle: unknown): void => {
    this.pending.delete(handle as number)
  }

  /** How many timers are waiting. */
  get size(): number {
    return this.pending.size
  }

  advance(ms: number): void {
    const end = this.time + ms
    for (;;) {
      let next: [number, { at: number; fn: () => void }] | undefined
      for (const entry of this.pending) if (entry[1].at <= end && (!next || entry[1].at < next[1].at)) next = entry
      if (!next) break
      this.pending.delete(next[0])
      this.time = next[1].at
      next[1].fn()
    }
    this.time = end
  }
}
