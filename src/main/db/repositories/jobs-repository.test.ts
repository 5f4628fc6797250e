import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openDatabase, type Database } from '../open-database'
import { makeTempDir, MIGRATIONS_DIR } from '../test-support/temp-files'
import { UPWORK_CACHE_TTL_MS, type JobUpsertInput } from '../types'
import { JobsRepository } from './jobs-repository'

const T0 = Date.UTC(2026, 10, 28, 12, 0, 0)

/** Upwork-like jobs; every 7th shares its publishedAt with the previous one (page ties). */
function makeJobs(count: number, version = 1): JobUpsertInput[] {
  return Array.from({ length: count }, (_, i) => ({
    upworkId: (2084364540816197571n + BigInt(i)).toString(),
    ciphertext: `~02${i.toString(16).padStart(16, '0')}`,
    title: `Electron app job ${i} v${version}`,
    description: `We need an experienced Electron/TypeScript developer (${i}).`,
    jobType: i % 2 ? 'HOURLY' : 'FIXED',
    hourlyMin: i % 2 ? 40 : null,
    hourlyMax: i % 2 ? 70 : null,
    fixedAmount: i % 2 ? null : 500 + i,
    currency: 'USD',
    experienceLevel: 'EXPERT',
    category: 'web-mobile-software-dev',
    subcategory: 'desktop-application-development',
    skills: ['Electron', 'TypeScript'],
    totalApplicants: i % 50,
    publishedAt: T0 - (i - (i % 7 === 6 ? 1 : 0)) * 60_000,
    client: { verified: i % 3 === 0, totalSpent: 18250, hires: 7, postedJobs: 11, feedback: 4.8, reviews: 5, country: 'United States', city: 'Austin', timezone: 'America/Chicago' }
  }))
}

describe('JobsRepository', () => {
  let temp: ReturnType<typeof makeTempDir>
  let db: Database
  let now: number
  let repo: JobsRepository

  beforeEach(async () => {
    temp = makeTempDir()
    db = await openDatabase({ file: join(temp.dir, 'jobs.db'), migrationsDir: MIGRATIONS_DIR, appVersion: 'test' })
    now = T0
    repo = new JobsRepository(db, { now: () => now })
  })
  afterEach(async () => {
    await db.close()
    temp.cleanup()
  })

  it('upserts 5,000 jobs in batches: all stored, fields intact; a re-fetch updates them in place', async () => {
    const jobs = makeJobs(5000)
    const first = await repo.upsertMany(jobs)
    expect(first.inserted).toBe(5000)
    expect(first.updated).toBe(0)
    expect(first.idsByUpworkId.size).toBe(5000)
    expect(await repo.count()).toBe(5000)

    const stored = await repo.getById(first.idsByUpworkId.get(jobs[3]!.upworkId)!)
    expect(stored).toMatchObject({
      upworkId: jobs[3]!.upworkId,
      url: `https://www.upwork.com/jobs/~${jobs[3]!.ciphertext.slice(1)}`,
      title: 'Electron app job 3 v1',
      jobType: 'HOURLY',
      hourlyMin: 40,
      hourlyMax: 70,
      fixedAmount: null,
      skills: ['Electron', 'TypeScript'],
      publishedAt: jobs[3]!.publishedAt,
      fetchedAt: T0,
      expiresAt: T0 + UPWORK_CACHE_TTL_MS,
      userState: 'new',
      client: { verified: true, totalSpent: 18250, hires: 7, postedJobs: 11, feedback: 4.8, reviews: 5, country: 'United States', city: 'Austin', timezone: 'America/Chicago' }
    })

    // The user saves one job; an hour later the same jobs come back with new content.
    const savedId = first.idsByUpworkId.get(jobs[10]!.upworkId)!
    await repo.setUserState(savedId, 'saved')
    now = T0 + 3_600_000
    const second = await repo.upsertMany(makeJobs(5000, 2))
    expect(second).toMatchObject({ inserted: 0, updated: 5000 })
    expect(second.idsByUpworkId).toEqual(first.idsByUpworkId)
    expect(await repo.count()).toBe(5000)
    const saved = await repo.getById(savedId)
    expect(saved).toMatchObject({ title: 'Electron app job 10 v2', userState: 'saved', expiresAt: null, fetchedAt: now })
    expect((await repo.getById(first.idsByUpworkId.get(jobs[11]!.upworkId)!))?.expiresAt).toBe(now + UPWORK_CACHE_TTL_MS)
  })

  it('records which saved search found a job: first seen kept, last seen moved', async () => {
    const search = await db.prisma.savedSearch.create({ data: { name: 'electron', query: '{"q":"electron"}' } })
    await repo.upsertMany(makeJobs(450), { searchId: search.id })
    now = T0 + 60_000
    await repo.upsertMany(makeJobs(450).slice(0, 10), { searchId: search.id })
    const hits = await db.prisma.jobSearchHit.findMany({ where: { searchId: search.id }, orderBy: { lastSeenAt: 'desc' } })
    expect(hits).toHaveLength(450)
    expect(hits.slice(0, 10).every((h) => h.firstSeenAt.getTime() === T0 && h.lastSeenAt.getTime() === now)).toBe(true)
    expect(hits[10]!.lastSeenAt.getTime()).toBe(T0)
  })

  it('takes the last of duplicate jobs in one input', async () => {
    const [a] = makeJobs(1)
    const result = await repo.upsertMany([a!, { ...a!, title: 'newer' }])
    expect(result).toMatchObject({ inserted: 1, updated: 0 })
    expect((await repo.listPage()).items.map((j) => j.title)).toEqual(['newer'])
  })

  it('pages newest first with a stable keyset cursor, covering every job exactly once', async () => {
    const jobs = makeJobs(1234)
    await repo.upsertMany(jobs)
    const seen: number[] = []
    let cursor: string | null = null
    let pages = 0
    do {
      const page = await repo.listPage({ limit: 200, cursor })
      seen.push(...page.items.map((j) => j.id))
      cursor = page.nextCursor
      pages++
    } while (cursor)
    expect(pages).toBe(7)
    const all = await db.prisma.job.findMany({ orderBy: [{ publishedAt: 'desc' }, { id: 'desc' }], select: { id: true } })
    expect(seen).toEqual(all.map((j) => j.id))
    expect(new Set(seen).size).toBe(1234)
    await expect(repo.listPage({ cursor: 'not-a-cursor' })).rejects.toThrow(RangeError)
  })

  it('filters pages by user state', async () => {
    const { idsByUpworkId } = await repo.upsertMany(makeJobs(20))
    const ids = [...idsByUpworkId.values()]
    await repo.setUserState(ids[0]!, 'dismissed')
    await repo.setUserState(ids[1]!, 'saved')
    const page = await repo.listPage({ userStates: ['new', 'saved'] })
    expect(page.items).toHaveLength(19)
    expect(page.items.some((j) => j.id === ids[0])).toBe(false)
  })

  it('prunes expired cached jobs but keeps saved and drafted ones (Upwork 24 h cache rule)', async () => {
    const search = await db.prisma.savedSearch.create({ data: { name: 's', query: '{}' } })
    const { idsByUpworkId } = await repo.upsertMany(makeJobs(1200), { searchId: search.id })
    const ids = [...idsByUpworkId.values()]
    await repo.setUserState(ids[0]!, 'saved')
    await db.prisma.proposalDraft.create({ data: { jobId: ids[1]! } }) // drafted but not yet retained
    await repo.retain(ids[2]!)

    now = T0 + UPWORK_CACHE_TTL_MS - 1
    expect(await repo.pruneExpired()).toBe(0)
    now = T0 + UPWORK_CACHE_TTL_MS + 1
    expect(await repo.pruneExpired()).toBe(1197)
    expect((await db.prisma.job.findMany({ select: { id: true }, orderBy: { id: 'asc' } })).map((j) => j.id)).toEqual(ids.slice(0, 3).sort((a, b) => a - b))
    expect(await db.prisma.jobSearchHit.count()).toBe(3) // hits of deleted jobs went with them
  })
})
