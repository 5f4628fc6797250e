import type { ReasonCode } from './reason-text'

/**
 * The fit score's inputs and output. Plain data, so the scorer is a pure function: the same job,
 * profile, weights and `now` always give the same score and reasons.
 */

export type JobType = 'HOURLY' | 'FIXED'

/**
 * What the scorer reads from a job. The field names mirror the `Job` table (prisma/schema.prisma),
 * so a stored row maps over directly; `fromJobSummary` maps what the Upwork client returns. Every
 * field may be missing or null (the component then scores neutral and says what was unknown).
 */
export interface ScoringJob {
  title?: string | null
  description?: string | null
  /** Skill names as Upwork lists them ("React", "Node.js"). */
  skills?: readonly string[] | null
  jobType?: JobType | string | null
  hourlyMin?: number | null
  hourlyMax?: number | null
  fixedAmount?: number | null
  /** ENTRY_LEVEL | INTERMEDIATE | EXPERT */
  experienceLevel?: string | null
  totalApplicants?: number | null
  /** ISO string, epoch milliseconds or a Date. */
  publishedAt?: string | number | Date | null
  clientVerified?: boolean | null
  clientTotalSpent?: number | null
  clientHires?: number | null
  clientPostedJobs?: number | null
  /** Average feedback 0–5. */
  clientFeedback?: number | null
  clientReviews?: number | null
  clientCountry?: string | null
}

/** The freelancer profile (Settings → Profile) as the scorer needs it. */
export interface FreelancerProfile {
  skills: readonly string[]
  /** USD per hour. */
  hourlyRate?: number | null
  /** USD; fixed-price jobs below this are a poor fit. */
  minFixedBudget?: number | null
  yearsExperience?: number | null
  /** Client countries to avoid (names or ISO codes, compared without case). */
  avoidCountries?: readonly string[] | null
  /** Words or phrases that make a job a poor fit ("wordpress", "cold calling"). */
  negativeKeywords?: readonly string[] | null
}

export type ComponentId =
  | 'skills'
  | 'budget'
  | 'clientHireRate'
  | 'clientSpend'
  | 'clientFeedback'
  | 'competition'
  | 'recency'
  | 'experience'
  | 'paymentUnverified'
  | 'negativeKeywords'
  | 'suspiciousWording'
  | 'avoidedCountry'

/**
 * One line of "why this score": `points` is the signed whole number this line added to the
 * score (0 for a neutral line such as "client spend unknown"). `code` and `params` are what the
 * UI translates (REASON_TEMPLATES holds the English; `formatReason` renders it). Text is not
 * built per job: scoring 20,000 jobs would make 200,000 strings nobody reads.
 */
export interface ScoreReason {
  component: ComponentId
  points: number
  code: ReasonCode
  params: Readonly<Record<string, string | number>>
}

export interface FitScore {
  /** Integer 0–100. */
  score: number
  /** Most influential first (by the size of `points`), neutral lines last. */
  reasons: ScoreReason[]
  /** The formula's version (`SCORE_VERSION`); stored with the score so old scores can be redone. */
  scoreVersion: number
}
