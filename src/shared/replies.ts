import { z } from 'zod'
import type { GenerationState, OutputCheckDto } from './drafting'
import { idempotencyKeySchema, type OutboxItemDto } from './outbox'

/**
 * The replies domain's plain data, shared by main and the renderer (issue 9 items 3–5): a reply
 * draft for a client message (a `kind = reply` draft of the drafting domain: its text and versions
 * are edited through `drafts:get` / `drafts:saveVersion` / `drafts:generate` / `drafts:cancel` and
 * streamed as `drafting:chunk`), its send through the outbox, and follow-up reminders.
 * Times are epoch ms.
 */

/**
 * Where a reply draft is, for the inbox:
 * - `draft`: editable, not sent (written by the AI or a template, or the user's edit);
 * - `generating`: the AI is writing it (chunks arrive as `drafting:chunk`);
 * - `queued`: the user clicked Send while offline: waits in the outbox, cancellable (`replies:cancelSend`);
 * - `sending`: the request is on its way;
 * - `unknown`: the request left with no clear answer: GigPilot reads the room back (never resends);
 * - `sent`: on Upwork; `reconciled`: on Upwork, found by reading the room back;
 * - `failed`: known not to have arrived (refused, cancelled, not found on read-back): editable, can be sent again;
 * - `discarded`: the user threw it away.
 */
export const REPLY_STATES = ['draft', 'generating', 'queued', 'sending', 'unknown', 'sent', 'reconciled', 'failed', 'discarded'] as const
export type ReplyState = (typeof REPLY_STATES)[number]

/** What the draft is for: answering the client's message(s), or a follow-up after a silence. */
export const REPLY_PURPOSES = ['reply', 'followUp'] as const
export type ReplyPurpose = (typeof REPLY_PURPOSES)[number]

/** How the draft's first text was written: the AI, a reply template (no AI key, over budget), or the user (empty draft asked by hand). */
export const REPLY_ORIGINS = ['ai', 'template', 'user'] as const
export type ReplyOrigin = (typeof REPLY_ORIGINS)[number]

export interface ReplyDraftDto {
  /** The drafting domain's draft id (`drafts:get {id}` for the versions, DraftEditor). */
  draftId: number
  /** Upwork's room id (MessageThread.roomId). */
  roomId: string
  purpose: ReplyPurpose
  state: ReplyState
  generation: GenerationState
  origin: ReplyOrigin
  /** The newest version's text ('' before any): what `replies:send` must be given to send it. */
  text: string
  currentSeq: number | null
  /** The client story this draft answers: the latest of the messages it covers (null: asked by hand on a thread with no client message, or a follow-up). */
  answersStoryId: string | null
  /** Every client story this draft covers (a burst of messages is answered by one draft), oldest first. */
  coversStoryIds: string[]
  /**
   * Client messages arrived after the user edited this draft: it still answers the earlier ones
   * (GigPilot does not overwrite the user's words); `drafts:generate` rewrites it for the latest.
   */
  stale: boolean
  /** The latest AI text failed an output check (links/e-mail/phone not in the profile, copied instruction…). */
  flagged: boolean
  checks: OutputCheckDto[]
  /** The follow-up reminder this draft was made for (purpose followUp). */
  followUpId: number | null
  /** The outbox item of the latest Send click (null: never sent). */
  outboxItem: OutboxItemDto | null
  createdAt: number
  updatedAt: number
}

/** A thread's reply drafts: the one being worked on (not sent, not discarded) and the earlier ones. */
export interface ThreadRepliesDto {
  roomId: string
  /** The open draft (draft / generating / queued / sending / unknown / failed), if any. */
  current: ReplyDraftDto | null
  /** Every reply draft of the thread, newest first (the current one included). */
  drafts: ReplyDraftDto[]
}

/** Why a follow-up is suggested: the client went quiet after the user's message, or after a proposal. */
export const FOLLOW_UP_KINDS = ['thread', 'proposal'] as const
export type FollowUpKind = (typeof FOLLOW_UP_KINDS)[number]

/**
 * `open`: shown, not acted on; `drafted`: its follow-up draft exists (still never sent by itself);
 * `dismissed`: the user dismissed it (stays dismissed); `ended`: the client wrote (or the draft was
 * sent), the silence is over.
 */
export const FOLLOW_UP_STATUSES = ['open', 'drafted', 'dismissed', 'ended'] as const
export type FollowUpStatus = (typeof FOLLOW_UP_STATUSES)[number]

export interface FollowUpDto {
  id: number
  kind: FollowUpKind
  status: FollowUpStatus
  /** The room (thread kind; proposal kind when the proposal has a room), else null: the follow-up cannot be sent from GigPilot, only copied. */
  roomId: string | null
  /** The local Proposal id (proposal kind; thread kind when the thread is linked to one). */
  proposalId: number | null
  /** For the list: the thread's or the job's title, the client's name. */
  title: string
  clientName: string | null
  /** When the silence began: the user's last message, or the proposal's submission. */
  silenceSince: number
  /** Days of silence when it was raised (the `messaging.followUpDays` setting then). */
  days: number
  /** The suggested follow-up draft (after `followUps:draft`). */
  draftId: number | null
  /** Can be sent through the outbox (there is a room). */
  sendable: boolean
  createdAt: number
  updatedAt: number
}

/** `replies:changed`: a thread's reply draft was created or changed state (the DTO as it now is). */
export type RepliesChangedEvent = ReplyDraftDto

/** `followUps:changed`: a reminder was raised, drafted, dismissed or ended. */
export type FollowUpsChangedEvent = FollowUpDto

const id = z.number().int().positive()
const roomId = z.string().trim().min(1).max(200)

export const forThreadSchema = z.object({ roomId }).strict()
export const draftReplySchema = z
  .object({
    roomId,
    /** The client story to answer (default: the thread's latest client message). */
    storyId: z.string().trim().min(1).max(200).optional()
  })
  .strict()
export const sendReplySchema = z
  .object({
    draftId: id,
    /** Exactly the text the user saw; refused when it is not the draft's newest version (save it first), or over Upwork's 10,000 characters (in words). */
    text: z.string().min(1).max(20_000),
    /** One per click (e.g. crypto.randomUUID() when Send is pressed): the same key twice sends once. */
    idempotencyKey: idempotencyKeySchema
  })
  .strict()
export const replyDraftIdSchema = z.object({ draftId: id }).strict()
export const followUpIdSchema = z.object({ id }).strict()
export const listFollowUpsSchema = z
  .object({
    /** Default: the ones that need the user (open, drafted). */
    statuses: z.array(z.enum(FOLLOW_UP_STATUSES)).max(FOLLOW_UP_STATUSES.length).nullable().default(null)
  })
  .strict()
  .prefault({})
