import { stageOfUpworkStatus, type ProposalSyncResult } from '@shared/proposals'
import { PROPOSAL_STATUSES } from '@shared/types'
import type { Logger } from '../logging/logger'
import type { OperationContext } from '../upwork/operations/common'
import { listProposals, MAX_PROPOSALS_PAGE } from '../upwork/operations/proposals'
import type { Proposal } from '../upwork/types'
import { bestLetterMatch } from './matching'
import type { ProposalRow, ProposalStore } from './proposal-store'

/**
 * One sync of the freelancer's proposals from `vendorProposals` (reads only).
 *
 * Upwork's filter needs one status, so each known status is read, newest first, 40 a page (41 or
 * more is VJCA-6), at most `maxPagesPerStatus` pages each (the API budget: 8 statuses × 5 pages =
 * 40 requests at most, 8 for a freelancer with under 40 proposals per status). Each proposal is
 * then matched, in this order:
 * 1. a local proposal with its Upwork id ('id');
 * 2. a local proposal on the same job still without one (recordSubmission), by its cover letter
 *    ('text' when the same after normalizing, 'similar' above the threshold: edited on upwork.com);
 * 3. a draft on the same job without a proposal, by its latest text (submitted on upwork.com);
 * 4. none: a new Proposal row without a draft (submitted on upwork.com without GigPilot).
 * A status other than the one stored is a history row (source 'upwork-sync') at Upwork's
 * modifiedDateTime when it gives one that is not before the last row, else at the sync's time.
 */
export interface SyncDeps {
  reads: OperationContext
  store: ProposalStore
  now: () => number
  logger: Logger
  maxPagesPerStatus: number
}

export interface SyncOutcome {
  result: ProposalSyncResult
  /** Proposal rows created or changed. */
  changed: number[]
}

function parseTime(value: string | null): number | null {
  if (value === null) return null
  const ms = Date.parse(value)
  return Number.isFinite(ms) ? ms : null
}

export async function readAllProposals(deps: Pick<SyncDeps, 'reads' | 'maxPagesPerStatus'>): Promise<{ proposals: Proposal[]; skipped: number; pages: number }> {
  const byId = new Map<string, Proposal>()
  let skipped = 0
  let pages = 0
  for (const status of PROPOSAL_STATUSES) {
    let after: string | undefined
    for (let page = 0; page < deps.maxPagesPerStatus; page++) {
      const res = await listProposals(deps.reads, status, after ? { first: MAX_PROPOSALS_PAGE, after } : { first: MAX_PROPOSALS_PAGE })
      pages++
      skipped += res.skipped
      for (const p of res.proposals) byId.set(p.id, p)
      if (!res.hasNextPage || !res.endCursor) break
      after = res.endCursor
    }
  }
  return { proposals: [...byId.values()], skipped, pages }
}

export async function syncProposals(deps: SyncDeps): Promise<SyncOutcome> {
  const read = await readAllProposals(deps)
  const result: ProposalSyncResult = { seen: read.proposals.length, created: 0, matched: 0, changes: 0, skipped: read.skipped, pages: read.pages }
  const changed = new Set<number>()
  const rows = await deps.store.all()
  const byUpworkId = new Map(rows.filter((r) => r.upworkProposalId !== null).map((r) => [r.upworkProposalId as string, r]))
  const unlinked = rows.filter((r) => r.upworkProposalId === null)
  const jobIds = [...new Set(read.proposals.map((p) => p.jobId).filter((j): j is string => j !== null))]
  const drafts = await deps.store.openDrafts(jobIds)
  const claimedDrafts = new Set<number>()
  const jobs = await deps.store.jobsByUpworkId(jobIds)
  const lastAt = new Map<number, number>()
  const history = await deps.store.events(rows.map((r) => r.id))
  for (const [id, events] of history) lastAt.set(id, Math.max(...events.map((e) => e.at)))

  // Oldest first, so the rows are created in submission order.
  const ordered = [...read.proposals].sort((a, b) => (parseTime(a.createdAt) ?? 0) - (parseTime(b.createdAt) ?? 0))
  for (const p of ordered) {
    const now = deps.now()
    const stage = stageOfUpworkStatus(p.status)
    const modified = parseTime(p.modifiedAt) ?? parseTime(p.createdAt)
    let row: ProposalRow | undefined = byUpworkId.get(p.id)
    if (!row && p.jobId !== null && p.coverLetter !== null) {
      const sameJob = unlinked.filter((r) => r.upworkJobId === p.jobId)
      const m = bestLetterMatch(p.coverLetter, sameJob, (r) => r.coverLetter)
      if (m) {
        row = m.item
        unlinked.splice(unlinked.indexOf(row), 1)
        await deps.store.update(row.id, { upworkProposalId: p.id, matchKind: m.kind }, now)
        row = { ...row, upworkProposalId: p.id, matchKind: m.kind }
        result.matched++
        changed.add(row.id)
      }
    }
    if (!row) {
      const candidates = drafts.filter((d) => d.upworkJobId === p.jobId && !claimedDrafts.has(d.draftId))
      const m = p.coverLetter === null ? null : bestLetterMatch(p.coverLetter, candidates, (d) => d.text)
      if (m) claimedDrafts.add(m.item.draftId)
      const job = p.jobId === null ? undefined : jobs.get(p.jobId)
      const created = parseTime(p.createdAt)
      const id = await deps.store.insert(
        {
          upworkProposalId: p.id,
          jobId: m?.item.jobId ?? job?.id ?? null,
          upworkJobId: p.jobId,
          jobTitle: m?.item.jobTitle ?? job?.title ?? null,
          draftId: m?.item.draftId ?? null,
          status: p.status,
          upworkStatus: p.status,
          stage,
          submissionSource: 'upwork',
          matchKind: m?.kind ?? 'none',
          bidAmount: p.chargeRate?.amount ?? m?.item.bidAmount ?? null,
          connectsSpent: null,
          coverLetter: p.coverLetter,
          submittedAt: created,
          at: modified ?? now,
          source: 'upwork-sync'
        },
        now
      )
      if (id === null) {
        deps.logger.warn('A synced proposal was already recorded meanwhile; the next sync settles it', { upworkProposalId: p.id })
        continue
      }
      result.created++
      if (m) result.matched++
      changed.add(id)
      continue
    }
    if (row.status !== p.status && row.upworkStatus !== p.status) {
      // A new status from Upwork. (A user mark after Upwork's last status stays until Upwork says something new.)
      const last = lastAt.get(row.id) ?? 0
      const at = modified !== null && modified >= last ? modified : now
      if (await deps.store.changeStatus(row.id, row.status, { to: p.status, stage, at, source: 'upwork-sync' }, { upworkStatus: p.status, synced: true }, now)) {
        result.changes++
        changed.add(row.id)
      }
    } else if (row.upworkStatus !== p.status) {
      await deps.store.update(row.id, { upworkStatus: p.status, synced: true }, now)
      changed.add(row.id)
    }
  }
  await deps.store.markSynced(read.proposals.map((p) => p.id), deps.now())
  return { result, changed: [...changed] }
}
