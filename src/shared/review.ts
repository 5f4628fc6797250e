import { z } from 'zod'
import type { BidDto, OutputCheckDto } from './drafting'
import { idempotencyKeySchema, type OutboxItemDto } from './outbox'

/**
 * The review queue ("Autopilot", issue 8 item 6), shared by main and the renderer. Autopilot
 * prepares drafts for the best new matches on the user's schedule and queues them (draft status
 * `queued`); it never approves. The user approves one click at a time: through the outbox when
 * the key can submit proposals, else the text is copied, the job opened on Upwork, and the user
 * confirms it was submitted. Times are epoch ms.
 */

/** One queued (or approved, awaiting the outbox or the user's confirmation) draft, with its job. */
export interface ReviewItemDto {
  draftId: number
  /** `queued` = waiting for review; `approved` = approved, waiting for the outbox or for "I submitted it". */
  status: 'queued' | 'approved'
  /** How an approved draft goes out (null while queued). */
  approval: { mode: 'outbox' | 'manual'; outboxItemId: number | null } | null
  jobId: number | null
  /** The job as the draft was written against it (kept when the job's content expires). */
  job: {
    title: string
    url: string | null
    jobType: string | null
    hourlyMin: number | null
    hourlyMax: number | null
    fixedAmount: number | null
    currency: string | null
    skills: string[]
    clientCountry: string | null
    clientVerified: boolean | null
    clientTotalSpent: number | null
    clientFeedback: number | null
    totalApplicants: number | null
    publishedAt: number | null
  }
  /** The job's fit score (null when unscored). */
  score: number | null
  bid: BidDto
  /** The current (newest) version's text and its number. */
  text: string
  currentSeq: number | null
  checks: OutputCheckDto[]
  templateId: number | null
  strategy: string | null
  /** Prepared by Autopilot (the first version's author). */
  byAutopilot: boolean
  createdAt: number
  updatedAt: number
}

export type ApproveResultDto =
  /** Submitted through the outbox: the item's state (sent, queued offline, unknown, failed…). */
  | { mode: 'outbox'; draftId: number; item: OutboxItemDto }
  /** The key cannot submit: copy `text`, open `jobUrl`, then `review:confirmApplied`. */
  | { mode: 'manual'; draftId: number; text: string; jobUrl: string }

/** Why the last Autopilot run stopped (worded by `review.autopilot.stop.<reason>`). */
export const AUTOPILOT_STOP_REASONS = ['done', 'noCandidates', 'dailyLimit', 'budget', 'hourlyLimit', 'aiFailed', 'paused', 'error'] as const
export type AutopilotStopReason = (typeof AUTOPILOT_STOP_REASONS)[number]

export interface AutopilotRunDto {
  startedAt: number
  finishedAt: number | null
  prepared: number
  stopReason: AutopilotStopReason | null
  /** In words (the language in force), e.g. the budget refusal as the AI module says it. */
  message: string | null
}

export interface AutopilotStatusDto {
  enabled: boolean
  /** Automation is paused (tray / Settings): Autopilot does not run. */
  paused: boolean
  running: boolean
  /** Drafts prepared today (the local day), against the daily limit. */
  preparedToday: number
  topN: number
  lastRun: AutopilotRunDto | null
  /** When the schedule runs next (null when off or paused). */
  nextRunAt: number | null
}

export interface ReviewChangedEvent {
  draftId: number
  status: 'queued' | 'approved' | 'sent' | 'discarded'
}

const id = z.number().int().positive()

export const approveSchema = z
  .object({
    draftId: id,
    /** One per click (e.g. crypto.randomUUID() when Approve is pressed): the same key twice sends once. */
    idempotencyKey: idempotencyKeySchema,
    /** The text as shown (saved as the approved version when it differs from the newest one). */
    text: z.string().min(1).max(20_000).optional()
  })
  .strict()

export const draftIdSchema = z.object({ draftId: id }).strict()

export const reviewQueueSchema = z
  .object({ limit: z.number().int().min(1).max(1000).default(500) })
  .strict()
  .prefault({})
