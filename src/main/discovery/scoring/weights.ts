import { z } from 'zod'

/**
 * How much each part of the fit score can move it, in points. A score starts at `BASE_SCORE`;
 * each fit component adds between −weight and +weight (0 when its inputs are unknown); each red
 * flag subtracts up to its weight. The default fit weights add up to 50, so a perfect job with
 * no red flags reaches 100 and a job that misses on everything reaches 0. The user can tune every
 * weight (0 turns a component off).
 */
export const BASE_SCORE = 50

const weight = (fallback: number) => z.number().finite().min(0).max(100).default(fallback)

export const scoreWeightsSchema = z.object({
  skills: weight(18),
  budget: weight(10),
  clientHireRate: weight(4),
  clientSpend: weight(4),
  clientFeedback: weight(3),
  competition: weight(5),
  recency: weight(4),
  experience: weight(2),
  // Red flags: penalties only.
  paymentUnverified: weight(10),
  negativeKeywords: weight(25),
  suspiciousWording: weight(25),
  avoidedCountry: weight(40)
})

export type ScoreWeights = z.infer<typeof scoreWeightsSchema>
export type ScoreWeightsInput = z.input<typeof scoreWeightsSchema>

export const DEFAULT_SCORE_WEIGHTS: ScoreWeights = Object.freeze(scoreWeightsSchema.parse({}))

/** Validates the user's weights (unknown keys dropped, missing ones defaulted); throws a ZodError on bad values. */
export function parseScoreWeights(input: unknown): ScoreWeights {
  return scoreWeightsSchema.parse(input ?? {})
}
