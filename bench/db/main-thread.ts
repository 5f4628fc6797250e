import { performance } from 'node:perf_hooks'
import { createClient, type Client, type InValue } from '@libsql/client'
import { yieldToEventLoop } from '../../src/main/db/batches'
import { toLibsqlFileUrl } from '../../src/main/db/libsql-url'
import { CONNECTION_PRAGMAS } from '../../src/main/db/pragmas'
import { ingestStatements } from '../../src/main/discovery/job-store'
import type { BenchJobs } from './fixtures'

/**
 * The designs NOT chosen, kept measurable: @libsql/client's local driver on the main thread, as
 * the app ran before the worker (`src/main/db/README.md` has the figures side by side).
 */
export async function openMainThreadClient(file: string): Promise<Client> {
  const client = createClient({ url: toLibsqlFileUrl(file), intMode: 'number' })
  for (const pragma of CONNECTION_PRAGMAS) await client.execute(pragma)
  return client
}

/** The old ingest path: 100 jobs per transaction (the ingest's statements: two 50-row upserts), synchronous=FULL, the event loop served between. */
export async function mainThreadBatchedUpsert(client: Client, jobs: BenchJobs, now: number): Promise<{ maxBatchMs: number }> {
  let maxBatchMs = 0
  for (let start = 0; start < jobs.rows.length; start += 100) {
    if (start > 0) await yieldToEventLoop()
    const bulk = ingestStatements(jobs.rows.slice(start, start + 100), jobs.scores.slice(start, start + 100), now, null)
    const statements = bulk.flatMap((s) => s.argsList.map((args) => ({ sql: s.sql, args: args as InValue[] })))
    const t0 = performance.now()
    await client.batch(statements, 'write')
    maxBatchMs = Math.max(maxBatchMs, performance.now() - t0)
  }
  return { maxBatchMs }
}

/**
 * The other design considered: a second connection on the main thread (e.g. Prisma's) next to the
 * worker's. Small writes on it every ~2 ms while `work` (a worker bulk ingest) runs; each one runs
 * synchronously, so its duration is how long it froze the main thread — in SQLite's busy handler
 * whenever the worker held the write lock. Returns the longest.
 */
export async function secondConnectionWritesDuring(file: string, work: () => Promise<unknown>): Promise<{ maxWriteMs: number; writes: number }> {
  const client = await openMainThreadClient(file)
  let running = true
  let maxWriteMs = 0
  let writes = 0
  const loop = (async () => {
    for (let i = 0; running; i++) {
      const t0 = performance.now()
      await client.execute({ sql: `INSERT OR REPLACE INTO "AppState" ("key", "value", "updatedAt") VALUES ('second', ?, '2026-11-28T00:00:00.000+00:00')`, args: [String(i)] })
      maxWriteMs = Math.max(maxWriteMs, performance.now() - t0)
      writes++
      await new Promise((resolve) => setTimeout(resolve, 2))
    }
  })()
  try {
    await work()
  } finally {
    running = false
    await loop
    client.close()
  }
  return { maxWriteMs, writes }
}
