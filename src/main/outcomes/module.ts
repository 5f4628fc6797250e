import { renderText, text, type Translate, type UserText } from '@shared/i18n'
import {
  stageOfMark,
  type ProposalDetailDto,
  type ProposalDto,
  type ProposalSyncResult,
  type ProposalSyncStatus,
  type UserMark
} from '@shared/proposals'
import { z } from 'zod'
import { AppError, isUserFacingError, textOf } from '../core/app-error'
import type { DomainModule } from '../core/domain-module'
import type { Database } from '../db/open-database'
import type { Logger } from '../logging/logger'
import type { Clock } from '../ports/clock'
import type { Scheduler } from '../scheduler/scheduler'
import { isUpworkError } from '../upwork/errors'
import type { OperationContext } from '../upwork/operations/common'
import type { OutcomesApi, RecordSubmission } from './api'
import { ProposalStore, type ProposalRow, type StatusEventRow } from './proposal-store'
import { syncProposals } from './sync'

/**
 * Outcome tracking (issue 8 item 8): the Proposal rows and every status change of each
 * (ProposalStatusEvent: status as given, funnel stage, time, source), from three sources:
 * - the app: `recordSubmission` when the review queue's approval reached Upwork (or the user
 *   confirmed submitting on upwork.com);
 * - Upwork: the sync of `vendorProposals` (sync.ts), every 30 minutes and on demand;
 * - the user: marks (viewed, replied, interview, hired, lost).
 * Reads only: this module has no write-capable Upwork client. README.md has the API.
 */
export interface OutcomesDeps {
  db: Pick<Database, 'client' | 'bulkWrite'>
  reads: OperationContext
  clock: Clock
  logger: Logger
  t: Translate
  /** The sync's heartbeat; none: no scheduled sync (on demand only). */
  scheduler?: Scheduler
  /** Default 30 minutes. */
  syncEveryMs?: number
  /** Whether a scheduled sync may run now (connected to Upwork, automation not paused). Default: yes. */
  canSyncOnSchedule?: () => boolean | Promise<boolean>
  /** Pages per status per sync (40 proposals a page). Default 5. */
  maxPagesPerStatus?: number
}

export type ProposalsChannels = 'proposals:list' | 'proposals:get' | 'proposals:mark' | 'proposals:syncNow'

export interface OutcomesModule extends DomainModule<ProposalsChannels>, OutcomesApi {
  syncStatus(): ProposalSyncStatus
  /** Resolves when no sync is running (tests, shutdown). */
  idle(): Promise<void>
}

export const SYNC_EVERY_MS = 30 * 60_000
/** How often the schedule looks whether a sync is due. */
const HEARTBEAT_MS = 60_000

/** Stages a client's reply moves on from (anything further, or closed, is kept). */
const REPLY_RECORDABLE: ReadonlySet<string | null> = new Set([null, 'submitted', 'viewed'])

const recordSchema = z
  .object({
    draftId: z.number().int().positive().nullable(),
    jobId: z.number().int().positive().nullable(),
    upworkJobId: z.string().regex(/^\d{1,30}$/),
    coverLetter: z.string().min(1).max(50_000),
    bidAmount: z.number().positive().finite().nullable(),
    source: z.enum(['outbox', 'manual']),
    upworkProposalId: z.string().min(1).max(100).nullable().optional(),
    at: z.number().int().nonnegative(),
    jobTitle: z.string().max(500).nullable().optional(),
    connectsSpent: z.number().int().nonnegative().nullable().optional()
  })
  .strict()

const iso = (ms: number): string => new Date(ms).toISOString()

function toDto(row: ProposalRow): ProposalDto {
  return {
    id: row.id,
    upworkProposalId: row.upworkProposalId,
    draftId: row.draftId,
    jobId: row.jobId,
    upworkJobId: row.upworkJobId,
    jobTitle: row.jobTitle,
    status: row.status,
    upworkStatus: row.upworkStatus,
    stage: row.stage,
    submissionSource: row.submissionSource,
    bidAmount: row.bidAmount,
    connectsSpent: row.connectsSpent,
    submittedAt: row.submittedAt === null ? null : iso(row.submittedAt),
    statusChangedAt: iso(row.statusChangedAt),
    match: row.matchKind
  }
}

function toDetail(row: ProposalRow, history: StatusEventRow[]): ProposalDetailDto {
  return {
    ...toDto(row),
    coverLetter: row.coverLetter,
    history: history.map((e) => ({ from: e.from, to: e.to, stage: e.stage, at: iso(e.at), source: e.source }))
  }
}

/** The sync's failure in plain words: which permission is missing, a rate limit, not connected. */
function syncErrorText(e: unknown): UserText {
  if (isUpworkError(e, 'scope')) return text('proposals.err.scope')
  if (isUpworkError(e, 'rate_limited')) return text('proposals.err.rateLimited')
  if (isUpworkError(e, 'not_connected') || isUpworkError(e, 'reconnect_needed')) return text('proposals.err.notConnected')
  if (isUserFacingError(e)) return textOf(e)
  return text('proposals.err.syncFailed')
}

export function createOutcomesModule(deps: OutcomesDeps): OutcomesModule {
  const log = deps.logger.child('outcomes')
  const store = new ProposalStore(deps.db)
  const listeners = new Set<(p: ProposalDto) => void>()
  const now = () => deps.clock.now()
  let running: Promise<ProposalSyncResult> | null = null
  /** The sync queued behind `running` for callers that asked while it was in flight. */
  let next: Promise<ProposalSyncResult> | null = null
  let last: { at: number; result: ProposalSyncResult | null; error: UserText | null } | null = null
  let statusChanged: (() => void) | null = null
  let disposed = false

  const load = async (id: number): Promise<ProposalDetailDto> => {
    const row = await store.get(id)
    if (!row) throw new AppError('not_found', 'proposals.err.notFound')
    return toDetail(row, (await store.events([id])).get(id) ?? [])
  }

  const emit = (dto: ProposalDto): void => {
    for (const l of [...listeners]) {
      try {
        l(dto)
      } catch (e) {
        log.error('A proposal listener failed', { error: String(e) })
      }
    }
  }

  const changed = async (id: number): Promise<ProposalDetailDto> => {
    const dto = await load(id)
    emit(dto)
    return dto
  }

  const recordSubmission = async (input: RecordSubmission): Promise<ProposalDetailDto> => {
    const parsed = recordSchema.safeParse(input)
    if (!parsed.success) throw new AppError('invalid_input', 'proposals.err.invalidSubmission')
    const s = parsed.data
    const upworkProposalId = s.upworkProposalId ?? null
    const existing = (s.draftId !== null ? await store.byDraft(s.draftId) : null) ?? (upworkProposalId ? await store.byUpworkId(upworkProposalId) : null)
    if (existing) return load(existing.id)
    const job = s.jobId === null ? (await store.jobsByUpworkId([s.upworkJobId])).get(s.upworkJobId) : undefined
    const id = await store.insert(
      {
        upworkProposalId,
        jobId: s.jobId ?? job?.id ?? null,
        upworkJobId: s.upworkJobId,
        jobTitle: s.jobTitle ?? job?.title ?? null,
        draftId: s.draftId,
        status: 'Pending',
        upworkStatus: null,
        stage: 'submitted',
        submissionSource: s.source,
        matchKind: upworkProposalId ? 'id' : null,
        bidAmount: s.bidAmount,
        connectsSpent: s.connectsSpent ?? null,
        coverLetter: s.coverLetter,
        submittedAt: s.at,
        at: s.at,
        source: s.source === 'outbox' ? 'app' : 'user'
      },
      now()
    )
    if (id === null) {
      // Recorded meanwhile by another call (or the sync found it first): that row is the one.
      const again = (s.draftId !== null ? await store.byDraft(s.draftId) : null) ?? (upworkProposalId ? await store.byUpworkId(upworkProposalId) : null)
      if (again) return load(again.id)
      throw new Error('The proposal was not saved')
    }
    return changed(id)
  }

  const mark = async (id: number, status: UserMark): Promise<ProposalDetailDto> => {
    const row = await store.get(id)
    if (!row) throw new AppError('not_found', 'proposals.err.notFound')
    if (row.status === status) return load(id)
    if (!(await store.changeStatus(id, row.status, { to: status, stage: stageOfMark(status), at: now(), source: 'user' }, {}, now()))) {
      // Changed by a sync between the read and the write: mark against the new status.
      return mark(id, status)
    }
    return changed(id)
  }

  const recordReply = async (id: number, at: number, attempt = 0): Promise<boolean> => {
    const row = await store.get(id)
    if (!row || !REPLY_RECORDABLE.has(row.stage)) return false
    if (await store.changeStatus(id, row.status, { to: 'replied', stage: 'replied', at, source: 'messaging' }, {}, now())) {
      await changed(id)
      return true
    }
    // Changed by a sync between the read and the write: decide again against the new status.
    return attempt < 3 ? recordReply(id, at, attempt + 1) : false
  }

  const runSync = async (): Promise<ProposalSyncResult> => {
    statusChanged?.()
    try {
      const outcome = await syncProposals({ reads: deps.reads, store, now, logger: log, maxPagesPerStatus: deps.maxPagesPerStatus ?? 5 })
      last = { at: now(), result: outcome.result, error: null }
      for (const id of outcome.changed) {
        const row = await store.get(id)
        if (row) emit(toDto(row))
      }
      if (outcome.result.skipped > 0) log.warn('Some proposals from Upwork could not be read and were skipped', { skipped: outcome.result.skipped })
      log.info('Proposals synced', { ...outcome.result })
      return outcome.result
    } catch (e) {
      const words = syncErrorText(e)
      last = { at: now(), result: null, error: words }
      log.warn('The proposal sync failed', { error: String(e) })
      throw new AppError(isUpworkError(e) ? e.code : 'sync_failed', words, { cause: e })
    }
  }

  const start = (): Promise<ProposalSyncResult> => {
    const run = runSync().finally(() => {
      if (running === run) running = null
      statusChanged?.()
    })
    running = run
    return run
  }

  /**
   * A sync that reads Upwork after this call. One already in flight may have read Upwork before
   * the caller's reason to ask (a status changed there a moment ago), so its result is not the
   * answer: one more sync runs right after it, shared by every caller that asks meanwhile.
   */
  const syncNow = (): Promise<ProposalSyncResult> => {
    if (!running) return start()
    next ??= running
      .catch(() => undefined)
      .then(() => {
        next = null
        return start()
      })
    return next
  }

  const syncStatus = (): ProposalSyncStatus => ({
    state: running || next ? 'syncing' : 'idle',
    lastSyncAt: last ? iso(last.at) : null,
    lastResult: last?.result ?? null,
    lastError: last?.error ? renderText(deps.t, last.error) : null
  })

  const settled = async (): Promise<void> => {
    while (running || next) await (next ?? running)!.catch(() => undefined)
  }

  const everyMs = deps.syncEveryMs ?? SYNC_EVERY_MS
  /**
   * The heartbeat ticks more often than the sync is due (a cron heartbeat fires at least once a
   * minute), so whether 30 minutes have passed since the last sync is decided here, on the Clock.
   */
  const scheduledSync = async (): Promise<void> => {
    if (disposed || running || next) return
    if (last && now() - last.at < everyMs) return
    if (deps.canSyncOnSchedule && !(await deps.canSyncOnSchedule())) return
    if (disposed || running || next) return
    await start().catch(() => undefined) // kept in syncStatus() and the log
  }

  return {
    name: 'outcomes',
    handlers: {
      'proposals:list': async () => (await store.list()).map(toDto),
      'proposals:get': ({ id }) => load(id),
      'proposals:mark': ({ id, status }) => mark(id, status),
      'proposals:syncNow': () => syncNow()
    },
    wireEvents: ({ bus, statusChanged: sc }) => {
      statusChanged = sc
      const off = (() => {
        const l = (p: ProposalDto): void => bus.emit('proposals:changed', p)
        listeners.add(l)
        return () => void listeners.delete(l)
      })()
      const stop = deps.scheduler?.every(Math.min(everyMs, HEARTBEAT_MS), () => void scheduledSync()) ?? (() => undefined)
      return () => {
        statusChanged = null
        off()
        stop()
      }
    },
    status: () => ({ proposalSync: syncStatus() }),
    dispose: async () => {
      disposed = true
      await settled()
    },
    recordSubmission,
    list: async () => (await store.list()).map(toDto),
    get: load,
    mark,
    recordReply,
    syncNow,
    onChange: (listener) => {
      listeners.add(listener)
      return () => void listeners.delete(listener)
    },
    syncStatus,
    idle: settled
  }
}
