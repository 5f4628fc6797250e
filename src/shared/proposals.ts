/**
 * Proposals and their outcomes (issue 8 item 8; what analytics, issue 10, computes from).
 *
 * A proposal's status is kept as it was given: Upwork's own status name (`PROPOSAL_STATUSES`, or
 * one this version does not know yet, kept as text) or the user's mark (`USER_MARKS`). Beside it,
 * a normalized funnel `stage` that analytics counts. Every change is a history row (status, stage,
 * time, source), so funnels and time to reply can be computed.
 */

/** The funnel, in order, then the ways a proposal ends without a hire. */
export const PROPOSAL_STAGES = ['submitted', 'viewed', 'replied', 'interview', 'hired', 'lost', 'declined', 'withdrawn', 'archived'] as const
export type ProposalStage = (typeof PROPOSAL_STAGES)[number]

/** Stages that end a proposal (no further funnel progress expected). */
export const CLOSED_STAGES: readonly ProposalStage[] = ['hired', 'lost', 'declined', 'withdrawn', 'archived']

/** Who made a status change: Upwork (read by the sync), the user (a mark), the app (its own submission), a client's message (the message sync). */
export const STATUS_SOURCES = ['upwork-sync', 'user', 'app', 'messaging'] as const
export type StatusSource = (typeof STATUS_SOURCES)[number]

/** What the user can mark a proposal as (Upwork does not tell all of these). */
export const USER_MARKS = ['viewed', 'replied', 'interview', 'hired', 'lost'] as const
export type UserMark = (typeof USER_MARKS)[number]

/** How the proposal reached Upwork: through the outbox, by the user on upwork.com after approving a draft, or found by the sync only. */
export const SUBMISSION_SOURCES = ['outbox', 'manual', 'upwork'] as const
export type SubmissionSource = (typeof SUBMISSION_SOURCES)[number]

/**
 * Upwork's status names (upwork-api.md §2.6) → the funnel stage. `Activated` is a proposal the
 * client engaged with (a conversation opened), `Accepted` an accepted invitation/candidacy the client
 * is interviewing, `Offered` an offer made. An unknown name → null: kept as text, stage unchanged.
 */
const UPWORK_STAGE: Readonly<Record<string, ProposalStage>> = {
  Pending: 'submitted',
  Activated: 'replied',
  Accepted: 'interview',
  Offered: 'interview',
  Hired: 'hired',
  Declined: 'declined',
  Withdrawn: 'withdrawn',
  Archived: 'archived'
}

export function stageOfUpworkStatus(status: string): ProposalStage | null {
  return Object.hasOwn(UPWORK_STAGE, status) ? (UPWORK_STAGE[status] as ProposalStage) : null
}

export function stageOfMark(mark: UserMark): ProposalStage {
  return mark
}

export interface ProposalStatusEventDto {
  /** The status before (null for the first row). */
  from: string | null
  /** The status as given: Upwork's name or the user's mark. */
  to: string
  /** The funnel stage after this change (null: a status this version does not know). */
  stage: ProposalStage | null
  /** ISO time of the change: Upwork's when it gives one (auditDetails), else when it was seen or made. */
  at: string
  source: StatusSource
}

export interface ProposalDto {
  id: number
  upworkProposalId: string | null
  draftId: number | null
  jobId: number | null
  upworkJobId: string | null
  jobTitle: string | null
  /** The latest status, as given (Upwork's name or the user's mark). */
  status: string
  /** The latest Upwork status seen by the sync, as Upwork sent it (null: never synced). */
  upworkStatus: string | null
  stage: ProposalStage | null
  submissionSource: SubmissionSource
  bidAmount: number | null
  /** Connects the submission cost, when known (optional in the DTO: older fakes leave it out). */
  connectsSpent?: number | null
  submittedAt: string | null
  statusChangedAt: string
  /** How the sync matched this proposal to a local draft: id, exact text, similar text, or not at all. */
  match: 'id' | 'text' | 'similar' | 'none' | null
}

export interface ProposalDetailDto extends ProposalDto {
  coverLetter: string | null
  /** Oldest first. */
  history: ProposalStatusEventDto[]
}

export interface ProposalSyncResult {
  /** Proposals read from Upwork. */
  seen: number
  /** New Proposal rows (found on Upwork only). */
  created: number
  /** Local proposals matched to their Upwork proposal for the first time. */
  matched: number
  /** Status changes recorded. */
  changes: number
  /** Entries Upwork sent that could not be read (skipped, counted). */
  skipped: number
  /** Pages read (each one API request). */
  pages: number
}

/** What the app status carries about the proposal sync. */
export interface ProposalSyncStatus {
  state: 'idle' | 'syncing'
  /** ISO time of the last finished sync (ok or not). */
  lastSyncAt: string | null
  lastResult: ProposalSyncResult | null
  /** The last sync's error in plain words (null when it succeeded). */
  lastError: string | null
}
