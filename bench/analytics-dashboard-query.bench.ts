/**
 * The analytics dashboard's main-side query (issue 10 item 1, "Queries fast"), each figure the
 * median of `runs` runs on one database holding the synthetic history (10,000 proposals, ~100,000
 * status changes; the worker bundled as the app ships it), after one warm-up:
 * - analytics.dashboard_query_ms: analytics:dashboard for all time (the load, the funnel, daily
 *   series, eight breakdowns, usage, recommendations), handler call to DTO;
 * - analytics.dashboard_query_30d_ms: the same for the last 30 days;
 * - analytics.export_csv_ms: analytics:exportCsv of all 10,000 proposals (file written);
 * - analytics.synthetic_write_ms: writeHistory of that history into a fresh database (once).
 * The Analytics page's render in Chromium (`analytics.dashboard_ms`) is analytics-ui's bench.
 * `npx tsx bench/analytics-dashboard-query.bench.ts [runs]` prints them; `runAnalyticsQueryBench` returns them.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { translator } from '../src/shared/i18n'
import { createAnalyticsModule } from '../src/main/analytics/module'
import { generateHistory } from '../src/main/analytics/synthetic/generate'
import { writeHistory } from '../src/main/analytics/synthetic/write'
import { openDatabase } from '../src/main/db/open-database'
import { localFilterReason } from '../src/main/discovery/polling/local-filters'
import { bundleWorkerForBench } from './db/built-worker'
import { median, round } from './stats'
import { silentLogger } from './silent-logger'

const MIGRATIONS_DIR = fileURLToPath(new URL('../prisma/migrations', import.meta.url))
const NOW = Date.UTC(2026, 11, 1, 12)

export async function runAnalyticsQueryBench(runs = 5): Promise<Record<string, number>> {
  const workerEntry = await bundleWorkerForBench()
  const dir = mkdtempSync(join(tmpdir(), 'gigpilot-analytics-bench-'))
  const db = await openDatabase({ file: join(dir, 'bench.db'), migrationsDir: MIGRATIONS_DIR, appVersion: 'bench', workerEntry })
  try {
    const history = generateHistory({ seed: 10, proposals: 10_000, days: 365, now: NOW, eventsPerProposal: 10 })
    const w0 = performance.now()
    const written = await writeHistory(db, history)
    const writeMs = performance.now() - w0
    if (written.events < 95_000) throw new Error(`bench: only ${written.events} status events`)
    const logger = silentLogger
    const analytics = createAnalyticsModule({
      db,
      clock: { now: () => NOW },
      logger,
      t: translator('en'),
      language: () => 'en',
      exportDir: () => join(dir, 'exports'),
      threshold: () => 70,
      filterReason: localFilterReason
    })
    const time = async (fn: () => unknown): Promise<number> => {
      const t0 = performance.now()
      await fn()
      return performance.now() - t0
    }
    const all = () => analytics.handlers['analytics:dashboard']({ period: 'all' })
    const d = await all()
    if (d.total !== 10_000) throw new Error(`bench: dashboard saw ${d.total} proposals`)
    const allMs: number[] = []
    const monthMs: number[] = []
    const csvMs: number[] = []
    for (let i = 0; i < runs; i++) {
      allMs.push(await time(all))
      monthMs.push(await time(() => analytics.handlers['analytics:dashboard']({ period: '30d' })))
      csvMs.push(await time(() => analytics.handlers['analytics:exportCsv']({ period: 'all' })))
    }
    return {
      'analytics.dashboard_query_ms': round(median(allMs)),
      'analytics.dashboard_query_30d_ms': round(median(monthMs)),
      'analytics.export_csv_ms': round(median(csvMs)),
      'analytics.synthetic_write_ms': round(writeMs, 0)
    }
  } finally {
    await db.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const figures = await runAnalyticsQueryBench(Number(process.argv[2] ?? 5))
  for (const [k, v] of Object.entries(figures)) console.log(`${k}  ${v}`)
}
