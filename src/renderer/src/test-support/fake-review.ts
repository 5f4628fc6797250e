import type { ChannelName, EventMap, EventName } from '@shared/contract'
import type { DraftDto } from '@shared/drafting'
import type { OutboxItemDto, OutboxState } from '@shared/outbox'
import type { ProposalDetailDto, ProposalStatusEventDto } from '@shared/proposals'
import type { AutopilotStatusDto, ReviewItemDto } from '@shared/review'
import type { FakeDrafting } from './fake-drafting'
import type { FakeHandlers } from './fake-bridge'

type ReviewChannel = Extract<ChannelName, `review:${string}` | `proposals:${string}` | `outbox:${string}`>

const notInOutbox = (): never => {
  throw new Error('This item is not in the outbox.')
}

/**
 * The review queue, the outbox and proposals in memory for the fake main. The queue is the fake
 * drafting domain's `queued`/`approved` drafts (best `scores` first); Approve answers through the
 * outbox (an item in state `approveState`) when `canSubmit`, else in manual mode; each approve
 * call is recorded in `approvals` (with its idempotency key), and the same key twice makes one item.
 */
export class FakeReview {
  /** The key can submit proposals (else Approve answers in manual mode). */
  canSubmit = true
  /** The state of the outbox item an approval creates. */
  approveState: OutboxState = 'sent'
  approveError: { code: string; message: string } | null = null
  /** Per draft id: its job's score. */
  scores = new Map<number, number>()
  outbox: OutboxItemDto[] = []
  proposals: ProposalDetailDto[] = []
  confirmed: number[] = []
  /** Each review:enqueue ("Send to review") call's draft id, with the text main had then (the editor saves first). */
  enqueued: Array<{ draftId: number; text: string }> = []
  autopilot: AutopilotStatusDto = { enabled: false, paused: false, running: false, preparedToday: 0, topN: 5, lastRun: null, nextRunAt: null }

  constructor(
    private readonly drafting: FakeDrafting,
    private readonly emit: <E extends EventName>(event: E, payload: EventMap[E]) => void
  ) {}

  /** A queued draft with its score (for tests that start with a queue). */
  queue(score: number, over: Parameters<FakeDrafting['add']>[0] = {}): DraftDto {
    const draft = this.drafting.add({ status: 'queued', versions: [{ text: `Proposal text ${this.drafting.drafts.length + 1}`, author: 'autopilot', source: 'AI' }], ...over })
    this.scores.set(draft.id, score)
    return draft
  }

  /** An outbox item as main would hold it. */
  outboxItem(state: OutboxState, over: Partial<OutboxItemDto> = {}): OutboxItemDto {
    const id = Math.max(0, ...this.outbox.map((i) => i.id)) + 1
    const at = new Date().toISOString()
    const item = {
      id, kind: 'proposal', state, idempotencyKey: `key-${id}-abcdefgh`, draftId: null, attempts: state === 'queued' ? 0 : 1,
      lastError: state === 'failed' ? { code: 'network', message: 'Upwork could not be reached.' } : null, remoteId: null,
      createdAt: at, updatedAt: at, sentAt: state === 'sent' ? at : null, history: [{ from: null, to: state, at, detail: 'created' }],
      payload: { jobId: '123', jobTitle: `Job for item ${id}`, coverLetter: 'Hello', chargedAmount: 500 },
      ...over
    } as OutboxItemDto
    this.outbox = [item, ...this.outbox.filter((i) => i.id !== id)]
    return item
  }

  /** An outbox item changes state in main (emits outbox:changed). */
  setOutboxState(id: number, state: OutboxState, lastError: OutboxItemDto['lastError'] = null): OutboxItemDto {
    const found = this.outbox.find((i) => i.id === id) ?? notInOutbox()
    const next = { ...found, state, lastError, history: [...found.history, { from: found.state, to: state, at: new Date().toISOString(), detail: null }] } as OutboxItemDto
    this.outbox = this.outbox.map((i) => (i.id === id ? next : i))
    this.emit('outbox:changed', next)
    return next
  }

  proposal(over: Partial<ProposalDetailDto> & { history?: ProposalStatusEventDto[] } = {}): ProposalDetailDto {
    const id = Math.max(0, ...this.proposals.map((p) => p.id)) + 1
    const at = new Date(Date.UTC(2026, 11, 1, 9)).toISOString()
    const p: ProposalDetailDto = {
      id, upworkProposalId: `p${id}`, draftId: null, jobId: null, upworkJobId: '123', jobTitle: `Proposal ${id}`, status: 'Pending', upworkStatus: 'Pending',
      stage: 'submitted', submissionSource: 'outbox', bidAmount: 500, submittedAt: at, statusChangedAt: at, match: 'id', coverLetter: 'Hello',
      history: [{ from: null, to: 'Pending', stage: 'submitted', at, source: 'app' }],
      ...over
    }
    this.proposals = [...this.proposals, p]
    return p
  }

  private item(d: DraftDto): ReviewItemDto {
    const j = d.job
    return {
      draftId: d.id, status: d.status === 'approved' ? 'approved' : 'queued', approval: null, jobId: d.jobId,
      job: {
        title: j.title, url: j.url, jobType: j.jobType, hourlyMin: j.hourlyMin, hourlyMax: j.hourlyMax, fixedAmount: j.fixedAmount, currency: j.currency,
        skills: j.skills, clientCountry: j.client.country, clientVerified: j.client.verified, clientTotalSpent: j.client.totalSpent, clientFeedback: j.client.feedback,
        totalApplicants: null, publishedAt: null
      },
      score: this.scores.get(d.id) ?? null, bid: d.bid, text: this.drafting.get(d.id).text, currentSeq: this.drafting.get(d.id).currentSeq, checks: d.checks,
      templateId: d.templateId, strategy: d.strategy, byAutopilot: true, createdAt: d.createdAt, updatedAt: d.updatedAt
    }
  }

  private setStatus(draftId: number, status: DraftDto['status']): void {
    this.drafting.drafts = this.drafting.drafts.map((d) => (d.id === draftId ? { ...d, status } : d))
  }

  private sorted(): ReviewItemDto[] {
    return this.drafting.drafts
      .filter((d) => d.status === 'queued' || d.status === 'approved')
      .map((d) => this.item(d))
      .sort((a, b) => (b.score ?? -1) - (a.score ?? -1))
  }

  readonly handlers: Pick<FakeHandlers, ReviewChannel> = {
    'review:queue': ({ limit }) => this.sorted().slice(0, limit),
    'review:approve': ({ draftId, idempotencyKey, text }) => {
      const draft = this.drafting.get(draftId)
      if (this.approveError) throw Object.assign(new Error(this.approveError.message), { code: this.approveError.code })
      this.setStatus(draftId, 'approved')
      if (!this.canSubmit) return { mode: 'manual', draftId, text: text ?? draft.text, jobUrl: draft.job.url ?? 'https://www.upwork.com/' }
      const same = this.outbox.find((i) => i.idempotencyKey === idempotencyKey)
      const item =
        same ??
        this.outboxItem(this.approveState, {
          idempotencyKey, draftId,
          payload: { jobId: '123', jobTitle: draft.job.title, coverLetter: text ?? draft.text, chargedAmount: draft.bid.amount ?? 1 },
          lastError: this.approveState === 'failed' ? { code: 'network', message: 'Upwork could not be reached.' } : null
        })
      return { mode: 'outbox', draftId, item }
    },
    'review:enqueue': ({ draftId }) => {
      const draft = this.drafting.get(draftId)
      this.enqueued.push({ draftId, text: draft.text })
      const refused = { discarded: 'This draft was discarded, so it cannot be sent to review.', sent: 'This proposal was already sent, so it can no longer be changed.', approved: 'This draft was already approved, so it is not sent to review again.' } as const
      if (draft.status in refused) throw Object.assign(new Error(refused[draft.status as keyof typeof refused]), { code: 'DRAFT_NOT_REVIEWABLE' })
      if (draft.generation === 'generating') throw Object.assign(new Error('The AI is still writing this draft: wait for it to finish, or cancel it.'), { code: 'DRAFT_GENERATING' })
      if (draft.status !== 'queued') {
        this.setStatus(draftId, 'queued')
        this.emit('review:changed', { draftId, status: 'queued' })
      }
      return { draftId, status: 'queued' }
    },
    'review:discard': ({ draftId }) => {
      this.setStatus(draftId, 'discarded')
      return { draftId, status: 'discarded' }
    },
    'review:confirmApplied': ({ draftId }) => {
      this.confirmed.push(draftId)
      this.setStatus(draftId, 'sent')
      return { draftId, status: 'sent' }
    },
    'review:autopilot': () => this.autopilot,
    'review:runAutopilot': () => (this.autopilot = { ...this.autopilot, lastRun: { startedAt: Date.now(), finishedAt: Date.now(), prepared: 0, stopReason: 'noCandidates', message: null } }),
    'outbox:list': () => this.outbox,
    'outbox:get': ({ id }) => this.outbox.find((i) => i.id === id) ?? notInOutbox(),
    'outbox:retry': ({ id }) => this.setOutboxState(id, 'sent'),
    'outbox:cancel': ({ id }) => this.setOutboxState(id, 'failed', { code: 'cancelled', message: 'You cancelled this before it was sent.' }),
    'proposals:list': () => this.proposals.map(({ coverLetter: _c, history: _h, ...p }) => p),
    'proposals:get': ({ id }) => this.proposals.find((p) => p.id === id) ?? notInOutbox(),
    'proposals:mark': ({ id, status }) => {
      const found = this.proposals.find((p) => p.id === id) ?? notInOutbox()
      const at = new Date().toISOString()
      const next: ProposalDetailDto = { ...found, status, stage: status, statusChangedAt: at, history: [...found.history, { from: found.status, to: status, stage: status, at, source: 'user' }] }
      this.proposals = this.proposals.map((p) => (p.id === id ? next : p))
      return next
    },
    'proposals:syncNow': () => ({ seen: this.proposals.length, created: 0, matched: 0, changes: 0, skipped: 0, pages: 1 })
  }
}
