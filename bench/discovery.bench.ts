/**
 * Job discovery's figures (issue 7), each the median of `runs` runs on fresh database files, the
 * worker bundled as the app ships it:
 * - discovery.ingest_jobs_per_s: JobIngest.ingest of 10,000 Upwork job summaries (normalize, dedupe,
 *   score with reasons, bulk write 'refetchable' with the FTS triggers, hits, the notification step);
 * - discovery.raw_insert_jobs_per_s: the same rows' bulk statements alone (pre-normalized and
 *   pre-scored: the storage part), same run, for the ratio;
 * - discovery.event_loop_p99_ms: the main event loop's delay p99 while 5,000 jobs are ingested;
 * - discovery.fts_p95_ms: full-text search (ranked, 50 per page) over 100,000 stored jobs, p95 of 200 queries;
 * - discovery.poll_to_notify_ms: a page of 50 new jobs handed to ingest → the notification shown.
 * `npx tsx bench/discovery.bench.ts [runs] [--ingest]` prints them (--ingest: the ingest figures alone);
 * `runDiscoveryBench` returns them.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { translator } from '../src/shared/i18n'
import { defaultSettings } from '../src/shared/settings'
import { openDatabase, type Database, type OpenDatabaseOptions } from '../src/main/db/open-database'
import { createDiscoveryModule, type DiscoveryModule } from '../src/main/discovery/module'
import { ingestStatements } from '../src/main/discovery/job-store'
import { normalizeBatch } from '../src/main/discovery/normalize'
import { compileProfile, scoreJob } from '../src/main/discovery/scoring'
import { createNotificationsModule } from '../src/main/notifications/module'
import type { AppNotification } from '../src/main/ports/notifier'
import type { JobSummary } from '../src/main/upwork/types'
import { bundleWorkerForBench } from './db/built-worker'
import { BENCH_PROFILE, benchJobs, WORDS } from './discovery-jobs'
import { measureEventLoop } from './db/event-loop'
import { median, percentile, round } from './stats'
import { silentLogger } from './silent-logger'

const MIGRATIONS_DIR = fileURLToPath(new URL('../prisma/migrations', import.meta.url))
const NOW = Date.UTC(2026, 11, 1, 12)

interface Harness {
  db: Database
  discovery: DiscoveryModule
  shown: Array<{ n: AppNotification; at: number }>
  close(): Promise<void>
}

let workerEntry: OpenDatabaseOptions['workerEntry']

async function harness(): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), 'gigpilot-discovery-bench-'))
  const db = await openDatabase({ file: join(dir, 'bench.db'), migrationsDir: MIGRATIONS_DIR, appVersion: 'bench', workerEntry })
  const settings = defaultSettings()
  const shown: Harness['shown'] = []
  const clock = { now: () => NOW }
  const t = translator('en')
  const notifications = createNotificationsModule({ settings: () => settings.notifications, notifier: { notify: (n) => shown.push({ n, at: performance.now() }) }, clock, t })
  const logger = silentLogger
  const discovery = createDiscoveryModule({ db, reads: {} as never, clock, logger, t, settings: () => settings.notifications, notify: notifications.notify, pruneEveryMs: 0 })
  await discovery.profile.update(BENCH_PROFILE)
  return {
    db,
    discovery,
    shown,
    close: async () => {
      await discovery.dispose?.()
      await db.close()
      rmSync(dir, { recursive: true, force: true })
    }
  }
}

const jobs = (count: number, from = 0): JobSummary[] => benchJobs(count, from, NOW)

/** `only: 'ingest'`: the two ingest figures alone (for tuning). */
export async function runDiscoveryBench(runs = 5, options: { only?: 'ingest' } = {}): Promise<Record<string, number>> {
  workerEntry = await bundleWorkerForBench()
  const ingestRates: number[] = []
  const rawRates: number[] = []
  const p99s: number[] = []
  const notifyMs: number[] = []
  const batch = jobs(10_000)
  for (let r = 0; r < runs; r++) {
    {
      const h = await harness()
      await h.discovery.searches.create({ name: 'React' })
      const start = performance.now()
      const result = await h.discovery.ingest.ingest(1, batch)
      ingestRates.push(result.stored / ((performance.now() - start) / 1000))
      await h.close()
    }
    {
      // The same rows' storage alone: normalized and scored beforehand, the bulk statements only.
      const h = await harness()
      await h.discovery.searches.create({ name: 'React' })
      const { rows } = normalizeBatch(batch, NOW)
      const profile = compileProfile(BENCH_PROFILE)
      const scores = rows.map((row) => scoreJob(row, profile, NOW))
      const statements = []
      for (let i = 0; i < rows.length; i += 1000) statements.push(ingestStatements(rows.slice(i, i + 1000), scores.slice(i, i + 1000), NOW, 1))
      const start = performance.now()
      await Promise.all(statements.map((s) => h.db.bulkWrite(s, { durability: 'refetchable' })))
      rawRates.push(rows.length / ((performance.now() - start) / 1000))
      await h.close()
    }
    if (options.only === 'ingest') continue
    {
      const h = await harness()
      await h.discovery.searches.create({ name: 'React' })
      const five = jobs(5000, 50_000)
      const measured = await measureEventLoop(() => h.discovery.ingest.ingest(1, five))
      p99s.push(measured.p99Ms)
      // Poll → notify: a page of 50 new jobs.
      const page = jobs(50, 200_000)
      const before = h.shown.length
      const start = performance.now()
      await h.discovery.ingest.ingest(1, page)
      const shown = h.shown[before]
      if (!shown) throw new Error('bench: no notification for 50 new jobs')
      notifyMs.push(shown.at - start)
      await h.close()
    }
  }

  const ingestFigures = {
    'discovery.ingest_jobs_per_s': Math.round(median(ingestRates)),
    'discovery.raw_insert_jobs_per_s': Math.round(median(rawRates))
  }
  if (options.only === 'ingest') return { ...ingestFigures, 'discovery.ingest_to_raw_ratio': round(median(ingestRates) / median(rawRates), 2) }

  // FTS over 100,000 stored jobs: built once, queried in `runs` rounds of 200.
  const h = await harness()
  await h.discovery.searches.create({ name: 'All' })
  for (let i = 0; i < 100_000; i += 10_000) await h.discovery.ingest.ingest(1, jobs(10_000, 300_000 + i))
  const ftsP95: number[] = []
  for (let r = 0; r < runs; r++) {
    const times: number[] = []
    for (let q = 0; q < 200; q++) {
      const text = q % 3 === 0 ? `${WORDS[q % WORDS.length]} ${WORDS[(q * 5) % WORDS.length]}` : q % 3 === 1 ? WORDS[q % WORDS.length]! : WORDS[q % WORDS.length]!.slice(0, 4)
      const start = performance.now()
      await h.discovery.jobs.search(text, 50, 0)
      times.push(performance.now() - start)
    }
    ftsP95.push(percentile(times, 95))
  }
  await h.close()

  return {
    ...ingestFigures,
    'discovery.event_loop_p99_ms': round(median(p99s), 1),
    'discovery.fts_p95_ms': round(median(ftsP95), 2),
    'discovery.poll_to_notify_ms': round(median(notifyMs), 1)
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const figures = await runDiscoveryBench(Number(process.argv[2] ?? 5), process.argv.includes('--ingest') ? { only: 'ingest' } : {})
  for (const [k, v] of Object.entries(figures)) console.log(`${k.padEnd(36)} ${v}`)
}
