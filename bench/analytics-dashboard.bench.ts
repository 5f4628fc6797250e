/**
 * analytics.dashboard_ms (issue 10, "Speed"): the Analytics page for 10,000 proposals and 100,000
 * status changes, first render in Chromium through the browser harness. A data folder is seeded
 * with analytics' seeded generator (`generateHistory`, 10,000 proposals over 365 days, padded to
 * ~10 status events each) written into the real tables by `writeHistory`; the harness (real
 * services: the analytics module reads that SQLite file) serves the built renderer on it.
 *
 * Each run is a fresh page load on the Jobs area, then a click on "Analytics" in the sidebar: the
 * figure is the time from that click to the frame after the funnel's bars and the first trend
 * chart are in the page (checked every animation frame inside the page, so no Playwright round trip
 * is counted), i.e. painted. The page opens on its default period, the last 30 days, whose figures
 * main computes from the whole history. `analytics.dashboard_all_ms` is the same page switched to
 * "All time" (every one of the 10,000 proposals in the funnel, the daily series over the year and
 * the breakdowns): the click on "All time" to the repainted funnel showing 10,000.
 * Median of `runs` loads after one warm-up. A page that never paints is reported as not
 * available and left out, never faked.
 *
 * `npx tsx bench/analytics-dashboard.bench.ts [runs]`
 */
import { resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import type { Locator, Page } from 'playwright-core'
import { databaseFileOf } from '../src/main/app/data-dir'
import { generateHistory } from '../src/main/analytics/synthetic/generate'
import { writeHistory } from '../src/main/analytics/synthetic/write'
import { openDatabase } from '../src/main/db/open-database'
import { withHarnessPage } from './harness-page'
import { median, round } from './stats'

const MIGRATIONS_DIR = fileURLToPath(new URL('../prisma/migrations', import.meta.url))
const PROPOSALS = 10_000
const MIN_EVENTS = 95_000
const PAINT_TIMEOUT_MS = 20_000

async function seed(dataDir: string): Promise<void> {
  const db = await openDatabase({ file: databaseFileOf(dataDir), migrationsDir: MIGRATIONS_DIR, appVersion: 'bench' })
  try {
    const history = generateHistory({ seed: 10, proposals: PROPOSALS, days: 365, now: Date.now(), eventsPerProposal: 10 })
    const written = await writeHistory(db, history)
    if (written.proposals !== PROPOSALS || written.events < MIN_EVENTS) throw new Error(`bench: seeded ${written.proposals} proposals and ${written.events} status events`)
  } finally {
    await db.close()
  }
}

/** What the page functions below use of the page's globals (this project's Node build has no DOM types). */
interface PageGlobals {
  document: { querySelector(s: string): { textContent: string | null } | null; querySelectorAll(s: string): { length: number } }
}

const CLICK_MARK = 'bench:analytics-click'

/**
 * Clicks `target` in the page's own task, then checks in the page at every animation frame
 * (waitForFunction polling 'raf': no Playwright round trip per check) until the funnel's five bars
 * and the first trend chart's line are in the page and, when `sent` is given, the funnel's "Sent"
 * count reads it: the milliseconds from the click to that frame (painted in it); null on timeout.
 */
async function clickToPaintMs(page: Page, target: Locator, sent: string | null): Promise<number | null> {
  await target.evaluate((el, mark) => {
    performance.clearMarks(mark)
    performance.mark(mark)
    ;(el as unknown as { click(): void }).click()
  }, CLICK_MARK)
  try {
    const handle = await page.waitForFunction(
      ({ sent, mark }) => {
        const { document } = globalThis as unknown as PageGlobals
        const painted =
          document.querySelectorAll('[data-testid="analytics-funnel-chart"] .recharts-bar-rectangle').length === 5 &&
          document.querySelector('[data-testid="analytics-trend-activity"] .recharts-line-curve') !== null &&
          (sent === null || document.querySelector('[data-testid="analytics-funnel-table"] tr[data-stage="sent"] td')?.textContent === sent)
        return painted ? Math.max(performance.now() - performance.getEntriesByName(mark)[0]!.startTime, 0.001) : 0
      },
      { sent, mark: CLICK_MARK },
      { polling: 'raf', timeout: PAINT_TIMEOUT_MS }
    )
    return (await handle.jsonValue()) as number
  } catch {
    return null
  }
}

async function measure(page: Page, runs: number): Promise<Record<string, number>> {
  const first: number[] = []
  const all: number[] = []
  for (let r = 0; r <= runs; r++) {
    await page.reload()
    const analytics = page.getByRole('navigation').getByRole('button', { name: 'Analytics' })
    await analytics.waitFor()
    const ms = await clickToPaintMs(page, analytics, null)
    if (ms === null) {
      console.error(`analytics.dashboard_ms: not available — the Analytics page did not paint its funnel and trends within ${PAINT_TIMEOUT_MS / 1000} s (skipped).`)
      return {}
    }
    const allMs = await clickToPaintMs(page, page.getByRole('button', { name: 'All time' }), PROPOSALS.toLocaleString('en'))
    if (allMs === null) {
      console.error(`analytics.dashboard_all_ms: not available — "All time" did not show ${PROPOSALS} proposals within ${PAINT_TIMEOUT_MS / 1000} s (skipped).`)
      return {}
    }
    // The first load warms Chromium's and the harness's caches.
    if (r > 0) {
      first.push(ms)
      all.push(allMs)
    }
  }
  return { 'analytics.dashboard_ms': round(median(first), 1), 'analytics.dashboard_all_ms': round(median(all), 1) }
}

/** Returns `{ 'analytics.dashboard_ms': …, 'analytics.dashboard_all_ms': … }`, or `{}` (with a message) when the page never paints. */
export async function runAnalyticsDashboardBench(runs = 5): Promise<Record<string, number>> {
  return withHarnessPage('analytics', seed, (page) => measure(page, runs))
}

if (import.meta.url === pathToFileURL(resolve(process.argv[1] ?? '')).href) {
  const figures = await runAnalyticsDashboardBench(Number(process.argv[2] ?? 5))
  for (const [k, v] of Object.entries(figures)) console.log(`${k.padEnd(36)} ${v}`)
}
