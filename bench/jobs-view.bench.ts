/**
 * discovery.jobs_view_render_ms (issue 7): the jobs view with 10,000 scored jobs, first render in
 * Chromium through the browser harness. A data folder is seeded through the real ingest
 * (JobIngest: normalize, score, bulk write), the harness (tools/harness) serves the built renderer
 * on it, and each run is a fresh page load that opens on the Jobs area: the figure is the time from
 * navigation start to `performance.mark('gigpilot:jobs-list-rendered')`, which the jobs view sets
 * when its list first paints rows. Median of `runs` loads (one warm-up load first).
 *
 * The renderer is built first (`npm run build`) when out/renderer is missing or older than its
 * sources, under the e2e lock (/tmp/gigpilot-e2e.lock, when `flock` exists), and copied aside so a
 * build by someone else meanwhile cannot change what is measured. Chromium: CHROMIUM_PATH, else
 * /usr/bin/chromium, else Playwright's own. If the mark never comes (a jobs view without it), the
 * figure is reported as not available and left out, never faked.
 *
 * `npx tsx bench/jobs-view.bench.ts [runs]`
 */
import { join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { translator } from '../src/shared/i18n'
import { defaultSettings } from '../src/shared/settings'
import { databaseFileOf } from '../src/main/app/data-dir'
import { openDatabase } from '../src/main/db/open-database'
import { createDiscoveryModule } from '../src/main/discovery/module'
import { systemClock } from '../src/main/ports/clock'
import { BENCH_PROFILE, benchJobs } from './discovery-jobs'
import { withHarnessPage } from './harness-page'
import { median, round } from './stats'
import { silentLogger } from './silent-logger'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const MIGRATIONS_DIR = join(ROOT, 'prisma/migrations')
const JOBS = 10_000
/** The jobs view's mark (src/renderer/src/pages/jobs/JobsPage.tsx JOBS_RENDERED_MARK). */
const MARK = 'gigpilot:jobs-list-rendered'
const MARK_TIMEOUT_MS = 20_000

/** 10,000 jobs through the real ingest into the data folder's database. */
async function seed(dataDir: string): Promise<void> {
  const db = await openDatabase({ file: databaseFileOf(dataDir), migrationsDir: MIGRATIONS_DIR, appVersion: 'bench' })
  const settings = defaultSettings()
  const logger = silentLogger
  const discovery = createDiscoveryModule({
    db, reads: {} as never, clock: systemClock, logger, t: translator('en'), settings: () => settings.notifications, notify: () => ({ show: false }) as never, pruneEveryMs: 0
  })
  try {
    await discovery.profile.update(BENCH_PROFILE)
    const search = await discovery.searches.create({ name: 'React', paused: true })
    const result = await discovery.ingest.ingest(search.id, benchJobs(JOBS, 0, systemClock.now()))
    if (result.stored !== JOBS) throw new Error(`bench: seeded ${result.stored} jobs, not ${JOBS}`)
  } finally {
    await discovery.dispose?.()
    await db.close()
  }
}

/** Returns `{ 'discovery.jobs_view_render_ms': … }`, or `{}` (with a message) when the jobs view has no mark yet. */
export async function runJobsViewBench(runs = 5): Promise<Record<string, number>> {
  return withHarnessPage('jobs-view', seed, async (page): Promise<Record<string, number>> => {
    const times: number[] = []
    for (let r = 0; r <= runs; r++) {
      await page.reload()
      try {
        await page.waitForFunction((mark) => performance.getEntriesByName(mark).length > 0, MARK, { timeout: MARK_TIMEOUT_MS })
      } catch {
        console.error(`discovery.jobs_view_render_ms: not available yet — the jobs view set no performance mark '${MARK}' within ${MARK_TIMEOUT_MS / 1000} s (skipped).`)
        return {}
      }
      const at = await page.evaluate((mark) => performance.getEntriesByName(mark)[0]!.startTime, MARK)
      const rows = await page.getByTestId('jobs-list').getByRole('option').count()
      if (rows === 0) throw new Error('bench: the jobs view marked a render without rows')
      if (r > 0) times.push(at) // the first load warms Chromium's and the harness's caches
    }
    return { 'discovery.jobs_view_render_ms': round(median(times), 1) }
  })
}

if (import.meta.url === pathToFileURL(resolve(process.argv[1] ?? '')).href) {
  const figures = await runJobsViewBench(Number(process.argv[2] ?? 5))
  for (const [k, v] of Object.entries(figures)) console.log(`${k.padEnd(36)} ${v}`)
}
