/**
 * Success prediction's figures (issue 10, "Speed"), medians of `runs` runs:
 * - analytics.train_ms: `prediction:retrain` on 5,000 outcomes (the seeded synthetic history in a
 *   real SQLite file): read the snapshots and outcomes, start the training worker, split by time,
 *   fit reply and hire (held-out model, then the accepted one on everything), measure, store the
 *   versions. Each run starts from no model and a new worker (the worker's start is in the figure).
 * - analytics.train_event_loop_p99_ms: the main thread's event-loop delay p99 meanwhile
 *   (perf_hooks.monitorEventLoopDelay); analytics.train_event_loop_max_ms: its longest block.
 * - analytics.train_outcomes: the outcomes it learned from (reply), to show the figure is for 5,000.
 * Both workers run as the app ships them (bundled JavaScript, no TypeScript loader).
 * `npx tsx bench/prediction.bench.ts [runs]` prints them; `runPredictionBench` returns them.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { build } from 'esbuild'
import { generateHistory } from '../src/main/analytics/synthetic/generate'
import { writeHistory } from '../src/main/analytics/synthetic/write'
import { openDatabase } from '../src/main/db/open-database'
import { JobStore } from '../src/main/discovery/job-store'
import { DraftStore } from '../src/main/drafting/draft-store'
import { TemplateStore } from '../src/main/drafting/template-store'
import { REPLY_WINDOW_MS } from '../src/main/prediction/labels'
import { createPredictionModule } from '../src/main/prediction/module'
import { TrainRunner } from '../src/main/prediction/worker/train-runner'
import type { WorkerEntry } from '../src/main/db/worker/database-worker'
import { bundleWorkerForBench } from './db/built-worker'
import { measureEventLoop } from './db/event-loop'
import { median, round } from './stats'
import { silentLogger } from './silent-logger'

const MIGRATIONS_DIR = fileURLToPath(new URL('../prisma/migrations', import.meta.url))
const NOW = Date.UTC(2026, 11, 1, 12)
const OUTCOMES = 5_000
const DAYS = 365

async function bundlePredictionWorker(): Promise<WorkerEntry> {
  const outfile = fileURLToPath(new URL('../node_modules/.cache/gigpilot-bench/prediction-worker.js', import.meta.url))
  await build({
    entryPoints: [fileURLToPath(new URL('../src/main/prediction/worker/train-worker.ts', import.meta.url))],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning'
  })
  return { script: pathToFileURL(outfile) }
}

export async function runPredictionBench(runs = 5): Promise<Record<string, number>> {
  const dir = mkdtempSync(join(tmpdir(), 'gigpilot-prediction-bench-'))
  const [dbWorker, trainWorker] = await Promise.all([bundleWorkerForBench(), bundlePredictionWorker()])
  const db = await openDatabase({ file: join(dir, 'bench.db'), migrationsDir: MIGRATIONS_DIR, appVersion: 'bench', workerEntry: dbWorker })
  try {
    // sent evenly over DAYS: those older than the reply window have a known outcome → OUTCOMES of them
    const proposals = Math.round((OUTCOMES * DAYS * 86_400_000) / (DAYS * 86_400_000 - REPLY_WINDOW_MS))
    await writeHistory(db, generateHistory({ seed: 2026, proposals, days: DAYS, now: NOW }))
    const clock = { now: () => NOW }
    const noop = () => undefined
    const logger = silentLogger
    const trainMs: number[] = []
    const p99: number[] = []
    const maxBlock: number[] = []
    let outcomes = 0
    for (let run = 0; run < runs; run++) {
      await db.client.execute(`DELETE FROM "PredictionModel"`)
      const runner = new TrainRunner({ entry: trainWorker })
      const prediction = createPredictionModule({
        db,
        clock,
        logger,
        scheduler: { every: () => noop },
        jobs: new JobStore(db),
        drafts: new DraftStore(db, clock),
        templates: new TemplateStore(db, clock),
        onOutcomesChanged: () => noop,
        runner,
        trainAtStart: false
      })
      const m = await measureEventLoop(() => prediction.retrain())
      await prediction.dispose?.()
      const q = m.result
      if (q.training.error || q.reply.state !== 'trained') throw new Error(`prediction bench: training did not produce a model (${JSON.stringify(q.training.error ?? q.reply.lastDecision)})`)
      outcomes = q.reply.available
      trainMs.push(m.totalMs)
      p99.push(m.p99Ms)
      maxBlock.push(m.maxBlockMs)
    }
    if (Math.abs(outcomes - OUTCOMES) > OUTCOMES * 0.02) throw new Error(`prediction bench: ${outcomes} outcomes, expected about ${OUTCOMES}`)
    return {
      'analytics.train_ms': round(median(trainMs)),
      'analytics.train_event_loop_p99_ms': round(median(p99)),
      'analytics.train_event_loop_max_ms': round(median(maxBlock)),
      'analytics.train_outcomes': outcomes
    }
  } finally {
    await db.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const runs = Number(process.argv[2] ?? 5)
  console.log(await runPredictionBench(runs))
}
