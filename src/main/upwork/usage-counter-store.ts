/**
 * Where API request counters live across restarts. Keys are `hour:YYYY-MM-DDTHH` and
 * `day:YYYY-MM-DD` (UTC). The app's SQLite repository (`ApiUsageRepository`) has exactly this
 * shape; `JsonFileUsageStore` and `MemoryUsageStore` are small implementations for tests and for
 * running without the database.
 */
export interface UsageCounterStore {
  increment(keys: string[], by?: number): Promise<void>
  get(key: string): Promise<number>
}

/** Not persisted; for tests and as a last resort. */
export class MemoryUsageStore implements UsageCounterStore {
  private readonly counters = new Map<string, number>()

  async increment(keys: string[], by = 1): Promise<void> {
    for (const key of keys) this.counters.set(key, (this.counters.get(key) ?? 0) + by)
  }

  async get(key: string): Promise<number> {
    return this.counters.get(key) ?? 0
  }
}

export function hourKey(epochMs: number): string {
  return `hour:${new Date(epochMs).toISOString().slice(0, 13)}`
}

export function dayKey(epochMs: number): string {
  return `day:${new Date(epochMs).toISOString().slice(0, 10)}`
}

/** Start of the next UTC hour. */
export function nextHourStart(epochMs: number): number {
  return (Math.floor(epochMs / 3_600_000) + 1) * 3_600_000
}

/** Start of the next UTC day. */
export function nextDayStart(epochMs: number): number {
  return (Math.floor(epochMs / 86_400_000) + 1) * 86_400_000
}
