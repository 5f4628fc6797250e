import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { channels, type ChannelInput, type ChannelName, type ChannelOutput } from '@shared/contract'
import { translator } from '@shared/i18n'
import { defaultSettings } from '@shared/settings'
import { DEFAULT_SCOPES, type FakeJob } from '../../../tools/fake-upwork/index'
import { openDatabase, type Database } from '../db/open-database'
import { toSqlDateTime } from '../db/sql-values'
import { makeTempDir, MIGRATIONS_DIR } from '../db/test-support/temp-files'
import { createDiscoveryModule, type DiscoveryModule } from '../discovery/module'
import { jobSummary } from '../discovery/test-support/jobs'
import { OpenAiLlmClient } from '../ai'
import { createDraftingModule, type DraftingModule } from '../drafting/module'
import type { DraftingAi } from '../drafting/ports'
import { createOutboxModule, type OutboxModule } from '../outbox/module'
import { createOutcomesModule, type OutcomesModule } from '../outcomes/module'
import { ManualOnlineStatus } from '../ports/power-monitor'
import { ManualScheduler } from '../scheduler/manual-scheduler'
import { useFakeOpenAi } from '../test-support/fake-openai'
import { useFakeUpwork } from '../test-support/fake-upwork'
import { connectWithFakeKey, createHarness, type Harness } from '../upwork/test-support/connection-harness'
import { createReviewModule, type ReviewModule } from './module'

/**
 * Approval end to end on the real parts: a real SQLite file, the fake Upwork over HTTP (its
 * request log counts submissions), the real outbox and the real outcomes module (recordSubmission).
 */
const server = useFakeUpwork({ autoApprove: true })
const openai = useFakeOpenAi()
const cleanups: Array<() => Promise<void> | void> = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
  server.fake.setProposalSubmit(false)
})

const LETTER = 'Hello! I have built three React dashboards with charts and authentication; I can start on Monday and ship a first screen this week.'
const submissions = () => server.fake.requests.filter((r) => r.path === '/graphql' && r.operationName === 'SubmitProposal')

interface Setup {
  h: Harness
  db: Database
  discovery: DiscoveryModule
  drafting: DraftingModule
  outbox: OutboxModule
  outcomes: OutcomesModule
  review: ReviewModule
  online: ManualOnlineStatus
  settings: ReturnType<typeof defaultSettings>
  setPaused(paused: boolean): void
  settingsChanged(): void
  call<C extends ChannelName & keyof ReviewModule['handlers']>(name: C, input?: ChannelInput<C>): Promise<ChannelOutput<C>>
  /** A job on the fake Upwork and in the local store, scored, with a queued template draft. */
  queuedDraft(score?: number): Promise<{ draftId: number; jobId: number; fake: FakeJob }>
}

let jobCount = 0

/** The real OpenAI client against the fake OpenAI server (a generation that really runs). */
const fakeOpenAi = (db: () => Database): DraftingAi => ({
  client: async () => new OpenAiLlmClient({ baseUrl: openai.fake.url, apiKey: 'sk-test', model: 'gpt-4o-mini', maxRetries: 0, timeoutMs: 10_000, streamIdleTimeoutMs: 10_000 }),
  admit: async () => undefined,
  record: async (c) => (await db().prisma.aiCall.create({ data: { task: c.task, model: 'gpt-4o-mini', promptTokens: 0, completionTokens: 0, costUsd: 0, durationMs: null, ok: 'result' in c, error: null } })).id
})

async function setup(opts: { submit: boolean; online?: boolean; ai?: boolean }): Promise<Setup> {
  if (opts.submit) {
    server.fake.setProposalSubmit(true)
    server.fake.setScopes([...DEFAULT_SCOPES, 'proposal:submit'])
  }
  const h = await createHarness(server.fake, { random: () => 1, sleep: async () => undefined })
  cleanups.push(() => h.cleanup())
  await connectWithFakeKey(h)
  const temp = makeTempDir('gigpilot-review-')
  cleanups.push(() => temp.cleanup())
  const db = await openDatabase({ file: join(temp.dir, 'gigpilot.db'), migrationsDir: MIGRATIONS_DIR, appVersion: 'test' })
  const t = translator('en')
  const logger = h.logger
  const clock = h.clock
  const settings = defaultSettings()
  const online = new ManualOnlineStatus(opts.online ?? true)
  let paused = false
  const pauseListeners = new Set<(p: boolean) => void>()
  const settingsListeners = new Set<() => void>()
  const canSubmitProposals = async () => (await h.connection.getAccount()).capabilities?.proposalSubmit.available === true
  const discovery = createDiscoveryModule({ db, reads: h.connection.operations, clock, logger, t, settings: () => settings.notifications, notify: () => ({ shown: false }) as never, pruneEveryMs: 0 })
  const drafting = createDraftingModule({ db, clock, logger, sources: { job: (id) => discovery.jobs.get(id), profile: () => discovery.profile.get() }, ai: opts.ai ? fakeOpenAi(() => db) : null })
  const outbox = createOutboxModule({ db, writes: h.connection.stack.writes, reads: h.connection.operations, logger, clock, t, online, canSubmitProposals })
  const outcomes = createOutcomesModule({ db, reads: h.connection.operations, clock, logger, t })
  const review = createReviewModule({
    db,
    clock,
    logger,
    t,
    drafting,
    jobs: discovery.jobs,
    profile: () => discovery.profile.get(),
    outbox,
    canSubmitProposals,
    recordSubmission: (s) => outcomes.recordSubmission(s),
    settings: () => settings.review.autopilot,
    automation: { isPaused: () => paused, onChange: (l) => (pauseListeners.add(l), () => void pauseListeners.delete(l)) },
    watchSettings: (l) => (settingsListeners.add(l), () => void settingsListeners.delete(l)),
    scheduler: new ManualScheduler()
  })
  cleanups.push(async () => {
    await review.dispose?.()
    await outcomes.dispose?.()
    await outbox.dispose?.()
    await drafting.dispose?.()
    await discovery.dispose?.()
    await db.close()
  })
  await discovery.profile.update({ name: 'Olena', skills: ['React', 'TypeScript'], hourlyRate: 50 })
  const search = await discovery.searches.create({ name: 'React', filters: { query: 'react' } })
  const template = await drafting.handlers['templates:create']({ name: 'Plain', body: LETTER, category: null, tags: [] })
  server.fake.clearRequests()

  const call: Setup['call'] = async (name, input) =>
    (review.handlers[name] as unknown as (i: never) => Promise<never>)(channels[name].input.parse(input) as never)

  return {
    h,
    db,
    discovery,
    drafting,
    outbox,
    outcomes,
    review,
    online,
    settings,
    setPaused: (p) => {
      paused = p
      for (const l of pauseListeners) l(p)
    },
    settingsChanged: () => {
      for (const l of settingsListeners) l()
    },
    call,
    queuedDraft: async (score = 90) => {
      const n = ++jobCount
      const fake = server.fake.publishJob({ title: `Review test job ${n}` })
      const summary = jobSummary(n, { id: fake.id, title: fake.title }, clock.now() - 30 * 60_000)
      const jobId = (await discovery.ingest.ingest(search.id, [summary])).newJobIds[0]!
      await db.client.execute({ sql: `UPDATE "Job" SET "score" = ?, "scoreReasons" = ? WHERE "id" = ?`, args: [score, JSON.stringify([{ component: 'skills', points: 30, code: 'skillsMatched', params: {} }, { component: 'budget', points: 10, code: 'budgetOk', params: {} }, { component: 'skills', points: 5, code: 'x', params: {} }]), jobId] })
      const draft = await drafting.handlers['drafts:create']({ kind: 'proposal', jobId, threadId: null, templateId: template.id, strategy: null, screeningQuestions: null, connectsCost: null, author: 'autopilot' })
      await review.store.moveStatus(draft.id, ['draft'], 'queued', clock.now())
      server.fake.clearRequests()
      return { draftId: draft.id, jobId, fake }
    }
  }
}

describe('review: approve with submission available (the outbox)', () => {
  it('one submission per approved draft even when approve is clicked twice; the draft is sent, the job applied, the submission recorded', async () => {
    const s = await setup({ submit: true })
    const { draftId, jobId, fake } = await s.queuedDraft()
    const [a, b] = await Promise.all([
      s.call('review:approve', { draftId, idempotencyKey: 'approve-click-0001' }),
      s.call('review:approve', { draftId, idempotencyKey: 'approve-click-0001' })
    ])
    expect(a).toMatchObject({ mode: 'outbox', item: { state: 'sent' } })
    expect(b).toMatchObject({ mode: 'outbox', item: { id: a.mode === 'outbox' ? a.item.id : -1 } })
    // A second click later, even with a new key, sends nothing more.
    const c = await s.call('review:approve', { draftId, idempotencyKey: 'approve-click-0002' })
    expect(c).toMatchObject({ mode: 'outbox', item: { id: a.mode === 'outbox' ? a.item.id : -1, state: 'sent' } })
    expect(submissions()).toHaveLength(1)
    expect(server.fake.data.proposals.filter((p) => p.jobId === fake.id)).toHaveLength(1)

    await s.review.idle()
    expect((await s.drafting.drafts.get(draftId))?.status).toBe('sent')
    expect((await s.discovery.jobs.get(jobId))?.status).toBe('applied')
    const proposals = await s.outcomes.list()
    expect(proposals).toHaveLength(1)
    expect(proposals[0]).toMatchObject({ draftId, jobId, upworkJobId: fake.id, submissionSource: 'outbox', bidAmount: expect.any(Number) })
    expect(await s.call('review:queue')).toEqual([])
  })

  it('saves the text shown as the approved version and submits exactly that text', async () => {
    const s = await setup({ submit: true })
    const { draftId } = await s.queuedDraft()
    const edited = `${LETTER} I also wrote the tests.`
    const r = await s.call('review:approve', { draftId, idempotencyKey: 'approve-edited-01', text: edited })
    expect(r).toMatchObject({ mode: 'outbox', item: { state: 'sent', payload: { coverLetter: edited } } })
    const d = await s.drafting.drafts.get(draftId)
    expect(d?.versions.map((v) => [v.source, v.author])).toEqual([['TEMPLATE', 'autopilot'], ['USER', 'user']])
    expect(d?.text).toBe(edited)
    expect(submissions()).toHaveLength(1)
    expect(JSON.stringify(submissions()[0])).toContain('I also wrote the tests.')
  })

  it('offline: the item waits queued and the draft stays approved; back online the outbox sends it and the draft becomes sent', async () => {
    const s = await setup({ submit: true, online: false })
    const { draftId } = await s.queuedDraft()
    const changes: string[] = []
    const unwire = s.review.wireEvents!({ bus: { emit: (name: string, p: { status?: string }) => void changes.push(`${name}:${p.status ?? ''}`) } as never, statusChanged: () => undefined })
    cleanups.push(unwire)
    const bus = { emit: () => undefined } as never
    cleanups.push(s.outbox.wireEvents!({ bus, statusChanged: () => undefined }))
    const r = await s.call('review:approve', { draftId, idempotencyKey: 'approve-offline-1' })
    expect(r).toMatchObject({ mode: 'outbox', item: { state: 'queued' } })
    // Approve clicked again while it waits (a new key): the same item, no second one.
    expect(await s.call('review:approve', { draftId, idempotencyKey: 'approve-offline-2' })).toMatchObject({ mode: 'outbox', item: { id: r.mode === 'outbox' ? r.item.id : -1 } })
    expect(await s.db.prisma.outboxItem.count()).toBe(1)
    expect(submissions()).toHaveLength(0)
    expect((await s.drafting.drafts.get(draftId))?.status).toBe('approved')
    expect((await s.call('review:queue')).map((i) => [i.draftId, i.status, i.approval])).toEqual([[draftId, 'approved', { mode: 'outbox', outboxItemId: r.mode === 'outbox' ? r.item.id : -1 }]])

    s.online.set(true)
    await s.outbox.idle()
    await s.review.idle()
    expect(submissions()).toHaveLength(1)
    expect((await s.drafting.drafts.get(draftId))?.status).toBe('sent')
    expect((await s.outcomes.list()).map((p) => p.draftId)).toEqual([draftId])
    expect(changes).toEqual(expect.arrayContaining(['review:changed:approved', 'review:changed:sent']))
  })
})

describe('review: approve without submission (manual on upwork.com)', () => {
  it('returns the text and the job link, sends nothing; confirmApplied marks the job applied and the draft sent, once', async () => {
    const s = await setup({ submit: false })
    const { draftId, jobId, fake } = await s.queuedDraft()
    const r = await s.call('review:approve', { draftId, idempotencyKey: 'approve-manual-01' })
    expect(r).toEqual({ mode: 'manual', draftId, text: LETTER, jobUrl: expect.stringMatching(/^https:\/\/www\.upwork\.com\/jobs\//) })
    expect(submissions()).toHaveLength(0)
    expect(await s.db.prisma.outboxItem.count()).toBe(0)
    expect((await s.drafting.drafts.get(draftId))?.status).toBe('approved')
    expect((await s.discovery.jobs.get(jobId))?.status).not.toBe('applied')
    expect(await s.outcomes.list()).toEqual([])
    // Clicked again: the same answer, still nothing sent.
    expect(await s.call('review:approve', { draftId, idempotencyKey: 'approve-manual-02' })).toMatchObject({ mode: 'manual' })

    expect(await s.call('review:confirmApplied', { draftId })).toEqual({ draftId, status: 'sent' })
    expect((await s.drafting.drafts.get(draftId))?.status).toBe('sent')
    expect((await s.discovery.jobs.get(jobId))?.status).toBe('applied')
    const proposals = await s.outcomes.list()
    expect(proposals).toHaveLength(1)
    expect(proposals[0]).toMatchObject({ draftId, upworkJobId: fake.id, submissionSource: 'manual' })
    await expect(s.call('review:confirmApplied', { draftId })).rejects.toMatchObject({ code: 'REVIEW_NOT_MANUAL' })
    expect(await s.outcomes.list()).toHaveLength(1)
    expect(submissions()).toHaveLength(0)
  })

  it('confirmApplied is refused for a draft that was not approved for upwork.com', async () => {
    const s = await setup({ submit: false })
    const { draftId } = await s.queuedDraft()
    await expect(s.call('review:confirmApplied', { draftId })).rejects.toMatchObject({ code: 'REVIEW_NOT_MANUAL', message: expect.stringMatching(/upwork\.com/) })
  })
})

describe('review: "Send to review" from the draft editor (review:enqueue)', () => {
  it('a user draft becomes queued (review:changed), shows in the queue, and approving it submits the edited text once', async () => {
    const s = await setup({ submit: true })
    const { draftId } = await s.queuedDraft()
    await s.review.store.moveStatus(draftId, ['queued'], 'draft', s.h.clock.now()) // a draft the user opened in the editor
    const edited = `${LETTER} Edited by me in the editor.`
    await s.drafting.drafts.saveVersion(draftId, edited, 'USER', 'user')
    const changes: string[] = []
    cleanups.push(s.review.wireEvents!({ bus: { emit: (name: string, p: { draftId?: number; status?: string }) => void changes.push(`${name}:${p.draftId}:${p.status ?? ''}`) } as never, statusChanged: () => undefined }))
    expect(await s.call('review:queue')).toEqual([])

    expect(await s.call('review:enqueue', { draftId })).toEqual({ draftId, status: 'queued' })
    expect(changes).toContain(`review:changed:${draftId}:queued`)
    expect((await s.drafting.drafts.get(draftId))?.status).toBe('queued')
    expect((await s.call('review:queue')).map((i) => [i.draftId, i.status, i.text])).toEqual([[draftId, 'queued', edited]])
    // Clicked twice: still queued, nothing else happens.
    expect(await s.call('review:enqueue', { draftId })).toEqual({ draftId, status: 'queued' })
    expect(submissions()).toHaveLength(0)

    await s.call('review:approve', { draftId, idempotencyKey: 'approve-enqueued-1' })
    await s.review.idle()
    expect(submissions()).toHaveLength(1)
    expect(JSON.stringify(submissions()[0])).toContain('Edited by me in the editor.')
    expect((await s.drafting.drafts.get(draftId))?.status).toBe('sent')
    await expect(s.call('review:enqueue', { draftId })).rejects.toMatchObject({ code: 'DRAFT_NOT_REVIEWABLE', message: 'This proposal was already sent, so it can no longer be changed.' })
  })

  it('refused in words for a discarded or an approved draft, and while the AI writes it', async () => {
    const s = await setup({ submit: false, ai: true })
    const discarded = await s.queuedDraft()
    await s.call('review:discard', { draftId: discarded.draftId })
    await expect(s.call('review:enqueue', { draftId: discarded.draftId })).rejects.toMatchObject({ code: 'DRAFT_NOT_REVIEWABLE', message: 'This draft was discarded, so it cannot be sent to review.' })
    expect(translator('uk')('review.error.enqueueDiscarded')).toMatch(/відхилено/)

    const approved = await s.queuedDraft()
    await s.call('review:approve', { draftId: approved.draftId, idempotencyKey: 'approve-then-enqueue' })
    await expect(s.call('review:enqueue', { draftId: approved.draftId })).rejects.toMatchObject({ code: 'DRAFT_NOT_REVIEWABLE', message: 'This draft was already approved, so it is not sent to review again.' })
    expect((await s.drafting.drafts.get(approved.draftId))?.status).toBe('approved')

    // A generation that really runs (the fake OpenAI streams slowly): refused until it ends.
    const writing = await s.queuedDraft()
    await s.review.store.moveStatus(writing.draftId, ['queued'], 'draft', s.h.clock.now())
    const chunks = Array.from({ length: 40 }, (_, i) => `w${i} `)
    openai.fake.setScript([{ content: chunks.join(''), chunks, chunkDelayMs: 25 }])
    await s.drafting.handlers['drafts:generate']({ id: writing.draftId })
    await expect(s.call('review:enqueue', { draftId: writing.draftId })).rejects.toMatchObject({ code: 'DRAFT_GENERATING', message: expect.stringMatching(/still writing/) })
    await s.drafting.generator.idle(writing.draftId)
    expect((await s.drafting.drafts.get(writing.draftId))?.status).toBe('draft')
    expect(await s.call('review:enqueue', { draftId: writing.draftId })).toEqual({ draftId: writing.draftId, status: 'queued' })
  })
})

describe('review: the approval snapshot (what the prediction model needs)', () => {
  it('stores the score and its parts, client and job features, timing, bid ratio, template and length; it survives pruneExpired', async () => {
    const s = await setup({ submit: false })
    const { draftId, jobId, fake } = await s.queuedDraft(91)
    const job = (await s.discovery.jobs.get(jobId))!
    const draft = (await s.drafting.drafts.get(draftId))!
    await s.call('review:approve', { draftId, idempotencyKey: 'approve-snapshot1' })
    const snap = await s.db.prisma.approvalSnapshot.findUniqueOrThrow({ where: { draftId } })
    expect(snap).toMatchObject({
      jobId,
      upworkJobId: fake.id,
      mode: 'manual',
      score: 91,
      clientVerified: job.client.verified,
      clientTotalSpent: job.client.totalSpent,
      clientHires: job.client.hires,
      clientFeedback: job.client.feedback,
      clientCountry: job.client.country,
      jobType: job.jobType,
      experienceLevel: 'EXPERT',
      totalApplicants: job.totalApplicants,
      bidAmount: draft.bid.amount,
      bidKind: draft.bid.kind,
      templateId: draft.templateId,
      strategy: null,
      variantId: null,
      draftChars: LETTER.length,
      draftWords: LETTER.split(' ').length,
      textSource: 'template',
      editedByUser: false,
      aiModel: null,
      byAutopilot: true
    })
    expect(JSON.parse(snap.scoreParts)).toEqual({ skills: 35, budget: 10 })
    expect(snap.minutesSincePosting).toBe(Math.round((snap.approvedAt.getTime() - job.publishedAt) / 60_000))
    expect(snap.minutesSincePosting).toBeGreaterThanOrEqual(30)
    const budget = job.jobType === 'FIXED' ? job.fixedAmount! : (job.hourlyMax ?? job.hourlyMin)!
    expect(snap.bidToBudget).toBeCloseTo(draft.bid.amount! / budget, 3)

    // The job's content expires (the draft deleted, the job no longer kept): the snapshot stays whole.
    await s.db.client.execute({ sql: `DELETE FROM "ProposalDraft" WHERE "id" = ?`, args: [draftId] })
    await s.discovery.jobs.setStatus(jobId, 'seen', s.h.clock.now())
    await s.db.client.execute({ sql: `UPDATE "Job" SET "expiresAt" = ? WHERE "id" = ?`, args: [toSqlDateTime(s.h.clock.now() - 1000), jobId] })
    expect(await s.discovery.jobs.pruneExpired(s.h.clock.now())).toBe(1)
    expect((await s.discovery.jobs.get(jobId))?.contentPruned).toBe(true)
    expect(await s.db.prisma.approvalSnapshot.findUniqueOrThrow({ where: { draftId } })).toEqual(snap)
  })
})

describe('review: the queue', () => {
  it('lists queued drafts best score first with job summary, bid and checks; discard takes one out', async () => {
    const s = await setup({ submit: false })
    const low = await s.queuedDraft(70)
    const high = await s.queuedDraft(95)
    const mid = await s.queuedDraft(85)
    const queue = await s.call('review:queue')
    expect(queue.map((i) => i.draftId)).toEqual([high.draftId, mid.draftId, low.draftId])
    expect(queue[0]).toMatchObject({ status: 'queued', approval: null, score: 95, text: LETTER, checks: [], byAutopilot: true, job: { title: expect.stringMatching(/^Review test job/), url: expect.stringMatching(/upwork\.com\/jobs/) } })
    expect(queue[0]!.bid.amount).toBeGreaterThan(0)

    expect(await s.call('review:discard', { draftId: mid.draftId })).toEqual({ draftId: mid.draftId, status: 'discarded' })
    expect((await s.call('review:queue')).map((i) => i.draftId)).toEqual([high.draftId, low.draftId])
    await expect(s.call('review:approve', { draftId: mid.draftId, idempotencyKey: 'approve-discarded' })).rejects.toMatchObject({ code: 'DRAFT_NOT_REVIEWABLE' })
  })

  it('500 queued drafts come back in one query, fast', async () => {
    const s = await setup({ submit: false })
    const { draftId } = await s.queuedDraft()
    const row = await s.db.prisma.proposalDraft.findUniqueOrThrow({ where: { id: draftId } })
    const version = await s.db.prisma.draftVersion.findFirstOrThrow({ where: { draftId } })
    await s.db.prisma.$transaction(async (tx) => {
      for (let i = 0; i < 499; i++) {
        const { id: _id, ...rest } = row
        const d = await tx.proposalDraft.create({ data: { ...rest, jobId: row.jobId } })
        await tx.draftVersion.create({ data: { draftId: d.id, seq: 1, source: version.source, author: version.author, text: version.text, createdAt: version.createdAt } })
      }
    })
    await s.call('review:queue') // warm
    const t0 = performance.now()
    const queue = await s.call('review:queue')
    const ms = performance.now() - t0
    expect(queue).toHaveLength(500)
    expect(queue.every((i) => i.text === LETTER)).toBe(true)
    console.info(`review:queue with 500 drafts: ${ms.toFixed(1)} ms`)
    expect(ms).toBeLessThan(200)
  })
})

describe('review: Autopilot status over the module', () => {
  it('review:autopilot reads it; review:autopilotStatus follows the pause switch, the settings and a run; a run never approves', async () => {
    const s = await setup({ submit: true })
    const events: Array<{ name: string; payload: { enabled?: boolean; paused?: boolean; running?: boolean } }> = []
    cleanups.push(s.review.wireEvents!({ bus: { emit: (name: string, payload: never) => void events.push({ name, payload }) } as never, statusChanged: () => undefined }))
    const statuses = () => events.filter((e) => e.name === 'review:autopilotStatus').map((e) => e.payload)
    expect(await s.call('review:autopilot')).toMatchObject({ enabled: false, paused: false, running: false, preparedToday: 0, topN: 5, lastRun: null, nextRunAt: null })

    s.settings.review.autopilot.enabled = true
    s.settingsChanged()
    await vi.waitFor(() => expect(statuses().at(-1)).toMatchObject({ enabled: true }))
    s.setPaused(true)
    await vi.waitFor(() => expect(statuses().at(-1)).toMatchObject({ paused: true }))
    s.setPaused(false)

    const { draftId } = await s.queuedDraft(95)
    await s.db.client.execute({ sql: `UPDATE "Job" SET "score" = 10 WHERE "id" = (SELECT "jobId" FROM "ProposalDraft" WHERE "id" = ?)`, args: [draftId] })
    const fresh = server.fake.publishJob({ title: 'A new match for Autopilot' })
    const search = await s.discovery.searches.create({ name: 'More', filters: { query: 'more' } })
    const newJobId = (await s.discovery.ingest.ingest(search.id, [jobSummary(900, { id: fresh.id, title: fresh.title })])).newJobIds[0]!
    await s.db.client.execute({ sql: `UPDATE "Job" SET "score" = 88 WHERE "id" = ?`, args: [newJobId] })
    const after = await s.call('review:runAutopilot')
    expect(after).toMatchObject({ running: false, preparedToday: 1, lastRun: { prepared: 1, stopReason: 'noCandidates' } })
    const queue = await s.call('review:queue')
    expect(queue.map((i) => [i.jobId, i.status, i.byAutopilot])).toEqual([[newJobId, 'queued', true], [expect.any(Number), 'queued', true]])
    expect(events.some((e) => e.name === 'review:changed' && (e.payload as { status?: string }).status === 'queued')).toBe(true)
    expect(await s.db.prisma.outboxItem.count()).toBe(0)
    expect(submissions()).toHaveLength(0)
  })
})
