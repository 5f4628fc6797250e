/**
 * The prediction snapshot taken at approval (issue 8 item 8, issue 10 item 4): everything the
 * success model will learn from, copied out of the job and the draft so it outlives the job's
 * content (Upwork's 24 h cache rule) and the draft. Pure: the caller reads, this computes.
 */
import type { JobDetailDto } from '@shared/discovery'
import type { DraftDto } from '@shared/drafting'
import type { SnapshotRow } from './review-store'

/** Points per score component (e.g. {skills: 32, budget: 12, client: -5}). */
export function scoreParts(reasons: ReadonlyArray<{ component: string; points: number }>): Record<string, number> {
  const parts: Record<string, number> = {}
  for (const r of reasons) parts[r.component] = (parts[r.component] ?? 0) + r.points
  return parts
}

export const wordCount = (text: string): number => text.split(/\s+/u).filter(Boolean).length

/** Bid ÷ budget: fixed against the price, hourly against the range's top (else its bottom); null without a budget. */
export function bidToBudget(bid: number | null, job: { jobType: string | null; fixedAmount: number | null; hourlyMin: number | null; hourlyMax: number | null }): number | null {
  if (bid === null) return null
  const budget = job.jobType === 'FIXED' ? job.fixedAmount : (job.hourlyMax ?? job.hourlyMin)
  return budget && budget > 0 ? Math.round((bid / budget) * 1000) / 1000 : null
}

/** Whole minutes from the job's posting to `at` (never negative): the snapshot's and the success prediction's posting age. */
export const minutesSincePosting = (publishedAt: number, at: number): number => Math.max(0, Math.round((at - publishedAt) / 60_000))

export function snapshotOf(d: DraftDto, job: JobDetailDto | null, at: { mode: 'outbox' | 'manual'; at: number; aiModel: string | null }): SnapshotRow {
  const s = d.job
  const versions = d.versions
  const latest = versions[versions.length - 1]
  const written = [...versions].reverse().find((v) => v.source !== 'USER')
  const budget = {
    jobType: job?.jobType ?? s.jobType,
    fixedAmount: job?.fixedAmount ?? s.fixedAmount,
    hourlyMin: job?.hourlyMin ?? s.hourlyMin,
    hourlyMax: job?.hourlyMax ?? s.hourlyMax
  }
  return {
    draftId: d.id,
    jobId: d.jobId,
    upworkJobId: s.upworkId ?? job?.upworkId ?? null,
    mode: at.mode,
    approvedAt: at.at,
    approvedSeq: d.currentSeq,
    score: job?.score ?? null,
    scoreVersion: job?.scoreVersion ?? null,
    scoreParts: scoreParts(job?.reasons ?? []),
    clientVerified: job?.client.verified ?? s.client.verified,
    clientTotalSpent: job?.client.totalSpent ?? s.client.totalSpent,
    clientHires: job?.client.hires ?? s.client.hires,
    clientFeedback: job?.client.feedback ?? s.client.feedback,
    clientCountry: job?.client.country ?? s.client.country,
    ...budget,
    currency: job?.currency ?? s.currency,
    experienceLevel: job?.experienceLevel ?? s.experienceLevel,
    category: job?.category ?? s.category,
    totalApplicants: job?.totalApplicants ?? null,
    minutesSincePosting: job ? minutesSincePosting(job.publishedAt, at.at) : null,
    bidAmount: d.bid.amount,
    bidKind: d.bid.kind,
    bidToBudget: bidToBudget(d.bid.amount, budget),
    templateId: d.templateId,
    strategy: d.strategy,
    variantId: d.variantId,
    draftChars: d.text.length,
    draftWords: wordCount(d.text),
    textSource: written?.source === 'AI' ? 'ai' : written?.source === 'TEMPLATE' ? 'template' : 'user',
    editedByUser: latest?.source === 'USER' && written !== undefined,
    aiModel: written?.source === 'AI' ? at.aiModel : null,
    byAutopilot: versions.some((v) => v.author === 'autopilot')
  }
}
