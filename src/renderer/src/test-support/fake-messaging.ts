import type { ChannelName, EventMap, EventName } from '@shared/contract'
import { previewOf, type MessageDto, type MessagingStatusDto, type ThreadContextDto, type ThreadSummaryDto } from '@shared/messaging'
import type { OutboxItemDto, OutboxState } from '@shared/outbox'
import type { FollowUpDto, ReplyDraftDto, ReplyState } from '@shared/replies'
import type { FakeDrafting } from './fake-drafting'
import type { FakeHandlers } from './fake-bridge'
import type { FakeReview } from './fake-review'

type MessagingChannel = Extract<ChannelName, `messaging:${string}` | `replies:${string}` | `followUps:${string}`>

const coded = (code: string, message: string): Error => Object.assign(new Error(message), { code })
const noRoom = (): never => {
  throw coded('THREAD_NOT_FOUND', 'That conversation is not in GigPilot.')
}

const BASE = Date.UTC(2026, 11, 1, 9)

interface Reply {
  draftId: number
  roomId: string
  purpose: ReplyDraftDto['purpose']
  origin: ReplyDraftDto['origin']
  answersStoryId: string | null
  followUpId: number | null
  discarded: boolean
  outboxItemId: number | null
  createdAt: number
}

/**
 * Client messaging and replies in memory for the fake main: threads (rooms) with their messages,
 * each thread's context, reply drafts (drafts of kind `reply` in the drafting fake, so the editor
 * reads and saves them as main's drafting domain does) whose sends are message items in the review
 * fake's outbox (so outbox:retry and outbox:changed work as in main), and follow-up reminders.
 * `online = false` makes a send wait `queued`, as main's outbox does offline.
 */
export class FakeMessaging {
  threads: ThreadSummaryDto[] = []
  messages = new Map<string, MessageDto[]>()
  contexts = new Map<string, Partial<ThreadContextDto>>()
  followUps: FollowUpDto[] = []
  /** Sends go out at once (`sent`, the message appears in the thread); offline they wait `queued`. */
  online = true
  /** What replies:draft writes (an AI draft streams through `drafting.stream` when `streamDrafts`). */
  draftText = 'Thanks for your message! I can start on Monday.'
  streamDrafts = false
  status: MessagingStatusDto = {
    state: 'idle', lastSyncAt: BASE, lastOkAt: BASE, nextSyncAt: BASE + 120_000, pausedReasons: [], error: null,
    requests: { lastSync: 1, lastHour: 30 }, backfillDone: true, threads: 0, unreadThreads: 0
  }
  /** Each replies:send call, in order (the text exactly as sent, and the click's key). */
  readonly sends: Array<{ draftId: number; text: string; idempotencyKey: string }> = []
  private replies: Reply[] = []
  private nextMessageId = 1

  constructor(
    private readonly drafting: FakeDrafting,
    private readonly review: FakeReview,
    private readonly emit: <E extends EventName>(event: E, payload: EventMap[E]) => void
  ) {}

  /** A thread as the sync would have stored it, with its messages (oldest first; `fromMe` ones are the user's). */
  addThread(over: Partial<ThreadSummaryDto> & { roomId?: string } = {}, messages: Array<Partial<MessageDto> & { text: string }> = []): ThreadSummaryDto {
    const n = this.threads.length + 1
    const roomId = over.roomId ?? `room-${n}`
    const stored = messages.map((m, i) => this.message(roomId, { sentAt: BASE + n * 60_000 + i * 1000, ...m }))
    this.messages.set(roomId, stored)
    const last = stored.at(-1)
    const thread: ThreadSummaryDto = {
      roomId, title: `Job ${n}`, clientName: `Client ${n}`, roomType: 'ONE_ON_ONE', unreadCount: 0, lastActivityAt: last?.sentAt ?? BASE + n * 60_000,
      lastMessage: last ? { text: previewOf(last.text), fromMe: last.fromMe, deleted: last.deleted, sentAt: last.sentAt } : null,
      jobId: null, proposalId: null, upworkProposalId: null, contractId: null, gone: false, ...over
    }
    this.threads = [...this.threads.filter((t) => t.roomId !== roomId), thread]
    return thread
  }

  /** The client writes (as a sync would store it): the thread's unread count goes up, threadsChanged. */
  clientWrites(roomId: string, text: string, sentAt = Date.now()): MessageDto {
    const thread = this.thread(roomId)
    const m = this.message(roomId, { text, sentAt, fromMe: false, authorName: thread.clientName })
    this.messages.set(roomId, [...(this.messages.get(roomId) ?? []), m])
    this.patch(roomId, { unreadCount: thread.unreadCount + 1, lastActivityAt: sentAt, lastMessage: { text: previewOf(text), fromMe: false, deleted: false, sentAt } })
    this.emit('messaging:threadsChanged', { roomIds: [roomId] })
    return m
  }

  /** A reply draft already written for a thread (as main's replies domain would have made it). */
  addReply(roomId: string, text: string, over: Partial<Omit<Reply, 'draftId' | 'roomId'>> & { outboxState?: OutboxState; lastError?: OutboxItemDto['lastError'] } = {}): ReplyDraftDto {
    const { outboxState, lastError, ...rest } = over
    const draft = this.drafting.add({ kind: 'reply', threadId: roomId, jobId: null, title: this.thread(roomId).title, versions: text ? [{ text, author: 'ai', source: 'AI' }] : [] })
    const reply: Reply = { draftId: draft.id, roomId, purpose: 'reply', origin: 'ai', answersStoryId: null, followUpId: null, discarded: false, outboxItemId: null, createdAt: Date.now(), ...rest }
    if (outboxState) reply.outboxItemId = this.outboxFor(reply, text, `fake-${draft.id}-key`, outboxState, lastError ?? null).id
    this.replies.push(reply)
    return this.dto(reply)
  }

  /** A follow-up reminder as main raises it. */
  addFollowUp(over: Partial<FollowUpDto> = {}): FollowUpDto {
    const id = Math.max(0, ...this.followUps.map((f) => f.id)) + 1
    const f: FollowUpDto = {
      id, kind: 'thread', status: 'open', roomId: this.threads[0]?.roomId ?? null, proposalId: null, title: 'Job 1', clientName: 'Client 1',
      silenceSince: BASE - 3 * 86_400_000, days: 3, draftId: null, sendable: true, createdAt: BASE + id, updatedAt: BASE + id, ...over
    }
    this.followUps = [...this.followUps, f]
    return f
  }

  /** The send's outbox item moves on in main (sending → unknown → reconciled…): outbox:changed and replies:changed. */
  settle(draftId: number, state: OutboxState, lastError: OutboxItemDto['lastError'] = null): ReplyDraftDto {
    const reply = this.reply(draftId)
    if (reply.outboxItemId === null) throw new Error('that reply was never sent')
    this.review.setOutboxState(reply.outboxItemId, state, lastError)
    if (state === 'sent' || state === 'reconciled') this.delivered(reply)
    const dto = this.dto(reply)
    this.emit('replies:changed', dto)
    return dto
  }

  thread(roomId: string): ThreadSummaryDto {
    return this.threads.find((t) => t.roomId === roomId) ?? noRoom()
  }

  replyDto(draftId: number): ReplyDraftDto {
    return this.dto(this.reply(draftId))
  }

  private reply(draftId: number): Reply {
    return this.replies.find((r) => r.draftId === draftId) ?? (() => { throw coded('REPLY_NOT_FOUND', 'That reply draft no longer exists.') })()
  }

  private message(roomId: string, m: Partial<MessageDto> & { text: string }): MessageDto {
    const id = this.nextMessageId++
    return { id, storyId: `story-${id}`, roomId, authorName: null, authorId: null, fromMe: false, sentAt: BASE, editedAt: null, deleted: false, truncated: false, ...m }
  }

  private patch(roomId: string, patch: Partial<ThreadSummaryDto>): ThreadSummaryDto {
    const next = { ...this.thread(roomId), ...patch }
    this.threads = this.threads.map((t) => (t.roomId === roomId ? next : t))
    return next
  }

  private sorted(filter: 'all' | 'unread'): ThreadSummaryDto[] {
    return this.threads.filter((t) => filter === 'all' || t.unreadCount > 0).sort((a, b) => b.lastActivityAt - a.lastActivityAt || a.roomId.localeCompare(b.roomId))
  }

  private outboxFor(reply: Reply, text: string, idempotencyKey: string, state: OutboxState, lastError: OutboxItemDto['lastError']): OutboxItemDto {
    return this.review.outboxItem(state, { kind: 'message', draftId: reply.draftId, idempotencyKey, payload: { roomId: reply.roomId, text }, lastError } as Partial<OutboxItemDto>)
  }

  /** The sent text shows in the thread as the user's message. */
  private delivered(reply: Reply): void {
    const item = this.review.outbox.find((i) => i.id === reply.outboxItemId)
    if (!item || item.kind !== 'message') return
    const list = this.messages.get(reply.roomId) ?? []
    if (list.some((m) => m.storyId === `sent-${item.id}`)) return
    const m = this.message(reply.roomId, { storyId: `sent-${item.id}`, text: item.payload.text, fromMe: true, sentAt: Date.now() })
    this.messages.set(reply.roomId, [...list, m])
    this.patch(reply.roomId, { lastActivityAt: m.sentAt, lastMessage: { text: previewOf(m.text), fromMe: true, deleted: false, sentAt: m.sentAt } })
    this.emit('messaging:threadsChanged', { roomIds: [reply.roomId] })
  }

  private dto(r: Reply): ReplyDraftDto {
    const draft = this.drafting.get(r.draftId)
    const item = r.outboxItemId === null ? null : (this.review.outbox.find((i) => i.id === r.outboxItemId) ?? null)
    const state: ReplyState = r.discarded ? 'discarded' : draft.generation === 'generating' ? 'generating' : item ? (item.state as ReplyState) : 'draft'
    return {
      draftId: r.draftId, roomId: r.roomId, purpose: r.purpose, state, generation: draft.generation, origin: r.origin, text: draft.text, currentSeq: draft.currentSeq,
      answersStoryId: r.answersStoryId, coversStoryIds: r.answersStoryId ? [r.answersStoryId] : [], stale: false, flagged: draft.flagged, checks: draft.checks,
      followUpId: r.followUpId, outboxItem: item, createdAt: r.createdAt, updatedAt: draft.updatedAt
    }
  }

  private open(roomId: string): Reply | null {
    return [...this.replies].reverse().find((r) => r.roomId === roomId && !['discarded', 'sent', 'reconciled'].includes(this.dto(r).state)) ?? null
  }

  private writeDraft(roomId: string, over: Partial<Reply> = {}): ReplyDraftDto {
    const latest = [...(this.messages.get(roomId) ?? [])].reverse().find((m) => !m.fromMe)
    if (!this.streamDrafts) return this.addReply(roomId, this.draftText, { answersStoryId: latest?.storyId ?? null, origin: 'template', ...over })
    const dto = this.addReply(roomId, '', { answersStoryId: latest?.storyId ?? null, ...over })
    this.drafting.handlers['drafts:generate']({ id: dto.draftId })
    return this.dto(this.reply(dto.draftId))
  }

  private patchFollowUp(id: number, patch: Partial<FollowUpDto>): FollowUpDto {
    const found = this.followUps.find((f) => f.id === id) ?? (() => { throw coded('FOLLOW_UP_NOT_FOUND', 'That reminder no longer exists.') })()
    const next = { ...found, ...patch, updatedAt: Date.now() }
    this.followUps = this.followUps.map((f) => (f.id === id ? next : f))
    this.emit('followUps:changed', next)
    return next
  }

  readonly handlers: Pick<FakeHandlers, MessagingChannel> = {
    'messaging:threads': ({ filter, cursor, limit }) => {
      const all = this.sorted(filter)
      const from = cursor === null ? 0 : Number(cursor)
      const items = all.slice(from, from + limit)
      return { items, nextCursor: from + limit < all.length ? String(from + limit) : null, total: all.length, unreadThreads: this.threads.filter((t) => t.unreadCount > 0).length }
    },
    'messaging:thread': ({ roomId, before, limit }) => {
      const thread = this.thread(roomId)
      const all = this.messages.get(roomId) ?? []
      const end = before === null ? all.length : Number(before)
      const start = Math.max(0, end - limit)
      return { thread, messages: all.slice(start, end), olderCursor: start > 0 ? String(start) : null, total: all.length }
    },
    'messaging:context': ({ roomId }) => {
      const thread = this.thread(roomId)
      return { roomId, job: null, jobTitle: thread.title, proposal: null, client: { name: thread.clientName, userId: null, stats: null }, earlierThreads: [], ...this.contexts.get(roomId) }
    },
    'messaging:markRead': ({ roomId }) => {
      if (this.thread(roomId).unreadCount > 0) {
        this.patch(roomId, { unreadCount: 0 })
        this.emit('messaging:threadsChanged', { roomIds: [roomId] })
      }
      return { roomId, unreadCount: 0 }
    },
    'messaging:syncNow': () => this.handlers['messaging:status'](undefined) as MessagingStatusDto,
    'messaging:status': () => ({ ...this.status, threads: this.threads.length, unreadThreads: this.threads.filter((t) => t.unreadCount > 0).length }),
    'replies:forThread': ({ roomId }) => {
      this.thread(roomId)
      const drafts = this.replies.filter((r) => r.roomId === roomId).reverse().map((r) => this.dto(r))
      const open = this.open(roomId)
      return { roomId, current: open ? this.dto(open) : null, drafts }
    },
    'replies:draft': ({ roomId }) => {
      if (this.thread(roomId).gone) throw coded('THREAD_GONE', 'This conversation is no longer on Upwork, so it cannot be answered.')
      const open = this.open(roomId)
      return open ? this.dto(open) : this.writeDraft(roomId)
    },
    'replies:send': ({ draftId, text, idempotencyKey }) => {
      this.sends.push({ draftId, text, idempotencyKey })
      const reply = this.reply(draftId)
      const same = this.review.outbox.find((i) => i.idempotencyKey === idempotencyKey)
      if (same) return this.dto(reply)
      if (this.drafting.get(draftId).text !== text) throw coded('REPLY_TEXT_CHANGED', 'The reply changed since it was shown: save it and send again.')
      const state = this.dto(reply).state
      if (!['draft', 'failed'].includes(state)) throw coded('REPLY_NOT_SENDABLE', 'This reply is already on its way or sent.')
      reply.outboxItemId = this.outboxFor(reply, text, idempotencyKey, this.online ? 'sent' : 'queued', null).id
      if (this.online) this.delivered(reply)
      return this.dto(reply)
    },
    'replies:cancelSend': ({ draftId }) => {
      const reply = this.reply(draftId)
      if (this.dto(reply).state !== 'queued' || reply.outboxItemId === null) throw coded('REPLY_NOT_QUEUED', 'This reply is no longer waiting to be sent.')
      this.review.setOutboxState(reply.outboxItemId, 'failed', { code: 'cancelled', message: 'You cancelled this before it was sent.' })
      return this.dto(reply)
    },
    'replies:discard': ({ draftId }) => {
      const reply = this.reply(draftId)
      reply.discarded = true
      return this.dto(reply)
    },
    'followUps:list': ({ statuses }) => this.followUps.filter((f) => (statuses ?? ['open', 'drafted']).includes(f.status)).sort((a, b) => b.createdAt - a.createdAt),
    'followUps:dismiss': ({ id }) => this.patchFollowUp(id, { status: 'dismissed' }),
    'followUps:draft': ({ id }) => {
      const f = this.followUps.find((x) => x.id === id)
      if (!f) return this.patchFollowUp(id, {})
      if (f.draftId !== null) return f
      if (f.roomId === null) {
        // No conversation on Upwork: the follow-up is written to be copied (a draft of no thread).
        const draft = this.drafting.add({ kind: 'reply', threadId: null, jobId: null, title: f.title, versions: [{ text: this.draftText, author: 'template', source: 'TEMPLATE' }] })
        return this.patchFollowUp(id, { status: 'drafted', draftId: draft.id })
      }
      const dto = this.writeDraft(f.roomId, { purpose: 'followUp', followUpId: id })
      return this.patchFollowUp(id, { status: 'drafted', draftId: dto.draftId })
    }
  }
}
