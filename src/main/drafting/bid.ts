/**
 * The suggested bid and duration (issue 8 item 4). Hourly: the profile's rate. Fixed: from the
 * client's budget and the freelancer's experience, never above the budget unless the
 * freelancer's own minimum is higher, and then `aboveBudget` says so. Pure.
 */
import type { ProfileDto } from '@shared/discovery'
import type { BidDto, JobSnapshot } from '@shared/drafting'

export type BidJob = Pick<JobSnapshot, 'jobType' | 'hourlyMin' | 'hourlyMax' | 'fixedAmount' | 'currency' | 'experienceLevel' | 'durationLabel'>
export type BidProfile = Pick<ProfileDto, 'hourlyRate' | 'minFixedBudget' | 'yearsExperience'>

/** Share of a fixed budget to bid, by the freelancer's years of experience (unknown: the middle). */
export function experienceShare(years: number | null, level: string | null): number {
  if (level === 'EXPERT' && (years ?? 0) >= 5) return 1
  if (years === null) return 0.95
  if (years < 2) return 0.85
  if (years < 5) return 0.95
  return 1
}

const round = (n: number): number => (n >= 100 ? Math.round(n / 5) * 5 : Math.round(n))

export function bidKind(job: Pick<JobSnapshot, 'jobType'>): BidDto['kind'] {
  return job.jobType === 'HOURLY' ? 'hourly' : job.jobType === 'FIXED' ? 'fixed' : null
}

export function isAboveBudget(job: BidJob, amount: number | null): boolean {
  if (amount === null) return false
  if (job.jobType === 'FIXED') return job.fixedAmount !== null && job.fixedAmount > 0 && amount > job.fixedAmount
  if (job.jobType === 'HOURLY') return job.hourlyMax !== null && job.hourlyMax > 0 && amount > job.hourlyMax
  return false
}

export function suggestBid(job: BidJob, profile: BidProfile): BidDto {
  const kind = bidKind(job)
  const currency = job.currency ?? null
  let suggested: number | null = null
  if (kind === 'hourly') {
    suggested = profile.hourlyRate ?? job.hourlyMax ?? job.hourlyMin ?? null
  } else if (kind === 'fixed') {
    const budget = job.fixedAmount !== null && job.fixedAmount > 0 ? job.fixedAmount : null
    if (budget !== null) {
      suggested = Math.min(budget, round(budget * experienceShare(profile.yearsExperience, job.experienceLevel)))
      if (profile.minFixedBudget !== null && profile.minFixedBudget > suggested) suggested = profile.minFixedBudget
    } else {
      suggested = profile.minFixedBudget ?? null
    }
  }
  return { amount: suggested, kind, currency, suggested, aboveBudget: isAboveBudget(job, suggested) }
}

/** Upwork's own duration labels (its words, kept as they are). */
export const DURATION_LABELS = ['Less than 1 month', '1 to 3 months', '3 to 6 months', 'More than 6 months'] as const

/**
 * The estimated duration: the job's own label when it has one; else, for a fixed job with a
 * known rate, the budget in hours at 30 hours a week.
 */
export function estimateDuration(job: BidJob, profile: BidProfile): string | null {
  if (job.durationLabel) return job.durationLabel
  if (job.jobType !== 'FIXED' || !job.fixedAmount || !profile.hourlyRate) return null
  const weeks = job.fixedAmount / profile.hourlyRate / 30
  if (weeks <= 4) return DURATION_LABELS[0]
  if (weeks <= 13) return DURATION_LABELS[1]
  if (weeks <= 26) return DURATION_LABELS[2]
  return DURATION_LABELS[3]
}
