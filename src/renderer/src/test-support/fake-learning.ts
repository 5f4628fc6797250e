import type { ChannelName, EventMap, EventName } from '@shared/contract'
import type {
  DraftAssignmentDto,
  ExperimentDefaultsDto,
  ExperimentDto,
  ExperimentKind,
  VariantResultDto
} from '@shared/experiments'
import type { HeldOutMetricsDto, ModelQualityDto, PredictionDto, PredictionQualityDto, PredictionReasonDto } from '@shared/prediction'
import type { FakeHandlers } from './fake-bridge'

type LearningChannel = Extract<ChannelName, `experiments:${string}` | `prediction:${string}`>

const refused = (message: string, code: string): never => {
  throw Object.assign(new Error(message), { code })
}

/** The fit-score reason as main words it (prediction.reason.up + the feature's words). */
export const scoreReason = (score: number, contribution = 0.8): PredictionReasonDto => ({
  feature: 'score',
  contribution,
  direction: contribution >= 0 ? 'up' : 'down',
  text: { key: contribution >= 0 ? 'prediction.reason.up' : 'prediction.reason.down', params: { what: { key: 'prediction.reason.score', params: { score } } } }
})

/** A variant with no proposals yet: the Beta(1, 1) prior, no rate (as main reports it). */
export function emptyVariant(id: number, name: string, kind: ExperimentKind = 'template', over: Partial<VariantResultDto> = {}): VariantResultDto {
  return {
    id, name, kind, templateId: kind === 'template' ? id : null, templateName: kind === 'template' ? name : null, strategy: kind === 'strategy' ? name : null,
    bidRule: kind === 'bid' ? { factor: 1 } : null, status: 'active', retiredReason: null, assigned: 0, overridden: 0, n: 0, successes: 0, pending: 0,
    rate: null, posteriorMean: 0.5, interval: { low: 0.025, high: 0.975 }, pBest: null, expectedLoss: null,
    ...over
  }
}

/** A variant with `successes` of `n` (a Beta posterior's mean and a rough 95 % interval). */
export function variantWith(id: number, name: string, successes: number, n: number, over: Partial<VariantResultDto> = {}): VariantResultDto {
  const a = 1 + successes
  const b = 1 + n - successes
  const mean = a / (a + b)
  const sd = Math.sqrt((a * b) / ((a + b) ** 2 * (a + b + 1)))
  return emptyVariant(id, name, 'template', {
    assigned: n, n, successes, rate: n === 0 ? null : successes / n, posteriorMean: mean,
    interval: { low: Math.max(0, mean - 1.96 * sd), high: Math.min(1, mean + 1.96 * sd) },
    ...over
  })
}

const heldOut = (auc: number | null, brier: number, ece: number, bins: HeldOutMetricsDto['bins'], n = 120): HeldOutMetricsDto => ({
  n, positives: Math.round(n * 0.2), auc, brier, logLoss: 0.45, ece, bins
})

/** The reply model with nothing learnt yet (a fresh workspace). */
export function priorOnlyModel(kind: 'reply' | 'hire', needMore: number): ModelQualityDto {
  return {
    kind, state: 'prior', version: null, trainedAt: null, featureSchemaVersion: null, n: 0, positives: 0, available: 3, availablePositives: 1, needMore,
    heldOut: null, priorHeldOut: null, priorShare: 1, topWeights: [],
    lastDecision: { key: 'prediction.decision.notEnough', params: { more: needMore, n: 3 } }
  }
}

/** A trained model with held-out quality beside the prior's and a calibration plot's bins. */
export function trainedModel(kind: 'reply' | 'hire', over: Partial<ModelQualityDto> = {}): ModelQualityDto {
  const bins = [0.05, 0.15, 0.25, 0.35, 0.45].map((mid, i) => ({ from: mid - 0.05, to: mid + 0.05, predicted: mid, observed: mid + (i % 2 === 0 ? 0.02 : -0.03), count: 40 - i * 6 }))
  return {
    kind, state: 'trained', version: 3, trainedAt: Date.UTC(2026, 10, 30, 8, 0), featureSchemaVersion: 1, n: 480, positives: 96, available: 500, availablePositives: 100,
    needMore: null, heldOut: heldOut(0.74, 0.142, 0.031, bins), priorHeldOut: heldOut(0.61, 0.163, 0.058, bins), priorShare: 0.12,
    topWeights: [{ feature: 'minutesSincePosting', value: null, weight: -0.9 }],
    lastDecision: { key: 'prediction.decision.first', params: { version: 3, n: 480, held: 120, logLoss: '0.45', priorLogLoss: '0.52' } },
    ...over
  }
}

/**
 * Experiments and prediction in memory for the fake main. Tests put experiments, draft
 * assignments, job/draft predictions and the models' quality here; the handlers answer like main
 * (create refuses a second running experiment and duplicate variant names; stop keeps the winner
 * as the default; an override leaves the draft out of the comparison; retrain emits
 * prediction:modelChanged).
 */
export class FakeLearning {
  experiments: ExperimentDto[] = []
  assignments = new Map<number, DraftAssignmentDto>()
  defaults: ExperimentDefaultsDto = { templateId: null, strategy: null, bidRule: null, from: {} }
  jobPredictions = new Map<number, PredictionDto>()
  draftPredictions = new Map<number, PredictionDto>()
  quality: PredictionQualityDto = {
    reply: priorOnlyModel('reply', 27),
    hire: priorOnlyModel('hire', 47),
    training: { running: false, lastAttemptAt: null, lastDurationMs: null, error: null }
  }
  /** What the next prediction:retrain leads to (default: the same quality, a new attempt time). */
  afterRetrain: PredictionQualityDto | null = null

  constructor(private readonly emit: <E extends EventName>(event: E, payload: EventMap[E]) => void) {}

  /** An experiment as main would report it (running, two variants without data unless given). */
  experiment(over: Partial<ExperimentDto> = {}): ExperimentDto {
    const id = over.id ?? Math.max(0, ...this.experiments.map((e) => e.id)) + 1
    const variants = over.variants ?? [emptyVariant(id * 10 + 1, 'Short + question'), emptyVariant(id * 10 + 2, 'Portfolio-led')]
    const e: ExperimentDto = {
      id, name: `Experiment ${id}`, kind: variants[0]?.kind ?? 'template', metric: 'reply', minEffect: null, thompson: false, state: 'running', keptVariantId: null,
      startedAt: Date.UTC(2026, 10, 1), stoppedAt: null, variantCount: variants.length, decision: { kind: 'notEnoughData', moreProposals: 40 },
      summary: 'Not enough data yet: 40 more proposals to tell.', seed: 7, assignedCount: 0, variants,
      guard: { method: 'msprt', alpha: 0.05, minPerVariant: 20, minPBest: 0.95, text: 'A mixture sequential test keeps false winners at 5% however often you look.' },
      pendingWindowDays: 14, computedAt: Date.UTC(2026, 11, 1),
      ...over
    }
    this.experiments = [e, ...this.experiments.filter((x) => x.id !== e.id)]
    return e
  }

  /** The draft is in that experiment, assigned its variant `variantId`. */
  assign(draftId: number, experiment: ExperimentDto, variantId: number): DraftAssignmentDto {
    const v = experiment.variants.find((x) => x.id === variantId)
    const a: DraftAssignmentDto = {
      draftId, experimentId: experiment.id, experimentName: experiment.name, variantId, variantName: v?.name ?? null, assignedVariantId: variantId, overridden: false
    }
    this.assignments.set(draftId, a)
    return a
  }

  /** A prediction as main would make it; `priorShare` 1 = no model yet. */
  prediction(jobId: number, reply: number, over: Partial<PredictionDto> = {}): PredictionDto {
    return {
      jobId, draftId: null, reply: { p: reply, low: Math.max(0, reply - 0.08), high: Math.min(1, reply + 0.08) },
      hire: { p: reply / 4, low: Math.max(0, reply / 4 - 0.04), high: Math.min(1, reply / 4 + 0.04) },
      confidence: 'medium', priorShare: 0.2, hirePriorShare: 0.5, reasons: [scoreReason(80)], hireReasons: [scoreReason(80, 0.4)], modelVersion: 3,
      ...over
    }
  }

  predictJob(jobId: number, reply: number, over: Partial<PredictionDto> = {}): PredictionDto {
    const p = this.prediction(jobId, reply, over)
    this.jobPredictions.set(jobId, p)
    return p
  }

  predictDraft(draftId: number, reply: number, over: Partial<PredictionDto> = {}): PredictionDto {
    const p = this.prediction(over.jobId ?? draftId, reply, { draftId, ...over })
    this.draftPredictions.set(draftId, p)
    return p
  }

  private find(id: number): ExperimentDto {
    return this.experiments.find((e) => e.id === id) ?? refused('This experiment no longer exists.', 'EXPERIMENT_NOT_FOUND')
  }

  private replace(next: ExperimentDto): ExperimentDto {
    this.experiments = this.experiments.map((e) => (e.id === next.id ? next : e))
    this.emit('experiments:changed', { id: next.id })
    return next
  }

  private summary(e: ExperimentDto): Omit<ExperimentDto, 'seed' | 'assignedCount' | 'variants' | 'guard' | 'pendingWindowDays' | 'computedAt'> {
    const { seed: _s, assignedCount: _a, variants: _v, guard: _g, pendingWindowDays: _p, computedAt: _c, ...rest } = e
    return rest
  }

  readonly handlers: Pick<FakeHandlers, LearningChannel> = {
    'experiments:list': () => [...this.experiments].sort((a, b) => (a.state === b.state ? b.startedAt - a.startedAt : a.state === 'running' ? -1 : 1)).map((e) => this.summary(e)),
    'experiments:get': ({ id }) => this.find(id),
    'experiments:create': (input) => {
      if (this.experiments.some((e) => e.state === 'running')) refused('Another experiment is running: stop it first (one runs at a time).', 'EXPERIMENT_RUNNING')
      const names = input.variants.map((v) => v.name.trim().toLowerCase())
      if (new Set(names).size !== names.length) refused('Two variants have the same name.', 'EXPERIMENT_DUPLICATE_VARIANT')
      const id = Math.max(0, ...this.experiments.map((e) => e.id)) + 1
      const e = this.experiment({
        id, name: input.name, metric: input.metric, minEffect: input.minEffect ?? null, thompson: input.thompson, startedAt: Date.now(),
        variants: input.variants.map((v, i) => ({
          ...emptyVariant(id * 10 + i + 1, v.name, v.kind),
          templateId: v.templateId ?? null, strategy: v.strategy ?? null, bidRule: v.bidRule ?? null
        }))
      })
      this.emit('experiments:changed', { id: e.id })
      return e
    },
    'experiments:stop': ({ id, keep }) => {
      const e = this.find(id)
      const kept = keep === null ? null : (e.variants.find((v) => v.id === keep) ?? refused('That variant is not in this experiment.', 'EXPERIMENT_VARIANT_NOT_FOUND'))
      if (kept) {
        this.defaults = {
          ...this.defaults,
          ...(kept.kind === 'template' ? { templateId: kept.templateId } : kept.kind === 'strategy' ? { strategy: kept.strategy } : { bidRule: kept.bidRule }),
          from: { ...this.defaults.from, [kept.kind]: { experimentId: id, variantId: kept.id, variantName: kept.name } }
        }
      }
      return this.replace({ ...e, state: 'stopped', stoppedAt: Date.now(), keptVariantId: kept?.id ?? null })
    },
    'experiments:setThompson': ({ id, on }) => this.replace({ ...this.find(id), thompson: on }),
    'experiments:setDraftVariant': ({ draftId, variantId }) => {
      const a = this.assignments.get(draftId) ?? refused('This draft is not in an experiment.', 'EXPERIMENT_NO_ASSIGNMENT')
      const e = this.find(a.experimentId)
      const v = variantId === null ? null : (e.variants.find((x) => x.id === variantId) ?? refused('That variant is not in this experiment.', 'EXPERIMENT_VARIANT_NOT_FOUND'))
      const next: DraftAssignmentDto = { ...a, variantId: v?.id ?? null, variantName: v?.name ?? null, overridden: v?.id !== a.assignedVariantId }
      this.assignments.set(draftId, next)
      this.emit('experiments:changed', { id: null })
      return next
    },
    'experiments:draftAssignments': ({ draftIds }) => draftIds.flatMap((id) => (this.assignments.has(id) ? [this.assignments.get(id)!] : [])),
    'experiments:defaults': () => this.defaults,
    'experiments:clearDefault': ({ kind }) => {
      const from = { ...this.defaults.from }
      delete from[kind]
      this.defaults = { ...this.defaults, ...(kind === 'template' ? { templateId: null } : kind === 'strategy' ? { strategy: null } : { bidRule: null }), from }
      return this.defaults
    },
    'prediction:forJobs': ({ jobIds }) => jobIds.flatMap((id) => (this.jobPredictions.has(id) ? [this.jobPredictions.get(id)!] : [])),
    'prediction:forDraft': ({ draftId }) => this.draftPredictions.get(draftId) ?? refused('This draft no longer exists.', 'PREDICTION_DRAFT_NOT_FOUND'),
    'prediction:quality': () => this.quality,
    'prediction:retrain': () => {
      const next = this.afterRetrain ?? this.quality
      this.quality = { ...next, training: { running: false, lastAttemptAt: Date.now(), lastDurationMs: 420, error: next.training.error } }
      this.emit('prediction:modelChanged', this.quality)
      return this.quality
    }
  }
}
