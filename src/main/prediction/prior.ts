/**
 * The prior: what GigPilot predicts before (and beside) a trained model, from the fit score alone.
 * P(reply) is a fixed logistic curve of the score around a base rate; P(hire) = P(reply) × a base
 * conversion. The base rate and the conversion start at typical Upwork figures and move toward the
 * user's own as outcomes arrive (a beta prior worth PSEUDO_COUNT outcomes), the curve's slope stays
 * fixed. Pure.
 */
import type { PredictionKind } from '@shared/prediction'
import { logit, sigmoid } from './logistic'

export interface PriorParams {
  /** P(reply) at the centre score. */
  replyRate: number
  /** P(hire | reply). */
  conversion: number
}

export const DEFAULT_PRIOR: PriorParams = { replyRate: 0.12, conversion: 0.25 }
/** Log-odds per SCORE_SCALE points of fit score, around SCORE_CENTER. */
export const SCORE_SLOPE = 0.6
export const SCORE_CENTER = 60
export const SCORE_SCALE = 20
export const PSEUDO_COUNT = 20
/** The prior's own uncertainty on the log-odds scale (its interval). */
export const PRIOR_LOGIT_SD = 0.8

/** The prior's parameters after `n` outcomes with `replies` replies and `hires` hires (shrunk toward the defaults). */
export function priorFrom(counts: { n: number; replies: number; hires: number }): PriorParams {
  const a = PSEUDO_COUNT
  return {
    replyRate: (counts.replies + a * DEFAULT_PRIOR.replyRate) / (counts.n + a),
    conversion: (counts.hires + a * DEFAULT_PRIOR.conversion) / (counts.replies + a)
  }
}

/** The score's part of the prior's log-odds (0 without a score). */
export const scoreTerm = (score: number | null): number => (score === null || !Number.isFinite(score) ? 0 : (SCORE_SLOPE * (score - SCORE_CENTER)) / SCORE_SCALE)

/** The prior's log-odds for `kind` at this fit score. */
export function priorLogit(kind: PredictionKind, score: number | null, prior: PriorParams): number {
  const reply = logit(prior.replyRate) + scoreTerm(score)
  return kind === 'reply' ? reply : logit(sigmoid(reply) * prior.conversion)
}
