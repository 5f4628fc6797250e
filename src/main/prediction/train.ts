/**
 * One training run (what the worker thread executes), pure: for reply and for hire, split the
 * labelled outcomes by time (learn from the older, evaluate on the newest HELD_OUT_SHARE), fit the
 * L2 logistic model, measure it and the prior-only baseline on the held-out outcomes, decide
 * whether it may replace the version in use, and refit the accepted one on all outcomes.
 *
 * Replacement: the first model must not be worse than the prior (log-loss on held-out); a later one
 * must not be worse than the version in use on the held-out outcomes that version never saw
 * (approved after its data cutoff) — with fewer than MIN_COMPARE of those, the version in use stays.
 */
import type { PredictionKind } from '@shared/prediction'
import { FEATURE_SCHEMA_VERSION, encode, fitSpec, type FeatureInput } from './features'
import { fitLogistic, sigmoid } from './logistic'
import { heldOutMetrics } from './metrics'
import { modelProbability, type TrainedModel } from './model'
import { priorFrom, priorLogit, type PriorParams } from './prior'

export interface LabelledRow {
  x: FeatureInput
  /** When it was approved (epoch ms): the time order of the split. */
  at: number
  /** 1/0 once known, null while the outcome may still come (the row is left out of that kind). */
  reply: 0 | 1 | null
  hire: 0 | 1 | null
}

export const MIN_OUTCOMES = 50
export const MIN_EACH_CLASS = 10
export const HELD_OUT_SHARE = 0.2
export const MIN_COMPARE = 20
/** Log-loss slack within which a new version counts as "not worse". */
export const NOT_WORSE_SLACK = 0.002
/** L2 strength: hire has far fewer positives, so it is held back harder. */
export const LAMBDA: Record<PredictionKind, number> = { reply: 2, hire: 8 }

export type DecisionCode = 'first' | 'replaced' | 'keptPrevious' | 'tooFewNew' | 'notBetterThanPrior' | 'notEnough' | 'oneClass'

export interface KindResult {
  kind: PredictionKind
  decision: { code: DecisionCode; params: Record<string, number> }
  /** The new version to store and use (null: keep what is in use, or the prior). */
  accepted: TrainedModel | null
  /** Labelled outcomes available for this kind, and positives among them. */
  available: number
  positives: number
  needMore: number | null
  /** The prior from all outcomes available (used beside whichever model is in use). */
  prior: PriorParams
}

export interface TrainInput {
  rows: LabelledRow[]
  previous: { reply: TrainedModel | null; hire: TrainedModel | null }
  /** The version number an accepted model gets (the store's highest + 1; default: the previous one's + 1). */
  nextVersion?: { reply: number; hire: number }
  now: number
}

export interface TrainOutput {
  reply: KindResult
  hire: KindResult
  durationMs: number
}

const round = (v: number, digits = 4): number => Math.round(v * 10 ** digits) / 10 ** digits

/** How many more outcomes before a model can be trained (null: enough). */
export function outcomesNeeded(n: number, positives: number): number | null {
  const negatives = n - positives
  if (n >= MIN_OUTCOMES && positives >= MIN_EACH_CLASS && negatives >= MIN_EACH_CLASS) return null
  const rate = (positives + 1) / (n + 2)
  const forPos = positives >= MIN_EACH_CLASS ? 0 : Math.ceil((MIN_EACH_CLASS - positives) / rate)
  const forNeg = negatives >= MIN_EACH_CLASS ? 0 : Math.ceil((MIN_EACH_CLASS - negatives) / (1 - rate))
  return Math.max(MIN_OUTCOMES - n, forPos, forNeg, 1)
}

type Fitted = Omit<TrainedModel, 'heldOut' | 'priorHeldOut'>

/** `from`: a fit of the same kind on fewer rows, to start Newton near the answer (its columns by name). */
function fitModel(kind: PredictionKind, rows: LabelledRow[], labels: number[], prior: PriorParams, version: number, now: number, from?: Fitted): Fitted {
  const xs = rows.map((r) => r.x)
  const spec = fitSpec(xs)
  const encoded = xs.map((x) => encode(spec, x))
  const start = from && { intercept: from.intercept, weights: spec.columns.map((c) => from.weights[from.spec.columns.findIndex((f) => f.name === c.name)] ?? 0) }
  const fit = fitLogistic(encoded, labels, LAMBDA[kind], start ? { start } : {})
  return {
    kind,
    version,
    trainedAt: now,
    featureSchemaVersion: FEATURE_SCHEMA_VERSION,
    spec,
    intercept: fit.intercept,
    weights: fit.weights,
    covariance: fit.covariance,
    lambda: LAMBDA[kind],
    n: rows.length,
    positives: labels.reduce((a, b) => a + b, 0),
    dataCutoff: rows.reduce((a, r) => Math.max(a, r.at), 0),
    prior
  }
}

const countsOf = (rows: LabelledRow[]) => ({
  n: rows.length,
  replies: rows.filter((r) => r.reply === 1).length,
  hires: rows.filter((r) => r.hire === 1).length
})

export function trainKind(kind: PredictionKind, allRows: readonly LabelledRow[], previous: TrainedModel | null, now: number, nextVersion = (previous?.version ?? 0) + 1): KindResult {
  const rows = allRows.filter((r) => r[kind] !== null).sort((a, b) => a.at - b.at)
  const labels = rows.map((r) => r[kind] as number)
  const positives = labels.reduce((a, b) => a + b, 0)
  // the prior learns its base rates from every outcome known (a row without a hire outcome yet still counts for reply)
  const prior = priorFrom(countsOf(allRows.filter((r) => r.reply !== null)))
  const base = { kind, available: rows.length, positives, prior }
  const usable = previous && previous.featureSchemaVersion === FEATURE_SCHEMA_VERSION ? previous : null
  const needMore = outcomesNeeded(rows.length, positives)
  if (needMore !== null) {
    const oneClass = rows.length >= MIN_OUTCOMES && (positives === 0 || positives === rows.length)
    return { ...base, needMore, accepted: null, decision: oneClass ? { code: 'oneClass', params: { n: rows.length } } : { code: 'notEnough', params: { more: needMore, n: rows.length } } }
  }
  const cut = Math.min(rows.length - MIN_COMPARE, Math.floor(rows.length * (1 - HELD_OUT_SHARE)))
  const trainRows = rows.slice(0, cut)
  const testRows = rows.slice(cut)
  const trainLabels = labels.slice(0, cut)
  const testLabels = labels.slice(cut)
  const trainPositives = trainLabels.reduce((a, b) => a + b, 0)
  if (trainPositives === 0 || trainPositives === trainLabels.length) {
    return { ...base, needMore: null, accepted: null, decision: { code: 'oneClass', params: { n: rows.length } } }
  }
  const trainPrior = priorFrom(countsOf(trainRows.filter((r) => r.reply !== null)))
  const candidate = fitModel(kind, trainRows, trainLabels, trainPrior, 0, now)
  const candidateP = testRows.map((r) => modelProbability(candidate, r.x))
  const priorP = testRows.map((r) => sigmoid(priorLogit(kind, r.x.score, trainPrior)))
  const heldOut = heldOutMetrics(candidateP, testLabels)
  const priorHeldOut = heldOutMetrics(priorP, testLabels)
  const version = nextVersion
  const accept = (code: 'first' | 'replaced', params: Record<string, number>): KindResult => ({
    ...base,
    needMore: null,
    accepted: { ...fitModel(kind, rows, labels, prior, version, now, candidate), heldOut, priorHeldOut },
    decision: { code, params: { version, ...params } }
  })
  const held = testRows.length
  if (!usable) {
    if (heldOut.logLoss > priorHeldOut.logLoss) {
      return { ...base, needMore: null, accepted: null, decision: { code: 'notBetterThanPrior', params: { held, logLoss: round(heldOut.logLoss), priorLogLoss: round(priorHeldOut.logLoss) } } }
    }
    return accept('first', { n: rows.length, held, logLoss: round(heldOut.logLoss), priorLogLoss: round(priorHeldOut.logLoss) })
  }
  // compare on held-out outcomes the version in use never learned from
  const fresh = testRows.map((r, i) => ({ r, y: testLabels[i]!, p: candidateP[i]! })).filter(({ r }) => r.at > usable.dataCutoff)
  if (fresh.length < MIN_COMPARE) {
    return { ...base, needMore: null, accepted: null, decision: { code: 'tooFewNew', params: { previous: usable.version, n: fresh.length } } }
  }
  const freshY = fresh.map((f) => f.y)
  const newLoss = heldOutMetrics(fresh.map((f) => f.p), freshY).logLoss
  const oldLoss = heldOutMetrics(fresh.map((f) => modelProbability(usable, f.r.x)), freshY).logLoss
  const params = { previous: usable.version, held: fresh.length, logLoss: round(newLoss), previousLogLoss: round(oldLoss) }
  if (newLoss > oldLoss + NOT_WORSE_SLACK) return { ...base, needMore: null, accepted: null, decision: { code: 'keptPrevious', params } }
  return accept('replaced', params)
}

export function trainAll(input: TrainInput): TrainOutput {
  const started = performance.now()
  const reply = trainKind('reply', input.rows, input.previous.reply, input.now, input.nextVersion?.reply)
  const hire = trainKind('hire', input.rows, input.previous.hire, input.now, input.nextVersion?.hire)
  return { reply, hire, durationMs: performance.now() - started }
}
