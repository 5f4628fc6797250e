/**
 * The prediction domain (issue 10 item 4): P(reply) and P(hire) for jobs and drafts with their
 * reasons, the models' held-out quality, training in a worker thread at start, daily, after
 * outcomes arrive (debounced) and on request. See README.md.
 */
import type { DraftDto } from '@shared/drafting'
import type { JobDetailDto } from '@shared/discovery'
import type { DomainModule } from '../core/domain-module'
import type { Database } from '../db/open-database'
import type { Logger } from '../logging/logger'
import type { Clock } from '../ports/clock'
import type { Scheduler } from '../scheduler/scheduler'
import { PredictionStore } from './prediction-store'
import { PredictionService } from './service'
import { TrainRunner } from './worker/train-runner'

export type PredictionChannel = 'prediction:forJobs' | 'prediction:forDraft' | 'prediction:quality' | 'prediction:retrain'

/** How often the heartbeat looks whether outcomes settled or a day passed. */
export const TICK_MS = 60_000

export interface PredictionDeps {
  db: Pick<Database, 'client' | 'bulkWrite'>
  clock: Clock
  logger: Logger
  scheduler: Scheduler
  jobs: { get(id: number): Promise<JobDetailDto | null> }
  drafts: { get(id: number): Promise<DraftDto | null> }
  templates: { list(includeArchived: boolean): Promise<ReadonlyArray<{ id: number; name: string }>> }
  /** Outcomes changed (outcomes' onChange): a debounced training follows. */
  onOutcomesChanged(listener: () => void): () => void
  /** Tests: the worker (e.g. a short timeout). */
  runner?: TrainRunner
  /** Train once when wired (default true; tests that drive training themselves turn it off). */
  trainAtStart?: boolean
}

export interface PredictionModule extends DomainModule<PredictionChannel> {
  service: PredictionService
  /** Trains now (e.g. after the demo wrote its sample history). */
  retrain: PredictionService['retrain']
  idle(): Promise<void>
}

export function createPredictionModule(deps: PredictionDeps): PredictionModule {
  const service = new PredictionService({
    store: new PredictionStore(deps.db),
    runner: deps.runner ?? new TrainRunner(),
    clock: deps.clock,
    logger: deps.logger,
    sources: {
      job: (id) => deps.jobs.get(id),
      draft: (id) => deps.drafts.get(id),
      templateNames: async () => new Map((await deps.templates.list(true)).map((t) => [t.id, t.name]))
    }
  })
  return {
    name: 'prediction',
    handlers: {
      'prediction:forJobs': ({ jobIds }) => service.forJobs(jobIds),
      'prediction:forDraft': ({ draftId }) => service.forDraft(draftId),
      'prediction:quality': async () => {
        await service.load()
        return service.quality()
      },
      'prediction:retrain': () => service.retrain()
    },
    wireEvents: ({ bus }) => {
      const offEvents = service.onChange((q) => bus.emit('prediction:modelChanged', q))
      const offOutcomes = deps.onOutcomesChanged(() => service.outcomesChanged())
      const stop = deps.scheduler.every(TICK_MS, () => void service.tick())
      if (deps.trainAtStart !== false) void service.retrain()
      return () => {
        stop()
        offOutcomes()
        offEvents()
      }
    },
    dispose: () => service.dispose(),
    service,
    retrain: () => service.retrain(),
    idle: () => service.idle()
  }
}
