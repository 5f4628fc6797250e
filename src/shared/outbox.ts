import { z } from 'zod'

/**
 * The outbox's words and shapes, shared by main and the renderer. Everything GigPilot sends to
 * Upwork is an outbox item created by one user click (the click's idempotency key), sent at most
 * once. States:
 *
 *   queued ──► sending ──► sent
 *     │           ├──────► failed ──(user clicks "send again")──► sending
 *     │           └──────► unknown ──(read back: found)─────────► reconciled
 *     │                       └──────(read back: not there)─────► failed
 *     └──(user cancels)──► failed (code "cancelled")
 *
 * `sending` is written to disk before the request leaves; one found at start (the app stopped
 * mid-send) becomes `unknown`. An `unknown` item is never sent again: it is settled by reading
 * Upwork back (the proposals list, the conversation).
 */
export const OUTBOX_STATES = ['queued', 'sending', 'sent', 'failed', 'unknown', 'reconciled'] as const
export type OutboxState = (typeof OUTBOX_STATES)[number]

export const OUTBOX_KINDS = ['proposal', 'message'] as const
export type OutboxKind = (typeof OUTBOX_KINDS)[number]

/** States a user click may send from: `queued` (not yet sent) and `failed` (known not to have arrived). */
export const SENDABLE_STATES: readonly OutboxState[] = ['queued', 'failed']
/** Final: the item is on Upwork. */
export const DONE_STATES: readonly OutboxState[] = ['sent', 'reconciled']

/** Exactly what a proposal submission sends (the text the user approved). */
export const proposalPayloadSchema = z
  .object({
    /** Upwork's numeric job id (as text). */
    jobId: z.string().regex(/^\d{1,30}$/),
    /** For the list: the job's title as the user saw it (not sent). */
    jobTitle: z.string().max(500).optional(),
    coverLetter: z.string().min(1).max(50_000),
    /** The bid: hourly rate or fixed price. */
    chargedAmount: z.number().positive().finite(),
    estimatedDurationId: z.string().max(50).nullable().optional(),
    questions: z.array(z.object({ question: z.string().max(2_000), answer: z.string().max(10_000) }).strict()).max(20).optional()
  })
  .strict()
export type ProposalPayload = z.infer<typeof proposalPayloadSchema>

/** Exactly what a message send posts. */
export const messagePayloadSchema = z
  .object({
    /** Upwork's room id. */
    roomId: z.string().min(1).max(200),
    text: z.string().min(1).max(10_000)
  })
  .strict()
export type MessagePayload = z.infer<typeof messagePayloadSchema>

export const idempotencyKeySchema = z.string().min(8).max(200).regex(/^[\w:.-]+$/)

export interface OutboxEventDto {
  /** null for the item's creation. */
  from: OutboxState | null
  to: OutboxState
  /** ISO time. */
  at: string
  /** What caused it (e.g. "created", "interrupted", "read back: found"); not user text. */
  detail: string | null
}

export interface OutboxErrorDto {
  /** Stable: e.g. network, rate_limited, submit_unavailable, not_arrived, cancelled. */
  code: string
  /** In the language in force. */
  message: string
}

interface OutboxItemBase {
  id: number
  state: OutboxState
  idempotencyKey: string
  draftId: number | null
  attempts: number
  lastError: OutboxErrorDto | null
  /** Upwork's id of what was created (proposal id, story id) once known. */
  remoteId: string | null
  createdAt: string
  updatedAt: string
  sentAt: string | null
  /** Oldest first. */
  history: OutboxEventDto[]
}

export type OutboxItemDto =
  | (OutboxItemBase & { kind: 'proposal'; payload: ProposalPayload })
  | (OutboxItemBase & { kind: 'message'; payload: MessagePayload })
