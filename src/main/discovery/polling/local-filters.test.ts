import { describe, expect, it } from 'vitest'
import { searchFiltersSchema, type SearchFiltersInput } from '@shared/discovery'
import type { JobSummary, Money } from '../../upwork/types'
import { applyLocalFilters, hireRate, localFilterReason } from './local-filters'

const NOW = Date.parse('2026-12-01T12:00:00.000Z')
const usd = (amount: number | null): Money => ({ amount, currency: 'USD', display: `$${amount}` })

function job(extra: Partial<JobSummary> = {}, client: Partial<NonNullable<JobSummary['client']>> = {}): JobSummary {
  return {
    id: '1', ciphertext: '~021', url: 'https://www.upwork.com/jobs/~021', title: 'T', description: 'D', descriptionTruncated: false,
    contractType: 'FIXED', experienceLevel: 'EXPERT', duration: null, durationLabel: null, engagement: null, category: null, subcategory: null,
    fixedBudget: usd(500), hourlyBudgetMin: null, hourlyBudgetMax: null, weeklyBudget: null, skills: [], totalApplicants: 5, applied: false,
    enterprise: false, premium: false, preferredLocations: [], createdAt: '2026-12-01T10:00:00.000Z', publishedAt: '2026-12-01T10:00:00.000Z', renewedAt: null,
    client: { totalHires: 10, totalPostedJobs: 20, totalSpent: usd(5000), verificationStatus: 'VERIFIED', paymentVerified: true, country: 'Germany', city: null, state: null, timezone: null, totalReviews: 4, totalFeedback: 4.7, ...client },
    ...extra
  }
}
const hourly = (min: number | null, max: number | null, extra: Partial<JobSummary> = {}) =>
  job({ contractType: 'HOURLY', fixedBudget: null, hourlyBudgetMin: min === null ? null : usd(min), hourlyBudgetMax: max === null ? null : usd(max), ...extra })
const reason = (j: JobSummary, f: SearchFiltersInput) => localFilterReason(j, searchFiltersSchema.parse(f), NOW)

describe('local filters (what Upwork ignores server-side)', () => {
  it('passes a job when no filter is set', () => {
    expect(reason(job(), {})).toBeNull()
  })

  it('fixed budget range: below, above, inside; unknown budget kept; hourly jobs not judged by it', () => {
    expect(reason(job({ fixedBudget: usd(100) }), { budgetMin: 200 })).toBe('budget')
    expect(reason(job({ fixedBudget: usd(5000) }), { budgetMax: 1000 })).toBe('budget')
    expect(reason(job({ fixedBudget: usd(500) }), { budgetMin: 200, budgetMax: 1000 })).toBeNull()
    expect(reason(job({ fixedBudget: null }), { budgetMin: 200 })).toBeNull()
    expect(reason(job({ fixedBudget: usd(0) }), { budgetMin: 200 })).toBeNull()
    expect(reason(hourly(10, 20), { budgetMin: 200 })).toBeNull()
  })

  it('hourly range: the job range must overlap the wanted one', () => {
    expect(reason(hourly(15, 25), { hourlyMin: 40 })).toBe('hourly')
    expect(reason(hourly(30, 50), { hourlyMin: 40 })).toBeNull()
    expect(reason(hourly(80, 120), { hourlyMax: 60 })).toBe('hourly')
    expect(reason(hourly(50, null), { hourlyMin: 40, hourlyMax: 60 })).toBeNull()
    expect(reason(hourly(null, 20), { hourlyMin: 40 })).toBe('hourly')
    expect(reason(hourly(null, null), { hourlyMin: 40 })).toBeNull()
    expect(reason(job(), { hourlyMin: 40 })).toBeNull()
  })

  it('contract type (checked again locally)', () => {
    expect(reason(hourly(30, 50), { contractType: 'FIXED' })).toBe('contractType')
    expect(reason(job(), { contractType: 'FIXED' })).toBeNull()
  })

  it('posted within N hours (publishedAt, else createdAt; unknown kept)', () => {
    expect(reason(job({ publishedAt: '2026-12-01T10:00:00.000Z' }), { postedWithinHours: 1 })).toBe('postedWithin')
    expect(reason(job({ publishedAt: '2026-12-01T10:00:00.000Z' }), { postedWithinHours: 3 })).toBeNull()
    expect(reason(job({ publishedAt: null, createdAt: '2026-11-30T00:00:00.000Z' }), { postedWithinHours: 24 })).toBe('postedWithin')
    expect(reason(job({ publishedAt: null, createdAt: null }), { postedWithinHours: 1 })).toBeNull()
    expect(reason(job({ publishedAt: 'not a date' }), { postedWithinHours: 1 })).toBeNull()
  })

  it('payment verified: only a verified client passes (unknown fails)', () => {
    expect(reason(job({}, { paymentVerified: false }), { client: { paymentVerified: true } })).toBe('paymentVerified')
    expect(reason(job({}, { paymentVerified: null }), { client: { paymentVerified: true } })).toBe('paymentVerified')
    expect(reason(job({ client: null }), { client: { paymentVerified: true } })).toBe('paymentVerified')
    expect(reason(job(), { client: { paymentVerified: true } })).toBeNull()
  })

  it('minimum hires, total spent, feedback (unknown fails a threshold)', () => {
    expect(reason(job({}, { totalHires: 2 }), { client: { minHires: 3 } })).toBe('minHires')
    expect(reason(job({}, { totalHires: null }), { client: { minHires: 3 } })).toBe('minHires')
    expect(reason(job({}, { totalHires: 3 }), { client: { minHires: 3 } })).toBeNull()
    expect(reason(job({}, { totalSpent: usd(999) }), { client: { minTotalSpent: 1000 } })).toBe('minTotalSpent')
    expect(reason(job({}, { totalSpent: null }), { client: { minTotalSpent: 1000 } })).toBe('minTotalSpent')
    expect(reason(job({}, { totalSpent: usd(1000) }), { client: { minTotalSpent: 1000 } })).toBeNull()
    expect(reason(job({}, { totalFeedback: 4.2 }), { client: { minFeedback: 4.5 } })).toBe('minFeedback')
    expect(reason(job({}, { totalFeedback: 4.9 }), { client: { minFeedback: 4.5 } })).toBeNull()
    expect(reason(job({}, { totalHires: 0 }), { client: { minHires: 0 } })).toBeNull()
  })

  it('hire rate: hires per posted job, in %', () => {
    expect(hireRate(5, 10)).toBe(50)
    expect(hireRate(30, 10)).toBe(100)
    expect(hireRate(1, 0)).toBeNull()
    expect(reason(job({}, { totalHires: 2, totalPostedJobs: 10 }), { client: { minHireRate: 50 } })).toBe('minHireRate')
    expect(reason(job({}, { totalHires: 6, totalPostedJobs: 10 }), { client: { minHireRate: 50 } })).toBeNull()
    expect(reason(job({}, { totalHires: 0, totalPostedJobs: 0 }), { client: { minHireRate: 50 } })).toBe('minHireRate')
  })

  it('countries in / out (case-insensitive; unknown country fails "in", passes "out")', () => {
    expect(reason(job(), { client: { countriesIn: ['germany', 'France'] } })).toBeNull()
    expect(reason(job({}, { country: 'India' }), { client: { countriesIn: ['Germany'] } })).toBe('countriesIn')
    expect(reason(job({}, { country: null }), { client: { countriesIn: ['Germany'] } })).toBe('countriesIn')
    expect(reason(job(), { client: { countriesOut: ['GERMANY'] } })).toBe('countriesOut')
    expect(reason(job({}, { country: null }), { client: { countriesOut: ['Germany'] } })).toBeNull()
  })

  it('maximum applicants (unknown kept)', () => {
    expect(reason(job({ totalApplicants: 51 }), { maxApplicants: 50 })).toBe('maxApplicants')
    expect(reason(job({ totalApplicants: 50 }), { maxApplicants: 50 })).toBeNull()
    expect(reason(job({ totalApplicants: null }), { maxApplicants: 5 })).toBeNull()
  })

  it('workload: any of the chosen labels, spelled as Upwork spells it or "30+"; a job that does not say is kept', () => {
    expect(reason(job({ engagement: '30+ hrs/week' }), { workload: ['Less than 30 hrs/week'] })).toBe('workload')
    expect(reason(job({ engagement: 'Less than 30 hrs/week' }), { workload: ['Less than 30 hrs/week'] })).toBeNull()
    expect(reason(job({ engagement: '30+ hrs/week' }), { workload: ['More than 30 hrs/week'] })).toBeNull()
    expect(reason(job({ engagement: 'More than 30 hrs/week' }), { workload: ['more than  30 HRS/WEEK'] })).toBeNull()
    expect(reason(job({ engagement: 'Hours to be determined' }), { workload: ['Less than 30 hrs/week', 'More than 30 hrs/week'] })).toBe('workload')
    expect(reason(job({ engagement: null }), { workload: ['Less than 30 hrs/week'] })).toBeNull()
    expect(reason(job({ engagement: '30+ hrs/week' }), {})).toBeNull()
  })

  it('applyLocalFilters keeps the order and counts each reason', () => {
    const f = searchFiltersSchema.parse({ maxApplicants: 10, client: { minHires: 1 } })
    const jobs = [job({ id: 'a' }), job({ id: 'b', totalApplicants: 40 }), job({ id: 'c' }, { totalHires: 0 }), job({ id: 'd', totalApplicants: 11 })]
    const out = applyLocalFilters(jobs, f, NOW)
    expect(out.kept.map((j) => j.id)).toEqual(['a'])
    expect(out.filteredOut).toBe(3)
    expect(out.byReason).toEqual({ maxApplicants: 2, minHires: 1 })
  })
})
