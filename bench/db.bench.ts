import { mkdtempSync, rmSync } from 'node:fs'
import { cpus, tmpdir, totalmem } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'
import { MAX_ROWS_PER_BATCH } from '../src/main/db/batches'
import { openDatabase } from '../src/main/db/open-database'
import { openBetterSqlite3UnderTest, openLibsqlUnderTest, type AdapterUnderTest } from './db/adapters'
import { measureEventLoopBlock } from './db/event-loop'
import { makeBenchJobs, toPrismaJobData } from './db/fixtures'
import { median, round } from './stats'

/**
 * The database layer's numbers (npm run bench calls runDbBench):
 * - the two Prisma 7 driver adapters on the same schema, 10,000 Upwork-sized job rows:
 *   Prisma createMany throughput, the app's batched raw upsert throughput (≤100 rows per
 *   transaction), a page of 50 newest jobs (Prisma and raw), and the longest event-loop block while
 *   5,000 jobs are ingested (batched, and for contrast through Prisma createMany and in one transaction);
 * - cold open of the app's database: a fresh file (create + migrate) and an existing one.
 * Every figure is the median of `runs` runs, each on fresh files.
 */

const MIGRATIONS_DIR = fileURLToPath(new URL('../prisma/migrations', import.meta.url))
const ROWS = 10_000
const INGEST_ROWS = 5_000
const PAGE_QUERIES = 50

type Opener = (file: string, migrationsDir: string) => Promise<AdapterUnderTest>
const ADAPTERS: Array<[string, Opener]> = [
  ['libsql', openLibsqlUnderTest],
  ['better-sqlite3', openBetterSqlite3UnderTest]
]

interface AdapterRun {
  createManyRowsPerSec: number
  batchedUpsertRowsPerSec: number
  maxBatchMs: number
  pagePrismaMs: number
  pageRawMs: number
  ingestBatchedMaxBlockMs: number
  ingestCreateManyMaxBlockMs: number
  ingestOneTransactionMaxBlockMs: number
}

const METRICS: Array<[keyof AdapterRun, string]> = [
  ['createManyRowsPerSec', `Prisma createMany, ${ROWS} jobs (rows/s)`],
  ['batchedUpsertRowsPerSec', `raw batched upsert, ${ROWS} jobs, ${MAX_ROWS_PER_BATCH}/tx (rows/s)`],
  ['maxBatchMs', `slowest ${MAX_ROWS_PER_BATCH}-row batch (ms)`],
  ['pagePrismaMs', 'page of 50 by publishedAt, Prisma (ms)'],
  ['pageRawMs', 'page of 50 by publishedAt, raw driver (ms)'],
  ['ingestBatchedMaxBlockMs', `max event-loop block, ${INGEST_ROWS}-job ingest, batched (ms)`],
  ['ingestCreateManyMaxBlockMs', `max event-loop block, ${INGEST_ROWS} jobs via createMany (ms)`],
  ['ingestOneTransactionMaxBlockMs', `max event-loop block, ${INGEST_ROWS} jobs in one tx (ms)`]
]

async function withAdapter<T>(dir: string, name: string, open: Opener, fn: (a: AdapterUnderTest) => Promise<T>): Promise<T> {
  const file = join(dir, `${name}-${Math.random().toString(36).slice(2)}.db`)
  const adapter = await open(file, MIGRATIONS_DIR)
  try {
    return await fn(adapter)
  } finally {
    await adapter.close()
  }
}

async function runAdapterOnce(dir: string, name: string, open: Opener): Promise<AdapterRun> {
  const now = Date.UTC(2026, 10, 28, 13)
  const jobs = makeBenchJobs(ROWS)
  const ingest = makeBenchJobs(INGEST_ROWS)
  const run = {} as AdapterRun

  await withAdapter(dir, name, open, async (a) => {
    const t0 = performance.now()
    // createMany's input type is per-model; the fixture builds exactly Job's fields.
    await a.prisma.job.createMany({ data: toPrismaJobData(jobs, now) as never })
    run.createManyRowsPerSec = ROWS / ((performance.now() - t0) / 1000)

    const page = (): Promise<unknown> => a.prisma.job.findMany({ orderBy: [{ publishedAt: 'desc' }, { id: 'desc' }], take: 50 })
    for (let i = 0; i < 5; i++) await page()
    const prismaTimes: number[] = []
    const rawTimes: number[] = []
    for (let i = 0; i < PAGE_QUERIES; i++) {
      let t = performance.now()
      await page()
      prismaTimes.push(performance.now() - t)
      t = performance.now()
      await a.rawPage()
      rawTimes.push(performance.now() - t)
    }
    run.pagePrismaMs = median(prismaTimes)
    run.pageRawMs = median(rawTimes)
  })

  await withAdapter(dir, name, open, async (a) => {
    const t0 = performance.now()
    const { maxBatchMs } = await a.batchedUpsert(jobs, now)
    run.batchedUpsertRowsPerSec = ROWS / ((performance.now() - t0) / 1000)
    run.maxBatchMs = maxBatchMs
  })

  await withAdapter(dir, name, open, async (a) => {
    run.ingestBatchedMaxBlockMs = (await measureEventLoopBlock(() => a.batchedUpsert(ingest, now))).maxBlockMs
  })
  await withAdapter(dir, name, open, async (a) => {
    run.ingestCreateManyMaxBlockMs = (await measureEventLoopBlock(() => a.prisma.job.createMany({ data: toPrismaJobData(ingest, now) as never }))).maxBlockMs
  })
  await withAdapter(dir, name, open, async (a) => {
    run.ingestOneTransactionMaxBlockMs = (await measureEventLoopBlock(() => a.singleTransactionUpsert(ingest, now))).maxBlockMs
  })
  return run
}

async function coldOpen(dir: string, runs: number): Promise<{ fresh: number[]; existing: number[] }> {
  const fresh: number[] = []
  const existing: number[] = []
  for (let i = 0; i < runs; i++) {
    const file = join(dir, `cold-${i}`, 'gigpilot.db')
    let t0 = performance.now()
    let db = await openDatabase({ file, migrationsDir: MIGRATIONS_DIR, appVersion: 'bench' })
    fresh.push(performance.now() - t0)
    await db.close()
    t0 = performance.now()
    db = await openDatabase({ file, migrationsDir: MIGRATIONS_DIR, appVersion: 'bench' })
    existing.push(performance.now() - t0)
    await db.close()
  }
  return { fresh, existing }
}

/** Runs every database measurement `runs` times; returns medians keyed by a readable name. */
export async function runDbBench(runs = 5, print = true): Promise<Record<string, number>> {
  const dir = mkdtempSync(join(tmpdir(), 'gigpilot-db-bench-'))
  try {
    const cold = await coldOpen(dir, runs)
    const perAdapter = new Map<string, AdapterRun[]>(ADAPTERS.map(([name]) => [name, []]))
    for (let r = 0; r < runs; r++) {
      // Alternate the order so neither driver always runs on a warmer machine.
      const order = r % 2 ? [...ADAPTERS].reverse() : ADAPTERS
      for (const [name, open] of order) perAdapter.get(name)!.push(await runAdapterOnce(dir, name, open))
    }

    const results: Record<string, number> = {
      'db: open + migrate a fresh database (ms, median)': round(median(cold.fresh)),
      'db: open an existing database (ms, median)': round(median(cold.existing))
    }
    const table: string[][] = []
    for (const [key, label] of METRICS) {
      const row = [label]
      for (const [name] of ADAPTERS) {
        const value = median(perAdapter.get(name)!.map((run) => run[key]))
        const digits = key.endsWith('PerSec') ? 0 : 2
        results[`db: ${name}: ${label}`] = round(value, digits)
        row.push(String(round(value, digits)))
      }
      table.push(row)
    }
    if (print) printTable(runs, cold, table)
    return results
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

function printTable(runs: number, cold: { fresh: number[]; existing: number[] }, rows: string[][]): void {
  const header = ['', ...ADAPTERS.map(([name]) => name)]
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)))
  const line = (cells: string[]): string => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ')
  console.log(`\nDatabase (median of ${runs} runs; ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version})`)
  console.log(line(header))
  for (const row of rows) console.log(line(row))
  console.log(`\nApp database (libsql): open + migrate fresh ${round(median(cold.fresh))} ms, open existing ${round(median(cold.existing))} ms`)
  console.log(`  fresh runs: ${cold.fresh.map((v) => round(v)).join(', ')} ms; existing: ${cold.existing.map((v) => round(v)).join(', ')} ms\n`)
}

// `npx tsx bench/db.bench.ts [runs]`
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await runDbBench(Number(process.argv[2] ?? 5))
}
