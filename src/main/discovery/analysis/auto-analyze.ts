/**
 * Top-K analysis after an ingest (Settings → AI → automatic analysis, off by default): the best
 * `topK` of the jobs an ingest just added (discovery's onIngested: their ids) with score ≥ `minScore`, one after another, within the
 * daily budget and the hourly limit. The first refusal (budget, limit, provider down, no key)
 * stops the rest of the run: it is logged and kept as the run's result, and never reaches the poll.
 */
import type { AutoAnalysisRunDto } from '@shared/ai'
import { text, type UserText } from '@shared/i18n'
import type { Settings } from '@shared/settings'
import { AppError } from '../../core/app-error'
import type { Database } from '../../db/open-database'
import type { Logger } from '../../logging/logger'
import type { Clock } from '../../ports/clock'
import type { JobAnalysisService } from './analysis-service'

export type AutoAnalysisRun = Omit<AutoAnalysisRunDto, 'stoppedBecause'> & { stoppedBecause: UserText | null }

export interface AutoAnalyzeDeps {
  db: Pick<Database, 'client'>
  analysis: Pick<JobAnalysisService, 'analyze' | 'cached'>
  settings: () => Settings['ai']
  clock: Clock
  logger: Logger
  /** The run's result; `stoppedBecause` is a text, rendered where it is shown (in the language in force then). */
  onRun: (run: AutoAnalysisRun) => void
}

/** Bound on the ids one query looks at (an ingest's new jobs; SQLite allows far more parameters). */
const MAX_CANDIDATES = 5_000

/** The best `topK` of these new jobs that score at least `minScore` and still have their content. */
export async function autoAnalysisCandidates(db: Pick<Database, 'client'>, newJobIds: readonly number[], minScore: number, topK: number): Promise<number[]> {
  const ids = newJobIds.slice(0, MAX_CANDIDATES)
  if (ids.length === 0) return []
  const r = await db.client.execute({
    sql: `SELECT "id" FROM "Job" WHERE "id" IN (${ids.map(() => '?').join(',')}) AND "contentPrunedAt" IS NULL AND "score" >= ? ORDER BY "score" DESC, "id" DESC LIMIT ?`,
    args: [...ids, minScore, topK]
  })
  return r.rows.map((row) => Number(row.id ?? row[0]))
}

export class AutoAnalyzer {
  private queue: Promise<void> = Promise.resolve()
  private stopped = false

  constructor(private readonly deps: AutoAnalyzeDeps) {}

  /** Queues a run for an ingest's new jobs (runs never overlap); resolves when this one is done. Never rejects. */
  afterIngest(e: { searchId: number | null; newJobIds: readonly number[] }): Promise<void> {
    const s = this.deps.settings().autoAnalyze
    if (this.stopped || !s.enabled || e.newJobIds.length === 0) return this.queue
    const run = this.queue.then(() => this.run(e.searchId, e.newJobIds)).catch((err: unknown) => {
      this.deps.logger.error('Automatic AI analysis failed', { error: String(err) })
    })
    this.queue = run
    return run
  }

  /** Resolves when every queued run has finished (tests, shutdown). */
  idle(): Promise<void> {
    return this.queue
  }

  /** At quit: no new run starts, and a run in progress stops before its next job (a call already sent is not awaited). */
  stop(): void {
    this.stopped = true
  }

  private async run(searchId: number | null, newJobIds: readonly number[]): Promise<void> {
    const s = this.deps.settings().autoAnalyze
    if (!s.enabled) return
    const ids = await autoAnalysisCandidates(this.deps.db, newJobIds, s.minScore, s.topK)
    if (ids.length === 0) return
    let analysed = 0
    let cached = 0
    let stoppedBecause: UserText | null = null
    for (const id of ids) {
      if (this.stopped) break
      try {
        const hit = await this.deps.analysis.cached(id)
        if (hit) {
          cached++
          continue
        }
        await this.deps.analysis.analyze(id)
        analysed++
      } catch (err) {
        const appError = err instanceof AppError ? err : null
        stoppedBecause = appError ? appError.text : text('ai.err.unknown')
        this.deps.logger.warn('Automatic AI analysis stopped', { searchId, code: appError?.code ?? 'unknown', analysed, cached, left: ids.length - analysed - cached })
        break
      }
    }
    const run: AutoAnalysisRun = { at: this.deps.clock.now(), analysed, cached, skipped: ids.length - analysed - cached, stoppedBecause }
    this.deps.logger.info('Automatic AI analysis', { searchId, ...run })
    this.deps.onRun(run)
  }
}
