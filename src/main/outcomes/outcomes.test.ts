import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { translator } from '@shared/i18n'
import type { ProposalDetailDto, ProposalDto } from '@shared/proposals'
import { PROPOSAL_STATUSES } from '@shared/types'
import { DEFAULT_SCOPES, KNOWN, type FakeJob, type FakeProposal } from '../../../tools/fake-upwork/index'
import { EventBus } from '../core/event-bus'
import { openDatabase, type Database } from '../db/open-database'
import { makeTempDir, MIGRATIONS_DIR } from '../db/test-support/temp-files'
import { createOutboxModule } from '../outbox/module'
import { ManualScheduler } from '../scheduler/manual-scheduler'
import { deferred, type Deferred } from '../test-support/deferred'
import { useFakeUpwork } from '../test-support/fake-upwork'
import type { UpworkReader } from '../upwork/read-only-client'
import { connectWithFakeKey, createHarness, type Harness } from '../upwork/test-support/connection-harness'
import { createOutcomesModule, type OutcomesModule } from './module'

/**
 * Outcome tracking against the fake Upwork over real HTTP, on a real SQLite file: proposals
 * recorded at approval are found by the sync and matched to their drafts (by id, by text, by a
 * similar text), proposals made on upwork.com are picked up, Upwork's status changes become
 * history rows with Upwork's times, user marks are rows too, nothing is written twice.
 */
const server = useFakeUpwork({ autoApprove: true })
const cleanups: Array<() => Promise<void> | void> = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
  server.fake.setProposalSubmit(false)
  // Proposals a test added to the fake (directly or through the outbox) go; the seeded ones stay.
  if (seeded) server.fake.data.proposals = server.fake.data.proposals.filter((p) => seeded!.has(p.id))
})
let seeded: Set<string> | undefined

interface Setup {
  outcomes: OutcomesModule
  db: Database
  h: Harness
  sleeps: number[]
  scheduler: ManualScheduler
}

interface SetupOptions {
  submit?: boolean
  maxPagesPerStatus?: number
  /** Wraps the real reader (real HTTP to the fake): a test holds a response it has already received. */
  reader?: (real: UpworkReader) => UpworkReader
}

async function setup(opts: SetupOptions = {}): Promise<Setup> {
  seeded ??= new Set(server.fake.data.proposals.map((p) => p.id))
  if (opts.submit) {
    server.fake.setProposalSubmit(true)
    server.fake.setScopes([...DEFAULT_SCOPES, 'proposal:submit'])
  }
  const sleeps: number[] = []
  const h = await createHarness(server.fake, { random: () => 1, sleep: async (ms) => void sleeps.push(ms) })
  cleanups.push(() => h.cleanup())
  await connectWithFakeKey(h)
  const temp = makeTempDir('gigpilot-outcomes-')
  cleanups.push(() => temp.cleanup())
  const db = await openDatabase({ file: join(temp.dir, 'gigpilot.db'), migrationsDir: MIGRATIONS_DIR, appVersion: 'test' })
  const scheduler = new ManualScheduler()
  const outcomes = createOutcomesModule({
    db,
    reads: opts.reader ? { ...h.connection.operations, client: opts.reader(h.connection.operations.client) } : h.connection.operations,
    clock: h.clock,
    logger: h.logger,
    t: translator('en'),
    scheduler,
    ...(opts.maxPagesPerStatus ? { maxPagesPerStatus: opts.maxPagesPerStatus } : {})
  })
  cleanups.push(async () => {
    await outcomes.dispose?.()
    await db.close()
  })
  server.fake.clearRequests()
  return { outcomes, db, h, sleeps, scheduler }
}

const listRequests = () => server.fake.requests.filter((r) => r.path === '/graphql' && r.operationName === 'ListProposals')
const historyOf = (p: ProposalDetailDto) => p.history.map((e) => `${e.from ?? '∅'}→${e.to} ${e.stage ?? '?'} ${e.source}`)

let jobCount = 0
function freshJob(): FakeJob {
  return server.fake.publishJob({ title: `Outcomes test job ${++jobCount}` })
}

let proposalSeq = 0
/** A proposal the user made on upwork.com (not through GigPilot): straight into the fake's data. */
function submitOnUpwork(job: FakeJob, coverLetter: string, partial: Partial<FakeProposal> = {}): FakeProposal {
  const p: FakeProposal = {
    id: String(1790371530286600000n + BigInt(++proposalSeq)),
    jobId: job.id,
    status: 'Pending',
    coverLetter,
    chargeRate: 70,
    estimatedDuration: null,
    milestones: null,
    createdDateTime: new Date(Date.now() - 60_000).toISOString(),
    modifiedDateTime: null,
    organizationId: KNOWN.personalOrgId,
    declineReason: null,
    ...partial
  }
  server.fake.data.proposals.push(p)
  return p
}

/** A local job + proposal draft with one version (what drafting saves), for the matching tests. */
async function localDraft(db: Database, job: FakeJob, text: string): Promise<{ jobId: number; draftId: number }> {
  const row = await db.prisma.job.create({
    data: {
      upworkId: job.id,
      ciphertext: job.ciphertext,
      title: job.title,
      description: job.description,
      jobType: job.contractType,
      publishedAt: new Date(job.publishedDateTime),
      fetchedAt: new Date()
    }
  })
  const draft = await db.prisma.proposalDraft.create({
    data: { jobId: row.id, status: 'approved', bidAmount: 80, versions: { create: [{ seq: 1, source: 'USER', author: 'user', text }] } }
  })
  return { jobId: row.id, draftId: draft.id }
}

const LETTER =
  'Hello! I have built three Electron apps with offline sync and a SQLite cache. I would start with your import flow, then the reports. Can you share a sample file? I can start on Monday.'

describe('outcomes: recording and syncing proposals', () => {
  it('a proposal submitted through the outbox appears after the sync, matched to its draft by job and text', async () => {
    const { outcomes, db, h } = await setup({ submit: true })
    const job = freshJob()
    const { jobId, draftId } = await localDraft(db, job, LETTER)
    const outbox = createOutboxModule({
      db,
      writes: h.connection.stack.writes,
      reads: h.connection.operations,
      logger: h.logger,
      clock: h.clock,
      t: translator('en'),
      canSubmitProposals: async () => true
    })
    cleanups.push(() => outbox.dispose?.())
    const item = await outbox.enqueueProposal({ draftId, idempotencyKey: 'outcomes-approve-1', payload: { jobId: job.id, coverLetter: LETTER, chargedAmount: 80 } })
    expect(item.state).toBe('sent')

    // Recorded at approval without Upwork's id (e.g. a reconciled item whose id came later).
    const recorded = await outcomes.recordSubmission({ draftId, jobId, upworkJobId: job.id, coverLetter: LETTER, bidAmount: 80, source: 'outbox', at: h.clock.now(), connectsSpent: 12 })
    expect(recorded).toMatchObject({ status: 'Pending', stage: 'submitted', submissionSource: 'outbox', upworkProposalId: null, draftId, connectsSpent: 12, bidAmount: 80 })
    expect(historyOf(recorded)).toEqual(['∅→Pending submitted app'])
    // The same draft again: the same row, nothing written.
    const again = await outcomes.recordSubmission({ draftId, jobId, upworkJobId: job.id, coverLetter: LETTER, bidAmount: 80, source: 'outbox', at: h.clock.now() })
    expect(again.id).toBe(recorded.id)

    const result = await outcomes.syncNow()
    expect(result.matched).toBeGreaterThanOrEqual(1)
    const synced = await outcomes.get(recorded.id)
    expect(synced).toMatchObject({ upworkProposalId: item.remoteId, draftId, match: 'text', upworkStatus: 'Pending', status: 'Pending' })
    expect(historyOf(synced)).toEqual(['∅→Pending submitted app'])
    // Only one row for it (the sync did not add a second one for the same Upwork proposal).
    expect((await outcomes.list()).filter((p) => p.upworkJobId === job.id)).toHaveLength(1)
  })

  it('a proposal made on upwork.com from a draft edited there is matched to the draft by similar text; one without a draft gets its own row', async () => {
    const { outcomes, db } = await setup()
    const job = freshJob()
    const { draftId } = await localDraft(db, job, LETTER)
    // The user pasted the draft on upwork.com, changed one sentence and the line breaks, added bold.
    const edited = LETTER.replace('Can you share a sample file?', 'Could you send me **one** example export?').replace('. ', '.\n\n')
    const onUpwork = submitOnUpwork(job, edited)
    const other = freshJob()
    const alone = submitOnUpwork(other, 'A proposal written on upwork.com without GigPilot.')

    await outcomes.syncNow()
    const list = await outcomes.list()
    const fromDraft = list.find((p) => p.upworkProposalId === onUpwork.id)
    expect(fromDraft).toMatchObject({ draftId, match: 'similar', submissionSource: 'upwork', status: 'Pending', stage: 'submitted', bidAmount: 70 })
    expect(fromDraft?.submittedAt).toBe(onUpwork.createdDateTime)
    const own = list.find((p) => p.upworkProposalId === alone.id)
    expect(own).toMatchObject({ draftId: null, match: 'none', upworkJobId: other.id })
    // The seeded proposals (made before GigPilot) are there too, with Upwork's statuses as they are.
    expect(list.map((p) => p.upworkStatus)).toEqual(expect.arrayContaining(['Activated', 'Offered', 'Hired', 'Declined', 'Withdrawn', 'Archived']))
    expect(list.find((p) => p.upworkStatus === 'Activated')?.stage).toBe('replied')
    const detail = await outcomes.get(fromDraft!.id)
    expect(detail.coverLetter).toBe(edited)
  })

  it("recorded with Upwork's id (the outbox item's remoteId): the sync keeps that row, even for a letter changed on Upwork's side", async () => {
    const { outcomes, db } = await setup()
    const job = freshJob()
    const { jobId, draftId } = await localDraft(db, job, LETTER)
    const p = submitOnUpwork(job, 'Upwork returned a different text for it.', { status: 'Activated', modifiedDateTime: new Date(Date.now() - 1_000).toISOString() })
    const recorded = await outcomes.recordSubmission({ draftId, jobId, upworkJobId: job.id, coverLetter: LETTER, bidAmount: 80, source: 'outbox', upworkProposalId: p.id, at: Date.now() - 30_000 })
    expect(recorded.match).toBe('id')
    // The same Upwork id again (a second caller): the same row.
    expect((await outcomes.recordSubmission({ draftId: null, jobId, upworkJobId: job.id, coverLetter: LETTER, bidAmount: 80, source: 'outbox', upworkProposalId: p.id, at: Date.now() })).id).toBe(recorded.id)
    const result = await outcomes.syncNow()
    expect(result.changes).toBe(1)
    const synced = await outcomes.get(recorded.id)
    expect(synced).toMatchObject({ match: 'id', draftId, status: 'Activated', stage: 'replied' })
    expect(historyOf(synced)).toEqual(['∅→Pending submitted app', 'Pending→Activated replied upwork-sync'])
    expect((await outcomes.list()).filter((x) => x.upworkJobId === job.id)).toHaveLength(1)
  })

  it('a different letter on the same job is not taken for the draft', async () => {
    const { outcomes, db } = await setup()
    const job = freshJob()
    await localDraft(db, job, LETTER)
    const p = submitOnUpwork(job, 'Hi, I am a designer with ten years of Figma work; here is my portfolio of landing pages for fintech clients.')
    await outcomes.syncNow()
    expect((await outcomes.list()).find((x) => x.upworkProposalId === p.id)).toMatchObject({ draftId: null, match: 'none' })
  })

  it("Upwork's status changes over time become history rows in order, at Upwork's times, and repeated syncs add nothing", async () => {
    const { outcomes } = await setup()
    const job = freshJob()
    const p = submitOnUpwork(job, LETTER)
    const recorded = await outcomes.recordSubmission({ draftId: null, jobId: null, upworkJobId: job.id, coverLetter: LETTER, bidAmount: 70, source: 'manual', upworkProposalId: null, at: Date.parse(p.createdDateTime) })
    expect(historyOf(recorded)).toEqual(['∅→Pending submitted user'])
    await outcomes.syncNow()

    const times: string[] = []
    for (const status of ['Activated', 'Offered', 'Hired'] as const) {
      times.push(server.fake.setProposalStatus(p.id, status).modifiedDateTime!)
      await outcomes.syncNow()
    }
    const first = await outcomes.get(recorded.id)
    expect(historyOf(first)).toEqual([
      '∅→Pending submitted user',
      'Pending→Activated replied upwork-sync',
      'Activated→Offered interview upwork-sync',
      'Offered→Hired hired upwork-sync'
    ])
    expect(first.history.slice(1).map((e) => e.at)).toEqual(times.map((t) => new Date(t).toISOString()))
    expect(first).toMatchObject({ status: 'Hired', upworkStatus: 'Hired', stage: 'hired', match: 'text', upworkProposalId: p.id })

    const rowsBefore = await countRows(outcomes)
    const again = await outcomes.syncNow()
    expect(again).toMatchObject({ created: 0, matched: 0, changes: 0 })
    expect(historyOf(await outcomes.get(recorded.id))).toEqual(historyOf(first))
    expect(await countRows(outcomes)).toEqual(rowsBefore)
  })

  it('user marks are history rows (source user); the same mark twice is one row; a later Upwork change is recorded after them', async () => {
    const { outcomes } = await setup()
    const job = freshJob()
    const p = submitOnUpwork(job, LETTER)
    await outcomes.syncNow()
    const row = (await outcomes.list()).find((x) => x.upworkProposalId === p.id)!
    await outcomes.mark(row.id, 'viewed')
    await outcomes.mark(row.id, 'viewed')
    const marked = await outcomes.mark(row.id, 'interview')
    expect(historyOf(marked)).toEqual(['∅→Pending submitted upwork-sync', 'Pending→viewed viewed user', 'viewed→interview interview user'])
    expect(marked).toMatchObject({ status: 'interview', stage: 'interview', upworkStatus: 'Pending' })

    // Upwork still says Pending: the user's mark stands.
    await outcomes.syncNow()
    expect((await outcomes.get(row.id)).status).toBe('interview')
    server.fake.setProposalStatus(p.id, 'Declined', 'Client hired someone else')
    await outcomes.syncNow()
    const declined = await outcomes.get(row.id)
    expect(historyOf(declined).at(-1)).toBe('interview→Declined declined upwork-sync')
    await expect(outcomes.mark(999_999, 'hired')).rejects.toMatchObject({ code: 'not_found' })
  })

  it('pages through more than 40 proposals of one status, 40 a page (never the VJCA-6 size), within the page budget', async () => {
    const { outcomes } = await setup({ maxPagesPerStatus: 2 })
    const job = freshJob()
    for (let i = 0; i < 45; i++) submitOnUpwork(job, `Bulk proposal ${i}`, { createdDateTime: new Date(Date.now() - (i + 2) * 60_000).toISOString() })
    const result = await outcomes.syncNow()
    const pending = listRequests().filter((r) => (r.variables as { filter: { status_eq: string } }).filter.status_eq === 'Pending')
    expect(pending).toHaveLength(2)
    for (const r of listRequests()) expect((r.variables as { pagination: { first: number } }).pagination.first).toBeLessThanOrEqual(40)
    expect(listRequests().every((r) => r.status === 200)).toBe(true)
    expect(result.pages).toBe(PROPOSAL_STATUSES.length + 1)
    expect((await outcomes.list()).filter((p) => p.upworkJobId === job.id)).toHaveLength(45)

    // One page per status: the budget caps the read (the rest waits for a later sync's pages).
    const capped = await setup({ maxPagesPerStatus: 1 })
    server.fake.clearRequests()
    const r2 = await capped.outcomes.syncNow()
    expect(r2.pages).toBe(PROPOSAL_STATUSES.length)
    expect(listRequests()).toHaveLength(PROPOSAL_STATUSES.length)
  })
})

async function countRows(outcomes: OutcomesModule): Promise<{ proposals: number; events: number }> {
  const list = await outcomes.list()
  let events = 0
  for (const p of list) events += (await outcomes.get(p.id)).history.length
  return { proposals: list.length, events }
}

describe('outcomes: bad input and failures', () => {
  it('malformed entries are skipped and counted; the rest are kept', async () => {
    const { outcomes } = await setup()
    const job = freshJob()
    submitOnUpwork(job, LETTER, { status: 'Declined' })
    server.fake.faults.next({ kind: 'nullFields', fields: ['status'] }, { operation: 'ListProposals' })
    const result = await outcomes.syncNow()
    // The first page read (Pending: the 2 seeded) came back without statuses.
    expect(result.skipped).toBe(2)
    expect(result.seen).toBe(7)
    expect(outcomes.syncStatus()).toMatchObject({ state: 'idle', lastError: null, lastResult: { skipped: 2 } })
  })

  it('a 429 waits (Retry-After) and the sync goes on', async () => {
    const { outcomes, sleeps } = await setup()
    server.fake.faults.next({ kind: 'rateLimit', retryAfterSeconds: 3 }, { operation: 'ListProposals' })
    const result = await outcomes.syncNow()
    expect(sleeps).toContain(3_000)
    expect(result.seen).toBeGreaterThanOrEqual(8)
    expect(outcomes.syncStatus().lastError).toBeNull()
  })

  it('a key without the proposals permission: the sync says which permission is missing, in plain words', async () => {
    const { outcomes } = await setup()
    server.fake.setScopes(DEFAULT_SCOPES.filter((s) => s !== 'proposals:read'))
    const error = await outcomes.syncNow().catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'scope', message: expect.stringContaining('“Read proposals” permission') })
    expect(outcomes.syncStatus()).toMatchObject({ state: 'idle', lastResult: null, lastError: expect.stringContaining('Read proposals') })
    expect(outcomes.syncStatus().lastSyncAt).not.toBeNull()
  })

  it('recordSubmission refuses input without a job or text', async () => {
    const { outcomes } = await setup()
    await expect(
      outcomes.recordSubmission({ draftId: null, jobId: null, upworkJobId: '', coverLetter: '', bidAmount: null, source: 'manual', at: Date.now() })
    ).rejects.toMatchObject({ code: 'invalid_input' })
    expect(await outcomes.list()).toEqual([])
  })
})

describe('outcomes: schedule, events, status', () => {
  it('syncs on the scheduler tick, sends proposals:changed and the sync status through the app status', async () => {
    const { outcomes, scheduler } = await setup()
    const bus = new EventBus(() => undefined)
    const changed: ProposalDto[] = []
    bus.on('proposals:changed', (p) => void changed.push(p))
    let statusCalls = 0
    const unwire = outcomes.wireEvents!({ bus, statusChanged: () => void statusCalls++ })
    cleanups.push(unwire)
    expect(scheduler.active).toBe(1)
    const job = freshJob()
    submitOnUpwork(job, LETTER)
    scheduler.tick()
    expect(outcomes.syncStatus().state).toBe('syncing')
    await outcomes.idle()
    expect(changed.some((p) => p.upworkJobId === job.id)).toBe(true)
    expect(listRequests()).toHaveLength(PROPOSAL_STATUSES.length)
    expect(statusCalls).toBeGreaterThanOrEqual(2)
    expect(outcomes.status?.()).toMatchObject({ proposalSync: { state: 'idle', lastError: null, lastResult: { created: 9 } } })
    unwire()
    expect(scheduler.active).toBe(0)
  })

  it("the schedule syncs when 30 minutes have passed since the last sync, not on every heartbeat (a cron heartbeat ticks at least once a minute)", async () => {
    const { outcomes, scheduler, h } = await setup()
    cleanups.push(outcomes.wireEvents!({ bus: new EventBus(() => undefined), statusChanged: () => undefined }))
    scheduler.tick()
    await outcomes.idle()
    expect(listRequests()).toHaveLength(PROPOSAL_STATUSES.length)
    h.clock.offset += 29 * 60_000
    scheduler.tick()
    await outcomes.idle()
    expect(listRequests()).toHaveLength(PROPOSAL_STATUSES.length)
    // A user's sync counts as the last one: the schedule waits 30 minutes from it.
    await outcomes.syncNow()
    expect(listRequests()).toHaveLength(2 * PROPOSAL_STATUSES.length)
    h.clock.offset += 29 * 60_000
    scheduler.tick()
    await outcomes.idle()
    expect(listRequests()).toHaveLength(2 * PROPOSAL_STATUSES.length)
    h.clock.offset += 60_000
    scheduler.tick()
    await outcomes.idle()
    expect(listRequests()).toHaveLength(3 * PROPOSAL_STATUSES.length)
  })
})

/**
 * Holds the last status page of the next sync (its response already received from the fake), so a
 * test can change Upwork between that sync's read and its end.
 */
function holdLastPage(): { reader: (real: UpworkReader) => UpworkReader; allRead: Deferred<void>; release: Deferred<void> } {
  const allRead = deferred()
  const release = deferred()
  let pages = 0
  const reader = (real: UpworkReader): UpworkReader => ({
    get requestCount() {
      return real.requestCount
    },
    query: async <T = Record<string, unknown>>(...args: Parameters<UpworkReader['query']>) => {
      const res = await real.query<T>(...args)
      if (args[2]?.operationName === 'ListProposals' && ++pages === PROPOSAL_STATUSES.length) {
        allRead.resolve()
        await release.promise
      }
      return res
    }
  })
  return { reader, allRead, release }
}

describe('outcomes: Sync now while a sync is in flight', () => {
  it("reads Upwork after the user's click: one more sync runs after the one in flight (shared by every caller meanwhile), not that one's result", async () => {
    const hold = holdLastPage()
    const { outcomes, scheduler } = await setup({ reader: hold.reader })
    cleanups.push(outcomes.wireEvents!({ bus: new EventBus(() => undefined), statusChanged: () => undefined }))
    const job = freshJob()
    const p = submitOnUpwork(job, LETTER)

    // The scheduled sync reads every status page (the proposal is Pending there) and is still running…
    scheduler.tick()
    await hold.allRead.promise
    // …when the status changes on Upwork and the user clicks Sync now (twice, impatiently).
    server.fake.setProposalStatus(p.id, 'Activated')
    const clicked = outcomes.syncNow()
    const again = outcomes.syncNow()
    expect(again).toBe(clicked)
    expect(outcomes.syncStatus().state).toBe('syncing')
    hold.release.resolve()

    const result = await clicked
    expect(result.changes).toBe(1)
    const row = (await outcomes.list()).find((x) => x.upworkProposalId === p.id)
    expect(row).toMatchObject({ upworkStatus: 'Activated', stage: 'replied' })
    expect(historyOf(await outcomes.get(row!.id))).toEqual(['∅→Pending submitted upwork-sync', 'Pending→Activated replied upwork-sync'])
    // Two syncs in all: the scheduled one and one more for both clicks.
    expect(listRequests()).toHaveLength(2 * PROPOSAL_STATUSES.length)
    await outcomes.idle()
    expect(outcomes.syncStatus().state).toBe('idle')
  })
})
