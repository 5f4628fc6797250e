import { mkdirSync, writeFileSync } from 'node:fs'
import { cpus, totalmem } from 'node:os'
import { dirname, resolve } from 'node:path'
import { runAnalyticsQueryBench } from './analytics-dashboard-query.bench'
import { runAnalyticsDashboardBench } from './analytics-dashboard.bench'
import { runColdStartBench } from './cold-start.bench'
import { runDbBench } from './db.bench'
import { runDiscoveryBench } from './discovery.bench'
import { runJobsViewBench } from './jobs-view.bench'
import { runQueueOpenBench } from './queue-open.bench'
import { runInboxOpenBench } from './inbox-open.bench'
import { runMessagingBench } from './messaging.bench'
import { runDraftingBench } from './drafting.bench'
import { runExperimentsBench } from './experiments.bench'
import { runPredictionBench } from './prediction.bench'
import { runScoringBench } from './scoring.bench'
import type { Figure } from './stats'
import { runUpworkBench } from './upwork.bench'

/**
 * npm run bench: every benchmark (each figure the median of 5 runs), printed as one table with
 * the machine it ran on. `npm run bench -- --json FILE` also writes every figure to FILE as one
 * flat JSON object, `{ "db.bulk_upsert_rows_per_s": 41234, … }`.
 */
function parseArgs(argv: string[]): { json: string | null } {
  const at = argv.indexOf('--json')
  if (at === -1) return { json: null }
  const file = argv[at + 1]
  if (!file || file.startsWith('--')) throw new Error('usage: npm run bench -- [--json FILE]')
  return { json: resolve(file) }
}

const { json } = parseArgs(process.argv.slice(2))
const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`
console.log(`GigPilot benchmarks on ${machine}\n`)

/** A bench that reports `{ key: value }` already keyed for the JSON file: its keys are its labels. */
const keyed = (values: Record<string, number>): Figure[] => Object.entries(values).map(([key, value]) => ({ key, label: key, value }))

const figures: Figure[] = [
  ...(await runColdStartBench(5)),
  ...(await runUpworkBench(5)),
  ...(await runDbBench(5)),
  ...keyed(runScoringBench(5)),
  ...keyed(await runDiscoveryBench(5)),
  // Chromium through the harness; builds the renderer first when out/renderer is stale. Left out (with a message) until the jobs view sets its mark.
  ...keyed(await runJobsViewBench(5)),
  ...keyed(await runDraftingBench(5)),
  // An experiment with 5 variants over 10,000 sent proposals: experiments:get (SQL + statistics), and the statistics alone.
  ...keyed(await runExperimentsBench(5)),
  // Success prediction: prediction:retrain on 5,000 outcomes in the worker, and the main event loop's p99 meanwhile.
  ...keyed(await runPredictionBench(5)),
  // The analytics dashboard's query over 10,000 proposals and ~100,000 status changes (main side; the page's render is analytics.dashboard_ms).
  ...keyed(await runAnalyticsQueryBench(5)),
  // The Analytics page over that history, first render in Chromium through the harness (click → funnel and trends painted), and switched to all time.
  ...keyed(await runAnalyticsDashboardBench(5)),
  // The review queue with 500 queued drafts, in Chromium through the harness (as the jobs view).
  ...keyed(await runQueueOpenBench(5)),
  // The inbox with 1,000 threads and 50,000 messages, in Chromium through the harness (as the review queue).
  ...keyed(await runInboxOpenBench(5)),
  // The message sync against the fake Upwork: requests per simulated hour for 20 rooms, new message → notification.
  ...keyed(await runMessagingBench(5))
]

const width = Math.max(...figures.map((f) => f.label.length))
for (const f of figures) console.log(`${f.label.padEnd(width)}  ${f.value}`)

if (json) {
  const flat: Record<string, number> = {}
  for (const f of figures) {
    if (f.key in flat) throw new Error(`bench: figure ${f.key} reported twice`)
    if (!Number.isFinite(f.value)) throw new Error(`bench: figure ${f.key} is not a number (${f.value})`)
    flat[f.key] = f.value
  }
  mkdirSync(dirname(json), { recursive: true })
  writeFileSync(json, JSON.stringify(flat, null, 2) + '\n')
  console.log(`\nwrote ${Object.keys(flat).length} figures to ${json}`)
}
