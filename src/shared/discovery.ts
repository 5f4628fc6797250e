import { z } from 'zod'
import type { JobAnalysisDto } from './ai'

/**
 * Job discovery's plain data, shared by main and the renderer: the saved search definition, the
 * freelancer profile, job statuses and the DTOs the discovery channels return. Times are epoch ms.
 */

export const JOB_STATUSES = ['new', 'seen', 'saved', 'dismissed', 'drafted', 'applied'] as const
export type JobStatus = (typeof JOB_STATUSES)[number]
/** Statuses that make a job the user's: never pruned by the 24 h cache rule. */
export const KEPT_STATUSES: readonly JobStatus[] = ['saved', 'drafted', 'applied']

const terms = z.array(z.string().trim().min(1).max(100)).max(50).default([])
const money = z.number().finite().min(0).max(1_000_000_000)
const optMoney = money.nullable().default(null)

const clientFiltersSchema = z.object({
  paymentVerified: z.boolean().default(false),
  minHires: z.number().int().min(0).max(1_000_000).nullable().default(null),
  minTotalSpent: optMoney,
  minFeedback: z.number().min(0).max(5).nullable().default(null),
  /** 0–100 (%). */
  minHireRate: z.number().min(0).max(100).nullable().default(null),
  countriesIn: z.array(z.string().min(1).max(100)).max(250).default([]),
  countriesOut: z.array(z.string().min(1).max(100)).max(250).default([])
})

/** A saved search's filters (issue 7 item 2). Filters Upwork ignores server-side are applied locally by the poller. */
export const searchFiltersSchema = z.object({
  /** Free text sent to Upwork as is (may be empty when terms are used). */
  query: z.string().max(500).default(''),
  allTerms: terms,
  anyTerms: terms,
  exactPhrases: terms,
  excludeTerms: terms,
  categoryIds: z.array(z.string().min(1).max(100)).max(50).default([]),
  skillIds: z.array(z.string().min(1).max(100)).max(100).default([]),
  experienceLevel: z.enum(['ENTRY_LEVEL', 'INTERMEDIATE', 'EXPERT']).nullable().default(null),
  contractType: z.enum(['HOURLY', 'FIXED']).nullable().default(null),
  budgetMin: optMoney,
  budgetMax: optMoney,
  hourlyMin: optMoney,
  hourlyMax: optMoney,
  client: clientFiltersSchema.prefault({}),
  maxApplicants: z.number().int().min(0).max(100_000).nullable().default(null),
  postedWithinHours: z.number().int().min(1).max(24 * 90).nullable().default(null),
  /**
   * Workloads to keep, as Upwork labels a job's `engagement` (WORKLOAD_OPTIONS); empty: any. Never
   * sent (Upwork's `workload_eq` returns nothing): filtered locally, a job without a workload kept.
   */
  workload: z.array(z.string().trim().min(1).max(100)).max(10).default([])
})
export type SearchFilters = z.output<typeof searchFiltersSchema>

/**
 * The filters as the renderer may send them (the contract): the same fields, refusing an unknown
 * key at every level. Stored filters are read with the lenient schema above, so a key an older
 * version wrote never resets a user's search.
 */
export const searchFiltersInputSchema = searchFiltersSchema.extend({ client: clientFiltersSchema.strict().prefault({}) }).strict()

/** The workload labels Upwork's job `engagement` field gives (for the saved search editor's choices). */
export const WORKLOAD_OPTIONS = ['Less than 30 hrs/week', 'More than 30 hrs/week', 'Hours to be determined'] as const

/**
 * One key per workload whatever the spelling ("More than 30 hrs/week" and "30+ hrs/week" are the
 * same workload): lower case, spaces collapsed, "30+" read as "more than 30".
 */
export function workloadKey(label: string): string {
  const k = label.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim()
  if (/less than 30|< ?30/.test(k)) return 'less than 30 hrs/week'
  if (/more than 30|30 ?\+|> ?30/.test(k)) return 'more than 30 hrs/week'
  if (/to be determined|as needed|not sure/.test(k)) return 'hours to be determined'
  return k
}
export type SearchFiltersInput = z.input<typeof searchFiltersSchema>

export const DEFAULT_SEARCH_INTERVAL_MINUTES = 5

export const savedSearchInputSchema = z.object({
  name: z.string().trim().min(1).max(120),
  filters: searchFiltersSchema.prefault({}),
  intervalMinutes: z.number().int().min(1).max(24 * 60).default(DEFAULT_SEARCH_INTERVAL_MINUTES),
  paused: z.boolean().default(false)
})
export type SavedSearchInput = z.input<typeof savedSearchInputSchema>

/** The outcome of a search's last run ("never a silent zero"). */
export interface SearchRunResult {
  ok: boolean
  /** Jobs the run received (after local filters). */
  found: number
  /** Of those, new to the database. */
  new: number
  /** Jobs dropped as bad input, with a count (never silently). */
  skipped: number
  /** Jobs removed by local filters. */
  filteredOut?: number
  /** An error message key or text when ok is false. */
  error?: string | null
}

export interface SavedSearchDto {
  id: number
  name: string
  filters: SearchFilters
  intervalMinutes: number
  paused: boolean
  lastRunAt: number | null
  lastResult: SearchRunResult | null
  lastError: string | null
  nextRunAt: number | null
  /** Jobs of this search still in status "new". */
  newCount: number
  createdAt: number
  updatedAt: number
}

export const portfolioItemSchema = z.object({
  title: z.string().trim().min(1).max(200),
  description: z.string().max(5000).default(''),
  url: z.string().max(2000).nullable().default(null)
})

/**
 * The score components and their default points (main's scoring/weights.ts builds its schema from
 * these; Settings → Profile shows them). Fit components move a score by ±weight around 50; red
 * flags only subtract.
 */
export const SCORE_WEIGHT_DEFAULTS = {
  skills: 18,
  budget: 10,
  clientHireRate: 4,
  clientSpend: 4,
  clientFeedback: 3,
  competition: 5,
  recency: 4,
  experience: 2,
  paymentUnverified: 10,
  negativeKeywords: 25,
  suspiciousWording: 25,
  avoidedCountry: 40
} as const
export type ScoreComponent = keyof typeof SCORE_WEIGHT_DEFAULTS
export const RED_FLAG_COMPONENTS: readonly ScoreComponent[] = ['paymentUnverified', 'negativeKeywords', 'suspiciousWording', 'avoidedCountry']

/** Points per score component (main's scoring/weights.ts names them); a missing one is the default. */
export const scoreWeightsPatchSchema = z
  .record(z.string().max(40), z.number().finite().min(0).max(100))
  .refine((weights) => Object.keys(weights).length <= 40, 'Too many score weights.')

const profileFields = {
  name: z.string().max(200),
  title: z.string().max(300),
  bio: z.string().max(10_000),
  skills: z.array(z.string().trim().min(1).max(100)).max(200),
  hourlyRate: money.nullable(),
  minFixedBudget: money.nullable(),
  yearsExperience: z.number().min(0).max(80).nullable(),
  portfolio: z.array(portfolioItemSchema).max(100),
  avoidCountries: z.array(z.string().trim().min(1).max(100)).max(250),
  negativeKeywords: z.array(z.string().trim().min(1).max(100)).max(200),
  /** The user's tuning of the score: points per component. */
  scoreWeights: scoreWeightsPatchSchema
}
export const profileSchema = z.object({
  name: profileFields.name.default(''),
  title: profileFields.title.default(''),
  bio: profileFields.bio.default(''),
  skills: profileFields.skills.default([]),
  hourlyRate: profileFields.hourlyRate.default(null),
  minFixedBudget: profileFields.minFixedBudget.default(null),
  yearsExperience: profileFields.yearsExperience.default(null),
  portfolio: profileFields.portfolio.default([]),
  avoidCountries: profileFields.avoidCountries.default([]),
  negativeKeywords: profileFields.negativeKeywords.default([]),
  scoreWeights: profileFields.scoreWeights.default({})
})
export type ProfileDto = z.output<typeof profileSchema> & { source: 'upwork' | 'manual'; importedAt: number | null; updatedAt: number | null }
/** A change to some fields: no defaults here (zod's partial() keeps them, which would reset every field not given). */
export const profilePatchSchema = z.object(profileFields).partial()
/** The patch as the renderer may send it (the contract): a portfolio item with an unknown key is refused too. */
export const profilePatchInputSchema = profilePatchSchema.extend({ portfolio: z.array(portfolioItemSchema.strict()).max(100).optional() }).strict()

export interface ScoreReasonDto {
  component: string
  points: number
  code: string
  params: Record<string, string | number>
}

export interface JobListItem {
  id: number
  upworkId: string
  url: string
  /** Empty once the 24 h cache rule pruned the content (`contentPruned`). */
  title: string
  jobType: string | null
  hourlyMin: number | null
  hourlyMax: number | null
  fixedAmount: number | null
  currency: string | null
  totalApplicants: number | null
  clientVerified: boolean | null
  clientTotalSpent: number | null
  clientFeedback: number | null
  clientCountry: string | null
  score: number | null
  status: JobStatus
  publishedAt: number
  firstSeenAt: number
  contentPruned: boolean
}

export interface JobDetailDto extends JobListItem {
  description: string
  skills: string[]
  experienceLevel: string | null
  category: string | null
  subcategory: string | null
  durationLabel: string | null
  engagement: string | null
  client: ClientSnapshot
  reasons: ScoreReasonDto[]
  scoreVersion: number | null
  scoredAt: number | null
  searchIds: number[]
  /** The AI analysis for the current profile and model (jobs:get fills it; null when there is none). */
  analysis?: JobAnalysisDto | null
}

export interface JobListPage {
  items: JobListItem[]
  nextCursor: string | null
  total: number
}

/** The posting's client, as shown on the job (the search result carries no stable client id). */
export interface ClientSnapshot {
  verified: boolean | null
  totalSpent: number | null
  hires: number | null
  postedJobs: number | null
  /** Average feedback 0–5. */
  feedback: number | null
  reviews: number | null
  country: string | null
  city: string | null
  timezone: string | null
}
