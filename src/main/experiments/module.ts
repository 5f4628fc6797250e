import type { RecommendationDto } from '@shared/analytics'
import { renderText, type Translate } from '@shared/i18n'
import type { DomainModule } from '../core/domain-module'
import type { Database } from '../db/open-database'
import type { Logger } from '../logging/logger'
import type { Clock } from '../ports/clock'
import { ExperimentService, type Assignment } from './experiment-service'
import type { EvaluationOptions } from './stats/evaluate'

export type ExperimentsChannel =
  | 'experiments:list'
  | 'experiments:get'
  | 'experiments:create'
  | 'experiments:stop'
  | 'experiments:setThompson'
  | 'experiments:setDraftVariant'
  | 'experiments:draftAssignments'
  | 'experiments:defaults'
  | 'experiments:clearDefault'

export interface ExperimentsDeps {
  db: Pick<Database, 'prisma' | 'client'>
  clock: Clock
  logger: Logger
  t: Translate
  /** Is this a drafting strategy id (drafting/strategies.ts `isStrategyId`)? */
  isStrategyId: (id: string) => boolean
  /** Randomness for new experiments' seeds (assignments are seeded from them). */
  random?: () => number
  evaluation?: Partial<Omit<EvaluationOptions, 'seed'>>
}

/** What drafting takes (drafting/variants.ts `VariantSource`): assignment for new drafts, and overrides by hand. */
export interface ExperimentAssigner {
  assign(): Promise<Assignment | null>
  userSteered(draftId: number): Promise<void>
}

export interface ExperimentsModule extends DomainModule<ExperimentsChannel> {
  service: ExperimentService
  assigner: ExperimentAssigner
  /** Sentences for the analytics recommendations (winners the peeking-safe rule declared). */
  winnerSentences: ExperimentService['winnerSentences']
  /** The same as analytics' recommendations (analytics `moreRecommendations`): rendered in the language in force. */
  recommendations(): Promise<RecommendationDto[]>
}

/** Experiments (issue 10 item 3): A/B tests of templates, strategies and bid rules. */
export function createExperimentsModule(deps: ExperimentsDeps): ExperimentsModule {
  const service = new ExperimentService({ db: deps.db, clock: deps.clock, t: deps.t, isStrategyId: deps.isStrategyId, random: deps.random, evaluation: deps.evaluation })
  const log = deps.logger.child('experiments')
  return {
    name: 'experiments',
    service,
    assigner: {
      assign: () => service.assign(),
      userSteered: (draftId) => service.markOverridden(draftId)
    },
    winnerSentences: () => service.winnerSentences(),
    recommendations: async () =>
      (await service.winnerSentences()).map((w) => {
        const params: Record<string, string | number> = {}
        for (const [k, v] of Object.entries(w.text.params ?? {})) params[k] = typeof v === 'object' ? renderText(deps.t, v) : v
        return { id: `experiment:${w.experimentId}`, text: renderText(deps.t, w.text), key: w.text.key, params, figure: { kind: 'probability', value: w.pBest, low: null, high: null, n: w.n } }
      }),
    handlers: {
      'experiments:list': () => service.list(),
      'experiments:get': ({ id }) => service.get(id),
      'experiments:create': async (input) => {
        const e = await service.create(input)
        log.info('experiment started', { id: e.id, kind: e.kind, variants: e.variantCount, metric: e.metric })
        return e
      },
      'experiments:stop': async ({ id, keep }) => {
        const e = await service.stop(id, keep)
        log.info('experiment stopped', { id, kept: keep })
        return e
      },
      'experiments:setThompson': ({ id, on }) => service.setThompson(id, on),
      'experiments:setDraftVariant': ({ draftId, variantId }) => service.setDraftVariant(draftId, variantId),
      'experiments:draftAssignments': ({ draftIds }) => service.draftAssignments(draftIds),
      'experiments:defaults': () => service.defaults(),
      'experiments:clearDefault': ({ kind }) => service.clearDefault(kind)
    },
    wireEvents: ({ bus }) => {
      const offChanged = service.events.on('changed', (p) => bus.emit('experiments:changed', p))
      // An outcome arrived (a sync, the user's mark): results may have moved. One event per burst.
      let pending = false
      const offOutcomes = bus.on('proposals:changed', (proposal) => {
        if (proposal.draftId === null || pending) return
        pending = true
        setImmediate(() => {
          pending = false
          bus.emit('experiments:changed', { id: null })
        })
      })
      return () => {
        offChanged()
        offOutcomes()
      }
    }
  }
}
