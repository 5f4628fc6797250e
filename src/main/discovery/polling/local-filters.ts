import { workloadKey, type SearchFilters } from '@shared/discovery'
import type { JobSummary } from '../../upwork/types'

/**
 * The filters Upwork ignores server-side (upwork-api.md §2.1: budget and hourly rate "silently
 * ignored", workload_eq returns nothing, no posting-age filter, client rating only on the legacy
 * filter), applied to each job
 * here so every filter the user sets really works. Pure.
 *
 * Unknown values: a job whose budget, rate, posting time or applicant count Upwork left out is
 * kept (Upwork often hides them; dropping would lose good jobs). A client threshold the user set
 * (payment verified, hires, spent, feedback, hire rate, country) needs a known value to pass: the
 * user asked for proven clients.
 */
export type LocalFilterReason =
  | 'budget'
  | 'hourly'
  | 'contractType'
  | 'postedWithin'
  | 'paymentVerified'
  | 'minHires'
  | 'minTotalSpent'
  | 'minFeedback'
  | 'minHireRate'
  | 'countriesIn'
  | 'countriesOut'
  | 'maxApplicants'
  | 'workload'

/** Why a job is filtered out, or null when it passes. `now` is epoch ms. */
export function localFilterReason(job: JobSummary, f: SearchFilters, now: number): LocalFilterReason | null {
  if (f.contractType && job.contractType && job.contractType !== f.contractType) return 'contractType'
  const hourly = job.contractType === 'HOURLY' || (job.contractType === null && (job.hourlyBudgetMin !== null || job.hourlyBudgetMax !== null))

  if (!hourly && (f.budgetMin !== null || f.budgetMax !== null)) {
    const amount = positive(job.fixedBudget?.amount)
    if (amount !== null) {
      if (f.budgetMin !== null && amount < f.budgetMin) return 'budget'
      if (f.budgetMax !== null && amount > f.budgetMax) return 'budget'
    }
  }
  if (hourly && (f.hourlyMin !== null || f.hourlyMax !== null)) {
    const lo = positive(job.hourlyBudgetMin?.amount)
    const hi = positive(job.hourlyBudgetMax?.amount) ?? lo
    const low = lo ?? hi
    // The job's range must overlap the wanted one.
    if (f.hourlyMin !== null && hi !== null && hi < f.hourlyMin) return 'hourly'
    if (f.hourlyMax !== null && low !== null && low > f.hourlyMax) return 'hourly'
  }
  if (f.postedWithinHours !== null) {
    const posted = parseTime(job.publishedAt ?? job.createdAt)
    if (posted !== null && now - posted > f.postedWithinHours * 3_600_000) return 'postedWithin'
  }

  const c = f.client
  const client = job.client
  if (c.paymentVerified && client?.paymentVerified !== true) return 'paymentVerified'
  if (c.minHires !== null && c.minHires > 0 && !((client?.totalHires ?? -1) >= c.minHires)) return 'minHires'
  if (c.minTotalSpent !== null && c.minTotalSpent > 0 && !((client?.totalSpent?.amount ?? -1) >= c.minTotalSpent)) return 'minTotalSpent'
  if (c.minFeedback !== null && c.minFeedback > 0 && !((client?.totalFeedback ?? -1) >= c.minFeedback)) return 'minFeedback'
  if (c.minHireRate !== null && c.minHireRate > 0) {
    const rate = hireRate(client?.totalHires ?? null, client?.totalPostedJobs ?? null)
    if (rate === null || rate < c.minHireRate) return 'minHireRate'
  }
  const country = client?.country?.trim().toLowerCase() ?? null
  if (c.countriesIn.length > 0 && (country === null || !c.countriesIn.some((x) => x.trim().toLowerCase() === country))) return 'countriesIn'
  if (c.countriesOut.length > 0 && country !== null && c.countriesOut.some((x) => x.trim().toLowerCase() === country)) return 'countriesOut'

  if (f.maxApplicants !== null && job.totalApplicants !== null && job.totalApplicants > f.maxApplicants) return 'maxApplicants'
  // Workload (Upwork's job `engagement` label): a job that does not say is kept, as for budgets.
  if (f.workload.length > 0 && typeof job.engagement === 'string' && job.engagement.trim() !== '') {
    const key = workloadKey(job.engagement)
    if (!f.workload.some((w) => workloadKey(w) === key)) return 'workload'
  }
  return null
}

export interface LocalFilterOutcome {
  kept: JobSummary[]
  filteredOut: number
  /** How many jobs each filter removed (for diagnostics and the run summary). */
  byReason: Partial<Record<LocalFilterReason, number>>
}

export function applyLocalFilters(jobs: readonly JobSummary[], f: SearchFilters, now: number): LocalFilterOutcome {
  const kept: JobSummary[] = []
  const byReason: Partial<Record<LocalFilterReason, number>> = {}
  for (const job of jobs) {
    const reason = localFilterReason(job, f, now)
    if (reason === null) kept.push(job)
    else byReason[reason] = (byReason[reason] ?? 0) + 1
  }
  return { kept, filteredOut: jobs.length - kept.length, byReason }
}

/** Hires per posted job, in %, capped at 100; null when the client posted nothing yet. */
export function hireRate(hires: number | null, posted: number | null): number | null {
  if (hires === null || posted === null || posted <= 0) return null
  return Math.min(100, (hires / posted) * 100)
}

function positive(n: number | null | undefined): number | null {
  return typeof n === 'number' && Number.isFinite(n) && n > 0 ? n : null
}

function parseTime(s: string | null): number | null {
  if (!s) return null
  const t = Date.parse(s)
  return Number.isFinite(t) ? t : null
}
