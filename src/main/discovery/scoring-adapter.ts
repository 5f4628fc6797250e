import type { ScoringJob } from './scoring'
export { compileProfile, scoreJob, type CompiledProfile } from './scoring'

/** A stored Job row (raw SQL, SQLite values) → what the scorer reads (same field names). */
export function fromStoredRow(r: Record<string, unknown>): ScoringJob {
  const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v))
  let skills: string[] = []
  try {
    const parsed: unknown = JSON.parse(String(r.skills ?? '[]'))
    if (Array.isArray(parsed)) skills = parsed.filter((x): x is string => typeof x === 'string')
  } catch {
    skills = []
  }
  return {
    title: typeof r.title === 'string' ? r.title : null,
    description: typeof r.description === 'string' ? r.description : null,
    skills,
    jobType: typeof r.jobType === 'string' ? r.jobType : null,
    hourlyMin: num(r.hourlyMin),
    hourlyMax: num(r.hourlyMax),
    fixedAmount: num(r.fixedAmount),
    experienceLevel: typeof r.experienceLevel === 'string' ? r.experienceLevel : null,
    totalApplicants: num(r.totalApplicants),
    publishedAt: typeof r.publishedAt === 'string' ? r.publishedAt : null,
    clientVerified: r.clientVerified === null || r.clientVerified === undefined ? null : Number(r.clientVerified) === 1,
    clientTotalSpent: num(r.clientTotalSpent),
    clientHires: num(r.clientHires),
    clientPostedJobs: num(r.clientPostedJobs),
    clientFeedback: num(r.clientFeedback),
    clientReviews: num(r.clientReviews),
    clientCountry: typeof r.clientCountry === 'string' ? r.clientCountry : null
  }
}
