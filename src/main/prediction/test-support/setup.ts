/**
 * Tests only: the prediction module on a real SQLite file (migrated), with the real job, draft and
 * template stores, the real training worker, a manual clock and scheduler, and the synthetic
 * history writer of the analytics domain.
 */
import { join } from 'node:path'
import type { EventMap } from '@shared/contract'
import { EventBus } from '../../core/event-bus'
import { generateHistory, type GenerateOptions } from '../../analytics/synthetic/generate'
import { writeHistory, type WriteHistoryResult } from '../../analytics/synthetic/write'
import { openDatabase, type Database } from '../../db/open-database'
import { makeTempDir, MIGRATIONS_DIR } from '../../db/test-support/temp-files'
import { JobStore } from '../../discovery/job-store'
import { DraftStore } from '../../drafting/draft-store'
import { TemplateStore } from '../../drafting/template-store'
import { ManualScheduler } from '../../scheduler/manual-scheduler'
import { ManualClock } from '../../test-support/clocks'
import { createMemoryLogger, type MemoryLogger } from '../../test-support/memory-logger'
import { createPredictionModule, type PredictionModule } from '../module'
import { TrainRunner } from '../worker/train-runner'

export const NOW = Date.UTC(2026, 10, 1, 12)

export interface PredictionSetup {
  db: Database
  dir: string
  clock: ManualClock
  scheduler: ManualScheduler
  logger: MemoryLogger
  runner: TrainRunner
  module: PredictionModule
  events: Array<EventMap['prediction:modelChanged']>
  jobs: JobStore
  drafts: DraftStore
  templates: TemplateStore
  /** Tells the module outcomes changed (what outcomes' onChange does in the app). */
  outcomesChanged(): void
  /** Writes a synthetic history (known effects) into the database. */
  history(options: Partial<GenerateOptions> & { seed: number; proposals: number }): Promise<WriteHistoryResult>
  /** A second module on the same database (a restart), e.g. with another runner. */
  reopen(runner?: TrainRunner): PredictionSetup
  close(): Promise<void>
}

export async function setupPrediction(options: { runner?: TrainRunner; now?: number } = {}): Promise<PredictionSetup> {
  const temp = makeTempDir('gigpilot-prediction-')
  const db = await openDatabase({ file: join(temp.dir, 'gigpilot.db'), migrationsDir: MIGRATIONS_DIR, appVersion: 'test' })
  const clock = new ManualClock(options.now ?? NOW)
  const closers: Array<() => Promise<void> | void> = []

  const build = (runner: TrainRunner): PredictionSetup => {
    const scheduler = new ManualScheduler()
    const logger = createMemoryLogger()
    const listeners = new Set<() => void>()
    const jobs = new JobStore(db)
    const drafts = new DraftStore(db, clock)
    const templates = new TemplateStore(db, clock)
    const module = createPredictionModule({
      db,
      clock,
      logger,
      scheduler,
      jobs,
      drafts,
      templates,
      onOutcomesChanged: (l) => {
        listeners.add(l)
        return () => void listeners.delete(l)
      },
      runner,
      trainAtStart: false
    })
    const bus = new EventBus(() => undefined)
    const events: PredictionSetup['events'] = []
    bus.on('prediction:modelChanged', (q) => events.push(q))
    const unwire = module.wireEvents?.({ bus, statusChanged: () => undefined }) ?? (() => undefined)
    closers.push(async () => {
      unwire()
      await module.dispose?.()
    })
    const self: PredictionSetup = {
      db,
      dir: temp.dir,
      clock,
      scheduler,
      logger,
      runner,
      module,
      events,
      jobs,
      drafts,
      templates,
      outcomesChanged: () => {
        for (const l of listeners) l()
      },
      history: async (o) => writeHistory(db, generateHistory({ days: 365, now: clock.now(), ...o })),
      reopen: (r) => build(r ?? new TrainRunner()),
      close: async () => {
        for (const c of closers.splice(0).reverse()) await c()
        await db.close()
        temp.cleanup()
      }
    }
    return self
  }
  return build(options.runner ?? new TrainRunner())
}
