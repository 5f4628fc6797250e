import {
  draftReplySchema,
  followUpIdSchema,
  forThreadSchema,
  listFollowUpsSchema,
  replyDraftIdSchema,
  sendReplySchema,
  type FollowUpDto,
  type FollowUpsChangedEvent,
  type RepliesChangedEvent,
  type ReplyDraftDto,
  type ThreadRepliesDto
} from '../replies'
import { channel, defineDomain, event } from './define'

/**
 * Replies (issue 9 items 3–5): a reply draft per client message (AI or template), sent by the
 * user's click through the outbox, and follow-up reminders after a silence. The draft's text and
 * versions are the drafting domain's (`drafts:get`, `drafts:saveVersion`, `drafts:generate`,
 * `drafts:cancel`, `drafting:chunk`, `drafting:status`). Nothing here sends by itself.
 */
export const repliesContract = defineDomain({
  channels: {
    /** The thread's reply drafts: the open one and the earlier ones (newest first), each with its state and outbox item. */
    'replies:forThread': channel(forThreadSchema)<ThreadRepliesDto>(),
    /**
     * The user asks for a reply by hand: the thread's open draft if there is one, else a new draft
     * answering `storyId` (default: the latest client message), written by the AI (streamed) or a
     * reply template without an AI key. Never a second draft for a message that already has one.
     */
    'replies:draft': channel(draftReplySchema)<ReplyDraftDto>(),
    /**
     * The user clicked Send: `text` must be the draft's newest version (exactly what was shown),
     * else refused (`REPLY_TEXT_CHANGED`: save first). Goes to the outbox with the click's key:
     * sent at most once, `queued` while offline. Refused while the AI writes it, once sent, or
     * while a send is under way.
     */
    'replies:send': channel(sendReplySchema)<ReplyDraftDto>(),
    /** Cancels a send still `queued` (offline): the draft is editable again (state `failed`, code cancelled). */
    'replies:cancelSend': channel(replyDraftIdSchema)<ReplyDraftDto>(),
    /** Throws the reply draft away (not while queued or sending). */
    'replies:discard': channel(replyDraftIdSchema)<ReplyDraftDto>(),
    /** Follow-up reminders, newest first (default: open and drafted). */
    'followUps:list': channel(listFollowUpsSchema)<FollowUpDto[]>(),
    /** Dismisses a reminder; it stays dismissed (that silence never raises another). */
    'followUps:dismiss': channel(followUpIdSchema)<FollowUpDto>(),
    /** Writes the suggested follow-up draft (AI or template; once: again returns the same draft). Never sent by itself. */
    'followUps:draft': channel(followUpIdSchema)<FollowUpDto>()
  },
  events: {
    /** A reply draft was created or changed state (its send's outbox item included). */
    'replies:changed': event<RepliesChangedEvent>(),
    /** A follow-up reminder was raised, drafted, dismissed or ended. */
    'followUps:changed': event<FollowUpsChangedEvent>()
  }
})

