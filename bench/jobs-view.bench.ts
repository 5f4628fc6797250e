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
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { chromium } from 'playwright-core'
import { translator } from '../src/shared/i18n'
import { defaultSettings } from '../src/shared/settings'
import { databaseFileOf } from '../src/main/app/data-dir'
import { openDatabase } from '../src/main/db/open-database'
import { createDiscoveryModule } from '../src/main/discovery/module'
import { systemClock } from '../src/main/ports/clock'
import { startHarness } from '../tools/harness/server'
import { BENCH_PROFILE, benchJobs } from './discovery-jobs'
import { median, round } from './stats'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const MIGRATIONS_DIR = join(ROOT, 'prisma/migrations')
const JOBS = 10_000
/** The jobs view's mark (src/renderer/src/pages/jobs/JobsPage.tsx JOBS_RENDERED_MARK). */
const MARK = 'gigpilot:jobs-list-rendered'
const MARK_TIMEOUT_MS = 20_000

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0
  const s = statSync(path)
  if (!s.isDirectory()) return s.mtimeMs
  let newest = s.mtimeMs
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)))
  return newest
}

/** A copy of the built renderer, built first when missing or older than its sources. */
export function builtRendererCopy(): string {
  const out = join(ROOT, 'out/renderer/index.html')
  const sources = Math.max(...['src/renderer', 'src/shared', 'electron.vite.config.ts'].map((p) => newestMtime(join(ROOT, p))))
  const copy = mkdtempSync(join(tmpdir(), 'gigpilot-bench-renderer-'))
  const stale = !existsSync(out) || statSync(out).mtimeMs < sources
  const script = `${stale ? 'npm run build >&2 && ' : ''}cp -R out/renderer/. "${copy}"`
  const hasFlock = (() => {
    try {
      execFileSync('flock', ['--version'], { stdio: 'ignore' })
      return true
    } catch {
      return false
    }
  })()
  if (stale) console.error('bench: building the renderer (out/renderer is missing or older than its sources)…')
  try {
    if (hasFlock) execFileSync('flock', ['/tmp/gigpilot-e2e.lock', 'sh', '-c', script], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] })
    else execFileSync('sh', ['-c', script], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] })
  } catch (e) {
    rmSync(copy, { recursive: true, force: true })
    throw new Error(`bench: could not build the renderer (run \`npm run build\` and look at its errors): ${String(e)}`)
  }
  return copy
}

/** 10,000 jobs through the real ingest into the data folder's database. */
async function seed(dataDir: string): Promise<void> {
  const db = await openDatabase({ file: databaseFileOf(dataDir), migrationsDir: MIGRATIONS_DIR, appVersion: 'bench' })
  const settings = defaultSettings()
  const noop = (): void => undefined
  const logger = { debug: noop, info: noop, warn: noop, error: noop, child: () => logger } as never
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

export function chromiumPath(): string | undefined {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH
  return existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined
}

/** Returns `{ 'discovery.jobs_view_render_ms': … }`, or `{}` (with a message) when the jobs view has no mark yet. */
export async function runJobsViewBench(runs = 5): Promise<Record<string, number>> {
  const dataDir = mkdtempSync(join(tmpdir(), 'gigpilot-bench-jobs-view-'))
  const rendererDir = builtRendererCopy()
  let harness: Awaited<ReturnType<typeof startHarness>> | null = null
  const browser = await chromium.launch({ executablePath: chromiumPath(), headless: true })
  try {
    await seed(dataDir)
    harness = await startHarness({ dataDir, rendererDir, env: { ...process.env, GIGPILOT_DATA_DIR: dataDir } })
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage()
    await page.goto(harness.url)
    // Past the first-run screen, so a load opens on the Jobs area.
    await page.evaluate('window.gigpilot.settings.update({ onboardingCompleted: true })')
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
  } finally {
    await browser.close()
    await harness?.close()
    rmSync(rendererDir, { recursive: true, force: true })
    rmSync(dataDir, { recursive: true, force: true })
  }
}

if (import.meta.url === pathToFileURL(resolve(process.argv[1] ?? '')).href) {
  const figures = await runJobsViewBench(Number(process.argv[2] ?? 5))
  for (const [k, v] of Object.entries(figures)) console.log(`${k.padEnd(36)} ${v}`)
}
