/**
 * Success prediction, main side: keeps the model versions in use, trains in the worker thread
 * (on request, at start, daily, and after outcomes arrive — debounced), and answers predictions
 * for jobs and drafts from the versions in use blended with the prior.
 *
 * A failed training (the worker died, threw or overran) changes nothing: the versions in use stay,
 * and the status says so in plain words.
 */
import type { DraftDto } from '@shared/drafting'
import type { JobDetailDto } from '@shared/discovery'
import { text, type UserText } from '@shared/i18n'
import {
  PREDICTION_KINDS,
  type ModelQualityDto,
  type PredictionConfidence,
  type PredictionDto,
  type PredictionFeature,
  type PredictionKind,
  type PredictionQualityDto
} from '@shared/prediction'
import { AppError } from '../core/app-error'
import type { Logger } from '../logging/logger'
import type { Clock } from '../ports/clock'
import { snapshotOf } from '../review/snapshot'
import type { FeatureInput } from './features'
import { featuresOfJob, featuresOfSnapshot } from './inputs'
import { hireFromReply, modelShare, predictKind, type TrainedModel } from './model'
import type { PredictionStore } from './prediction-store'
import { DEFAULT_PRIOR, type PriorParams } from './prior'
import { reasonsOf, type ReasonNames } from './reasons'
import type { DecisionCode, KindResult, TrainOutput } from './train'
import { TrainWorkerError, type TrainRunner } from './worker/train-runner'

export const DAY_MS = 24 * 3_600_000
/** After outcomes change, wait this long without further changes before training (a sync brings many). */
export const DEBOUNCE_MS = 2 * 60_000
export const TOP_WEIGHTS = 6

export interface PredictionSources {
  job(id: number): Promise<JobDetailDto | null>
  draft(id: number): Promise<DraftDto | null>
  templateNames(): Promise<ReadonlyMap<number, string>>
}

export interface PredictionServiceDeps {
  store: PredictionStore
  runner: TrainRunner
  sources: PredictionSources
  clock: Clock
  logger: Logger
}

interface KindState {
  /** What the last training found (null: none this session). */
  result: Omit<KindResult, 'accepted'> | null
  decision: UserText | null
}

const DECISION_KEYS = {
  first: 'prediction.decision.first',
  replaced: 'prediction.decision.replaced',
  keptPrevious: 'prediction.decision.keptPrevious',
  tooFewNew: 'prediction.decision.tooFewNew',
  notBetterThanPrior: 'prediction.decision.notBetterThanPrior',
  notEnough: 'prediction.decision.notEnough',
  oneClass: 'prediction.decision.oneClass'
} as const satisfies Record<DecisionCode, string>

export function confidenceOf(priorShare: number, low: number, high: number): PredictionConfidence {
  const width = high - low
  if (priorShare > 0.6 || width > 0.3) return 'low'
  if (priorShare > 0.25 || width > 0.15) return 'medium'
  return 'high'
}

const levelsOf = (model: TrainedModel | null): Map<PredictionFeature, Set<string>> => {
  const out = new Map<PredictionFeature, Set<string>>()
  for (const c of model?.spec.columns ?? []) {
    if (c.kind !== 'level' || c.level === undefined) continue
    const set = out.get(c.feature) ?? new Set<string>()
    set.add(c.level)
    out.set(c.feature, set)
  }
  return out
}

export class PredictionService {
  readonly #deps: PredictionServiceDeps
  readonly #log: Logger
  readonly #listeners = new Set<(q: PredictionQualityDto) => void>()
  #active: Record<PredictionKind, TrainedModel | null> = { reply: null, hire: null }
  #prior: PriorParams = DEFAULT_PRIOR
  #state: Record<PredictionKind, KindState> = { reply: { result: null, decision: null }, hire: { result: null, decision: null } }
  #running: Promise<PredictionQualityDto> | null = null
  #queued: Promise<PredictionQualityDto> | null = null
  /** Inside a training (what the status shows; #running also covers the final emit). */
  #training = false
  #lastAttemptAt: number | null = null
  #lastDurationMs: number | null = null
  #error: UserText | null = null
  /** When outcomes last changed and no training has seen them yet (null: nothing new). */
  #dirtySince: number | null = null
  /** The history's signature as last seen (store.signature): a change marks outcomes changed. */
  #seen: string | null = null
  #loaded: Promise<void> | null = null
  #disposed = false

  constructor(deps: PredictionServiceDeps) {
    this.#deps = deps
    this.#log = deps.logger.child('prediction')
  }

  /** Reads the versions in use (once). */
  load(): Promise<void> {
    this.#loaded ??= (async () => {
      this.#active = await this.#deps.store.active()
      this.#prior = this.#active.reply?.prior ?? DEFAULT_PRIOR
      for (const kind of PREDICTION_KINDS) this.#state[kind].decision = this.#active[kind] ? await this.#deps.store.activeDecision(kind) : null
    })()
    return this.#loaded
  }

  onChange(listener: (q: PredictionQualityDto) => void): () => void {
    this.#listeners.add(listener)
    return () => void this.#listeners.delete(listener)
  }

  /** Outcomes changed (a sync, a mark, a submission): train once they settle. */
  outcomesChanged(): void {
    this.#dirtySince = this.#deps.clock.now()
  }

  /** The heartbeat: train when outcomes settled after a change (told, or seen in the history's signature), or once a day. */
  async tick(): Promise<void> {
    if (this.#disposed || this.#running) return
    const signature = await this.#deps.store.signature()
    if (this.#seen !== null && signature !== this.#seen) this.outcomesChanged()
    this.#seen = signature
    const now = this.#deps.clock.now()
    const settled = this.#dirtySince !== null && now - this.#dirtySince >= DEBOUNCE_MS
    const daily = this.#lastAttemptAt === null || now - this.#lastAttemptAt >= DAY_MS
    if (settled || daily) await this.retrain()
  }

  /**
   * Trains now (a click, the demo's sample history, the schedule). Asked while a training runs, it
   * trains once more after it (that one may have read the history before what prompted this
   * call); calls meanwhile share that second training.
   */
  retrain(): Promise<PredictionQualityDto> {
    if (!this.#running) {
      this.#running = this.#train().finally(() => {
        this.#running = null
      })
      return this.#running
    }
    this.#queued ??= this.#running
      .catch(() => undefined)
      .then(() => {
        this.#queued = null
        return this.retrain()
      })
    return this.#queued
  }

  /** Resolves when no training is running or asked for. */
  async idle(): Promise<void> {
    while (this.#running || this.#queued) await (this.#queued ?? this.#running)?.catch(() => undefined)
  }

  async #train(): Promise<PredictionQualityDto> {
    if (this.#disposed) return this.quality()
    await this.load()
    const started = this.#deps.clock.now()
    this.#lastAttemptAt = started
    this.#dirtySince = null
    this.#training = true
    this.#emit()
    const t0 = performance.now()
    try {
      this.#seen = await this.#deps.store.signature()
      const rows = await this.#deps.store.trainingRows(started)
      const nextVersion = await this.#deps.store.nextVersions()
      const output = await this.#deps.runner.run({ rows, previous: this.#active, nextVersion, now: started })
      await this.#apply(output)
      this.#error = null
      this.#log.info('trained', {
        rows: rows.length,
        ms: Math.round(performance.now() - t0),
        reply: output.reply.decision.code,
        hire: output.hire.decision.code
      })
    } catch (e) {
      this.#error = this.#failureText(e)
      this.#log.error('training failed; the models in use stay', { error: String(e) })
    } finally {
      this.#lastDurationMs = Math.round(performance.now() - t0)
      this.#training = false
    }
    const quality = this.quality()
    this.#emit(quality)
    return quality
  }

  #failureText(e: unknown): UserText {
    if (e instanceof TrainWorkerError && e.reason === 'timeout') return text('prediction.err.timeout', { seconds: Math.ceil(this.#deps.runner.timeoutMs / 1000) })
    return text('prediction.err.worker', { detail: e instanceof Error ? e.message : String(e) })
  }

  async #apply(output: TrainOutput): Promise<void> {
    this.#prior = output.reply.prior
    for (const kind of PREDICTION_KINDS) {
      const { accepted, ...result } = output[kind]
      const decision = text(DECISION_KEYS[result.decision.code], result.decision.params)
      if (accepted) {
        await this.#deps.store.saveAccepted(accepted, decision)
        this.#active[kind] = accepted
      }
      this.#state[kind] = { result, decision }
    }
  }

  #emit(quality: PredictionQualityDto = this.quality()): void {
    for (const l of [...this.#listeners]) l(quality)
  }

  quality(): PredictionQualityDto {
    return {
      reply: this.#kindQuality('reply'),
      hire: this.#kindQuality('hire'),
      training: { running: this.#training, lastAttemptAt: this.#lastAttemptAt, lastDurationMs: this.#lastDurationMs, error: this.#error }
    }
  }

  #kindQuality(kind: PredictionKind): ModelQualityDto {
    const model = this.#active[kind]
    const { result, decision } = this.#state[kind]
    const top = model
      ? model.spec.columns
          .map((c, i) => ({ feature: c.feature, value: c.kind === 'level' ? (c.level ?? null) : c.kind === 'value' ? null : c.kind, weight: model.weights[i]! }))
          .sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight))
          .slice(0, TOP_WEIGHTS)
          .map((w) => ({ ...w, weight: Math.round(w.weight * 1000) / 1000 }))
      : []
    return {
      kind,
      state: model ? 'trained' : 'prior',
      version: model?.version ?? null,
      trainedAt: model?.trainedAt ?? null,
      featureSchemaVersion: model?.featureSchemaVersion ?? null,
      n: model?.n ?? 0,
      positives: model?.positives ?? 0,
      available: result?.available ?? model?.n ?? 0,
      availablePositives: result?.positives ?? model?.positives ?? 0,
      needMore: result?.needMore ?? null,
      heldOut: model?.heldOut ?? null,
      priorHeldOut: model?.priorHeldOut ?? null,
      priorShare: 1 - modelShare(model),
      topWeights: top,
      lastDecision: decision
    }
  }

  async forJobs(ids: readonly number[]): Promise<PredictionDto[]> {
    await this.load()
    const now = this.#deps.clock.now()
    const jobs = await Promise.all(ids.map((id) => this.#deps.sources.job(id)))
    const names: ReasonNames = { template: () => null }
    return jobs.flatMap((job) => (job ? [this.#predict(job.id, null, featuresOfJob(job, now), names)] : []))
  }

  async forDraft(draftId: number): Promise<PredictionDto> {
    await this.load()
    const d = await this.#deps.sources.draft(draftId)
    if (!d) throw new AppError('PREDICTION_DRAFT_NOT_FOUND', 'prediction.err.draftNotFound')
    const job = d.jobId !== null ? await this.#deps.sources.job(d.jobId) : null
    const snapshot = snapshotOf(d, job, { mode: 'outbox', at: this.#deps.clock.now(), aiModel: null })
    const templates = await this.#deps.sources.templateNames()
    return this.#predict(d.jobId, d.id, featuresOfSnapshot(snapshot), { template: (id) => templates.get(id) ?? null })
  }

  #predict(jobId: number | null, draftId: number | null, x: FeatureInput, names: ReasonNames): PredictionDto {
    const reply = predictKind('reply', x, this.#active.reply, this.#prior)
    const hire = this.#active.hire ? predictKind('hire', x, this.#active.hire, this.#prior) : hireFromReply(reply, this.#prior)
    const round = (v: number): number => Math.round(v * 10_000) / 10_000
    return {
      jobId,
      draftId,
      reply: { p: round(reply.p), low: round(reply.low), high: round(reply.high) },
      hire: { p: round(hire.p), low: round(hire.low), high: round(hire.high) },
      confidence: confidenceOf(reply.priorShare, reply.low, reply.high),
      priorShare: round(reply.priorShare),
      hirePriorShare: round(hire.priorShare),
      reasons: reasonsOf(reply.contributions, x, names, levelsOf(this.#active.reply)),
      hireReasons: reasonsOf(hire.contributions, x, names, levelsOf(this.#active.hire ?? this.#active.reply)),
      modelVersion: this.#active.reply?.version ?? null
    }
  }

  /** At quit: a training in flight is stopped (its worker ends; the versions in use stay), none starts after. */
  async dispose(): Promise<void> {
    this.#disposed = true
    await this.#deps.runner.close()
    await this.idle()
  }
}
