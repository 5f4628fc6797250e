import { z } from 'zod'
import type { UserText } from './i18n'

/**
 * On-device success prediction (issue 10 item 4), shared by main and the renderer.
 *
 * P(reply) and P(hire) for a job before drafting (job-side features only) and for a draft before
 * sending (+ bid ÷ budget, length, template, strategy, who wrote it). Two regularised logistic
 * models (reply, hire) are trained in a worker thread on the snapshots stored at approval and the
 * proposals' outcomes. Each prediction blends the model with a prior built from the fit score:
 * `priorShare` says how much of it is the prior (1 = no model yet, prior only). Times are epoch ms;
 * probabilities are 0–1.
 */

export const PREDICTION_KINDS = ['reply', 'hire'] as const
export type PredictionKind = (typeof PREDICTION_KINDS)[number]

/**
 * The features a reason can name. A reason's words are `prediction.reason.<feature>.<up|down>`
 * (en + uk); categorical features (category, clientCountry, template, strategy, textSource,
 * experienceLevel) carry the level in `params.value`.
 */
export const PREDICTION_FEATURES = [
  'score',
  'minutesSincePosting',
  'totalApplicants',
  'clientVerified',
  'clientTotalSpent',
  'clientHires',
  'clientFeedback',
  'fixedPrice',
  'budget',
  'experienceLevel',
  'category',
  'clientCountry',
  'bidToBudget',
  'draftWords',
  'textSource',
  'editedByUser',
  'template',
  'strategy'
] as const
export type PredictionFeature = (typeof PREDICTION_FEATURES)[number]

/** A probability with its interval (80 %, from the model's uncertainty and the prior's). */
export interface ProbabilityDto {
  p: number
  low: number
  high: number
}

/** One of the top feature contributions (log-odds: coefficient × standardised value). */
export interface PredictionReasonDto {
  feature: PredictionFeature
  /** Signed contribution to the log-odds of a reply (or hire); its size orders the reasons. */
  contribution: number
  direction: 'up' | 'down'
  /** The reason in words: render with `renderText(t, text)` (key `prediction.reason.<feature>.<direction>`). */
  text: UserText
}

/** How far to trust a prediction: from the prior's share and the interval's width. */
export type PredictionConfidence = 'low' | 'medium' | 'high'

export interface PredictionDto {
  /** The job (null only for a draft whose job row is gone). */
  jobId: number | null
  /** Set by `prediction:forDraft` (the draft's features are in); null for a job before drafting. */
  draftId: number | null
  reply: ProbabilityDto
  hire: ProbabilityDto
  confidence: PredictionConfidence
  /** 0–1: how much of P(reply) is the score-based prior (1: no trained model yet; the UI says "prior only"). */
  priorShare: number
  /**
   * The same for P(hire). Until the hire model is trained (it needs 10 hires) P(hire) is P(reply) ×
   * the prior's conversion, and this is the reply's share.
   */
  hirePriorShare: number
  /** Top 3 reasons for P(reply), largest |contribution| first (the prior's reason, the fit score, when there is no model). */
  reasons: PredictionReasonDto[]
  /** Top 3 reasons for P(hire). */
  hireReasons: PredictionReasonDto[]
  /** The reply model's version that made it (null: prior only). */
  modelVersion: number | null
}

/** One calibration bin: predictions in [from, to), their mean, the observed rate and how many. */
export interface CalibrationBinDto {
  from: number
  to: number
  predicted: number
  observed: number
  count: number
}

/** Quality on held-out data (the newest outcomes, never trained on). */
export interface HeldOutMetricsDto {
  n: number
  positives: number
  /** Area under the ROC curve (null when the held-out set has only one class). */
  auc: number | null
  brier: number
  logLoss: number
  /** Expected calibration error (count-weighted |predicted − observed| over the bins). */
  ece: number
  bins: CalibrationBinDto[]
}

/** One model (reply or hire): the version in use and its held-out quality beside the prior's. */
export interface ModelQualityDto {
  kind: PredictionKind
  /** `prior`: no trained model in use (not enough outcomes, or none was better than the prior). */
  state: 'prior' | 'trained'
  version: number | null
  trainedAt: number | null
  featureSchemaVersion: number | null
  /** Outcomes the version in use learned from (positives among them). */
  n: number
  positives: number
  /** Labelled outcomes available now (what the next training would use). */
  available: number
  availablePositives: number
  /** "Not enough outcomes yet: N more" (null when there are enough). */
  needMore: number | null
  /** The model's held-out figures, and the prior-only baseline on the same outcomes. */
  heldOut: HeldOutMetricsDto | null
  priorHeldOut: HeldOutMetricsDto | null
  /** The share of the prior in a prediction now (n / (n + k) is the model's). */
  priorShare: number
  /** The largest coefficients (standardised), for "what matters". */
  topWeights: Array<{ feature: PredictionFeature; value: string | null; weight: number }>
  /** What the last training decided, in words (replaced, kept the previous one because …, not enough outcomes). */
  lastDecision: UserText | null
}

export interface PredictionQualityDto {
  reply: ModelQualityDto
  hire: ModelQualityDto
  /** Training now, the last attempt and its failure in plain words (the previous model stays in use). */
  training: {
    running: boolean
    lastAttemptAt: number | null
    lastDurationMs: number | null
    /** null: the last attempt worked (or none yet). */
    error: UserText | null
  }
}

export const predictionForJobsSchema = z
  .object({ jobIds: z.array(z.number().int().positive()).max(500) })
  .strict()

export const predictionForDraftSchema = z.object({ draftId: z.number().int().positive() }).strict()
