import type { ProfileDto } from '@shared/discovery'
import type { DraftDto } from '@shared/drafting'
import type { MessageKey, Translate } from '@shared/i18n'
import { DONE_STATES, type OutboxItemDto } from '@shared/outbox'
import type { ApproveResultDto, ReviewChangedEvent } from '@shared/review'
import { AppError } from '../core/app-error'
import type { DomainModule } from '../core/domain-module'
import type { Database } from '../db/open-database'
import type { AutomationSwitch } from '../discovery/polling'
import type { JobStore } from '../discovery/job-store'
import type { DraftingModule } from '../drafting/module'
import type { Logger } from '../logging/logger'
import type { RecordSubmission } from '../outcomes/api'
import type { OutboxModule } from '../outbox/module'
import type { Clock } from '../ports/clock'
import type { Scheduler } from '../scheduler/scheduler'
import { Autopilot, type AutopilotSettings } from './autopilot'
import { ReviewStore } from './review-store'
import { snapshotOf } from './snapshot'

export type ReviewChannel = 'review:queue' | 'review:enqueue' | 'review:approve' | 'review:discard' | 'review:confirmApplied' | 'review:autopilot' | 'review:runAutopilot'

export interface ReviewDeps {
  db: Pick<Database, 'prisma' | 'client'>
  clock: Clock
  logger: Logger
  t: Translate
  drafting: Pick<DraftingModule, 'handlers' | 'drafts' | 'generator'>
  jobs: Pick<JobStore, 'get' | 'setStatus'>
  profile: () => Promise<ProfileDto>
  outbox: Pick<OutboxModule, 'enqueueProposal' | 'onChange' | 'get'>
  /** capabilities.proposalSubmit (the outbox checks again before sending). */
  canSubmitProposals: () => Promise<boolean>
  /** The outcomes domain's recordSubmission: a submitted proposal becomes a tracked Proposal. */
  recordSubmission: (input: RecordSubmission) => Promise<unknown>
  settings: () => AutopilotSettings
  automation: AutomationSwitch
  scheduler: Scheduler
  /** Calls back when the Autopilot settings change (the status is sent again). Returns the unsubscribe. */
  watchSettings?: (listener: () => void) => () => void
  utcOffsetMinutes?: () => number
}

export interface ReviewModule extends DomainModule<ReviewChannel> {
  autopilot: Autopilot
  store: ReviewStore
  /** Resolves when the outbox changes seen so far have been applied (tests, shutdown). */
  idle(): Promise<void>
}

const REVIEWABLE = ['draft', 'queued']
/** Why "Send to review" is refused, by the draft's status (the words, en + uk). */
const ENQUEUE_REFUSED: Partial<Record<string, MessageKey>> = {
  discarded: 'review.error.enqueueDiscarded',
  sent: 'drafting.error.sent',
  approved: 'review.error.enqueueApproved'
}

/** The review queue and approval (issue 8 item 6): approve is a click; Autopilot only queues. */
export function createReviewModule(deps: ReviewDeps): ReviewModule {
  const log = deps.logger.child('review')
  const store = new ReviewStore(deps.db)
  const changedListeners = new Set<(e: ReviewChangedEvent) => void>()
  const changed = (e: ReviewChangedEvent): void => {
    for (const l of changedListeners) l(e)
  }
  let statusChanged = (): void => undefined
  const autopilot = new Autopilot({
    store,
    drafting: deps.drafting,
    profile: deps.profile,
    markDrafted: async (jobId) => void (await deps.jobs.setStatus(jobId, 'drafted', deps.clock.now())),
    settings: deps.settings,
    automation: deps.automation,
    scheduler: deps.scheduler,
    clock: deps.clock,
    logger: log,
    t: deps.t,
    utcOffsetMinutes: deps.utcOffsetMinutes,
    queued: (draftId) => changed({ draftId, status: 'queued' }),
    statusChanged: () => statusChanged()
  })

  /** One approve / confirm at a time per draft (two clicks, two windows). */
  const chains = new Map<number, Promise<unknown>>()
  const serial = <T>(draftId: number, work: () => Promise<T>): Promise<T> => {
    const next = (chains.get(draftId) ?? Promise.resolve()).then(work, work)
    const tail = next.catch(() => undefined)
    chains.set(draftId, tail)
    void tail.then(() => chains.get(draftId) === tail && chains.delete(draftId))
    return next
  }

  const getDraft = async (id: number): Promise<DraftDto> => {
    const d = await deps.drafting.drafts.get(id)
    if (!d || d.kind !== 'proposal') throw new AppError('DRAFT_NOT_FOUND', 'drafting.error.draftNotFound')
    return d
  }

  /** The draft is on Upwork: sent, the job applied, the submission recorded for outcomes (once: the move is a compare-and-set). */
  const markSent = async (d: DraftDto, source: 'outbox' | 'manual', coverLetter: string, upworkProposalId: string | null): Promise<boolean> => {
    const now = deps.clock.now()
    if (!(await store.moveStatus(d.id, ['approved'], 'sent', now))) return false
    if (d.jobId !== null) await deps.jobs.setStatus(d.jobId, 'applied', now)
    changed({ draftId: d.id, status: 'sent' })
    await deps.recordSubmission({
      draftId: d.id,
      jobId: d.jobId,
      upworkJobId: d.job.upworkId ?? '',
      coverLetter,
      bidAmount: d.bid.amount,
      source,
      upworkProposalId,
      at: now,
      jobTitle: d.job.title || null
    })
    return true
  }

  const onOutbox = async (item: OutboxItemDto): Promise<void> => {
    if (item.kind !== 'proposal' || item.draftId === null || !DONE_STATES.includes(item.state)) return
    const d = await deps.drafting.drafts.get(item.draftId)
    if (d?.status === 'approved') await markSent(d, 'outbox', item.payload.coverLetter, item.remoteId)
  }
  let pendingOutbox: Promise<void> = Promise.resolve()
  const offOutbox = deps.outbox.onChange((item) => {
    pendingOutbox = pendingOutbox
      .then(() => serial(item.draftId ?? 0, () => onOutbox(item)))
      .catch((e: unknown) => log.error('review: an outbox change could not be applied', { itemId: item.id, error: String(e) }))
  })

  const approve = async (input: { draftId: number; idempotencyKey: string; text?: string }): Promise<ApproveResultDto> => {
    let d = await getDraft(input.draftId)
    if (d.status === 'approved' || d.status === 'sent') {
      // Approved before (the same click twice, a second window): its way out already exists, never a second item.
      const snap = await store.snapshot(d.id)
      if (snap?.outboxItemId != null) return { mode: 'outbox', draftId: d.id, item: await deps.outbox.get(snap.outboxItemId) }
      if (d.status === 'sent') throw new AppError('DRAFT_NOT_REVIEWABLE', 'drafting.error.sent')
      if (snap?.mode === 'manual') return { mode: 'manual', draftId: d.id, text: d.text, jobUrl: d.job.url ?? '' }
    } else if (!REVIEWABLE.includes(d.status)) {
      throw new AppError('DRAFT_NOT_REVIEWABLE', 'review.error.discarded')
    }
    if (deps.drafting.generator.isRunning(d.id)) throw new AppError('DRAFT_GENERATING', 'drafting.error.generating')
    if (!d.job.upworkId || !d.job.url) throw new AppError('REVIEW_NO_JOB', 'review.error.noJob')
    if (d.bid.amount === null || d.bid.amount <= 0) throw new AppError('REVIEW_NO_BID', 'review.error.noBid')
    if (input.text !== undefined && input.text !== d.text) {
      if (d.status === 'approved') throw new AppError('REVIEW_ALREADY_APPROVED', 'review.error.alreadyApproved')
      await deps.drafting.drafts.saveVersion(d.id, input.text, 'USER', 'user')
      d = await getDraft(d.id)
    }
    const coverLetter = d.text.trim()
    if (!coverLetter) throw new AppError('REVIEW_EMPTY', 'review.error.empty')
    const upworkJobId = d.job.upworkId
    const bid = d.bid.amount
    if (!upworkJobId || bid === null) throw new AppError('REVIEW_NO_JOB', 'review.error.noJob')

    const now = deps.clock.now()
    const canSubmit = await deps.canSubmitProposals()
    const job = d.jobId !== null ? await deps.jobs.get(d.jobId) : null
    const aiCallId = [...d.versions].reverse().find((v) => v.source === 'AI')?.aiCallId ?? null
    await store.saveSnapshot(snapshotOf(d, job, { mode: canSubmit ? 'outbox' : 'manual', at: now, aiModel: await store.aiModelOf(aiCallId) }))
    if (d.status !== 'approved') {
      await store.moveStatus(d.id, REVIEWABLE, 'approved', now)
      changed({ draftId: d.id, status: 'approved' })
    }

    const manual = async (): Promise<ApproveResultDto> => {
      await store.setSnapshotOutbox(d.id, 'manual', null)
      return { mode: 'manual', draftId: d.id, text: coverLetter, jobUrl: d.job.url ?? '' }
    }
    if (!canSubmit) return manual()
    let item: OutboxItemDto
    try {
      item = await deps.outbox.enqueueProposal({
        draftId: d.id,
        idempotencyKey: input.idempotencyKey,
        payload: { jobId: upworkJobId, jobTitle: d.job.title || undefined, coverLetter, chargedAmount: bid }
      })
    } catch (e) {
      // The outbox checked the capability again and the key cannot submit: upwork.com it is.
      if (e instanceof AppError && e.code === 'submit_unavailable') return manual()
      throw e
    }
    await store.setSnapshotOutbox(d.id, 'outbox', item.id)
    if (DONE_STATES.includes(item.state)) await markSent(d, 'outbox', coverLetter, item.remoteId)
    return { mode: 'outbox', draftId: d.id, item }
  }

  return {
    name: 'review',
    autopilot,
    store,
    idle: async () => {
      await pendingOutbox
      await Promise.all([...chains.values()])
    },
    handlers: {
      'review:queue': ({ limit }) => store.queue(limit),
      'review:enqueue': ({ draftId }) =>
        serial(draftId, async () => {
          const d = await getDraft(draftId)
          if (d.status === 'queued') return { draftId, status: 'queued' as const }
          if (d.status !== 'draft') throw new AppError('DRAFT_NOT_REVIEWABLE', ENQUEUE_REFUSED[d.status] ?? 'review.error.enqueueDiscarded')
          if (deps.drafting.generator.isRunning(d.id)) throw new AppError('DRAFT_GENERATING', 'drafting.error.generating')
          if (!(await store.moveStatus(d.id, ['draft'], 'queued', deps.clock.now()))) throw new AppError('DRAFT_NOT_REVIEWABLE', 'review.error.enqueueDiscarded')
          changed({ draftId, status: 'queued' })
          return { draftId, status: 'queued' as const }
        }),
      'review:approve': (input) => serial(input.draftId, () => approve(input)),
      'review:discard': async ({ draftId }) => {
        const d = await getDraft(draftId)
        if (!REVIEWABLE.includes(d.status)) throw new AppError('DRAFT_NOT_REVIEWABLE', d.status === 'sent' ? 'drafting.error.sent' : 'review.error.notDiscardable')
        const res = await deps.drafting.handlers['drafts:discard']({ id: draftId })
        changed({ draftId, status: 'discarded' })
        return { draftId: res.id, status: 'discarded' as const }
      },
      'review:confirmApplied': ({ draftId }) =>
        serial(draftId, async () => {
          const d = await getDraft(draftId)
          const snap = await store.snapshot(draftId)
          if (d.status !== 'approved' || snap?.mode !== 'manual') throw new AppError('REVIEW_NOT_MANUAL', 'review.error.notAwaitingConfirmation')
          await markSent(d, 'manual', d.text.trim(), null)
          return { draftId, status: 'sent' as const }
        }),
      'review:autopilot': () => autopilot.status(),
      'review:runAutopilot': async () => {
        await autopilot.runNow()
        return autopilot.status()
      }
    },
    wireEvents: ({ bus }) => {
      const sendStatus = (): void =>
        void autopilot.status().then(
          (s) => bus.emit('review:autopilotStatus', s),
          (e: unknown) => log.warn('review: the Autopilot status could not be read', { error: String(e) })
        )
      statusChanged = sendStatus
      const onChanged = (e: ReviewChangedEvent): void => bus.emit('review:changed', e)
      changedListeners.add(onChanged)
      const offPause = deps.automation.onChange(() => sendStatus())
      const offSettings = deps.watchSettings?.(() => sendStatus()) ?? (() => undefined)
      autopilot.start()
      return () => {
        statusChanged = () => undefined
        changedListeners.delete(onChanged)
        offPause()
        offSettings()
      }
    },
    status: () => ({ notices: [] }),
    dispose: async () => {
      offOutbox()
      await autopilot.dispose()
      await pendingOutbox
    }
  }
}
