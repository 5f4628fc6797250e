import type { Scheduler } from './scheduler'

/** A Scheduler for tests: `tick()` calls every registered heartbeat once, nothing runs by itself. */
export class ManualScheduler implements Scheduler {
  private readonly ticks = new Set<() => void>()

  every(_everyMs: number, tick: () => void): () => void {
    const entry = (): void => tick()
    this.ticks.add(entry)
    return () => void this.ticks.delete(entry)
  }

  tick(): void {
    for (const t of [...this.ticks]) t()
  }

  get active(): number {
    return this.ticks.size
  }
}
