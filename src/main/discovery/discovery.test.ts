import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { translator } from '@shared/i18n'
import { channels } from '@shared/contract'
import { defaultSettings, type Settings } from '@shared/settings'
import { EventBus } from '../core/event-bus'
import { openDatabase, type Database } from '../db/open-database'
import { makeTempDir, MIGRATIONS_DIR } from '../db/test-support/temp-files'
import { createNotificationsModule } from '../notifications/module'
import type { AppNotification } from '../ports/notifier'
import { ManualClock } from '../test-support/clocks'
import { createMemoryLogger } from '../test-support/memory-logger'
import type { JobSummary, TalentProfileSummary } from '../upwork/types'
import { createDiscoveryModule, type DiscoveryModule } from './module'
import { MAX_DESCRIPTION_CHARS } from './normalize'
import { jobSummary } from './test-support/jobs'

const T0 = Date.UTC(2026, 11, 1, 12) // 12:00 UTC

describe('discovery: ingest, score, FTS, prune, notifications', () => {
  let temp: ReturnType<typeof makeTempDir>
  let db: Database
  let clock: ManualClock
  let settings: Settings
  let shown: AppNotification[]
  let bus: EventBus
  let discovery: DiscoveryModule
  let unwire: () => void
  let talent: TalentProfileSummary | Error

  const open = async (): Promise<void> => {
    db = await openDatabase({ file: join(temp.dir, 'd.db'), migrationsDir: MIGRATIONS_DIR, appVersion: 'test' })
    const t = translator('en')
    const notifications = createNotificationsModule({ settings: () => settings.notifications, notifier: { notify: (n) => shown.push(n) }, clock, t })
    const reads = {
      client: {
        query: async () => {
          if (talent instanceof Error) throw talent
          return {} as never
        },
        requestCount: () => 0
      },
      logger: createMemoryLogger()
    } as never
    discovery = createDiscoveryModule({ db, reads, clock, logger: createMemoryLogger(), t, settings: () => settings.notifications, notify: notifications.notify, pruneEveryMs: 0 })
    bus = new EventBus(() => undefined)
    unwire = discovery.wireEvents!({ bus, statusChanged: () => undefined })
  }
  const close = async (): Promise<void> => {
    unwire()
    await discovery.dispose?.()
    await db.close()
  }

  beforeEach(async () => {
    temp = makeTempDir()
    clock = new ManualClock(T0)
    settings = defaultSettings()
    settings.notifications.minScore = 60
    shown = []
    talent = new Error('not used')
    await open()
    await discovery.profile.update({ skills: ['React', 'TypeScript', 'Node.js'], hourlyRate: 50 })
  })
  afterEach(async () => {
    await close()
    temp.cleanup()
  })

  const search = (name = 'React') => discovery.searches.create({ name, filters: { query: 'react' } })

  it('dedupes by Upwork id (within a page and across pages), keeps the newest snapshot, records first seen and hits, returns the new ones', async () => {
    const s1 = await search('React')
    const s2 = await search('TypeScript')
    const older = jobSummary(1, { title: 'old title' })
    const newer = jobSummary(1, { title: 'renewed title', renewedAt: new Date(T0).toISOString() })
    const first = await discovery.ingest.ingest(s1.id, [newer, jobSummary(2), older])
    expect(first).toMatchObject({ stored: 2, updated: 0, duplicates: 1, skipped: 0 })
    expect(first.newUpworkIds.sort()).toEqual([jobSummary(1).id, jobSummary(2).id].sort())
    const id1 = first.newJobIds[first.newUpworkIds.indexOf(jobSummary(1).id)]!
    expect((await discovery.jobs.get(id1))?.title).toBe('renewed title')

    clock.advance(60_000)
    const second = await discovery.ingest.ingest(s2.id, [jobSummary(1, { title: 'third snapshot' }), jobSummary(3)])
    expect(second).toMatchObject({ stored: 2, updated: 1, newUpworkIds: [jobSummary(3).id] })
    const job1 = (await discovery.jobs.get(id1))!
    expect(job1.title).toBe('third snapshot')
    expect(job1.firstSeenAt).toBe(T0) // not moved by the later fetch
    expect(job1.searchIds).toEqual([s1.id, s2.id])
    expect(job1.score).toBeGreaterThan(0)
    expect(job1.reasons.length).toBeGreaterThan(0)
    expect(job1.reasons[0]).toEqual(expect.objectContaining({ code: expect.any(String), points: expect.any(Number) }))
    expect(job1.scoreVersion).toBe(1)
    expect(job1.url).toBe(`https://www.upwork.com/jobs/${jobSummary(1).ciphertext}`)
    expect((await discovery.searches.get(s1.id))?.newCount).toBe(2)
  })

  it('bad input: kept when usable, skipped with a count, never crashing the batch', async () => {
    const s = await search()
    const huge = 'x'.repeat(1024 * 1024)
    const jobs = [
      jobSummary(10, { description: huge }),
      jobSummary(11, { title: '<script>alert(1)</script><b>Bold</b>', fixedBudget: { amount: 1e15, currency: 'USD', display: '' }, contractType: null }),
      jobSummary(12, { client: null, skills: null as never, publishedAt: 'not a date', createdAt: null, totalApplicants: -5 }),
      { ...jobSummary(13), id: '' },
      null as unknown as JobSummary,
      { ...jobSummary(14), ciphertext: undefined as never },
      jobSummary(10)
    ]
    const r = await discovery.ingest.ingest(s.id, jobs)
    expect(r).toMatchObject({ stored: 3, skipped: 3, duplicates: 1 })
    const page = await discovery.jobs.list({ sort: 'recency', limit: 50, offset: 0 })
    const byUpwork = new Map(page.items.map((j) => [j.upworkId, j]))
    const markup = (await discovery.jobs.get(byUpwork.get(jobSummary(11).id)!.id))!
    expect(markup.title).toBe('<script>alert(1)</script><b>Bold</b>') // stored as text; the renderer shows text
    expect(markup.fixedAmount).toBeNull() // absurd budget → unknown
    const nulls = (await discovery.jobs.get(byUpwork.get(jobSummary(12).id)!.id))!
    expect(nulls).toMatchObject({ totalApplicants: null, skills: [], publishedAt: T0 })
    expect(nulls.client.verified).toBeNull()
    const big = await db.client.execute({ sql: `SELECT length("description") AS n FROM "Job" WHERE "upworkId" = ?`, args: [jobSummary(10).id] })
    expect(Number(big.rows[0]?.n)).toBeLessThanOrEqual(MAX_DESCRIPTION_CHARS)
  })

  it('full-text search finds a job by a word in its description, ranked, and stays in step after update and delete', async () => {
    const s = await search()
    await discovery.ingest.ingest(s.id, [
      jobSummary(20, { description: 'We need a Kubernetes operator written in Go.' }),
      jobSummary(21, { description: 'Pure frontend work, kubernetes mentioned once.', title: 'Kubernetes Kubernetes dashboard' }),
      jobSummary(22)
    ])
    const found = await discovery.handlers['jobs:search']({ text: 'kubernetes', limit: 10, cursor: null })
    expect(found.items.map((j) => j.upworkId).sort()).toEqual([jobSummary(20).id, jobSummary(21).id].sort())
    expect(found.items[0]!.upworkId).toBe(jobSummary(21).id) // more hits, in the title: ranked first
    expect((await discovery.handlers['jobs:search']({ text: 'operat', limit: 10, cursor: null })).items.map((j) => j.upworkId)).toEqual([jobSummary(20).id])
    expect((await discovery.handlers['jobs:search']({ text: '"); DROP TABLE Job; --', limit: 10, cursor: null })).items).toEqual([])

    // A refresh with another description: the old word is gone from the index, the new one found.
    await discovery.ingest.ingest(s.id, [jobSummary(20, { description: 'Now it is about Terraform.' })])
    expect((await discovery.handlers['jobs:search']({ text: 'operator', limit: 10, cursor: null })).items).toEqual([])
    expect((await discovery.handlers['jobs:search']({ text: 'terraform', limit: 10, cursor: null })).items).toHaveLength(1)
    await db.client.execute({ sql: `DELETE FROM "Job" WHERE "upworkId" = ?`, args: [jobSummary(20).id] })
    expect((await discovery.handlers['jobs:search']({ text: 'terraform', limit: 10, cursor: null })).items).toEqual([])
    const integrity = await db.client.execute(`INSERT INTO "JobFts"("JobFts", "rank") VALUES ('integrity-check', 1)`)
    expect(integrity.rowsAffected).toBeGreaterThanOrEqual(0) // throws when the index and Job disagree
  })

  it('the 24 h prune blanks content of cached jobs, keeps saved/drafted/applied whole and the derived numbers and decisions of all', async () => {
    const s = await search()
    const r = await discovery.ingest.ingest(s.id, [jobSummary(30), jobSummary(31), jobSummary(32), jobSummary(33), jobSummary(34)])
    const [cached, saved, drafted, applied, dismissed] = r.newJobIds as [number, number, number, number, number]
    await discovery.handlers['jobs:setStatus']({ id: saved, status: 'saved' })
    await discovery.handlers['jobs:setStatus']({ id: drafted, status: 'drafted' })
    await discovery.handlers['jobs:setStatus']({ id: applied, status: 'applied' })
    await discovery.handlers['jobs:setStatus']({ id: dismissed, status: 'dismissed' })
    const scoreBefore = (await discovery.jobs.get(cached))!.score
    clock.advance(23 * 3600_000)
    expect(await discovery.pruneExpired()).toBe(0)
    clock.advance(2 * 3600_000)
    expect(await discovery.pruneExpired()).toBe(2)
    const gone = (await discovery.jobs.get(cached))!
    expect(gone).toMatchObject({ title: '', description: '', skills: [], contentPruned: true, score: scoreBefore, status: 'new', firstSeenAt: T0, searchIds: [s.id] })
    expect(gone.reasons.length).toBeGreaterThan(0)
    expect(gone.client.city).toBeNull()
    expect((await discovery.jobs.get(dismissed))!).toMatchObject({ contentPruned: true, status: 'dismissed' })
    for (const id of [saved, drafted, applied]) expect((await discovery.jobs.get(id))!).toMatchObject({ contentPruned: false, title: expect.stringContaining('dashboard') })
    // Pruned content is gone from the full-text index too.
    expect((await discovery.jobs.search('dashboard', 50, 0)).items.map((j) => j.id).sort()).toEqual([saved, drafted, applied].sort())
    // Fetched again: content back, still not "new" to the database.
    const again = await discovery.ingest.ingest(s.id, [jobSummary(30)])
    expect(again.newJobIds).toEqual([])
    expect((await discovery.jobs.get(cached))!.contentPruned).toBe(false)
  })

  it('one grouped notification per search, never twice (also after a restart), quiet hours respected; a click opens the job', async () => {
    const s = await search('React')
    const added: unknown[] = []
    const opened: unknown[] = []
    const navigated: unknown[] = []
    bus.on('discovery:jobsAdded', (e) => added.push(e))
    bus.on('discovery:openJob', (e) => opened.push(e))
    bus.on('app:navigate', (e) => navigated.push(e))
    const five = [40, 41, 42, 43, 44].map((i) => jobSummary(i))
    const r = await discovery.ingest.ingest(s.id, five)
    expect(r.notified).toBe(5)
    expect(shown).toHaveLength(1)
    expect(shown[0]!.title).toBe('5 new jobs match “React”')
    expect(added).toEqual([{ searchId: s.id, added: 5, notified: 5 }])
    expect(await discovery.badgeCount()).toBe(5)

    // The same jobs again: nothing.
    await discovery.ingest.ingest(s.id, five)
    expect(shown).toHaveLength(1)

    // A restart (close and reopen the database): still nothing for them; a single new one names the job.
    await close()
    await open()
    bus.on('discovery:openJob', (e) => opened.push(e))
    bus.on('app:navigate', (e) => navigated.push(e))
    await discovery.ingest.ingest(s.id, [...five, jobSummary(45, { title: 'Solo React job' })])
    expect(shown).toHaveLength(2)
    expect(shown[1]!.title).toMatch(/^New job match \(\d+\)$/)
    expect(shown[1]!.body).toBe('Solo React job')
    shown[1]!.onClick!()
    const solo = (await discovery.jobs.list({ sort: 'recency', limit: 50, offset: 0 })).items.find((j) => j.title === 'Solo React job')!
    expect(opened).toEqual([{ jobId: solo.id, searchId: s.id }])
    expect(navigated).toEqual([{ area: 'jobs' }])

    // Below the threshold: not notified.
    settings.notifications.minScore = 101
    await discovery.ingest.ingest(s.id, [jobSummary(46)])
    expect(shown).toHaveLength(2)

    // Quiet hours: not shown (and not shown later either: marked, so no burst when quiet time ends).
    settings.notifications.minScore = 60
    settings.notifications.quietHours = { enabled: true, start: '00:00', end: '23:59' }
    const quiet = await discovery.ingest.ingest(s.id, [jobSummary(47)])
    expect(quiet.notified).toBe(0)
    expect(shown).toHaveLength(2)
    settings.notifications.quietHours.enabled = false
    await discovery.ingest.ingest(s.id, [jobSummary(47)])
    expect(shown).toHaveLength(2)

    // Sound off → a silent notification.
    settings.notifications.sound = false
    await discovery.ingest.ingest(s.id, [jobSummary(48)])
    expect(shown[2]!.silent).toBe(true)
  })

  it('jobs list: sort by score or recency, quick filters, paging; setStatus; handlers validated by the contract', async () => {
    const s = await search()
    const other = await search('Other')
    await discovery.ingest.ingest(s.id, [jobSummary(50, { totalApplicants: 0 }), jobSummary(51, { totalApplicants: 49, client: null }), jobSummary(52)])
    await discovery.ingest.ingest(other.id, [jobSummary(53)])
    const input = channels['jobs:list'].input.parse({ sort: 'score', limit: 2 })
    const byScore = await discovery.handlers['jobs:list'](input)
    expect(byScore.total).toBe(4)
    expect(byScore.items).toHaveLength(2)
    expect(byScore.items[0]!.score!).toBeGreaterThanOrEqual(byScore.items[1]!.score!)
    const rest = await discovery.handlers['jobs:list'](channels['jobs:list'].input.parse({ sort: 'score', limit: 2, cursor: byScore.nextCursor }))
    expect(rest.nextCursor).toBeNull()
    expect(new Set([...byScore.items, ...rest.items].map((j) => j.id)).size).toBe(4)
    const recency = await discovery.handlers['jobs:list'](channels['jobs:list'].input.parse({ sort: 'recency' }))
    expect(recency.items.map((j) => j.publishedAt)).toEqual([...recency.items.map((j) => j.publishedAt)].sort((a, b) => b - a))
    expect((await discovery.handlers['jobs:list'](channels['jobs:list'].input.parse({ searchId: other.id }))).items.map((j) => j.upworkId)).toEqual([jobSummary(53).id])
    const top = byScore.items[0]!
    await discovery.handlers['jobs:setStatus'](channels['jobs:setStatus'].input.parse({ id: top.id, status: 'saved' }))
    expect((await discovery.handlers['jobs:list'](channels['jobs:list'].input.parse({ statuses: ['saved'] }))).items.map((j) => j.id)).toEqual([top.id])
    const min = (await discovery.handlers['jobs:list'](channels['jobs:list'].input.parse({ minScore: top.score }))).items
    expect(min.every((j) => j.score! >= top.score!)).toBe(true)
    expect(channels['jobs:setStatus'].input.safeParse({ id: top.id, status: 'bogus' }).success).toBe(false)
    expect(channels['searches:create'].input.safeParse({ name: '' }).success).toBe(false)
    await expect(discovery.handlers['jobs:get']({ id: 999_999 })).rejects.toMatchObject({ code: 'JOB_NOT_FOUND' })
  })

  it('saved searches: create, update, pause, delete, run status for the poller', async () => {
    const statuses: unknown[] = []
    bus.on('discovery:searchStatus', (e) => statuses.push(e))
    const created = await discovery.handlers['searches:create'](
      channels['searches:create'].input.parse({ name: 'Rust', filters: { query: 'rust', allTerms: ['rust'], excludeTerms: ['crypto'], budgetMin: 500, client: { paymentVerified: true, minHires: 2 }, postedWithinHours: 24 } })
    )
    expect(created).toMatchObject({ name: 'Rust', paused: false, intervalMinutes: 5, lastRunAt: null, filters: { excludeTerms: ['crypto'], client: { minHires: 2, paymentVerified: true } } })
    const paused = await discovery.handlers['searches:pause']({ id: created.id, paused: true })
    expect(paused.paused).toBe(true)
    expect(await discovery.searches.listActive()).toEqual([])
    await discovery.handlers['searches:update']({ id: created.id, patch: { paused: false, intervalMinutes: 15 } })
    await discovery.searches.recordRun(created.id, { at: T0, result: { ok: false, found: 0, new: 0, skipped: 0, error: 'upwork.error.rejected' }, nextRunAt: T0 + 15 * 60_000 })
    const after = (await discovery.searches.get(created.id))!
    expect(after).toMatchObject({ lastRunAt: T0, lastError: 'upwork.error.rejected', nextRunAt: T0 + 15 * 60_000, intervalMinutes: 15 })
    expect(statuses).toHaveLength(1)
    expect((await discovery.handlers['searches:delete']({ id: created.id })).deleted).toBe(true)
    await expect(discovery.handlers['searches:update']({ id: created.id, patch: { name: 'x' } })).rejects.toMatchObject({ code: 'SEARCH_NOT_FOUND' })
  })

  it('profile: update, import from Upwork (keeps what Upwork lacks), rescore-all after a weight change', async () => {
    const s = await search()
    const r = await discovery.ingest.ingest(s.id, [jobSummary(60)])
    const before = (await discovery.jobs.get(r.newJobIds[0]!))!.score!
    await discovery.handlers['profile:update']({ minFixedBudget: 300, negativeKeywords: ['dashboard'] })
    const { rescored } = await discovery.handlers['jobs:rescoreAll'](undefined)
    expect(rescored).toBe(1)
    expect((await discovery.jobs.get(r.newJobIds[0]!))!.score!).toBeLessThan(before)

    talent = new Error('boom')
    await expect(discovery.handlers['profile:importFromUpwork'](undefined)).rejects.toBeTruthy()
    expect((await discovery.handlers['profile:get'](undefined)).negativeKeywords).toEqual(['dashboard'])
  })
})
