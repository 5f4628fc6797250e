/**
 * Client messaging (issue 9): the inbox's DTOs. Upwork's rooms are "threads" here and its stories
 * "messages". Everything is read from GigPilot's own store (SQLite), which the message sync
 * (src/main/messaging) fills from Upwork; nothing here writes to Upwork (sending is the outbox's).
 *
 * Times are epoch milliseconds. Message text from clients is untrusted: show it as text.
 */
import type { ClientSnapshot, JobDetailDto } from './discovery'
import type { ProposalStage } from './proposals'
import type { PollingPauseReason } from './types'

export const THREAD_FILTERS = ['all', 'unread'] as const
export type ThreadFilter = (typeof THREAD_FILTERS)[number]

/** The longest preview of the last message in a thread summary (characters). */
export const MESSAGE_PREVIEW_CHARS = 160

export interface LastMessagePreview {
  /** At most MESSAGE_PREVIEW_CHARS characters, whitespace collapsed; empty for a deleted message. */
  text: string
  fromMe: boolean
  deleted: boolean
  sentAt: number
}

/** One thread (an Upwork room) as the inbox lists it. */
export interface ThreadSummaryDto {
  /** Upwork's room id: the thread's id everywhere. */
  roomId: string
  /** The room's topic (often the job title) or its name. */
  title: string
  /** The other side's name (the client), when Upwork gives one. */
  clientName: string | null
  /** ONE_ON_ONE | GROUP | INTERVIEW … as Upwork says (null: not given). */
  roomType: string | null
  /** Unread client messages: Upwork's count, or 0 once marked read here (a later client message counts again). */
  unreadCount: number
  /** The latest message's time (else when the room was first seen). */
  lastActivityAt: number
  lastMessage: LastMessagePreview | null
  /** The local job (Job.id) and proposal (Proposal.id) this room is about, when known. */
  jobId: number | null
  proposalId: number | null
  /** Upwork's ids, when the room carries them. */
  upworkProposalId: string | null
  contractId: string | null
  /** The room no longer appears on Upwork: its history is kept, it cannot be answered. */
  gone: boolean
}

export interface ThreadListPage {
  items: ThreadSummaryDto[]
  /** Pass as `cursor` for the next page; null on the last one. */
  nextCursor: string | null
  /** Threads matching the filter. */
  total: number
  /** Threads with unread client messages (all of them, whatever the filter). */
  unreadThreads: number
}

/** One message (an Upwork story). */
export interface MessageDto {
  /** Local id (Message.id). */
  id: number
  /** Upwork's story id. */
  storyId: string
  roomId: string
  authorName: string | null
  authorId: string | null
  /** Written by the signed-in user (compared with the account's user id). */
  fromMe: boolean
  /** As stored (capped by the sync; `truncated` says so). Empty when `deleted`. */
  text: string
  sentAt: number
  /** Set when the text changed on Upwork after it was first seen ("edited"). */
  editedAt: number | null
  /** Gone from the room on a later read, or emptied: shown as "deleted", not dropped. */
  deleted: boolean
  /** The original was longer than GigPilot keeps; the rest is on Upwork. */
  truncated: boolean
}

export interface ThreadDto {
  thread: ThreadSummaryDto
  /** Oldest → newest: the newest `limit` messages, or those before `before`. */
  messages: MessageDto[]
  /** Pass as `before` to read the older page; null when this page starts at the beginning. */
  olderCursor: string | null
  /** Messages stored for this thread in all. */
  total: number
}

/** The proposal the room is about, as it was sent. */
export interface ThreadProposalDto {
  id: number
  upworkProposalId: string | null
  /** The cover letter as sent (null when GigPilot does not have it). */
  text: string | null
  bidAmount: number | null
  /** Upwork's status name or the user's mark, as given. */
  status: string
  stage: ProposalStage | null
  submittedAt: string | null
}

export interface ThreadContextDto {
  roomId: string
  /** The local job, when the room is linked to one and it is still stored. */
  job: JobDetailDto | null
  /** What the room says about the job when there is no stored job (the topic), so the panel is never empty. */
  jobTitle: string | null
  proposal: ThreadProposalDto | null
  client: {
    name: string | null
    /** Upwork's user id of the client, when the room says. */
    userId: string | null
    /** From the linked job's posting (null without a job). */
    stats: ClientSnapshot | null
  }
  /** Other threads with the same client (same client user id), newest first, at most 20. */
  earlierThreads: ThreadSummaryDto[]
}

export type MessagingSyncState = 'never' | 'idle' | 'syncing' | 'paused' | 'error'

export interface MessagingStatusDto {
  state: MessagingSyncState
  /** The last sync that finished (ok or not). */
  lastSyncAt: number | null
  /** The last sync that finished without an error. */
  lastOkAt: number | null
  /** When the next sync is planned (null while paused or never scheduled). */
  nextSyncAt: number | null
  /** Why syncing is paused (empty: running). */
  pausedReasons: PollingPauseReason[]
  /** The last sync's problem in plain words (the language in force), null when it went well. */
  error: string | null
  /** Upwork requests the last sync made, and in the last hour. */
  requests: { lastSync: number; lastHour: number }
  /** The first sync of this account's history is done (from then on new client messages notify). */
  backfillDone: boolean
  /** Threads and unread threads stored. */
  threads: number
  unreadThreads: number
}

/** One genuinely new client message (fired once, ever; never for the first sync's history). */
export interface NewClientMessageDto {
  messageId: number
  storyId: string
  roomId: string
  clientName: string | null
  /** A short preview (MESSAGE_PREVIEW_CHARS). */
  preview: string
  sentAt: number
  jobId: number | null
  proposalId: number | null
}

export interface NewClientMessagesEvent {
  messages: NewClientMessageDto[]
  /** Distinct rooms among them. */
  threads: number
}

/** `messaging:openThread`: a notification or the tray menu asks the window to show this thread. */
export interface OpenThreadEvent {
  roomId: string
}

/** Collapses whitespace and cuts to `max` characters (with an ellipsis). */
export function previewOf(text: string, max = MESSAGE_PREVIEW_CHARS): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`
}
