import { z } from 'zod'
import { SCORE_WEIGHT_DEFAULTS } from '@shared/discovery'

/**
 * How much each part of the fit score can move it, in points. A score starts at `BASE_SCORE`;
 * each fit component adds between −weight and +weight (0 when its inputs are unknown); each red
 * flag subtracts up to its weight. The default fit weights add up to 50, so a perfect job with
 * no red flags reaches 100 and a job that misses on everything reaches 0. The user can tune every
 * weight (0 turns a component off).
 */
export const BASE_SCORE = 50

const weight = (fallback: number) => z.number().finite().min(0).max(100).default(fallback)

/** The defaults live in src/shared/discovery.ts (SCORE_WEIGHT_DEFAULTS), where Settings → Profile reads them too. */
const D = SCORE_WEIGHT_DEFAULTS
export const scoreWeightsSchema = z.object({
  skills: weight(D.skills),
  budget: weight(D.budget),
  clientHireRate: weight(D.clientHireRate),
  clientSpend: weight(D.clientSpend),
  clientFeedback: weight(D.clientFeedback),
  competition: weight(D.competition),
  recency: weight(D.recency),
  experience: weight(D.experience),
  // Red flags: penalties only.
  paymentUnverified: weight(D.paymentUnverified),
  negativeKeywords: weight(D.negativeKeywords),
  suspiciousWording: weight(D.suspiciousWording),
  avoidedCountry: weight(D.avoidedCountry)
})

export type ScoreWeights = z.infer<typeof scoreWeightsSchema>
export type ScoreWeightsInput = z.input<typeof scoreWeightsSchema>

export const DEFAULT_SCORE_WEIGHTS: ScoreWeights = Object.freeze(scoreWeightsSchema.parse({}))

/** Validates the user's weights (unknown keys dropped, missing ones defaulted); throws a ZodError on bad values. */
export function parseScoreWeights(input: unknown): ScoreWeights {
  return scoreWeightsSchema.parse(input ?? {})
}
