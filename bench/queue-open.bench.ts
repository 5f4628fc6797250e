/**
 * drafting.queue_open_ms (issue 8): opening the review queue with 500 queued drafts, to the first
 * draft on screen, in Chromium through the browser harness. A data folder is seeded through the
 * real modules: 500 jobs through the discovery ingest, a template, and one draft per job through
 * the drafting module (drafts:create from the template, as Autopilot writes without an AI key),
 * each queued by the review store. The harness (tools/harness) serves the built renderer on it;
 * each run is a fresh page load on the Drafts area, then a click on the "Review queue" tab: the
 * figure is the time from that click to `performance.mark('gigpilot:review-queue-first-draft')`,
 * which the review queue sets when its first draft is shown. Median of `runs` loads (one warm-up).
 * The renderer is built and copied like the jobs view bench (bench/jobs-view.bench.ts). If the
 * mark never comes, the figure is reported as not available and left out, never faked.
 *
 * `npx tsx bench/queue-open.bench.ts [runs]`
 */
import { join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { channels } from '../src/shared/contract'
import { translator } from '../src/shared/i18n'
import { defaultSettings } from '../src/shared/settings'
import { databaseFileOf } from '../src/main/app/data-dir'
import { openDatabase } from '../src/main/db/open-database'
import { createDiscoveryModule } from '../src/main/discovery/module'
import { createDraftingModule } from '../src/main/drafting/module'
import { systemClock } from '../src/main/ports/clock'
import { ReviewStore } from '../src/main/review/review-store'
import { BENCH_PROFILE, benchJobs } from './discovery-jobs'
import { clickToMarkMs, withHarnessPage } from './harness-page'
import { median, round } from './stats'
import { silentLogger } from './silent-logger'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const MIGRATIONS_DIR = join(ROOT, 'prisma/migrations')
const DRAFTS = 500
/** The review queue's mark (src/renderer/src/pages/drafts/queue/ReviewQueue.tsx QUEUE_FIRST_DRAFT_MARK). */
const MARK = 'gigpilot:review-queue-first-draft'
const CLICK_MARK = 'bench:review-queue-tab-clicked'
const MARK_TIMEOUT_MS = 20_000
const TEMPLATE =
  'Hello {{clientName}}, I read your post about {{jobTitle}}. I have built this kind of work with {{matchingSkills}} for years, ' +
  'most recently a dashboard for a logistics company. I would start by agreeing on the first milestone. My rate is {{rate}}. ' +
  'What matters most to you in the first week?'

/** 500 jobs through the real ingest, a template, and a queued draft per job through the real drafting module. */
async function seed(dataDir: string): Promise<void> {
  const db = await openDatabase({ file: databaseFileOf(dataDir), migrationsDir: MIGRATIONS_DIR, appVersion: 'bench' })
  const settings = defaultSettings()
  const logger = silentLogger
  const discovery = createDiscoveryModule({
    db, reads: {} as never, clock: systemClock, logger, t: translator('en'), settings: () => settings.notifications, notify: () => ({ show: false }) as never, pruneEveryMs: 0
  })
  const drafting = createDraftingModule({ db, clock: systemClock, logger, sources: { job: (id) => discovery.jobs.get(id), profile: () => discovery.profile.get() }, ai: null })
  try {
    await drafting.ready
    await discovery.profile.update(BENCH_PROFILE)
    const search = await discovery.searches.create({ name: 'React', paused: true })
    const { newJobIds } = await discovery.ingest.ingest(search.id, benchJobs(DRAFTS, 0, systemClock.now()))
    if (newJobIds.length !== DRAFTS) throw new Error(`bench: seeded ${newJobIds.length} jobs, not ${DRAFTS}`)
    const template = await drafting.handlers['templates:create'](channels['templates:create'].input.parse({ name: 'Bench', body: TEMPLATE }))
    const review = new ReviewStore(db)
    for (const jobId of newJobIds) {
      const draft = await drafting.handlers['drafts:create'](channels['drafts:create'].input.parse({ jobId, templateId: template.id, author: 'autopilot' }))
      if (!draft.text) throw new Error('bench: a template draft without text')
      if (!(await review.moveStatus(draft.id, ['draft'], 'queued', systemClock.now()))) throw new Error('bench: a draft was not queued')
    }
  } finally {
    await drafting.dispose?.()
    await discovery.dispose?.()
    await db.close()
  }
}

/** Returns `{ 'drafting.queue_open_ms': … }`, or `{}` (with a message) when the queue sets no mark. */
export async function runQueueOpenBench(runs = 5): Promise<Record<string, number>> {
  return withHarnessPage('queue', seed, async (page): Promise<Record<string, number>> => {
    const times: number[] = []
    for (let r = 0; r <= runs; r++) {
      await page.reload()
      await page.getByRole('navigation').getByRole('button', { name: 'Drafts' }).click()
      const tab = page.getByRole('tab', { name: 'Review queue' })
      await tab.waitFor()
      const ms = await clickToMarkMs(page, tab, MARK, CLICK_MARK, MARK_TIMEOUT_MS)
      if (ms === null) {
        console.error(`drafting.queue_open_ms: not available — the review queue set no performance mark '${MARK}' within ${MARK_TIMEOUT_MS / 1000} s (skipped).`)
        return {}
      }
      const total = await page.getByText(`Draft 1 of ${DRAFTS}`).count()
      if (total !== 1) throw new Error(`bench: the review queue marked its first draft but does not show 'Draft 1 of ${DRAFTS}'`)
      if (r > 0) times.push(ms) // the first load warms Chromium's and the harness's caches
    }
    return { 'drafting.queue_open_ms': round(median(times), 1) }
  })
}

if (import.meta.url === pathToFileURL(resolve(process.argv[1] ?? '')).href) {
  const figures = await runQueueOpenBench(Number(process.argv[2] ?? 5))
  for (const [k, v] of Object.entries(figures)) console.log(`${k.padEnd(36)} ${v}`)
}
