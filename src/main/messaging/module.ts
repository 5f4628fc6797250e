import type { JobDetailDto } from '@shared/discovery'
import { renderText, type Translate, type UserText } from '@shared/i18n'
import { previewOf, type MessagingStatusDto, type NewClientMessageDto, type ThreadContextDto, type ThreadProposalDto } from '@shared/messaging'
import type { ProposalStage } from '@shared/proposals'
import type { Settings } from '@shared/settings'
import type { ApiUsage } from '@shared/types'
import { AppError } from '../core/app-error'
import type { DomainModule } from '../core/domain-module'
import type { Database } from '../db/open-database'
import type { AutomationSwitch, ConnectionSwitch } from '../discovery/polling'
import type { Logger } from '../logging/logger'
import type { Clock } from '../ports/clock'
import type { AppNotification } from '../ports/notifier'
import type { OnlineStatus, PowerMonitor } from '../ports/power-monitor'
import type { Scheduler } from '../scheduler/scheduler'
import type { OperationContext } from '../upwork/operations/common'
import type { MessagingApi, OwnMessageDto } from './api'
import { MessageStore, type PendingMessage } from './message-store'
import { MessageSync, type SyncResult } from './message-sync'
import { notificationFor } from './notification'
import { SyncSchedule } from './sync-schedule'

export type MessagingChannel = 'messaging:threads' | 'messaging:thread' | 'messaging:context' | 'messaging:markRead' | 'messaging:syncNow' | 'messaging:status'

export interface MessagingDeps {
  db: Pick<Database, 'client' | 'bulkWrite'>
  reads: OperationContext
  clock: Clock
  logger: Logger
  /** Main's translator (the language in force). */
  t: Translate
  settings: () => Pick<Settings, 'messaging'>
  /** Settings changes (pollMinutes reschedules). Returns the unsubscribe. */
  watchSettings?: (listener: (next: Settings, previous: Settings) => void) => () => void
  /** notifications.notify (on/off, quiet hours). */
  notify: (n: AppNotification) => unknown
  /** The Upwork account: its user id tells the user's own messages from the client's. */
  account: () => Promise<{ state: string; userId?: string }>
  /** The shared API budget (rate limiter usage): the sync stops early when the day's is low. */
  usage?: () => Promise<ApiUsage>
  /** outcomes.recordReply: a client message in a proposal's room is its "replied" stage. */
  recordReply?: (proposalId: number, at: number) => Promise<unknown>
  /** discovery's jobs.get, for the context panel. */
  job?: (jobId: number) => Promise<JobDetailDto | null>
  /** The schedule (none: no scheduled sync, on demand only — tests). */
  scheduler?: Scheduler
  automation?: AutomationSwitch
  connection?: ConnectionSwitch
  power?: PowerMonitor
  online?: OnlineStatus
  random?: () => number
  heartbeatMs?: number
  /** Local HH:MM for "trying again at"; default the machine's. */
  formatTime?: (epochMs: number) => string
}

export interface MessagingModule extends DomainModule<MessagingChannel>, MessagingApi {
  status(): { notices: string[] }
  syncStatus(): MessagingStatusDto
  /** Resolves when no sync is queued or running. */
  idle(): Promise<void>
  /** The newest unread threads (the tray menu). */
  unreadThreads(limit?: number): Promise<Array<{ roomId: string; title: string; clientName: string | null; unreadCount: number }>>
}

const HOUR = 60 * 60_000

const cursorOf = (c: { at: number; id: number } | null): string | null => (c ? `${c.at}:${c.id}` : null)
function parseCursor(value: string | null): { at: number; id: number } | null {
  if (value === null) return null
  const m = /^(\d{1,15}):(\d{1,12})$/.exec(value)
  if (!m) throw new AppError('invalid_input', 'messaging.err.badCursor')
  return { at: Number(m[1]), id: Number(m[2]) }
}

const toNewClientMessage = (m: PendingMessage): NewClientMessageDto => ({
  messageId: m.id,
  storyId: m.storyId,
  roomId: m.roomId,
  clientName: m.clientName ?? m.authorName,
  preview: previewOf(m.text),
  sentAt: m.sentAt,
  jobId: m.jobId,
  proposalId: m.proposalId
})

/**
 * Client messaging (issue 9): the inbox sync (MessageSync on the SyncSchedule), the thread store,
 * notifications for new client messages and the API other domains draft replies from. Reads only:
 * no Upwork write is reachable from here (the outbox sends). README.md beside this file.
 */
export function createMessagingModule(deps: MessagingDeps): MessagingModule {
  const log = deps.logger.child('messaging')
  const store = new MessageStore(deps.db)
  const selfId = async (): Promise<string | null> => {
    const a = await deps.account()
    return a.state === 'connected' && a.userId ? a.userId : null
  }
  const sync = new MessageSync({ reads: deps.reads, store, clock: deps.clock, logger: log, selfId, usage: deps.usage })
  const clientListeners = new Set<(m: NewClientMessageDto[]) => void>()
  const ownListeners = new Set<(m: OwnMessageDto[]) => void>()
  const emit = {
    threadsChanged: (_roomIds: string[]) => undefined as void,
    newClientMessages: (_m: NewClientMessageDto[], _threads: number) => undefined as void,
    status: () => undefined as void,
    open: (_roomId: string) => undefined as void
  }
  let last: { at: number; ok: boolean; error: { code: string; text: UserText } | null; requests: number } | null = null
  let lastOkAt: number | null = null
  let backfillDone = false
  let counts = { threads: 0, unreadThreads: 0 }
  const requestLog: Array<{ at: number; n: number }> = []
  let current: Promise<SyncResult> | null = null
  let disposed = false
  const formatTime = deps.formatTime ?? ((ms: number) => new Date(ms).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }))

  const { scheduler, clock, random, automation, connection, power, online, heartbeatMs } = deps
  const schedule = scheduler
    ? new SyncSchedule({
        run: async () => ({ ok: (await runSync()).ok }),
        pollMinutes: () => deps.settings().messaging.pollMinutes,
        watchPollMinutes: deps.watchSettings ? (l) => deps.watchSettings!((next, prev) => next.messaging.pollMinutes !== prev.messaging.pollMinutes && l()) : undefined,
        polling: { scheduler, clock, random, automation, connection, power, online, heartbeatMs, logger: log }
      })
    : null

  const refreshCounts = async (): Promise<void> => {
    const c = await store.counts()
    counts = { threads: c.threads, unreadThreads: c.unreadThreads }
  }

  const handle = async (r: SyncResult): Promise<void> => {
    last = { at: r.at, ok: r.ok, error: r.error, requests: r.requests }
    if (r.ok) lastOkAt = r.at
    backfillDone = backfillDone || r.backfillDone
    requestLog.push({ at: r.at, n: r.requests })
    while (requestLog.length > 0 && requestLog[0]!.at < deps.clock.now() - HOUR) requestLog.shift()
    await refreshCounts().catch((e: unknown) => log.warn('Could not count the threads', { error: String(e) }))
    if (r.changedRoomIds.length > 0 || r.clientMessages.length > 0) emit.threadsChanged([...new Set([...r.changedRoomIds, ...r.clientMessages.map((m) => m.roomId)])])
    if (r.clientMessages.length > 0) {
      const dtos = r.clientMessages.map(toNewClientMessage)
      const threads = new Set(dtos.map((d) => d.roomId)).size
      // The notification first: it is what the user waits for.
      const n = notificationFor(r.clientMessages, deps.t)
      if (n && deps.settings().messaging.notify) {
        deps.notify({ title: n.title, body: n.body, onClick: () => emit.open(n.roomId) })
      }
      emit.newClientMessages(dtos, threads)
      for (const l of [...clientListeners]) {
        try {
          l(dtos)
        } catch (e) {
          log.error('A new-message listener threw', { error: String(e) })
        }
      }
    }
    if (r.ownMessages.length > 0) {
      const own: OwnMessageDto[] = r.ownMessages.map((m) => ({ messageId: m.id, storyId: m.storyId, roomId: m.roomId, sentAt: m.sentAt, jobId: m.jobId, proposalId: m.proposalId }))
      for (const l of [...ownListeners]) {
        try {
          l(own)
        } catch (e) {
          log.error('An own-message listener threw', { error: String(e) })
        }
      }
    }
    if (deps.recordReply && r.roomsWithClientMessages.length > 0) {
      for (const { proposalId, sentAt } of await store.firstClientMessages(r.roomsWithClientMessages)) {
        await deps.recordReply(proposalId, sentAt).catch((e: unknown) => log.warn('Could not record the replied outcome', { proposalId, error: String(e) }))
      }
    }
    emit.status()
  }

  const runSync = (): Promise<SyncResult> => {
    if (current) return current
    emit.status()
    const run = sync
      .run()
      .then(async (r) => {
        if (!disposed) await handle(r)
        return r
      })
      .finally(() => {
        current = null
        emit.status()
      })
    current = run
    return run
  }

  const syncStatus = (): MessagingStatusDto => {
    const paused = schedule?.pausedReasons() ?? []
    const next = schedule?.next() ?? null
    const error = last?.error ? renderText(deps.t, { ...last.error.text, params: { ...(last.error.text.params ?? {}), time: next === null ? '—' : formatTime(next) } }) : null
    return {
      state: current ? 'syncing' : paused.length > 0 ? 'paused' : last === null ? 'never' : last.error ? 'error' : 'idle',
      lastSyncAt: last?.at ?? null,
      lastOkAt,
      nextSyncAt: next,
      pausedReasons: paused,
      error,
      requests: { lastSync: last?.requests ?? 0, lastHour: requestLog.filter((x) => x.at >= deps.clock.now() - HOUR).reduce((s, x) => s + x.n, 0) },
      backfillDone,
      threads: counts.threads,
      unreadThreads: counts.unreadThreads
    }
  }

  const threadOrThrow = async (roomId: string) => {
    const t = await store.thread(roomId)
    if (!t) throw new AppError('not_found', 'messaging.err.threadNotFound')
    return t
  }

  const context = async (roomId: string): Promise<ThreadContextDto> => {
    const t = await threadOrThrow(roomId)
    const job = t.jobId !== null && deps.job ? await deps.job(t.jobId).catch(() => null) : null
    const p = t.proposalId !== null ? await store.proposal(t.proposalId) : null
    const proposal: ThreadProposalDto | null = p
      ? { id: p.id, upworkProposalId: p.upworkProposalId, text: p.coverLetter, bidAmount: p.bidAmount, status: p.status, stage: p.stage as ProposalStage | null, submittedAt: p.submittedAt === null ? null : new Date(p.submittedAt).toISOString() }
      : null
    return {
      roomId,
      job,
      jobTitle: job?.title ?? t.topic ?? t.title,
      proposal,
      client: { name: t.clientName, userId: t.clientUserId, stats: job?.client ?? null },
      earlierThreads: t.clientUserId ? await store.threadsWithClient(t.clientUserId, roomId) : []
    }
  }

  const threads: MessagingApi['threads'] = {
    get: (roomId) => store.summary(roomId),
    messages: async (roomId, options) => {
      const t = await store.thread(roomId)
      if (!t) return []
      return (await store.messages(t.id, roomId, { limit: Math.min(500, Math.max(1, options?.limit ?? 50)), before: null })).items
    },
    list: async (options) => (await store.listThreads({ unreadOnly: options?.filter === 'unread', limit: Math.min(200, Math.max(1, options?.limit ?? 50)), cursor: null })).items,
    context
  }

  return {
    name: 'messaging',
    handlers: {
      'messaging:threads': async ({ filter, cursor, limit }) => {
        const page = await store.listThreads({ unreadOnly: filter === 'unread', limit, cursor: parseCursor(cursor) })
        const c = await store.counts()
        return { items: page.items, nextCursor: cursorOf(page.next), total: page.total, unreadThreads: c.unreadThreads }
      },
      'messaging:thread': async ({ roomId, before, limit }) => {
        const t = await threadOrThrow(roomId)
        const page = await store.messages(t.id, roomId, { limit, before: parseCursor(before) })
        const summary = (await store.summaries([t]))[0]!
        return { thread: summary, messages: page.items, olderCursor: cursorOf(page.older), total: page.total }
      },
      'messaging:context': ({ roomId }) => context(roomId),
      'messaging:markRead': async ({ roomId }) => {
        await threadOrThrow(roomId)
        const unreadCount = (await store.markRead(roomId)) ?? 0
        await refreshCounts()
        emit.threadsChanged([roomId])
        emit.status()
        return { roomId, unreadCount }
      },
      'messaging:syncNow': async () => {
        await runSync()
        return syncStatus()
      },
      'messaging:status': () => syncStatus()
    },
    wireEvents: ({ bus }) => {
      emit.threadsChanged = (roomIds) => bus.emit('messaging:threadsChanged', { roomIds })
      emit.newClientMessages = (messages, threadCount) => bus.emit('messaging:newClientMessages', { messages, threads: threadCount })
      emit.status = () => bus.emit('messaging:status', syncStatus())
      emit.open = (roomId) => {
        bus.emit('app:navigate', { area: 'inbox' })
        bus.emit('messaging:openThread', { roomId })
      }
      const offPaused = schedule?.onPausedChange(() => emit.status())
      void refreshCounts().catch(() => undefined)
      void (async () => {
        const id = await selfId()
        if (id) backfillDone = backfillDone || (await store.account(id))?.backfillDoneAt != null
      })().catch((e: unknown) => log.warn('Could not read the account state', { error: String(e) }))
      schedule?.start()
      return () => {
        offPaused?.()
        emit.threadsChanged = () => undefined
        emit.newClientMessages = () => undefined
        emit.status = () => undefined
        emit.open = () => undefined
      }
    },
    status: () => ({ notices: [] }),
    dispose: async () => {
      disposed = true
      await schedule?.dispose()
      await current?.catch(() => undefined)
    },
    threads,
    onClientMessages: (listener) => {
      clientListeners.add(listener)
      return () => void clientListeners.delete(listener)
    },
    onOwnMessages: (listener) => {
      ownListeners.add(listener)
      return () => void ownListeners.delete(listener)
    },
    syncNow: async () => {
      await runSync()
    },
    unreadCount: async () => (await store.counts()).unreadMessages,
    syncStatus,
    idle: async () => {
      await schedule?.idle()
      await current?.catch(() => undefined)
    },
    unreadThreads: async (limit = 5) =>
      (await store.listThreads({ unreadOnly: true, limit, cursor: null })).items.map((t) => ({ roomId: t.roomId, title: t.title, clientName: t.clientName, unreadCount: t.unreadCount }))
  }
}
