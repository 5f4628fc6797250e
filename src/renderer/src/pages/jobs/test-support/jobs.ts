import type { JobDetailDto, JobListItem, JobStatus, SavedSearchDto } from '@shared/discovery'
import type { FakeBridge } from '../../../test-support/fake-bridge'

/** Test data for the jobs view: jobs, and a fake main that lists, pages, searches and updates them. */


/** A saved search as main lists it (never run, no filters). */
export const savedSearch = (id: number, name: string): SavedSearchDto => ({
  ...{ id, name, filters: {} as SavedSearchDto['filters'], intervalMinutes: 5, paused: false, newCount: 0, createdAt: 0, updatedAt: 0 },
  ...{ lastRunAt: null, lastResult: null, lastError: null, nextRunAt: null }
})

/** One instant for every job made, so equal scores sort the same way each run. */
const now = Date.now()

export function makeJob(id: number, over: Partial<JobDetailDto> = {}): JobDetailDto {
  return {
    id,
    upworkId: `~0${id}`,
    url: `https://www.upwork.com/jobs/~0${id}`,
    title: `Job ${id}`,
    jobType: 'HOURLY',
    hourlyMin: 30,
    hourlyMax: 60,
    fixedAmount: null,
    currency: 'USD',
    totalApplicants: 3,
    clientVerified: true,
    clientTotalSpent: 12_000,
    clientFeedback: 4.9,
    clientCountry: 'Canada',
    score: 100 - (id % 100),
    status: 'new',
    publishedAt: now - 12 * 60_000,
    firstSeenAt: now - 10 * 60_000,
    contentPruned: false,
    description: `The description of job ${id}.`,
    skills: ['React', 'TypeScript'],
    experienceLevel: 'EXPERT',
    category: 'Web Development',
    subcategory: null,
    durationLabel: '1 to 3 months',
    engagement: 'Less than 30 hrs/week',
    client: { verified: true, totalSpent: 12_000, hires: 8, postedJobs: 10, feedback: 4.9, reviews: 7, country: 'Canada', city: 'Toronto', timezone: 'America/Toronto' },
    reasons: [
      { component: 'skills', points: 18, code: 'skills.match', params: { skills: 'React, TypeScript', matched: 2, total: 2 } },
      { component: 'redFlags', points: -10, code: 'flag.paymentUnverified', params: {} }
    ],
    scoreVersion: 1,
    scoredAt: now,
    searchIds: [1],
    ...over
  }
}

const listItem = (j: JobDetailDto): JobListItem => {
  const { description: _d, skills: _s, experienceLevel: _e, category: _c, subcategory: _sc, durationLabel: _du, engagement: _en, client: _cl, reasons: _r, scoreVersion: _v, scoredAt: _a, searchIds: _i, ...item } = j
  return item
}

/**
 * Answers jobs:list (sort, min score, statuses, search, offset cursor), jobs:search (a word in
 * title or description), jobs:get and jobs:setStatus from `jobs`, which the test may change.
 */
export function serveJobs(fake: FakeBridge, jobs: JobDetailDto[]): { jobs: JobDetailDto[]; statusOf(id: number): JobStatus | undefined } {
  const page = (all: JobDetailDto[], cursor: string | null, limit: number) => {
    const offset = cursor ? Number(cursor) : 0
    const items = all.slice(offset, offset + limit).map(listItem)
    return { items, total: all.length, nextCursor: offset + limit < all.length ? String(offset + limit) : null }
  }
  const state = { jobs }
  fake.handlers['jobs:list'] = (q) => {
    let all = state.jobs.filter((j) => (q.minScore === null || (j.score ?? 0) >= q.minScore) && (q.statuses === null || q.statuses.includes(j.status)) && (q.searchId === null || j.searchIds.includes(q.searchId)))
    all = [...all].sort((a, b) => (q.sort === 'score' ? (b.score ?? -1) - (a.score ?? -1) || b.publishedAt - a.publishedAt : b.publishedAt - a.publishedAt))
    return page(all, q.cursor, q.limit)
  }
  fake.handlers['jobs:search'] = (q) => {
    const word = q.text.toLowerCase()
    return page(
      state.jobs.filter((j) => `${j.title} ${j.description}`.toLowerCase().includes(word)),
      q.cursor,
      q.limit
    )
  }
  fake.handlers['jobs:get'] = ({ id }) => {
    const job = state.jobs.find((j) => j.id === id)
    if (!job) throw new Error('no such job')
    return job
  }
  fake.handlers['jobs:setStatus'] = ({ id, status }) => {
    state.jobs = state.jobs.map((j) => (j.id === id ? { ...j, status } : j))
    return { id, status }
  }
  return { get jobs() { return state.jobs }, set jobs(v) { state.jobs = v }, statusOf: (id) => state.jobs.find((j) => j.id === id)?.status }
}
