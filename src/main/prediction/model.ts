/**
 * A trained model as stored (PredictionModel.coefficients) and how it predicts: the model's
 * log-odds blended with the prior's by the amount of history, an interval from both
 * uncertainties, and the contributions behind it. Pure.
 */
import type { HeldOutMetricsDto, PredictionFeature, PredictionKind } from '@shared/prediction'
import { encode, type FeatureInput, type FeatureSpec } from './features'
import { linear, linearVariance, sigmoid } from './logistic'
import { PRIOR_LOGIT_SD, priorLogit, scoreTerm, type PriorParams } from './prior'

export interface TrainedModel {
  kind: PredictionKind
  version: number
  trainedAt: number
  featureSchemaVersion: number
  spec: FeatureSpec
  intercept: number
  weights: number[]
  covariance: number[]
  lambda: number
  /** Outcomes it learned from, positives among them. */
  n: number
  positives: number
  /** The newest approval it learned from: outcomes after it are new to it (fair to compare on). */
  dataCutoff: number
  /** The prior in force when it was trained (blended with it). */
  prior: PriorParams
  heldOut: HeldOutMetricsDto
  priorHeldOut: HeldOutMetricsDto
}

/** History weight: the model's share is m / (m + BLEND_K), m = the rarer class's count (the information in the data). */
export const BLEND_K = 20
export const INTERVAL_Z = 1.2816 // 80 %

export const modelShare = (m: Pick<TrainedModel, 'n' | 'positives'> | null): number => {
  if (!m) return 0
  const info = Math.min(m.positives, m.n - m.positives)
  return info / (info + BLEND_K)
}

export interface Contribution {
  feature: PredictionFeature
  /** Log-odds, after the blend weight. */
  contribution: number
}

export interface KindPrediction {
  p: number
  low: number
  high: number
  priorShare: number
  contributions: Contribution[]
}

/** The model's log-odds alone (no prior), for evaluation. */
export function modelProbability(model: Pick<TrainedModel, 'spec' | 'intercept' | 'weights'>, x: FeatureInput): number {
  return sigmoid(linear(model, encode(model.spec, x)))
}

/** Per feature: Σ coefficient × standardised value over its columns. */
export function contributionsOf(model: TrainedModel, encoded: Float64Array): Map<PredictionFeature, number> {
  const out = new Map<PredictionFeature, number>()
  model.spec.columns.forEach((c, i) => out.set(c.feature, (out.get(c.feature) ?? 0) + model.weights[i]! * encoded[i]!))
  return out
}

/** The prediction for one kind: the prior alone without a model, else the blend. */
export function predictKind(kind: PredictionKind, x: FeatureInput, model: TrainedModel | null, prior: PriorParams): KindPrediction {
  const zPrior = priorLogit(kind, x.score, prior)
  const w = modelShare(model)
  let z = zPrior
  let variance = PRIOR_LOGIT_SD ** 2
  const byFeature = new Map<PredictionFeature, number>()
  if (model && w > 0) {
    const e = encode(model.spec, x)
    const zModel = linear(model, e)
    z = w * zModel + (1 - w) * zPrior
    variance = w * w * linearVariance(model, e) + (1 - w) ** 2 * PRIOR_LOGIT_SD ** 2
    for (const [f, c] of contributionsOf(model, e)) byFeature.set(f, w * c)
  }
  // the prior's own reason: the fit score's term (for hire the same term moves the log-odds about as much)
  byFeature.set('score', (byFeature.get('score') ?? 0) + (1 - w) * scoreTerm(x.score))
  const sd = Math.sqrt(variance)
  const contributions = [...byFeature.entries()]
    .map(([feature, contribution]) => ({ feature, contribution }))
    .filter((c) => Math.abs(c.contribution) >= 0.01 && Number.isFinite(c.contribution))
    .sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution))
  return { p: sigmoid(z), low: sigmoid(z - INTERVAL_Z * sd), high: sigmoid(z + INTERVAL_Z * sd), priorShare: 1 - w, contributions }
}

/**
 * P(hire) without a hire model (hires are far rarer, so it trains much later than the reply one):
 * P(reply) × the prior's conversion, its interval scaled the same way, the reply's prior share and
 * reasons — the prior's own P(hire) when there is no reply model either.
 */
export function hireFromReply(reply: KindPrediction, prior: PriorParams): KindPrediction {
  const c = prior.conversion
  return { p: reply.p * c, low: reply.low * c, high: reply.high * c, priorShare: reply.priorShare, contributions: reply.contributions }
}
