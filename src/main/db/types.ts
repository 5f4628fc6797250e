import type { ClientSnapshot } from '@shared/discovery'

export type { ClientSnapshot }
/**
 * Plain data the repositories return and accept (no Prisma types leak out), plus the allowed
 * values of the schema's "enum-like" String columns (SQLite has no enums in Prisma).
 * Times are epoch milliseconds, like the DTOs in src/shared. The lead may move these to src/shared.
 */

export const JOB_TYPES = ['HOURLY', 'FIXED'] as const
export type JobType = (typeof JOB_TYPES)[number]

export const JOB_USER_STATES = ['new', 'seen', 'saved', 'dismissed'] as const
export type JobUserState = (typeof JOB_USER_STATES)[number]

export const DRAFT_STATUSES = ['draft', 'approved', 'discarded', 'sent'] as const
export type DraftStatus = (typeof DRAFT_STATUSES)[number]

export const DRAFT_VERSION_SOURCES = ['AI', 'USER'] as const
export type DraftVersionSource = (typeof DRAFT_VERSION_SOURCES)[number]

/** Upwork's own proposal statuses: one list for the whole app (src/shared/types.ts). */
export { PROPOSAL_STATUSES, type ProposalStatus } from '@shared/types'

/** The outbox's kinds and states: one list for the whole app (src/shared/outbox.ts). */
export { OUTBOX_KINDS, OUTBOX_STATES, type OutboxKind, type OutboxState } from '@shared/outbox'

export const EXPERIMENT_KINDS = ['template', 'strategy'] as const
export type ExperimentKind = (typeof EXPERIMENT_KINDS)[number]

export const PROFILE_SOURCES = ['upwork', 'manual'] as const
export type ProfileSource = (typeof PROFILE_SOURCES)[number]

/** How long Upwork content may be cached (Upwork API terms: at most 24 hours). */
export const UPWORK_CACHE_TTL_MS = 24 * 60 * 60 * 1000

/** A job as fetched from Upwork, ready to store. Optional fields default to null. */
export interface JobUpsertInput {
  /** Upwork's numeric job id, as text. */
  upworkId: string
  ciphertext: string
  title: string
  description: string
  jobType: JobType
  hourlyMin?: number | null
  hourlyMax?: number | null
  fixedAmount?: number | null
  currency?: string | null
  experienceLevel?: string | null
  category?: string | null
  subcategory?: string | null
  durationLabel?: string | null
  engagement?: string | null
  skills?: string[]
  totalApplicants?: number | null
  publishedAt: number
  client?: Partial<ClientSnapshot> | null
}

export interface JobDto {
  id: number
  upworkId: string
  ciphertext: string
  /** The public posting, https://www.upwork.com/jobs/~<ciphertext>. */
  url: string
  title: string
  description: string
  jobType: JobType
  hourlyMin: number | null
  hourlyMax: number | null
  fixedAmount: number | null
  currency: string | null
  experienceLevel: string | null
  category: string | null
  subcategory: string | null
  durationLabel: string | null
  engagement: string | null
  skills: string[]
  totalApplicants: number | null
  publishedAt: number
  fetchedAt: number
  /** When the cached posting must be deleted; null once the user saved, drafted or applied. */
  expiresAt: number | null
  userState: JobUserState
  client: ClientSnapshot
}

export interface JobPage {
  items: JobDto[]
  /** Pass back as `cursor` for the next page; null on the last page. */
  nextCursor: string | null
}

export interface UpsertJobsResult {
  inserted: number
  updated: number
  /** Database ids by Upwork id, for every job in the input. */
  idsByUpworkId: Map<string, number>
}
