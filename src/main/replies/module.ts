/**
 * Replies (issue 9 items 3–5, main side): a reply draft per client message, the user's Send
 * through the outbox, follow-up reminders. README.md beside this file has the rules; in short:
 * - a genuinely new client message (messaging's `onClientMessages`) gets one kind = reply draft,
 *   saved with the stories it covers (`ReplyTrigger`, primary key = story id) before any request;
 *   a burst is covered by the thread's one open draft, rewritten for the latest unless the user
 *   edited it; then the AI writes it (drafting's generator: streamed, cancellable, budgeted) or,
 *   without the AI, a reply template;
 * - `replies:send` takes exactly the text shown (the draft's newest version) to the outbox with
 *   the click's idempotency key: sent at most once, queued offline, an unknown outcome read back;
 * - follow-ups: one reminder per silence, checked on a schedule and at start, never sent.
 * Nothing here imports an Upwork write (lint: outbox only).
 */
import type { ProfileDto } from '@shared/discovery'
import type { DraftDto, JobSnapshot } from '@shared/drafting'
import type { Translate } from '@shared/i18n'
import type { MessageDto } from '@shared/messaging'
import { DONE_STATES, type OutboxItemDto } from '@shared/outbox'
import type { ProposalDetailDto, ProposalDto } from '@shared/proposals'
import type { FollowUpDto, FollowUpStatus, ReplyDraftDto, ReplyState, ThreadRepliesDto } from '@shared/replies'
import { AppError } from '../core/app-error'
import type { DomainModule } from '../core/domain-module'
import type { Prisma } from '../db/generated/client'
import type { Database } from '../db/open-database'
import { EMPTY_SNAPSHOT } from '../drafting/draft-store'
import type { GenerationPrompt } from '../drafting/generator'
import { snapshotOf, type DraftingModule } from '../drafting/module'
import { buildReplyMessages, clientText, REPLY_MAX_CHARS, REPLY_MIN_CHARS, type ThreadLine } from '../drafting/reply-prompt'
import type { Logger } from '../logging/logger'
import type { MessagingApi } from '../messaging/api'
import type { OutboxModule } from '../outbox/module'
import type { Clock } from '../ports/clock'
import type { AppNotification } from '../ports/notifier'
import type { Scheduler } from '../scheduler/scheduler'
import { FollowUpChecker, followUpNotification } from './follow-ups'
import { isUniqueViolation, ReplyStore, type FollowUpRow, type ReplyRow } from './reply-store'
import { builtInFor, renderReplyTemplate, type BuiltInReply } from './reply-templates'

export type RepliesChannel =
  | 'replies:forThread' | 'replies:draft' | 'replies:send' | 'replies:cancelSend' | 'replies:discard'
  | 'followUps:list' | 'followUps:dismiss' | 'followUps:draft'

/** What replies reads from messaging (its factory's API): the local store and the sync's events. */
export type RepliesMessaging = Pick<MessagingApi, 'threads' | 'onClientMessages' | 'onOwnMessages'>

export interface RepliesDeps {
  db: Pick<Database, 'prisma'>
  clock: Clock
  logger: Logger
  /** Renders the built-in reply templates in the language in force. */
  t: Translate
  /** The language in force ('en' | 'uk'): the AI writes in it; template variables are formatted in it. */
  language: () => string
  drafting: Pick<DraftingModule, 'drafts' | 'generator' | 'templates'>
  outbox: Pick<OutboxModule, 'enqueueMessage' | 'cancel' | 'get' | 'onChange'>
  messaging: RepliesMessaging
  profile: () => Promise<ProfileDto>
  /** The outcomes domain's proposals (follow-ups after a proposal with no answer) and one with its text. */
  proposals: { list(): Promise<ProposalDto[]>; get(id: number): Promise<ProposalDetailDto> }
  /** `messaging.followUpDays`: days of silence before a reminder. */
  followUpDays: () => number
  scheduler: Scheduler
  /** notifications.notify (on/off, quiet hours): a reminder that came due. None: no notification. */
  notify?: (n: AppNotification) => unknown
  /** Sound off (Settings → Notifications). */
  silent?: () => boolean
  /** Calls back when `messaging.followUpDays` changes (the check runs again at once). Returns the unsubscribe. */
  watchFollowUpDays?: (listener: () => void) => () => void
  /** How often the follow-up check runs (default: every hour; also at start). */
  checkEveryMs?: number
}

export interface RepliesModule extends DomainModule<RepliesChannel> {
  /** The reply prompt for drafting's `drafts:generate` on a kind = reply draft. */
  promptFor(draft: DraftDto, profile: ProfileDto): Promise<GenerationPrompt>
  /** Runs the follow-up check now (the schedule and the start call it). */
  checkFollowUps(): Promise<void>
  /** Start-up work: sends left in the outbox settled from their items, the first follow-up check. */
  ready: Promise<void>
  /** Resolves when the work started so far (drafting, sends, checks) has ended (tests, shutdown). */
  idle(): Promise<void>
}

const MESSAGES_FOR_PROMPT = 50
/** The outbox's message limit. */
const SEND_MAX_CHARS = 10_000

function threadLines(messages: readonly MessageDto[]): ThreadLine[] {
  return messages.filter((m) => !m.deleted && m.text.trim() !== '').map((m) => ({ fromMe: m.fromMe, authorName: m.authorName, text: m.text, sentAt: m.sentAt }))
}

export function createRepliesModule(deps: RepliesDeps): RepliesModule {
  const log = deps.logger.child('replies')
  const store = new ReplyStore(deps.db, deps.clock)
  const { drafts, generator } = deps.drafting
  const threads = deps.messaging.threads
  const now = (): number => deps.clock.now()

  /** Shows a thread in the window (a reminder's notification was clicked); set while wired. */
  let openThread = (_roomId: string): void => undefined
  const replyListeners = new Set<(e: ReplyDraftDto) => void>()
  const followUpListeners = new Set<(e: FollowUpDto) => void>()

  /** Reply drafts this module started the AI on (cancelled at quit: their text so far is kept). */
  const generating = new Set<number>()
  /** Background work in flight (writing drafts, applying outbox changes), for idle(). */
  const pending = new Set<Promise<unknown>>()
  const track = <T>(p: Promise<T>): Promise<T> => {
    pending.add(p)
    void p.then(
      () => pending.delete(p),
      () => pending.delete(p)
    )
    return p
  }
  /** One piece of work per key at a time (a room's new messages, a draft's send). */
  const chains = new Map<string, Promise<unknown>>()
  const serial = <T>(key: string, work: () => Promise<T>): Promise<T> => {
    const next = (chains.get(key) ?? Promise.resolve()).then(work, work)
    const tail = next.catch(() => undefined)
    chains.set(key, tail)
    void tail.then(() => chains.get(key) === tail && chains.delete(key))
    return track(next)
  }

  // ---- DTOs ----

  const outboxItem = async (id: number | null): Promise<OutboxItemDto | null> => {
    if (id === null) return null
    return deps.outbox.get(id).catch(() => null)
  }

  const stateOf = (d: DraftDto, item: OutboxItemDto | null): ReplyState => {
    if (d.status === 'discarded') return 'discarded'
    if (d.status === 'sent') return item?.state === 'reconciled' ? 'reconciled' : 'sent'
    // In the outbox: the item's state is the reply's (queued, sending, unknown; sent/reconciled/failed until applied).
    if (d.status === 'approved') return item?.state ?? 'sending'
    if (d.generation === 'generating') return 'generating'
    if (item?.state === 'failed') return 'failed'
    return 'draft'
  }

  const toDto = async (d: DraftDto, r: ReplyRow): Promise<ReplyDraftDto> => {
    const covers = (await store.triggersOf([d.id])).get(d.id) ?? []
    const item = await outboxItem(r.outboxItemId)
    const latest = covers.at(-1)?.storyId ?? null
    return {
      draftId: d.id,
      roomId: r.roomId ?? d.threadId ?? '',
      purpose: r.purpose,
      state: stateOf(d, item),
      generation: d.generation,
      origin: r.origin,
      text: d.text,
      currentSeq: d.currentSeq,
      answersStoryId: r.answersStoryId,
      coversStoryIds: covers.map((c) => c.storyId),
      stale: latest !== null && r.answersStoryId !== latest && d.status === 'draft',
      flagged: d.flagged,
      checks: d.checks,
      followUpId: r.followUpId,
      outboxItem: item,
      createdAt: d.createdAt,
      updatedAt: Math.max(d.updatedAt, r.updatedAt)
    }
  }

  const load = async (draftId: number): Promise<{ d: DraftDto; r: ReplyRow }> => {
    const [d, r] = await Promise.all([drafts.get(draftId), store.reply(draftId)])
    if (!d || !r || d.kind !== 'reply') throw new AppError('REPLY_NOT_FOUND', 'replies.error.draftNotFound')
    return { d, r }
  }
  const dtoOf = async (draftId: number): Promise<ReplyDraftDto> => {
    const { d, r } = await load(draftId)
    return toDto(d, r)
  }

  const emitReply = async (draftId: number): Promise<void> => {
    if (replyListeners.size === 0) return
    try {
      const { d, r } = await load(draftId)
      if (r.roomId === null) return
      const dto = await toDto(d, r)
      for (const l of [...replyListeners]) l(dto)
    } catch (e) {
      log.warn('replies: a change could not be sent to the window', { draftId, error: String(e) })
    }
  }

  const followUpDto = (f: FollowUpRow): FollowUpDto => ({
    id: f.id,
    kind: f.kind,
    status: f.status,
    roomId: f.roomId,
    proposalId: f.proposalId,
    title: f.title,
    clientName: f.clientName,
    silenceSince: f.silenceSince,
    days: f.days,
    draftId: f.draftId,
    sendable: f.roomId !== null,
    createdAt: f.createdAt,
    updatedAt: f.updatedAt
  })
  const emitFollowUp = (f: FollowUpRow): void => {
    const dto = followUpDto(f)
    for (const l of [...followUpListeners]) l(dto)
  }

  // ---- writing a draft: the AI, else a template ----

  /** The job the thread is about, as the draft keeps it; the client's name for the greeting. */
  const threadJob = async (roomId: string | null, proposalId: number | null): Promise<{ job: JobSnapshot; jobId: number | null; clientName: string | null }> => {
    const capturedAt = now()
    if (roomId !== null) {
      const [summary, ctx] = await Promise.all([threads.get(roomId), threads.context(roomId).catch(() => null)])
      if (!summary) throw new AppError('THREAD_NOT_FOUND', 'replies.error.threadNotFound')
      const clientName = ctx?.client.name ?? summary.clientName
      if (ctx?.job) {
        const job = snapshotOf(ctx.job, { screeningQuestions: [], connectsCost: null, capturedAt })
        return { job: { ...job, client: { ...job.client, name: clientName } }, jobId: ctx.job.id, clientName }
      }
      const title = ctx?.jobTitle ?? summary.title
      return { job: { ...EMPTY_SNAPSHOT, title, client: { ...EMPTY_SNAPSHOT.client, name: clientName }, capturedAt }, jobId: null, clientName }
    }
    const p = proposalId !== null ? await deps.proposals.get(proposalId).catch(() => null) : null
    return { job: { ...EMPTY_SNAPSHOT, title: p?.jobTitle ?? '', capturedAt }, jobId: null, clientName: null }
  }

  const writeTemplate = async (draftId: number, r: ReplyRow, followUp: FollowUpRow | null): Promise<void> => {
    const d = await drafts.get(draftId)
    if (!d || d.status !== 'draft') return
    let kind: BuiltInReply
    if (r.purpose === 'followUp') kind = followUp?.kind === 'proposal' ? 'followUpProposal' : 'followUp'
    else {
      const messages = r.roomId ? await threads.messages(r.roomId, { limit: MESSAGES_FOR_PROMPT }).catch(() => []) : []
      const latest = [...messages].reverse().find((m) => !m.fromMe && !m.deleted)
      kind = builtInFor(latest?.text ?? null)
    }
    const text = renderReplyTemplate(deps.t, {
      kind,
      clientName: d.job.client.name,
      job: d.job,
      profile: await deps.profile(),
      language: deps.language(),
      userTemplates: await deps.drafting.templates.list(false)
    })
    await drafts.saveVersion(draftId, text, 'TEMPLATE', 'template')
    await store.updateReply(draftId, { origin: 'template' })
  }

  /**
   * Writes the draft: the AI when it can start (a key, the budget, the hourly limit), streamed
   * into a version; otherwise, or when the AI produced nothing, a reply template.
   */
  const write = async (draftId: number): Promise<void> => {
    const { d, r } = await load(draftId)
    if (d.status !== 'draft') return
    if (generator.isRunning(draftId)) {
      generator.cancel(draftId)
      await generator.idle(draftId)
    }
    const followUp = r.followUpId !== null ? await store.followUp(r.followUpId) : null
    const profile = await deps.profile()
    const fresh = (await drafts.get(draftId)) ?? d
    try {
      await generator.start(fresh, profile, { strategy: null, templateId: null, author: 'ai', prompt: await promptFor(fresh, profile) })
    } catch (e) {
      log.info('replies: the AI cannot write this reply now; a template does', { draftId, code: e instanceof AppError ? e.code : String(e) })
      await writeTemplate(draftId, r, followUp)
      await emitReply(draftId)
      return
    }
    generating.add(draftId)
    await store.updateReply(draftId, { origin: 'ai' })
    await emitReply(draftId)
    track(
      (async () => {
        await generator.idle(draftId)
        // A rewrite may have started the next generation meanwhile: that one is still in flight.
        if (!generator.isRunning(draftId)) generating.delete(draftId)
        const after = await drafts.get(draftId)
        // The AI failed before writing anything: a template gives the user a start (not after the user's own cancel).
        if (after && after.text.trim() === '' && after.status === 'draft' && after.generation === 'failed') await writeTemplate(draftId, r, followUp)
        await emitReply(draftId)
      })().catch((e: unknown) => log.error('replies: the end of a generation could not be handled', { draftId, error: String(e) }))
    )
  }

  async function promptFor(d: DraftDto, profile: ProfileDto): Promise<GenerationPrompt> {
    const r = await store.reply(d.id)
    const roomId = r?.roomId ?? d.threadId
    const followUp = r?.followUpId != null ? await store.followUp(r.followUpId) : null
    const [messages, ctx] = roomId
      ? await Promise.all([threads.messages(roomId, { limit: MESSAGES_FOR_PROMPT }).catch(() => [] as MessageDto[]), threads.context(roomId).catch(() => null)])
      : [[] as MessageDto[], null]
    let proposalText = ctx?.proposal?.text ?? null
    const proposalId = ctx?.proposal?.id ?? followUp?.proposalId ?? null
    if (!proposalText && proposalId !== null) proposalText = (await deps.proposals.get(proposalId).catch(() => null))?.coverLetter ?? null
    const thread = threadLines(messages)
    // The text about to be written answers every message the draft covers.
    const covers = (await store.triggersOf([d.id])).get(d.id) ?? []
    const latest = covers.at(-1)?.storyId
    if (r && latest && r.answersStoryId !== latest) await store.updateReply(d.id, { answersStoryId: latest })
    const purpose = r?.purpose ?? 'reply'
    return {
      messages: buildReplyMessages({
        purpose,
        job: d.job,
        proposalText,
        thread,
        clientName: ctx?.client.name ?? d.job.client.name,
        profile,
        language: deps.language(),
        silentDays: followUp ? Math.max(followUp.days, Math.floor((now() - followUp.silenceSince) / 86_400_000)) : undefined
      }),
      task: 'reply_draft',
      untrustedText: `${clientText(thread)}\n${d.job.description}`,
      minChars: REPLY_MIN_CHARS,
      maxChars: REPLY_MAX_CHARS
    }
  }

  // ---- a draft per client message ----

  /** An empty kind = reply draft (its text comes from write()), inside the caller's transaction. */
  const newReplyDraft = (roomId: string | null, job: JobSnapshot, jobId: number | null, tx: Prisma.TransactionClient): Promise<number> =>
    drafts.create(
      { kind: 'reply', jobId, threadId: roomId, job, bid: { amount: null, kind: null, currency: null, suggested: null, aboveBudget: false }, durationLabel: null, connectsCost: null, templateId: null, strategy: null, variantId: null, firstVersion: null },
      tx
    )

  interface Story {
    storyId: string
    sentAt: number
  }

  /**
   * New client messages in one room (oldest first): covered by the room's open draft (rewritten
   * for the latest unless the user edited it), else by a new draft. Draft and triggers are one
   * transaction; a story some draft covers already is skipped. Resolves with the draft to write, if any.
   */
  const cover = async (roomId: string, stories: readonly Story[]): Promise<{ draftId: number; write: boolean } | null> => {
    if (stories.length === 0) return null
    const { job, jobId } = await threadJob(roomId, null)
    try {
      return await store.transaction(async (tx) => {
        const fresh = new Set(await store.uncovered(stories.map((s) => s.storyId), tx))
        const add = stories.filter((s) => fresh.has(s.storyId))
        if (add.length === 0) return null
        const latest = add[add.length - 1]!
        const open = await store.openReply(roomId, tx)
        if (open) {
          await store.cover(roomId, open.draftId, add, tx)
          const newest = await tx.draftVersion.findFirst({ where: { draftId: open.draftId }, orderBy: { seq: 'desc' }, select: { source: true } })
          // The user's own words are never overwritten: the draft says it is stale instead.
          if (newest?.source === 'USER') return { draftId: open.draftId, write: false }
          await store.updateReply(open.draftId, { answersStoryId: latest.storyId, purpose: 'reply' }, tx)
          return { draftId: open.draftId, write: true }
        }
        const draftId = await newReplyDraft(roomId, job, jobId, tx)
        await store.createReply({ draftId, roomId, purpose: 'reply', origin: 'ai', answersStoryId: latest.storyId, followUpId: null }, tx)
        await store.cover(roomId, draftId, add, tx)
        return { draftId, write: true }
      })
    } catch (e) {
      // Another start of the app covered one of these stories first: its draft answers them.
      if (isUniqueViolation(e)) return null
      throw e
    }
  }

  const onClientMessages = (messages: readonly { roomId: string; storyId: string; sentAt: number; proposalId: number | null }[]): void => {
    const byRoom = new Map<string, Story[]>()
    for (const m of messages) {
      const list = byRoom.get(m.roomId) ?? []
      list.push({ storyId: m.storyId, sentAt: m.sentAt })
      byRoom.set(m.roomId, list)
    }
    for (const [roomId, stories] of byRoom) {
      stories.sort((a, b) => a.sentAt - b.sentAt || a.storyId.localeCompare(b.storyId))
      const proposalIds = [...new Set(messages.filter((m) => m.roomId === roomId && m.proposalId !== null).map((m) => m.proposalId!))]
      void serial(`room:${roomId}`, async () => {
        await followUps.silenceEnded(roomId, proposalIds)
        const covered = await cover(roomId, stories)
        if (!covered) return
        if (covered.write) await write(covered.draftId)
        else await emitReply(covered.draftId)
      }).catch((e: unknown) => log.error('replies: a reply draft could not be prepared', { roomId, error: String(e) }))
    }
  }

  // ---- sending (the user's click) ----

  /** An outbox item changed: the reply draft follows it (sent → sent; failed → editable again). */
  const applyItem = async (item: OutboxItemDto): Promise<void> => {
    if (item.kind !== 'message' || item.draftId === null) return
    const r = await store.reply(item.draftId)
    if (!r || (r.outboxItemId !== null && r.outboxItemId !== item.id)) return
    if (DONE_STATES.includes(item.state)) {
      if (await store.moveDraftStatus(r.draftId, r.outboxItemId === item.id ? ['approved', 'draft'] : ['approved'], 'sent')) {
        if (r.outboxItemId === null) await store.updateReply(r.draftId, { outboxItemId: item.id })
        if (r.followUpId !== null) {
          const ended = await store.moveFollowUp(r.followUpId, ['open', 'drafted'], 'ended')
          if (ended) emitFollowUp(ended)
        }
      }
    } else if (item.state === 'failed') {
      await store.moveDraftStatus(r.draftId, ['approved'], 'draft')
    }
    await emitReply(r.draftId)
  }

  const send = async (input: { draftId: number; text: string; idempotencyKey: string }): Promise<ReplyDraftDto> => {
    const { d, r } = await load(input.draftId)
    const current = await outboxItem(r.outboxItemId)
    if (current && current.idempotencyKey === input.idempotencyKey) return toDto(d, r) // the same click again
    if (d.status === 'sent') throw new AppError('REPLY_SENT', 'replies.error.alreadySent')
    if (d.status === 'approved') throw new AppError('REPLY_SENDING', 'replies.error.sending')
    if (d.status === 'discarded') throw new AppError('REPLY_DISCARDED', 'replies.error.discarded')
    if (generator.isRunning(d.id)) throw new AppError('DRAFT_GENERATING', 'drafting.error.generating')
    if (r.roomId === null) throw new AppError('REPLY_NO_ROOM', 'replies.error.noRoom')
    // Exactly the text the user saw: the newest version, unchanged.
    if (input.text !== d.text) throw new AppError('REPLY_TEXT_CHANGED', 'replies.error.textChanged')
    const text = d.text
    if (!text.trim()) throw new AppError('REPLY_EMPTY', 'replies.error.empty')
    if (text.length > SEND_MAX_CHARS) throw new AppError('REPLY_TOO_LONG', { key: 'replies.error.tooLong', params: { length: text.length, max: SEND_MAX_CHARS } })
    const thread = await threads.get(r.roomId)
    if (!thread) throw new AppError('THREAD_NOT_FOUND', 'replies.error.threadNotFound')
    if (thread.gone) throw new AppError('ROOM_GONE', 'replies.error.roomGone')

    // The draft is in the outbox from here (its text can no longer change); a new click's item replaces the old one.
    if (!(await store.moveDraftStatus(d.id, ['draft'], 'approved'))) throw new AppError('REPLY_SENDING', 'replies.error.sending')
    await store.updateReply(d.id, { outboxItemId: null })
    let item: OutboxItemDto
    try {
      item = await deps.outbox.enqueueMessage({ draftId: d.id, idempotencyKey: input.idempotencyKey, payload: { roomId: r.roomId, text } })
    } catch (e) {
      // Nothing was created (refused input): the draft is editable again.
      await store.moveDraftStatus(d.id, ['approved'], 'draft')
      await store.updateReply(d.id, { outboxItemId: r.outboxItemId })
      throw e
    }
    await store.updateReply(d.id, { outboxItemId: item.id })
    await applyItem(await deps.outbox.get(item.id))
    return dtoOf(d.id)
  }

  const cancelSend = async (draftId: number): Promise<ReplyDraftDto> => {
    const { r } = await load(draftId)
    if (r.outboxItemId === null) throw new AppError('REPLY_NOT_QUEUED', 'replies.error.notQueued')
    try {
      const item = await deps.outbox.cancel(r.outboxItemId)
      await applyItem(item)
    } catch (e) {
      if (e instanceof AppError && (e.code === 'outbox_not_queued' || e.code === 'outbox_busy')) throw new AppError('REPLY_NOT_QUEUED', 'replies.error.notQueued')
      throw e
    }
    return dtoOf(draftId)
  }

  /** At start: reply drafts left in the outbox follow their items (the outbox reads unknown ones back itself). */
  const settleSends = async (): Promise<void> => {
    for (const r of await store.inOutbox()) {
      const item = await outboxItem(r.outboxItemId)
      if (item) await applyItem(item)
      // Stopped between the click and the item: nothing was sent; the draft is editable again.
      else await store.moveDraftStatus(r.draftId, ['approved'], 'draft')
    }
  }

  // ---- by hand ----

  const draftByHand = async (roomId: string, storyId: string | undefined): Promise<ReplyDraftDto> => {
    const thread = await threads.get(roomId)
    if (!thread) throw new AppError('THREAD_NOT_FOUND', 'replies.error.threadNotFound')
    const messages = await threads.messages(roomId, { limit: 500 })
    const clientMessages = messages.filter((m) => !m.fromMe && !m.deleted)
    const story = storyId ? clientMessages.find((m) => m.storyId === storyId) : clientMessages.at(-1)
    if (storyId && !story) throw new AppError('REPLY_STORY_NOT_FOUND', 'replies.error.threadNotFound')
    if (story) {
      const existing = await store.coveringDraft(story.storyId)
      if (existing !== null) {
        // Never a second draft for one message: that one (brought back if it was thrown away).
        if (await store.moveDraftStatus(existing, ['discarded'], 'draft')) await write(existing)
        return dtoOf(existing)
      }
    }
    const open = await store.openReply(roomId)
    if (open) {
      if (story) {
        const covered = await cover(roomId, [{ storyId: story.storyId, sentAt: story.sentAt }])
        if (covered?.write) await write(covered.draftId)
      }
      return dtoOf(open.draftId)
    }
    let draftId: number
    if (story) {
      const covered = await cover(roomId, [{ storyId: story.storyId, sentAt: story.sentAt }])
      if (!covered) return dtoOf((await store.coveringDraft(story.storyId))!)
      draftId = covered.draftId
    } else {
      const { job, jobId } = await threadJob(roomId, null)
      draftId = await store.transaction(async (tx) => {
        const id = await newReplyDraft(roomId, job, jobId, tx)
        await store.createReply({ draftId: id, roomId, purpose: 'reply', origin: 'ai', answersStoryId: null, followUpId: null }, tx)
        return id
      })
    }
    await write(draftId)
    return dtoOf(draftId)
  }

  // ---- follow-ups ----

  const followUps = new FollowUpChecker({
    store,
    threads,
    proposals: () => deps.proposals.list(),
    days: deps.followUpDays,
    clock: deps.clock,
    logger: log,
    changed: emitFollowUp,
    raised: (rows) => {
      const n = followUpNotification(rows, deps.t)
      if (!n || !deps.notify) return
      deps.notify({ title: n.title, body: n.body, silent: deps.silent?.() ?? false, onClick: () => n.roomId !== null && openThread(n.roomId) })
    }
  })

  const draftFollowUp = async (id: number): Promise<FollowUpDto> => {
    const f = await store.followUp(id)
    if (!f) throw new AppError('FOLLOW_UP_NOT_FOUND', 'followUps.error.notFound')
    if (f.draftId !== null) return followUpDto(f)
    if (f.status === 'dismissed') throw new AppError('FOLLOW_UP_DISMISSED', 'followUps.error.dismissed')
    if (f.status === 'ended') throw new AppError('FOLLOW_UP_ENDED', 'followUps.error.ended')
    const { job, jobId } = await threadJob(f.roomId, f.proposalId)
    const draftId = await store.transaction(async (tx) => {
      const created = await newReplyDraft(f.roomId, job, jobId, tx)
      await store.createReply({ draftId: created, roomId: f.roomId, purpose: 'followUp', origin: 'ai', answersStoryId: null, followUpId: f.id }, tx)
      const moved = await tx.followUp.updateMany({ where: { id: f.id, status: 'open', draftId: null }, data: { status: 'drafted', draftId: created, updatedAt: new Date(now()) } })
      if (moved.count !== 1) throw new AppError('FOLLOW_UP_BUSY', 'followUps.error.notFound')
      return created
    })
    await write(draftId)
    const after = (await store.followUp(id))!
    emitFollowUp(after)
    return followUpDto(after)
  }

  const DEFAULT_LIST: FollowUpStatus[] = ['open', 'drafted']
  let stopSchedule: (() => void) | null = null
  const offOutbox = deps.outbox.onChange((item) => {
    if (item.kind !== 'message' || item.draftId === null) return
    void serial(`draft:${item.draftId}:outbox`, () => applyItem(item)).catch((e: unknown) =>
      log.error('replies: an outbox change could not be applied', { itemId: item.id, error: String(e) })
    )
  })
  const offClient = deps.messaging.onClientMessages((messages) => onClientMessages(messages))
  const offOwn = deps.messaging.onOwnMessages((messages) => {
    // The sync saw the user's messages (the first sync's history too): the silences they start are checked now, not an hour later.
    void track(followUps.userWrote(messages).then(() => followUps.check())).catch((e: unknown) => log.warn('replies: own messages not applied to reminders', { error: String(e) }))
  })

  const ready = track(
    settleSends()
      .then(() => followUps.check())
      .catch((e: unknown) => log.error('replies: start-up work failed', { error: String(e) }))
  )

  const module: RepliesModule = {
    name: 'replies',
    promptFor,
    checkFollowUps: () => track(followUps.check()),
    ready,
    idle: async () => {
      while (pending.size > 0) await Promise.allSettled([...pending])
      await generator.idle()
      while (pending.size > 0) await Promise.allSettled([...pending])
    },
    handlers: {
      'replies:forThread': async ({ roomId }): Promise<ThreadRepliesDto> => {
        const rows = await store.repliesOfRoom(roomId)
        const list: ReplyDraftDto[] = []
        for (const r of rows) {
          const d = await drafts.get(r.draftId)
          if (d) list.push(await toDto(d, r))
        }
        const current = list.find((x) => x.state !== 'sent' && x.state !== 'reconciled' && x.state !== 'discarded') ?? null
        return { roomId, current, drafts: list }
      },
      'replies:draft': ({ roomId, storyId }) => serial(`room:${roomId}`, () => draftByHand(roomId, storyId)),
      'replies:send': (input) => serial(`draft:${input.draftId}`, () => send(input)),
      'replies:cancelSend': ({ draftId }) => serial(`draft:${draftId}`, () => cancelSend(draftId)),
      'replies:discard': ({ draftId }) =>
        serial(`draft:${draftId}`, async () => {
          const { d } = await load(draftId)
          if (d.status === 'approved') throw new AppError('REPLY_SENDING', 'replies.error.notDiscardable')
          if (d.status === 'sent') throw new AppError('REPLY_SENT', 'replies.error.alreadySent')
          if (d.status !== 'discarded') {
            generator.cancel(draftId)
            await generator.idle(draftId)
            await store.moveDraftStatus(draftId, ['draft'], 'discarded')
          }
          await emitReply(draftId)
          return dtoOf(draftId)
        }),
      'followUps:list': async ({ statuses }) => (await store.followUps(statuses ?? DEFAULT_LIST)).map(followUpDto),
      'followUps:dismiss': async ({ id }) => {
        const f = await store.followUp(id)
        if (!f) throw new AppError('FOLLOW_UP_NOT_FOUND', 'followUps.error.notFound')
        if (f.status === 'dismissed') return followUpDto(f)
        if (f.status === 'ended') throw new AppError('FOLLOW_UP_ENDED', 'followUps.error.ended')
        const moved = await store.moveFollowUp(id, ['open', 'drafted'], 'dismissed')
        const after = moved ?? (await store.followUp(id))!
        if (moved) emitFollowUp(moved)
        return followUpDto(after)
      },
      'followUps:draft': ({ id }) => serial(`followUp:${id}`, () => draftFollowUp(id))
    },
    wireEvents: ({ bus }) => {
      const onReply = (e: ReplyDraftDto): void => bus.emit('replies:changed', e)
      const onFollowUp = (e: FollowUpDto): void => bus.emit('followUps:changed', e)
      replyListeners.add(onReply)
      followUpListeners.add(onFollowUp)
      openThread = (roomId) => bus.emit('messaging:openThread', { roomId })
      const runCheck = (): void => void module.checkFollowUps().catch((e: unknown) => log.warn('replies: the follow-up check failed', { error: String(e) }))
      stopSchedule = deps.scheduler.every(deps.checkEveryMs ?? 60 * 60_000, runCheck)
      const offDays = deps.watchFollowUpDays?.(runCheck) ?? (() => undefined)
      return () => {
        replyListeners.delete(onReply)
        followUpListeners.delete(onFollowUp)
        stopSchedule?.()
        stopSchedule = null
        offDays()
        openThread = () => undefined
      }
    },
    status: () => ({ notices: [] }),
    dispose: async () => {
      stopSchedule?.()
      offOutbox()
      offClient()
      offOwn()
      for (const id of generating) generator.cancel(id)
      await module.idle()
    }
  }
  return module
}
