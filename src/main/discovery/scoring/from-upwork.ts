import type { JobSummary } from '../../upwork/types'
import type { ScoringJob } from './types'

/** What the Upwork client returns (`searchJobs`) → what the scorer reads (the Job table's field names). */
export function fromJobSummary(job: JobSummary): ScoringJob {
  const c = job.client
  return {
    title: job.title,
    description: job.description,
    skills: job.skills.map((s) => s.prettyName || s.name),
    jobType: job.contractType,
    hourlyMin: job.hourlyBudgetMin?.amount ?? null,
    hourlyMax: job.hourlyBudgetMax?.amount ?? null,
    fixedAmount: job.fixedBudget?.amount ?? null,
    experienceLevel: job.experienceLevel,
    totalApplicants: job.totalApplicants,
    publishedAt: job.publishedAt ?? job.createdAt,
    clientVerified: c?.paymentVerified ?? null,
    clientTotalSpent: c?.totalSpent?.amount ?? null,
    clientHires: c?.totalHires ?? null,
    clientPostedJobs: c?.totalPostedJobs ?? null,
    clientFeedback: c?.totalFeedback ?? null,
    clientReviews: c?.totalReviews ?? null,
    clientCountry: c?.country ?? null
  }
}
