import type { JobRow } from '../../src/main/discovery/normalize'
import { compileProfile, scoreJob, type FitScore } from '../../src/main/discovery/scoring'

/** Upwork-sized jobs as the ingest stores them: normalized rows (a description of ~1.5 KB, as real postings have) and their scores. */
export interface BenchJobs {
  rows: JobRow[]
  scores: FitScore[]
}

const PROFILE = compileProfile({ skills: ['Electron', 'TypeScript', 'SQLite'], hourlyRate: 60, minFixedBudget: 300 })

export function makeBenchJobs(count: number, offset = 0, now = Date.UTC(2026, 10, 28, 13)): BenchJobs {
  const base = Date.UTC(2026, 10, 28, 12)
  const description = 'We need an experienced Electron/TypeScript developer to add offline sync. '.repeat(20)
  const rows = Array.from({ length: count }, (_, k): JobRow => {
    const i = k + offset
    const publishedAt = base - i * 30_000
    return {
      upworkId: (2084364540816197571n + BigInt(i)).toString(),
      ciphertext: `~02${i.toString(16).padStart(16, '0')}`,
      title: `Electron app: add offline sync #${i}`,
      description,
      jobType: i % 2 ? 'HOURLY' : 'FIXED',
      hourlyMin: i % 2 ? 40 : null,
      hourlyMax: i % 2 ? 70 : null,
      fixedAmount: i % 2 ? null : 500,
      currency: 'USD',
      experienceLevel: 'EXPERT',
      category: 'web-mobile-software-dev',
      subcategory: 'desktop-application-development',
      durationLabel: '1 to 3 months',
      engagement: 'Less than 30 hrs/week',
      skills: ['Electron', 'TypeScript', 'SQLite'],
      totalApplicants: i % 50,
      publishedAt,
      snapshotAt: publishedAt,
      clientVerified: true,
      clientTotalSpent: 18250,
      clientHires: 7,
      clientPostedJobs: 11,
      clientFeedback: 4.8,
      clientReviews: 5,
      clientCountry: 'United States',
      clientCity: 'Austin',
      clientTimezone: 'America/Chicago'
    }
  })
  return { rows, scores: rows.map((row) => scoreJob(row, PROFILE, now)) }
}

/** The same jobs as Prisma `createMany` data. */
export function toPrismaJobData({ rows, scores }: BenchJobs, now: number): Array<Record<string, unknown>> {
  return rows.map((j, i) => ({
    upworkId: j.upworkId,
    ciphertext: j.ciphertext,
    title: j.title,
    description: j.description,
    jobType: j.jobType,
    hourlyMin: j.hourlyMin ?? null,
    hourlyMax: j.hourlyMax ?? null,
    fixedAmount: j.fixedAmount ?? null,
    currency: j.currency,
    experienceLevel: j.experienceLevel ?? null,
    category: j.category,
    subcategory: j.subcategory,
    durationLabel: j.durationLabel,
    engagement: j.engagement,
    skills: JSON.stringify(j.skills),
    totalApplicants: j.totalApplicants ?? null,
    publishedAt: new Date(j.publishedAt),
    fetchedAt: new Date(now),
    expiresAt: new Date(now + 86_400_000),
    clientVerified: j.clientVerified ?? null,
    clientTotalSpent: j.clientTotalSpent ?? null,
    clientHires: j.clientHires ?? null,
    clientPostedJobs: j.clientPostedJobs ?? null,
    clientFeedback: j.clientFeedback ?? null,
    clientReviews: j.clientReviews ?? null,
    clientCountry: j.clientCountry ?? null,
    clientCity: j.clientCity,
    clientTimezone: j.clientTimezone,
    score: scores[i]!.score,
    scoreReasons: JSON.stringify(scores[i]!.reasons),
    scoreVersion: scores[i]!.scoreVersion,
    scoredAt: new Date(now),
    firstSeenAt: new Date(now)
  }))
}
