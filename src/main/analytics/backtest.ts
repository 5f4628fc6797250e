/**
 * Back-testing (issue 10 item 6): the user's CURRENT score threshold and enabled saved searches'
 * filters applied to their whole history — what they would have kept and lost.
 *
 * A proposal is kept when its job's fit score reaches the threshold (settings.notifications.minScore)
 * and, when there are enabled saved searches, it passes the local filters (budget, hourly rate,
 * contract type, posting age at sending, client: payment verified, hires, spent, feedback, hire rate,
 * countries; applicants; experience level) of at least one of them — the same check the poller
 * applies (discovery's localFilterReason, given by the composition root). Words, categories and
 * skills are not re-applied: the job's text is gone after Upwork's 24 hours, and the searches
 * matched them on Upwork's side. A proposal whose features are unknown (no snapshot, no job) is
 * kept and counted in `unknown`.
 */
import type { BacktestDto } from '@shared/analytics'
import type { SearchFilters } from '@shared/discovery'
import type { JobSummary } from '../upwork/types'
import { replied } from './dashboard'
import type { HistoryRow } from './history'
import { rateOf } from './stats/stats'

export type FilterReason = (job: JobSummary, filters: SearchFilters, now: number) => string | null

const money = (amount: number | null) => (amount === null ? null : { amount, currency: 'USD', display: String(amount) })

/** The job as the poller's local filters see it, rebuilt from the features kept at approval. */
export function jobOf(r: HistoryRow): JobSummary {
  const publishedAt = r.minutesSincePosting === null ? null : new Date(r.sentAt - r.minutesSincePosting * 60_000).toISOString()
  return {
    id: r.upworkJobId ?? '',
    ciphertext: '',
    url: '',
    title: r.jobTitle ?? '',
    description: '',
    descriptionTruncated: false,
    contractType: r.jobType === 'HOURLY' || r.jobType === 'FIXED' ? r.jobType : null,
    experienceLevel: r.experienceLevel,
    duration: null,
    durationLabel: null,
    engagement: null,
    category: r.category,
    subcategory: null,
    fixedBudget: money(r.fixedAmount),
    hourlyBudgetMin: money(r.hourlyMin),
    hourlyBudgetMax: money(r.hourlyMax),
    weeklyBudget: null,
    skills: [],
    totalApplicants: r.totalApplicants,
    applied: true,
    enterprise: false,
    premium: false,
    preferredLocations: [],
    createdAt: publishedAt,
    publishedAt,
    renewedAt: null,
    client: {
      totalHires: r.clientHires,
      totalPostedJobs: null,
      totalSpent: money(r.clientTotalSpent),
      verificationStatus: null,
      paymentVerified: r.clientVerified,
      country: r.clientCountry,
      city: null,
      state: null,
      timezone: null,
      totalReviews: null,
      totalFeedback: r.clientFeedback
    }
  }
}

export function passes(r: HistoryRow, searches: readonly SearchFilters[], threshold: number, filterReason: FilterReason): boolean {
  if (r.score !== null && r.score < threshold) return false
  if (searches.length === 0) return true
  const job = jobOf(r)
  return searches.some((f) => filterReason(job, f, r.sentAt) === null && (f.experienceLevel === null || r.experienceLevel === null || f.experienceLevel === r.experienceLevel))
}

export function backtest(rows: readonly HistoryRow[], opts: { searches: readonly SearchFilters[]; threshold: number; filterReason: FilterReason; sample: boolean }): BacktestDto {
  const count = () => ({ total: 0, kept: 0, lost: 0 })
  const proposals = count()
  const replies = count()
  const interviews = count()
  const hires = count()
  let connectsSaved = 0
  let unknown = 0
  const add = (c: { total: number; kept: number; lost: number }, keep: boolean) => {
    c.total++
    if (keep) c.kept++
    else c.lost++
  }
  for (const r of rows) {
    const known = r.hasSnapshot || r.score !== null
    if (!known) unknown++
    const keep = !known || passes(r, opts.searches, opts.threshold, opts.filterReason)
    add(proposals, keep)
    if (replied(r)) add(replies, keep)
    if (r.furthest >= 3) add(interviews, keep)
    if (r.furthest >= 4) add(hires, keep)
    if (!keep && r.connectsSpent !== null) connectsSaved += r.connectsSpent
  }
  return {
    sample: opts.sample,
    threshold: opts.threshold,
    searches: opts.searches.length,
    proposals,
    replies,
    interviews,
    hires,
    connectsSaved,
    unknown,
    keptReplyRate: rateOf(replies.kept, proposals.kept),
    skippedReplyRate: rateOf(replies.lost, proposals.lost)
  }
}
