import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openDatabase, type Database } from '../db/open-database'
import { makeTempDir, MIGRATIONS_DIR } from '../db/test-support/temp-files'
import { UPWORK_CACHE_TTL_MS } from '../db/types'
import { normalizeBatch } from './normalize'
import { compileProfile, scoreJob } from './scoring'
import { ftsQuery, JobStore, upsertJobs } from './job-store'
import { jobSummary } from './test-support/jobs'

/** upsertJobs: the one bulk write path of the Job table (the ingest and the benches use it). */

const T0 = Date.UTC(2026, 11, 1, 12)
const profile = compileProfile({ skills: ['React', 'TypeScript'], hourlyRate: 50 })
const rowsOf = (count: number, version: number, at: number) =>
  normalizeBatch(Array.from({ length: count }, (_, i) => jobSummary(i, { title: `Job ${i} version${version}`, description: `Posting ${i}, wording${version}.` })), at).rows

describe('upsertJobs (job-store.ts)', () => {
  let temp: ReturnType<typeof makeTempDir>
  let db: Database
  let durabilities: string[]
  let sink: Pick<Database, 'bulkWrite'>
  beforeEach(async () => {
    temp = makeTempDir()
    db = await openDatabase({ file: join(temp.dir, 'jobs.db'), migrationsDir: MIGRATIONS_DIR, appVersion: 'test' })
    durabilities = []
    sink = {
      bulkWrite: (statements, options) => {
        durabilities.push(options.durability)
        return db.bulkWrite(statements, options)
      }
    }
  })
  afterEach(async () => {
    await db.close()
    temp.cleanup()
  })

  it('2,500 jobs in 1,000-job refetchable transactions: all stored with their fields; a re-fetch updates them in place, keeps the user’s decisions, and FTS follows', async () => {
    const rows = rowsOf(2500, 1, T0)
    const first = await upsertJobs(sink, rows, (i) => scoreJob(rows[i]!, profile, T0), { now: T0, searchId: null, rowsPerTransaction: 1000 })
    expect(durabilities).toEqual(['refetchable', 'refetchable', 'refetchable'])
    expect(first).toMatchObject({ stored: 2500, updated: 0 })
    expect(new Set(first.ids).size).toBe(2500)
    expect(first.newUpworkIds).toEqual(rows.map((r) => r.upworkId))
    expect(first.newJobIds).toEqual(first.ids)

    const store = new JobStore(db)
    const id3 = first.ids[3]!
    const stored = await store.get(id3)
    const score = scoreJob(rows[3]!, profile, T0)
    expect(stored).toMatchObject({
      upworkId: rows[3]!.upworkId,
      title: 'Job 3 version1',
      description: 'Posting 3, wording1.',
      jobType: rows[3]!.jobType,
      hourlyMin: rows[3]!.hourlyMin,
      fixedAmount: rows[3]!.fixedAmount,
      skills: rows[3]!.skills,
      publishedAt: rows[3]!.publishedAt,
      firstSeenAt: T0,
      status: 'new',
      score: score.score,
      reasons: score.reasons,
      scoreVersion: score.scoreVersion,
      scoredAt: T0,
      client: { verified: true, totalSpent: 25_000, hires: 12, country: 'United States', city: 'Austin' }
    })
    const raw = async (id: number) => (await db.client.execute({ sql: `SELECT "fetchedAt", "expiresAt", "createdAt" FROM "Job" WHERE "id" = ?`, args: [id] })).rows[0]!
    expect(await raw(id3)).toMatchObject({ fetchedAt: '2026-12-01T12:00:00.000+00:00', expiresAt: '2026-12-02T12:00:00.000+00:00', createdAt: '2026-12-01T12:00:00.000+00:00' })

    // The user saves one; an hour later the same jobs come back with new content.
    await store.setStatus(first.ids[10]!, 'saved', T0)
    const later = T0 + 3_600_000
    const again = rowsOf(2500, 2, later)
    const second = await upsertJobs(sink, again, (i) => scoreJob(again[i]!, profile, later), { now: later, searchId: null })
    expect(second).toMatchObject({ stored: 2500, updated: 2500, newJobIds: [], newUpworkIds: [] })
    expect(second.ids).toEqual(first.ids)
    expect(await store.get(first.ids[10]!)).toMatchObject({ title: 'Job 10 version2', status: 'saved', firstSeenAt: T0 })
    expect((await raw(first.ids[10]!)).expiresAt).toBeNull()
    expect(await raw(first.ids[11]!)).toMatchObject({ expiresAt: new Date(later + UPWORK_CACHE_TTL_MS).toISOString().replace('Z', '+00:00'), createdAt: '2026-12-01T12:00:00.000+00:00' })
    // The index follows the content: the new words are found, the old ones no longer.
    expect((await store.search('wording2', 50, 0)).items).toHaveLength(50)
    expect((await store.search('wording1', 50, 0)).items).toHaveLength(0)
    expect((await db.client.execute(`SELECT count(*) AS n FROM "Job"`)).rows[0]!.n).toBe(2500)
  })

  it('records the search hit once per job (first seen kept, last seen moved) and refuses a bad transaction size', async () => {
    const search = await db.client.execute(`INSERT INTO "SavedSearch" ("name", "query", "createdAt", "updatedAt") VALUES ('s', '', '2026-12-01T00:00:00.000+00:00', '2026-12-01T00:00:00.000+00:00') RETURNING "id"`)
    const searchId = Number(search.rows[0]!.id)
    const rows = rowsOf(1200, 1, T0)
    await upsertJobs(sink, rows, (i) => scoreJob(rows[i]!, profile, T0), { now: T0, searchId })
    await upsertJobs(sink, rows.slice(0, 10), (i) => scoreJob(rows[i]!, profile, T0 + 60_000), { now: T0 + 60_000, searchId })
    const hits = (await db.client.execute(`SELECT "firstSeenAt", "lastSeenAt" FROM "JobSearchHit" ORDER BY "lastSeenAt" DESC, "jobId"`)).rows
    expect(hits).toHaveLength(1200)
    expect(hits.slice(0, 10).every((h) => h.firstSeenAt === '2026-12-01T12:00:00.000+00:00' && h.lastSeenAt === '2026-12-01T12:01:00.000+00:00')).toBe(true)
    expect(hits[10]!.lastSeenAt).toBe('2026-12-01T12:00:00.000+00:00')
    await expect(upsertJobs(sink, rows, () => scoreJob(rows[0]!, profile, T0), { now: T0, searchId, rowsPerTransaction: 0 })).rejects.toThrow(RangeError)
  })

  it('full-text search takes any text: words split where the index splits them (no phrase the index refuses), no FTS syntax from the user', async () => {
    const rows = normalizeBatch(
      [jobSummary(1, { title: 'Fix node_js build', description: 'A C++ service with snake_case names.', skills: [] }), jobSummary(2, { title: 'Кав’ярня: сайт', description: 'Café “naïve” design', skills: [] })],
      T0
    ).rows
    await upsertJobs(sink, rows, (i) => scoreJob(rows[i]!, profile, T0), { now: T0, searchId: null })
    const store = new JobStore(db)
    const titles = async (text: string) => (await store.search(text, 10, 0)).items.map((j) => j.title)
    expect(ftsQuery('node_js')).toBe('"node" "js"*')
    expect(await titles('node_js')).toEqual(['Fix node_js build'])
    expect(await titles('snake_case')).toEqual(['Fix node_js build'])
    expect(await titles('C++ service')).toEqual(['Fix node_js build'])
    expect(await titles('кав’ярня')).toEqual(['Кав’ярня: сайт'])
    expect(await titles('cafe naive')).toEqual(['Кав’ярня: сайт'])
    // Operators are words like any other (all required): no syntax error, simply no job has them all.
    expect(ftsQuery('"naïve" OR NEAR(x) *')).toBe('"naïve" "OR" "NEAR" "x"*')
    expect(await titles('"naïve" OR NEAR(x) *')).toEqual([])
    expect(await titles('naïve design')).toEqual(['Кав’ярня: сайт'])
    expect(ftsQuery('_ -- ()')).toBeNull()
  })

  it('notifyMinScore: marks each job at or above it once, in the same refetchable writes that store it (known and new jobs alike)', async () => {
    const search = await db.client.execute(`INSERT INTO "SavedSearch" ("name", "query", "createdAt", "updatedAt") VALUES ('s', '', '2026-12-01T00:00:00.000+00:00', '2026-12-01T00:00:00.000+00:00') RETURNING "id"`)
    const searchId = Number(search.rows[0]!.id)
    const rows = rowsOf(2100, 1, T0)
    const scores = rows.map((_, i) => ({ ...scoreJob(rows[i]!, profile, T0), score: i % 100 }))
    const first = await upsertJobs(sink, rows, (i) => scores[i]!, { now: T0, searchId, notifyMinScore: 90 })
    expect(durabilities).toEqual(['refetchable', 'refetchable', 'refetchable'])
    expect(first.marked).toHaveLength(210)
    expect(first.marked[0]!.score).toBe(99)
    expect(first.marked.every((m, k) => m.score >= 90 && (k === 0 || first.marked[k - 1]!.score >= m.score))).toBe(true)
    expect(first.marked.find((m) => m.id === first.ids[95])).toEqual({ id: first.ids[95], title: 'Job 95 version1', score: 95 })
    const marked = async () => Number((await db.client.execute(`SELECT count(*) AS n FROM "Job" WHERE "notifiedAt" IS NOT NULL`)).rows[0]!.n)
    expect(await marked()).toBe(210)

    // Again, same time (a manual clock): nothing new to name. Then job 5 reaches the threshold: it alone is marked.
    durabilities = []
    expect((await upsertJobs(sink, rows, (i) => scores[i]!, { now: T0, searchId, notifyMinScore: 90 })).marked).toEqual([])
    const risen = scores.map((sc, i) => (i === 5 ? { ...sc, score: 97 } : sc))
    const third = await upsertJobs(sink, rows.slice(0, 10), (i) => risen[i]!, { now: T0 + 60_000, searchId, notifyMinScore: 90 })
    expect(third.marked).toEqual([{ id: first.ids[5], title: 'Job 5 version1', score: 97 }])
    expect(await marked()).toBe(211)
    // Without a threshold (no search): nothing is marked, every transaction refetchable.
    durabilities = []
    const more = rowsOf(2200, 1, T0).slice(2100)
    expect((await upsertJobs(sink, more, (i) => ({ ...scores[0]!, score: 99 + (i % 1) }), { now: T0, searchId: null })).marked).toEqual([])
    expect(durabilities).toEqual(['refetchable'])
    expect(await marked()).toBe(211)
  })
})
