import type { JobUpsertInput } from '../../src/main/db/types'

/** Upwork-sized job rows (a description of ~1.5 KB, as real postings have). */
export function makeBenchJobs(count: number, offset = 0): JobUpsertInput[] {
  const base = Date.UTC(2026, 10, 28, 12)
  const description = 'We need an experienced Electron/TypeScript developer to add offline sync. '.repeat(20)
  return Array.from({ length: count }, (_, k) => {
    const i = k + offset
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
      publishedAt: base - i * 30_000,
      client: { verified: true, totalSpent: 18250, hires: 7, postedJobs: 11, feedback: 4.8, reviews: 5, country: 'United States', city: 'Austin', timezone: 'America/Chicago' }
    }
  })
}

/** The same jobs as Prisma `createMany` data. */
export function toPrismaJobData(jobs: JobUpsertInput[], now: number): Array<Record<string, unknown>> {
  return jobs.map((j) => ({
    upworkId: j.upworkId,
    ciphertext: j.ciphertext,
    title: j.title,
    description: j.description,
    jobType: j.jobType,
    hourlyMin: j.hourlyMin ?? null,
    hourlyMax: j.hourlyMax ?? null,
    fixedAmount: j.fixedAmount ?? null,
    currency: j.currency ?? null,
    experienceLevel: j.experienceLevel ?? null,
    category: j.category ?? null,
    subcategory: j.subcategory ?? null,
    durationLabel: j.durationLabel ?? null,
    engagement: j.engagement ?? null,
    skills: JSON.stringify(j.skills ?? []),
    totalApplicants: j.totalApplicants ?? null,
    publishedAt: new Date(j.publishedAt),
    fetchedAt: new Date(now),
    expiresAt: new Date(now + 86_400_000),
    clientVerified: j.client?.verified ?? null,
    clientTotalSpent: j.client?.totalSpent ?? null,
    clientHires: j.client?.hires ?? null,
    clientPostedJobs: j.client?.postedJobs ?? null,
    clientFeedback: j.client?.feedback ?? null,
    clientReviews: j.client?.reviews ?? null,
    clientCountry: j.client?.country ?? null,
    clientCity: j.client?.city ?? null,
    clientTimezone: j.client?.timezone ?? null
  }))
}
