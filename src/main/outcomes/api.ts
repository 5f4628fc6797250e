import type { ProposalDetailDto, ProposalDto, ProposalSyncResult, UserMark } from '@shared/proposals'

/**
 * The outcomes domain's API for other main-side domains (the review queue calls
 * `recordSubmission` when a proposal reaches Upwork). README.md beside this file has the details.
 */
export interface RecordSubmission {
  /** The approved draft (ProposalDraft id), or null when there is none. */
  draftId: number | null
  /** The local Job row id (Job.id), or null when the job is not cached. */
  jobId: number | null
  /** Upwork's job id (Job.upworkId): what the sync matches on. */
  upworkJobId: string
  /** Exactly the text that was submitted (the sync matches on it, white space tolerant). */
  coverLetter: string
  bidAmount: number | null
  /**
   * 'outbox': submitted through the API (the outbox item is `sent`/`reconciled`);
   * 'manual': the user submitted on upwork.com and confirmed it in the app.
   */
  source: 'outbox' | 'manual'
  /** Upwork's proposal id when known (the outbox item's `remoteId`). */
  upworkProposalId?: string | null
  /** When it was submitted (epoch ms; the clock's now() at approval/confirmation). */
  at: number
  /** Optional, for the list. */
  jobTitle?: string | null
  /** Connects the submission cost (the draft's connectsCost), when known: analytics' Connects per reply and per hire. */
  connectsSpent?: number | null
}

export interface OutcomesApi {
  /**
   * Records a submitted proposal: creates its Proposal row (status 'Pending', stage 'submitted')
   * and its first status event (source 'app' for the outbox, 'user' for a manual submission), in
   * one transaction. Idempotent per draft and per Upwork proposal id: the same draft (or id) again
   * returns the existing row and writes nothing. Resolves with the proposal and its history.
   */
  recordSubmission(input: RecordSubmission): Promise<ProposalDetailDto>
  list(): Promise<ProposalDto[]>
  get(id: number): Promise<ProposalDetailDto>
  /** A user mark (viewed, replied, interview, hired, lost): a status event with source 'user'. */
  mark(id: number, status: UserMark): Promise<ProposalDetailDto>
  /**
   * A client wrote in the proposal's room (the message sync): the proposal's "replied" stage, a
   * status event with source 'messaging' at the message's time — once, and only while the proposal
   * is not further in the funnel (submitted or viewed). Resolves true when it was recorded.
   */
  recordReply(proposalId: number, at: number): Promise<boolean>
  /** Reads `vendorProposals` now (also run on the schedule). Concurrent calls share one run. */
  syncNow(): Promise<ProposalSyncResult>
  /** Called with every proposal created or changed. Returns the unsubscribe. */
  onChange(listener: (proposal: ProposalDto) => void): () => void
}
