import type { JobSummary } from '../../upwork/types'

const money = (amount: number) => ({ amount, currency: 'USD', display: `$${amount}` })

/** A realistic Upwork job summary (as searchJobs returns it) for tests and the bench. */
export function jobSummary(i: number, over: Partial<JobSummary> = {}, at = Date.UTC(2026, 11, 1, 10)): JobSummary {
  const id = String(1_800_000_000_000_000_000n + BigInt(i))
  return {
    id,
    ciphertext: `~01${id.slice(-12)}`,
    url: `https://www.upwork.com/jobs/~01${id.slice(-12)}`,
    title: `Build a React and TypeScript dashboard #${i}`,
    description:
      `We need an experienced engineer to build a dashboard in React with TypeScript and Node.js. ` +
      `Charts, tables, authentication and a REST API. Job ${i}. `.repeat(6),
    descriptionTruncated: false,
    contractType: i % 2 === 0 ? 'HOURLY' : 'FIXED',
    experienceLevel: 'EXPERT',
    duration: null,
    durationLabel: '1 to 3 months',
    engagement: null,
    category: 'Web Development',
    subcategory: 'Front-End Development',
    fixedBudget: i % 2 === 0 ? null : money(500 + (i % 10) * 100),
    hourlyBudgetMin: i % 2 === 0 ? money(40) : null,
    hourlyBudgetMax: i % 2 === 0 ? money(80) : null,
    weeklyBudget: null,
    skills: [
      { name: 'react', prettyName: 'React' },
      { name: 'typescript', prettyName: 'TypeScript' },
      { name: 'nodejs', prettyName: 'Node.js' }
    ],
    totalApplicants: i % 30,
    applied: false,
    enterprise: false,
    premium: false,
    preferredLocations: [],
    createdAt: new Date(at - (i % 120) * 60_000).toISOString(),
    publishedAt: new Date(at - (i % 120) * 60_000).toISOString(),
    renewedAt: null,
    client: {
      totalHires: 12,
      totalPostedJobs: 15,
      totalSpent: money(25_000),
      verificationStatus: 'VERIFIED',
      paymentVerified: true,
      country: 'United States',
      city: 'Austin',
      state: 'TX',
      timezone: 'America/Chicago',
      totalReviews: 10,
      totalFeedback: 4.9
    },
    ...over
  }
}
