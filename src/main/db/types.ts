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
