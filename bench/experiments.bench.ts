/**
 * Experiments' figure (issue 10, "Speed"):
 * - analytics.experiment_eval_ms: `experiments:get` for an experiment with 5 template variants over
 *   10,000 sent proposals (2,000 per variant on average) and their status history (the seeded
 *   synthetic history, analytics/synthetic): the SQL that gathers the outcomes, the beta-binomial
 *   evaluation (exact credible intervals, P(best) and expected loss from 8,000 seeded posterior
 *   draws), the peeking-safe decision and its words. Median of `runs` calls after a warm-up.
 * - analytics.experiment_eval_cpu_ms: the CPU time those calls take (this process: the main thread and
 *   the database worker), median: what the wall time would be on an idle machine, less sensitive to
 *   other work on a shared one;
 * - analytics.experiment_eval_stats_ms: the statistics alone (stats/evaluate.ts) for the same counts;
 * - analytics.experiment_eval_uncached_ms: `experiments:get` with the statistics' cache emptied
 *   before each call (stats/evaluation-cache.ts): the first read after the counts moved. The
 *   headline figure above is a read whose counts did not move (the SQL runs, the statistics are kept);
 *   analytics.experiment_eval_uncached_cpu_ms its CPU time.
 * `npx tsx bench/experiments.bench.ts [runs]` prints them; `runExperimentsBench` returns them.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { translator } from '../src/shared/i18n'
import { generateHistory } from '../src/main/analytics/synthetic/generate'
import { writeHistory } from '../src/main/analytics/synthetic/write'
import { openDatabase } from '../src/main/db/open-database'
import { isStrategyId } from '../src/main/drafting/strategies'
import { createExperimentsModule } from '../src/main/experiments/module'
import { DEFAULT_EVALUATION, evaluate } from '../src/main/experiments/stats/evaluate'
import { bundleWorkerForBench } from './db/built-worker'
import { median, round } from './stats'

const MIGRATIONS_DIR = fileURLToPath(new URL('../prisma/migrations', import.meta.url))
const NOW = Date.UTC(2026, 11, 1, 12)

export async function runExperimentsBench(runs = 5): Promise<Record<string, number>> {
  const dir = mkdtempSync(join(tmpdir(), 'gigpilot-experiments-bench-'))
  const db = await openDatabase({ file: join(dir, 'bench.db'), migrationsDir: MIGRATIONS_DIR, appVersion: 'bench', workerEntry: await bundleWorkerForBench() })
  try {
    const noop = () => undefined
    const logger = { debug: noop, info: noop, warn: noop, error: noop, child: () => logger } as never
    const mod = createExperimentsModule({ db, clock: { now: () => NOW }, logger, t: translator('en'), isStrategyId })
    const templates = ['A', 'B', 'C', 'D', 'E'].map((key, i) => ({ key, name: `Template ${key}`, replyMultiplier: [1, 1.5, 1, 1.2, 0.8][i]!, share: 0.2 }))
    const h = generateHistory({ seed: 3, proposals: 10_000, days: 365, now: NOW, effects: { templates } })
    const w = await writeHistory(db, h)
    const e = await mod.service.create({ name: 'Five openers', variants: templates.map((t) => ({ name: t.name, kind: 'template' as const, templateId: w.templateIds[t.key]! })) })
    for (const v of e.variants) await db.client.execute({ sql: `UPDATE "ProposalDraft" SET "variantId" = ? WHERE "templateId" = ?`, args: [v.id, v.templateId] })

    const get = mod.handlers['experiments:get']
    const first = await get({ id: e.id }) // warm-up
    if (first.variants.length !== 5 || first.variants.reduce((s, v) => s + v.n + v.pending, 0) < 9_000) throw new Error('experiments bench: the history did not land')
    const full: number[] = []
    const cpu: number[] = []
    for (let i = 0; i < runs; i++) {
      const c0 = process.cpuUsage()
      const t0 = performance.now()
      await get({ id: e.id })
      full.push(performance.now() - t0)
      const c = process.cpuUsage(c0)
      cpu.push((c.user + c.system) / 1000)
    }
    const uncached: number[] = []
    const uncachedCpu: number[] = []
    for (let i = 0; i < runs; i++) {
      mod.service.evaluations.clear()
      const c0 = process.cpuUsage()
      const t0 = performance.now()
      await get({ id: e.id })
      uncached.push(performance.now() - t0)
      const c = process.cpuUsage(c0)
      uncachedCpu.push((c.user + c.system) / 1000)
    }
    const arms = first.variants.map((v) => ({ id: v.id, n: v.n, successes: v.successes }))
    evaluate(arms, { ...DEFAULT_EVALUATION, seed: e.seed })
    const pure: number[] = []
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now()
      evaluate(arms, { ...DEFAULT_EVALUATION, seed: e.seed + i })
      pure.push(performance.now() - t0)
    }
    return {
      'analytics.experiment_eval_ms': round(median(full), 2),
      'analytics.experiment_eval_cpu_ms': round(median(cpu), 2),
      'analytics.experiment_eval_stats_ms': round(median(pure), 2),
      'analytics.experiment_eval_uncached_ms': round(median(uncached), 2),
      'analytics.experiment_eval_uncached_cpu_ms': round(median(uncachedCpu), 2)
    }
  } finally {
    await db.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(await runExperimentsBench(Number(process.argv[2] ?? 5)))
}
