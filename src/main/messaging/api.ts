import type { MessageDto, NewClientMessageDto, ThreadContextDto, ThreadSummaryDto } from '@shared/messaging'

/**
 * What the messaging module's factory hands to other domains (the "replies" domain drafts replies
 * and runs follow-up clocks from these). Everything reads GigPilot's own store; nothing writes to
 * Upwork.
 */
export interface ThreadReader {
  /** One thread's summary, or null when the room is not stored. */
  get(roomId: string): Promise<ThreadSummaryDto | null>
  /** The newest `limit` (default 50, at most 500) messages, oldest → newest. */
  messages(roomId: string, options?: { limit?: number }): Promise<MessageDto[]>
  /** Threads by last activity, newest first (default: 50). */
  list(options?: { filter?: 'all' | 'unread'; limit?: number }): Promise<ThreadSummaryDto[]>
  /** The job, the proposal sent, the client's stats and earlier threads with the client (as messaging:context). */
  context(roomId: string): Promise<ThreadContextDto>
}

/** The signed-in user's own messages seen in a room (after an outbox send, or written on upwork.com). */
export interface OwnMessageDto {
  messageId: number
  storyId: string
  roomId: string
  sentAt: number
  jobId: number | null
  proposalId: number | null
}

export interface MessagingApi {
  threads: ThreadReader
  /**
   * Called once per genuinely new client message, ever (persisted mark: a restart never re-fires;
   * the first sync of an account's history is backfill and fires nothing). One call per sync with
   * that sync's new messages, oldest first. Returns the unsubscribe.
   */
  onClientMessages(listener: (messages: NewClientMessageDto[]) => void): () => void
  /** Called once per own message first seen by the sync (backfill included, so clocks know the last own message). Returns the unsubscribe. */
  onOwnMessages(listener: (messages: OwnMessageDto[]) => void): () => void
  /** Sync now and wait for it (e.g. the outbox reconciling a sent reply reads the room back through the sync). */
  syncNow(): Promise<void>
  /** Unread client messages across threads (the tray badge's messaging part). */
  unreadCount(): Promise<number>
}
