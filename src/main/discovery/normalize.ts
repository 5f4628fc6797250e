import type { JobSummary } from '../upwork/types'
import type { ScoringJob } from './scoring'

/**
 * A job from Upwork made safe to store and score. Bad input is kept where it can be (missing
 * fields become null, absurd budgets null, huge descriptions capped; markup stays as plain text,
 * the renderer shows it as text) and skipped only when the job cannot be identified.
 */
export interface JobRow extends ScoringJob {
  upworkId: string
  ciphertext: string
  title: string
  description: string
  jobType: 'HOURLY' | 'FIXED'
  currency: string | null
  category: string | null
  subcategory: string | null
  durationLabel: string | null
  engagement: string | null
  skills: string[]
  publishedAt: number
  /** For "newest snapshot" among duplicates: renewed, else published. */
  snapshotAt: number
  clientCity: string | null
  clientTimezone: string | null
}

/** Descriptions are capped (a 1 MB posting must not bloat the database or the FTS index). */
export const MAX_DESCRIPTION_CHARS = 20_000
export const MAX_TITLE_CHARS = 500
/** Budgets above this are treated as unknown (a typo or a joke, not a fit signal). */
export const MAX_BUDGET = 10_000_000

const str = (v: unknown, max = 300): string | null => (typeof v === 'string' && v.length > 0 ? v.slice(0, max) : null)
const num = (v: unknown, max = MAX_BUDGET): number | null => (typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= max ? v : null)
const int = (v: unknown, max = 10_000_000): number | null => (typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= max ? v : null)
const time = (v: unknown): number | null => {
  if (typeof v !== 'string' && typeof v !== 'number') return null
  const t = typeof v === 'number' ? v : Date.parse(v)
  return Number.isFinite(t) ? t : null
}

/** Null when the job has no usable id or ciphertext (it cannot be stored or linked). */
export function normalizeJob(job: JobSummary | null | undefined, now: number): JobRow | null {
  if (!job || typeof job !== 'object') return null
  const upworkId = typeof job.id === 'string' ? job.id.trim() : typeof job.id === 'number' ? String(job.id) : ''
  const ciphertext = typeof job.ciphertext === 'string' ? job.ciphertext.trim() : ''
  if (!/^[0-9A-Za-z_~-]{1,64}$/.test(upworkId) || !/^~?[0-9A-Za-z_-]{1,64}$/.test(ciphertext)) return null
  const fixedAmount = num(job.fixedBudget?.amount)
  const hourlyMin = num(job.hourlyBudgetMin?.amount, 100_000)
  const hourlyMax = num(job.hourlyBudgetMax?.amount, 100_000)
  const jobType = job.contractType === 'HOURLY' || job.contractType === 'FIXED' ? job.contractType : hourlyMin !== null || hourlyMax !== null ? 'HOURLY' : 'FIXED'
  const published = time(job.publishedAt) ?? time(job.createdAt) ?? now
  const c = job.client && typeof job.client === 'object' ? job.client : null
  const skills = Array.isArray(job.skills)
    ? job.skills.map((s) => (s && typeof s === 'object' ? str(s.prettyName, 100) ?? str(s.name, 100) : null)).filter((s): s is string => s !== null).slice(0, 100)
    : []
  return {
    upworkId,
    ciphertext,
    title: (typeof job.title === 'string' ? job.title : '').slice(0, MAX_TITLE_CHARS),
    description: (typeof job.description === 'string' ? job.description : '').slice(0, MAX_DESCRIPTION_CHARS),
    jobType,
    hourlyMin,
    hourlyMax,
    fixedAmount,
    currency: str(job.fixedBudget?.currency ?? job.hourlyBudgetMin?.currency ?? job.hourlyBudgetMax?.currency, 10),
    experienceLevel: str(job.experienceLevel, 40),
    category: str(job.category),
    subcategory: str(job.subcategory),
    durationLabel: str(job.durationLabel),
    engagement: str(job.engagement),
    skills,
    totalApplicants: int(job.totalApplicants, 100_000),
    publishedAt: published,
    snapshotAt: time(job.renewedAt) ?? published,
    clientVerified: typeof c?.paymentVerified === 'boolean' ? c.paymentVerified : null,
    clientTotalSpent: num(c?.totalSpent?.amount, 1_000_000_000),
    clientHires: int(c?.totalHires),
    clientPostedJobs: int(c?.totalPostedJobs),
    clientFeedback: num(c?.totalFeedback, 5),
    clientReviews: int(c?.totalReviews),
    clientCountry: str(c?.country, 100),
    clientCity: str(c?.city, 100),
    clientTimezone: str(c?.timezone, 100)
  }
}

/**
 * Normalizes and dedupes a batch by Upwork id: of duplicates, the newest snapshot (renewed or
 * published later; a tie goes to the later one in the input) is kept.
 */
export function normalizeBatch(jobs: readonly (JobSummary | null | undefined)[], now: number): { rows: JobRow[]; skipped: number; duplicates: number } {
  const byId = new Map<string, JobRow>()
  let skipped = 0
  let duplicates = 0
  for (const job of jobs) {
    let row: JobRow | null
    try {
      row = normalizeJob(job, now)
    } catch {
      row = null
    }
    if (!row) {
      skipped++
      continue
    }
    const prev = byId.get(row.upworkId)
    if (prev) {
      duplicates++
      if (row.snapshotAt < prev.snapshotAt) continue
    }
    byId.set(row.upworkId, row)
  }
  return { rows: [...byId.values()], skipped, duplicates }
}
