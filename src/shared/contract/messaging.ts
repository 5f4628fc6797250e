import { z } from 'zod'
import {
  THREAD_FILTERS,
  type MessagingStatusDto,
  type NewClientMessagesEvent,
  type OpenThreadEvent,
  type ThreadContextDto,
  type ThreadDto,
  type ThreadListPage
} from '../messaging'
import { channel, defineDomain, event, none } from './define'

/** Upwork room ids are opaque strings; bounded and free of control characters. */
const roomId = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[\w:.@~-]+$/)
/** Cursors are the sync's own opaque page tokens (digits and a separator). */
const cursor = z
  .string()
  .max(64)
  .regex(/^[\w:.-]+$/)

/**
 * Client messaging (issue 9): the inbox read from the local store, the local read mark, and the
 * sync's status. Nothing here writes to Upwork (replies are sent through the outbox).
 */
export const messagingContract = defineDomain({
  channels: {
    /** Threads by last activity, newest first. */
    'messaging:threads': channel(
      z
        .object({
          filter: z.enum(THREAD_FILTERS).default('all'),
          cursor: cursor.nullable().default(null),
          limit: z.number().int().min(1).max(200).default(50)
        })
        .strict()
        .prefault({})
    )<ThreadListPage>(),
    /** One thread and its messages, oldest → newest: the newest `limit`, or those before `before` (olderCursor). */
    'messaging:thread': channel(
      z
        .object({
          roomId,
          before: cursor.nullable().default(null),
          limit: z.number().int().min(1).max(500).default(100)
        })
        .strict()
    )<ThreadDto>(),
    /** What the reply is about: the job, the proposal sent, the client's stats, earlier threads with the client. */
    'messaging:context': channel(z.object({ roomId }).strict())<ThreadContextDto>(),
    /** Marks the thread read here (GigPilot's own mark; nothing is written to Upwork). */
    'messaging:markRead': channel(z.object({ roomId }).strict())<{ roomId: string; unreadCount: number }>(),
    /** Sync now (a user click), whatever the schedule; resolves when it is done. */
    'messaging:syncNow': channel(none)<MessagingStatusDto>(),
    'messaging:status': channel(none)<MessagingStatusDto>()
  },
  events: {
    /** Threads whose summary or messages changed (sync, read mark): re-read them. */
    'messaging:threadsChanged': event<{ roomIds: string[] }>(),
    /** Genuinely new client messages from one sync (never twice, never the first sync's history). */
    'messaging:newClientMessages': event<NewClientMessagesEvent>(),
    'messaging:status': event<MessagingStatusDto>(),
    /** A notification or the tray menu was clicked: show this thread. */
    'messaging:openThread': event<OpenThreadEvent>()
  }
})
