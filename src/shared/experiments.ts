import { z } from 'zod'

/**
 * Experiments (A/B tests, issue 10 item 3), shared by main and the renderer. An experiment
 * compares two or more variants of one kind — templates, drafting strategies or bid rules — on one
 * metric (reply rate by default; interview or hire rate). New proposal drafts the user did not
 * steer get a variant of the running experiment, at random from the experiment's seed and the
 * draft's sequence number (or, with Thompson sampling on, the best of one draw from each
 * variant's posterior). One experiment runs at a time (a draft carries one variant). The user
 * may override a draft's variant; overridden drafts are kept but left out of the comparison.
 *
 * Results are beta-binomial: a Beta(1, 1) prior per variant, the 95% credible interval, the
 * probability to be best and the expected loss of choosing each (seeded Monte Carlo). A winner is
 * declared only by the peeking-safe rule named in `guard` (an always-valid mixture sequential
 * probability ratio test, so looking every day does not inflate false winners). No NaN anywhere:
 * an unknown figure is null. Times are epoch ms.
 */

export const EXPERIMENT_KINDS = ['template', 'strategy', 'bid'] as const
export type ExperimentKind = (typeof EXPERIMENT_KINDS)[number]

export const EXPERIMENT_METRICS = ['reply', 'interview', 'hire'] as const
export type ExperimentMetric = (typeof EXPERIMENT_METRICS)[number]

export const EXPERIMENT_STATES = ['running', 'stopped'] as const
export type ExperimentState = (typeof EXPERIMENT_STATES)[number]

/** A bid rule: the suggested bid (drafting/bid.ts) times `factor` (0.9 = 10% under the suggestion). */
export interface BidRuleDto {
  factor: number
}
export const bidRuleSchema = z.object({ factor: z.number().min(0.5).max(1.5) }).strict()

/** The bid under a rule: the suggestion times the factor, rounded as the suggestion is (to 5 from 100 up, else to 1). */
export function bidUnderRule(suggested: number, rule: BidRuleDto): number {
  const v = suggested * rule.factor
  return v >= 100 ? Math.round(v / 5) * 5 : Math.round(v)
}

export const variantInputSchema = z
  .object({
    name: z.string().trim().min(1).max(80),
    kind: z.enum(EXPERIMENT_KINDS),
    templateId: z.number().int().positive().optional(),
    strategy: z.string().min(1).max(40).optional(),
    bidRule: bidRuleSchema.optional()
  })
  .strict()
export type VariantInput = z.input<typeof variantInputSchema>

export const createExperimentSchema = z
  .object({
    name: z.string().trim().min(1).max(120),
    variants: z.array(variantInputSchema).min(2).max(6),
    metric: z.enum(EXPERIMENT_METRICS).default('reply'),
    /** The smallest relative lift worth detecting (0.2 = 20% more replies); default 0.3. */
    minEffect: z.number().min(0.05).max(5).optional(),
    thompson: z.boolean().default(false)
  })
  .strict()
export type CreateExperimentInput = z.input<typeof createExperimentSchema>

export const experimentIdSchema = z.object({ id: z.number().int().positive() }).strict()
export const stopExperimentSchema = z.object({ id: z.number().int().positive(), keep: z.number().int().positive().nullable() }).strict()
export const setThompsonSchema = z.object({ id: z.number().int().positive(), on: z.boolean() }).strict()
export const setDraftVariantSchema = z.object({ draftId: z.number().int().positive(), variantId: z.number().int().positive().nullable() }).strict()
export const draftAssignmentsSchema = z.object({ draftIds: z.array(z.number().int().positive()).max(500) }).strict()
export const clearDefaultSchema = z.object({ kind: z.enum(EXPERIMENT_KINDS) }).strict()

/** Why a variant no longer gets new drafts (its history stays in the results). */
export const RETIRED_REASONS = ['templateArchived', 'templateDeleted', 'strategyUnknown'] as const
export type RetiredReason = (typeof RETIRED_REASONS)[number]

export interface CredibleIntervalDto {
  /** 95% equal-tailed credible interval of the rate (Beta posterior). */
  low: number
  high: number
}

export interface VariantResultDto {
  id: number
  name: string
  kind: ExperimentKind
  templateId: number | null
  /** The template's name when it still exists. */
  templateName: string | null
  strategy: string | null
  bidRule: BidRuleDto | null
  /** `retired`: no longer assigned (see `retiredReason`); its history still counts. */
  status: 'active' | 'retired'
  retiredReason: RetiredReason | null
  /** Drafts assigned to it (overrides included) and how many of those the user overrode. */
  assigned: number
  overridden: number
  /** Sent proposals (not overridden) whose outcome is known: the comparison's sample. */
  n: number
  /** Of those, how many reached the metric. */
  successes: number
  /** Sent proposals still inside the waiting window without the metric reached (not counted yet). */
  pending: number
  /** successes / n; null when n = 0. */
  rate: number | null
  /** Posterior mean (Beta(1 + successes, 1 + failures)). */
  posteriorMean: number
  interval: CredibleIntervalDto
  /** Probability this variant has the highest rate (null with fewer than two variants). */
  pBest: number | null
  /** Expected loss (rate points) of choosing this variant over the best one. */
  expectedLoss: number | null
}

/** The peeking-safe decision rule, as data (the words are `experiments.guard.<method>`). */
export interface GuardDto {
  method: 'msprt'
  /** The false-winner rate the rule keeps, however often the results are looked at. */
  alpha: number
  /** The smallest sample per variant before any decision. */
  minPerVariant: number
  /** The probability to be best the winner must also have. */
  minPBest: number
  /** The guard in words, in the language in force. */
  text: string
}

export type ExperimentDecisionDto =
  /** Some variant has fewer than the minimum sample: `moreProposals` more known outcomes are needed (null: cannot tell). */
  | { kind: 'notEnoughData'; moreProposals: number | null }
  /** Enough data for a first look, no winner yet; `moreProposals` is a rough guide to when one is likely (null: no difference worth having is in sight). */
  | { kind: 'noWinnerYet'; moreProposals: number | null }
  /** The rule in `guard` declared this variant the winner. */
  | { kind: 'winner'; variantId: number; pBest: number }
  /** Fewer than two variants can be compared (e.g. the others' templates were deleted). */
  | { kind: 'cannotCompare' }

export interface ExperimentSummaryDto {
  id: number
  name: string
  kind: ExperimentKind
  metric: ExperimentMetric
  /** The smallest relative lift worth detecting (null: the default 0.3). */
  minEffect: number | null
  thompson: boolean
  state: ExperimentState
  /** The variant kept as the default at stop ("Stop and keep the winner"); null otherwise. */
  keptVariantId: number | null
  startedAt: number
  stoppedAt: number | null
  variantCount: number
  decision: ExperimentDecisionDto
  /** The decision in words, in the language in force (e.g. "Not enough data yet: 14 more proposals to tell"). */
  summary: string
}

export interface ExperimentDto extends ExperimentSummaryDto {
  /** The assignment seed (assignment k uses seed and k through a seeded generator: reproducible). */
  seed: number
  /** Drafts assigned so far (the next draft's sequence number). */
  assignedCount: number
  variants: VariantResultDto[]
  guard: GuardDto
  /** Days a sent proposal may wait for the metric before it counts as "not reached". */
  pendingWindowDays: number
  computedAt: number
}

/** A draft's experiment assignment, for the draft editor, the drafts list and the review queue. */
export interface DraftAssignmentDto {
  draftId: number
  experimentId: number
  experimentName: string
  /** Whether that experiment still runs (optional: added after the first contract). */
  experimentState?: ExperimentState
  /** null: the user took the draft out of the experiment. */
  variantId: number | null
  variantName: string | null
  /** The variant first assigned (kept when the user overrides). */
  assignedVariantId: number | null
  /** The user changed the variant (or left the experiment): left out of the comparison. */
  overridden: boolean
}

/** What new drafts use by default, from experiments stopped with "keep the winner" (the latest per kind). */
export interface ExperimentDefaultsDto {
  templateId: number | null
  strategy: string | null
  bidRule: BidRuleDto | null
  /** Where each came from. */
  from: Partial<Record<ExperimentKind, { experimentId: number; variantId: number; variantName: string }>>
}

export interface ExperimentsChangedEvent {
  /** The experiment that changed (null: several, or a draft assignment). */
  id: number | null
}
