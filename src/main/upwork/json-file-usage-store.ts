import { z } from 'zod'
import { readJsonFile, writeJsonFileAtomic } from './json-file'
import type { UsageCounterStore } from './usage-counter-store'

const fileSchema = z.object({ counters: z.record(z.string(), z.number().int().nonnegative()) })

/** How many counters to keep: enough hours and days for the current windows plus a little history. */
const KEEP_HOURS = 48
const KEEP_DAYS = 14

/**
 * A JSON-file UsageCounterStore (one small file, rewritten atomically on each increment; writes
 * are serialised). An unreadable file counts as empty rather than blocking Upwork calls forever.
 */
export class JsonFileUsageStore implements UsageCounterStore {
  private counters: Map<string, number> | null = null
  private chain: Promise<unknown> = Promise.resolve()

  constructor(private readonly path: string) {}

  increment(keys: string[], by = 1): Promise<void> {
    const run = this.chain.then(async () => {
      const counters = await this.load()
      for (const key of keys) counters.set(key, (counters.get(key) ?? 0) + by)
      prune(counters)
      await writeJsonFileAtomic(this.path, { counters: Object.fromEntries(counters) })
    })
    this.chain = run.catch(() => undefined)
    return run
  }

  async get(key: string): Promise<number> {
    await this.chain
    return (await this.load()).get(key) ?? 0
  }

  private async load(): Promise<Map<string, number>> {
    if (!this.counters) {
      let parsed: z.infer<typeof fileSchema> | null = null
      try {
        const result = fileSchema.safeParse(await readJsonFile(this.path))
        parsed = result.success ? result.data : null
      } catch {
        parsed = null
      }
      this.counters = new Map(Object.entries(parsed?.counters ?? {}))
    }
    return this.counters
  }
}

function prune(counters: Map<string, number>): void {
  for (const prefix of ['hour:', 'day:'] as const) {
    const keys = [...counters.keys()].filter((k) => k.startsWith(prefix)).sort()
    const keep = prefix === 'hour:' ? KEEP_HOURS : KEEP_DAYS
    for (const k of keys.slice(0, Math.max(0, keys.length - keep))) counters.delete(k)
  }
}
