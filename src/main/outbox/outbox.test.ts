import { join } from 'node:path'
import Libsql from 'libsql'
import { afterEach, describe, expect, it } from 'vitest'
import { translator } from '@shared/i18n'
import type { OutboxItemDto } from '@shared/outbox'
import { PROPOSAL_STATUSES } from '@shared/types'
import { DEFAULT_SCOPES, KNOWN, type FakeJob } from '../../../tools/fake-upwork/index'
import { EventBus } from '../core/event-bus'
import { openDatabase, type Database } from '../db/open-database'
import { makeTempDir, MIGRATIONS_DIR } from '../db/test-support/temp-files'
import { ManualOnlineStatus, type OnlineStatus } from '../ports/power-monitor'
import { useFakeUpwork } from '../test-support/fake-upwork'
import { connectWithFakeKey, createHarness, type Harness } from '../upwork/test-support/connection-harness'
import { createOutboxModule, type OutboxModule } from './module'

/**
 * The outbox against the fake Upwork over real HTTP, on a real SQLite file: one request per user
 * click whatever goes wrong (the fake's request log), an unclear outcome settled by reading back
 * and never by resending, state on disk before the request leaves, offline queueing, concurrency.
 */
const server = useFakeUpwork({ autoApprove: true })
const cleanups: Array<() => Promise<void> | void> = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
  server.fake.setProposalSubmit(false)
})

interface Setup {
  outbox: OutboxModule
  db: Database
  h: Harness
  file: string
  online: ManualOnlineStatus
  sleeps: number[]
  /** Another module on the same database file (another start of the app). */
  reopen(online?: OnlineStatus): Promise<{ outbox: OutboxModule; db: Database }>
}

/** The module as the composition root builds it, on the harness's Upwork stack. */
function outboxOn(db: Database, h: Harness, online?: OnlineStatus, canSubmit?: () => Promise<boolean>): OutboxModule {
  return createOutboxModule({
    db,
    writes: h.connection.stack.writes,
    reads: h.connection.operations,
    logger: h.logger,
    clock: h.clock,
    t: translator('en'),
    online,
    canSubmitProposals: canSubmit ?? (async () => (await h.connection.getAccount()).capabilities?.proposalSubmit.available === true)
  })
}

async function setup(opts: { submit?: boolean; online?: boolean } = {}): Promise<Setup> {
  if (opts.submit) {
    // A key granted "Submit Proposal": the mutation is in its schema, found at connect.
    server.fake.setProposalSubmit(true)
    server.fake.setScopes([...DEFAULT_SCOPES, 'proposal:submit'])
  }
  const sleeps: number[] = []
  const h = await createHarness(server.fake, { random: () => 1, sleep: async (ms) => void sleeps.push(ms) })
  cleanups.push(() => h.cleanup())
  await connectWithFakeKey(h)
  const temp = makeTempDir('gigpilot-outbox-')
  cleanups.push(() => temp.cleanup())
  const file = join(temp.dir, 'gigpilot.db')
  const online = new ManualOnlineStatus(opts.online ?? true)
  const make = async (status: OnlineStatus = online): Promise<{ outbox: OutboxModule; db: Database }> => {
    const db = await openDatabase({ file, migrationsDir: MIGRATIONS_DIR, appVersion: 'test' })
    const outbox = outboxOn(db, h, status)
    cleanups.push(async () => {
      await outbox.dispose?.()
      await db.close()
    })
    return { outbox, db }
  }
  const first = await make()
  server.fake.clearRequests()
  return { ...first, h, file, online, sleeps, reopen: make }
}

const requests = (operation: string) => server.fake.requests.filter((r) => r.path === '/graphql' && r.operationName === operation)
const submissions = () => requests('SubmitProposal')
const messageSends = () => requests('SendRoomMessage')
const transitions = (item: OutboxItemDto) => item.history.map((e) => `${e.from ?? '∅'}→${e.to}`)

let jobCount = 0
function freshJob(): FakeJob {
  return server.fake.publishJob({ title: `Outbox test job ${++jobCount}` })
}
const proposal = (job: FakeJob, key: string, coverLetter = 'Hello! I have built three Electron apps with offline sync.') => ({
  draftId: null,
  idempotencyKey: key,
  payload: { jobId: job.id, jobTitle: job.title, coverLetter, chargedAmount: 85 }
})
const message = (key: string, text = 'Thanks, I can start on Monday.') => ({ idempotencyKey: key, payload: { roomId: KNOWN.roomWithUnread, text } })

describe('outbox: proposal submission', () => {
  it('submits an approved proposal exactly once; the same click again returns the same item', async () => {
    const { outbox } = await setup({ submit: true })
    const job = freshJob()
    const sent = await outbox.enqueueProposal(proposal(job, 'click-sent-once'))
    expect(sent).toMatchObject({ kind: 'proposal', state: 'sent', attempts: 1, lastError: null })
    const onUpwork = server.fake.data.proposals.filter((p) => p.jobId === job.id)
    expect(onUpwork).toHaveLength(1)
    expect(sent.remoteId).toBe(onUpwork[0]!.id)
    expect(transitions(sent)).toEqual(['∅→queued', 'queued→sending', 'sending→sent'])
    expect(submissions()).toHaveLength(1)

    const again = await outbox.enqueueProposal(proposal(job, 'click-sent-once'))
    expect(again.id).toBe(sent.id)
    await expect(outbox.retry(sent.id)).rejects.toMatchObject({ code: 'already_sent' })
    expect(submissions()).toHaveLength(1)
    expect(await outbox.list()).toHaveLength(1)
  })

  it('not available for this key: says "submit it on upwork.com" plainly, creates nothing and sends nothing', async () => {
    const { outbox } = await setup({ submit: false })
    const error = await outbox.enqueueProposal(proposal(freshJob(), 'click-unavailable')).catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'submit_unavailable', message: expect.stringContaining('Submit it on upwork.com') })
    expect(await outbox.list()).toEqual([])
    expect(submissions()).toHaveLength(0)
  })

  it('served by Upwork but not granted to this key: also "submit it on upwork.com", nothing sent', async () => {
    server.fake.setProposalSubmit(true)
    const { outbox, h } = await setup({ submit: false })
    expect((await h.connection.getAccount()).capabilities?.proposalSubmit.available).toBe(false)
    await expect(outbox.enqueueProposal(proposal(freshJob(), 'click-not-granted'))).rejects.toMatchObject({ code: 'submit_unavailable' })
    expect(submissions()).toHaveLength(0)
  })

  it('a lost response (processed, then the connection dropped) becomes unknown and is reconciled by reading back, without a second submission', async () => {
    const { outbox } = await setup({ submit: true })
    const job = freshJob()
    server.fake.faults.next({ kind: 'dropConnection', afterProcessing: true }, { operation: 'SubmitProposal' })
    const item = await outbox.enqueueProposal(proposal(job, 'click-lost-response'))
    const onUpwork = server.fake.data.proposals.filter((p) => p.jobId === job.id)
    expect(onUpwork).toHaveLength(1)
    expect(item).toMatchObject({ state: 'reconciled', remoteId: onUpwork[0]!.id, lastError: null })
    expect(transitions(item)).toEqual(['∅→queued', 'queued→sending', 'sending→unknown', 'unknown→reconciled'])
    expect(submissions()).toHaveLength(1)
    // A just-submitted proposal is Pending: one read of the newest Pending proposals settles it.
    expect(requests('ListProposals')).toHaveLength(1)
    await expect(outbox.retry(item.id)).rejects.toMatchObject({ code: 'already_sent' })
    expect(submissions()).toHaveLength(1)
  })

  it('a failed read-back leaves it unknown (never resent); a later read-back matches a re-wrapped cover letter', async () => {
    const { outbox } = await setup({ submit: true })
    const job = freshJob()
    server.fake.faults.next({ kind: 'dropConnection', afterProcessing: true }, { operation: 'SubmitProposal' })
    server.fake.faults.next({ kind: 'forbidden' }, { operation: 'ListProposals' })
    const item = await outbox.enqueueProposal(proposal(job, 'click-readback-later', 'Hello!\n\nI can do this   within a week.'))
    expect(item).toMatchObject({ state: 'unknown', lastError: { code: 'network' } })
    await expect(outbox.retry(item.id)).rejects.toMatchObject({ code: 'already_sent', message: expect.stringContaining('will not send it again before checking') })
    // Upwork keeps its own copy, with its own white space.
    const stored = server.fake.data.proposals.find((p) => p.jobId === job.id)!
    stored.coverLetter = '  Hello! I can do this\nwithin a week. '
    const settled = await outbox.reconcile(item.id)
    expect(settled).toMatchObject({ state: 'reconciled', remoteId: stored.id })
    expect(submissions()).toHaveLength(1)
  })

  it('unknown and not there after the read-back → failed "it did not arrive"; only a user click sends it again', async () => {
    const { outbox } = await setup({ submit: true })
    const job = freshJob()
    // A 500 is answered before the fake processes anything: the proposal never arrived.
    server.fake.faults.next({ kind: 'serverError', status: 500 }, { operation: 'SubmitProposal' })
    const item = await outbox.enqueueProposal(proposal(job, 'click-did-not-arrive'))
    expect(item).toMatchObject({ state: 'failed', lastError: { code: 'not_arrived', message: 'It did not arrive on Upwork. You can send it again.' } })
    expect(transitions(item)).toEqual(['∅→queued', 'queued→sending', 'sending→unknown', 'unknown→failed'])
    expect(submissions()).toHaveLength(1)
    // Not there: every status was read once (newest 40 of each) before saying so.
    expect(requests('ListProposals')).toHaveLength(PROPOSAL_STATUSES.length)
    expect(server.fake.data.proposals.filter((p) => p.jobId === job.id)).toHaveLength(0)

    const retried = await outbox.retry(item.id)
    expect(retried).toMatchObject({ state: 'sent', attempts: 2 })
    expect(submissions()).toHaveLength(2)
    expect(server.fake.data.proposals.filter((p) => p.jobId === job.id)).toHaveLength(1)
  })

  it('a refusal in Upwork\'s error field is failed with Upwork\'s words (known not submitted)', async () => {
    const { outbox } = await setup({ submit: true })
    const item = await outbox.enqueueProposal({ ...proposal(freshJob(), 'click-refused'), payload: { jobId: '999', coverLetter: 'Hi', chargedAmount: 10 } })
    expect(item).toMatchObject({ state: 'failed', lastError: { code: 'graphql', message: expect.stringMatching(/^Upwork did not accept the proposal\. Upwork said: Job posting not found/) } })
    expect(submissions()).toHaveLength(1)
  })

  it('refuses a payload that cannot be sent, before creating or sending anything', async () => {
    const { outbox } = await setup({ submit: true })
    await expect(outbox.enqueueProposal({ ...proposal(freshJob(), 'click-bad'), payload: { jobId: 'x', coverLetter: '', chargedAmount: 0 } })).rejects.toMatchObject({
      code: 'invalid_input'
    })
    await expect(outbox.enqueueMessage({ idempotencyKey: 'short', payload: { roomId: KNOWN.roomWithUnread, text: 'x' } })).rejects.toMatchObject({ code: 'invalid_input' })
    expect(await outbox.list()).toEqual([])
    expect(submissions()).toHaveLength(0)
  })
})

describe('outbox: crash safety', () => {
  it('queued → sending is on disk before the request leaves; a stop mid-send leaves sending, which the next start makes unknown and reads back', async () => {
    const s = await setup({ submit: true })
    const job = freshJob()
    server.fake.faults.next({ kind: 'delay', ms: 1_000 }, { operation: 'SubmitProposal' })
    const pending = s.outbox.enqueueProposal(proposal(job, 'click-crash')).then(
      () => 'finished',
      (e: unknown) => `failed: ${String(e)}`
    )
    await expect.poll(() => submissions().length).toBe(1)
    // Another connection to the file sees `sending` while the request is on the wire.
    const reader = new Libsql(s.file, { readonly: true })
    expect(reader.prepare(`SELECT "state", "attempts" FROM "OutboxItem"`).all()).toEqual([{ state: 'sending', attempts: 1 }])
    reader.close()
    // The "crash": the database goes away while the request is in flight; nothing after it is written.
    await s.db.close()
    expect(await pending).toMatch(/^failed: .*closed/i)
    expect(server.fake.data.proposals.filter((p) => p.jobId === job.id)).toHaveLength(1)

    const next = await s.reopen()
    expect((await next.outbox.list())[0]).toMatchObject({ state: 'sending' })
    await next.outbox.start()
    const [item] = await next.outbox.list()
    expect(transitions(item!)).toEqual(['∅→queued', 'queued→sending', 'sending→unknown', 'unknown→reconciled'])
    expect(item!.history[2]).toMatchObject({ detail: 'interrupted' })
    expect(item).toMatchObject({ state: 'reconciled', remoteId: server.fake.data.proposals.find((p) => p.jobId === job.id)!.id })
    expect(submissions()).toHaveLength(1)
  })
})

describe('outbox: offline', () => {
  it('a proposal queued offline is checked again before it leaves: a key that can no longer submit fails it, with no request', async () => {
    const s = await setup({ submit: true, online: false })
    let canSubmit = true
    const outbox = outboxOn(s.db, s.h, s.online, async () => canSubmit)
    const queued = await outbox.enqueueProposal(proposal(freshJob(), 'click-capability-lost'))
    expect(queued.state).toBe('queued')
    canSubmit = false
    s.online.set(true)
    await outbox.start()
    expect(await outbox.get(queued.id)).toMatchObject({ state: 'failed', lastError: { code: 'submit_unavailable', message: expect.stringContaining('Submit it on upwork.com') } })
    expect(submissions()).toHaveLength(0)
  })

  it('keeps clicked items queued while offline, shows them as queued, and sends them once when back online; a failed item waits for a click', async () => {
    const s = await setup({ submit: true, online: true })
    const bus = new EventBus(() => undefined)
    const seen: string[] = []
    bus.on('outbox:changed', (item) => seen.push(`${item.id}:${item.state}`))
    let statusChanges = 0
    const unwire = s.outbox.wireEvents!({ bus, statusChanged: () => void statusChanges++ })
    cleanups.push(unwire)
    await s.outbox.idle()

    server.fake.faults.next({ kind: 'rateLimit', retryAfterSeconds: 1 }, { operation: 'SendRoomMessage' })
    const refused = await s.outbox.enqueueMessage(message('click-refused-429'))
    expect(refused).toMatchObject({ state: 'failed', lastError: { code: 'rate_limited' } })

    s.online.set(false)
    const job = freshJob()
    const queuedProposal = await s.outbox.enqueueProposal(proposal(job, 'click-offline-proposal'))
    const queuedMessage = await s.outbox.enqueueMessage(message('click-offline-message', 'Sent from the train.'))
    expect([queuedProposal.state, queuedMessage.state]).toEqual(['queued', 'queued'])
    // A click on "send again" while offline queues it too.
    const requeued = await s.outbox.retry(refused.id)
    expect(requeued.state).toBe('queued')
    expect((await s.outbox.list()).map((i) => i.state)).toEqual(['queued', 'queued', 'queued'])
    // Shown as queued in the status bar too.
    expect(s.outbox.status!().notices).toEqual(['You are offline: 3 items wait in the outbox and will be sent when you are back online.'])
    expect(statusChanges).toBeGreaterThan(0)
    expect(submissions()).toHaveLength(0)
    expect(messageSends()).toHaveLength(1)

    s.online.set(true)
    await s.outbox.idle()
    const states = Object.fromEntries((await s.outbox.list()).map((i) => [i.idempotencyKey, i.state]))
    expect(states).toEqual({ 'click-refused-429': 'sent', 'click-offline-proposal': 'sent', 'click-offline-message': 'sent' })
    expect(submissions()).toHaveLength(1)
    expect(messageSends()).toHaveLength(3)
    expect(seen).toContain(`${queuedProposal.id}:queued`)
    expect(seen).toContain(`${queuedProposal.id}:sent`)
    expect(s.outbox.status!().notices).toEqual([])

    // Online again later: nothing new is sent (nothing is created without a click).
    s.online.set(false)
    s.online.set(true)
    await s.outbox.idle()
    expect(submissions()).toHaveLength(1)
    expect(messageSends()).toHaveLength(3)
  })

  it('a failed item is not sent when the app comes online; cancel works only on queued items', async () => {
    const s = await setup({ online: false })
    const queued = await s.outbox.enqueueMessage(message('click-cancel-me'))
    const cancelled = await s.outbox.cancel(queued.id)
    expect(cancelled).toMatchObject({ state: 'failed', lastError: { code: 'cancelled' } })
    await expect(s.outbox.cancel(queued.id)).rejects.toMatchObject({ code: 'outbox_not_queued' })
    s.online.set(true)
    await s.outbox.start()
    expect((await s.outbox.get(queued.id)).state).toBe('failed')
    expect(messageSends()).toHaveLength(0)
  })
})

describe('outbox: rows it cannot read', () => {
  it('a queued row whose payload does not parse is never sent: failed, and left out of the list', async () => {
    const s = await setup()
    const at = new Date().toISOString().replace('Z', '+00:00')
    await s.db.client.execute({
      sql: `INSERT INTO "OutboxItem" ("kind", "payload", "idempotencyKey", "state", "createdAt", "updatedAt") VALUES ('message', '{"roomId":""}', 'bad-row-key', 'queued', ?, ?)`,
      args: [at, at]
    })
    await s.outbox.start()
    const rows = await s.db.client.execute(`SELECT "state", "lastErrorCode" FROM "OutboxItem" WHERE "idempotencyKey" = 'bad-row-key'`)
    expect(rows.rows.map((r) => ({ ...r }))).toEqual([{ state: 'failed', lastErrorCode: 'invalid_input' }])
    expect(await s.outbox.list()).toEqual([])
    expect(messageSends()).toHaveLength(0)
  })
})

describe('outbox: concurrency', () => {
  it('two sends of the same item at once make one request (in one process, and across two modules on one database)', async () => {
    const s = await setup()
    server.fake.faults.next({ kind: 'rateLimit', retryAfterSeconds: 1 }, { operation: 'SendRoomMessage' })
    const item = await s.outbox.enqueueMessage(message('click-concurrent'))
    expect(item.state).toBe('failed')
    expect(messageSends()).toHaveLength(1)

    const results = await Promise.allSettled([s.outbox.retry(item.id), s.outbox.retry(item.id)])
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected'])
    expect(results.find((r) => r.status === 'rejected')).toMatchObject({ reason: { code: 'outbox_busy' } })
    expect(messageSends()).toHaveLength(2)

    // Two modules (no shared memory): the database's compare-and-set lets one through.
    server.fake.faults.next({ kind: 'rateLimit', retryAfterSeconds: 1 }, { operation: 'SendRoomMessage' })
    const other = await s.outbox.enqueueMessage(message('click-concurrent-2'))
    expect(other.state).toBe('failed')
    const second = outboxOn(s.db, s.h)
    const both = await Promise.allSettled([s.outbox.retry(other.id), second.retry(other.id)])
    expect(both.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected'])
    expect(messageSends()).toHaveLength(4)
    expect((await s.outbox.get(other.id)).state).toBe('sent')
  })

  it('the same click twice at once creates one item and one request', async () => {
    const s = await setup()
    const [a, b] = await Promise.all([s.outbox.enqueueMessage(message('click-double')), s.outbox.enqueueMessage(message('click-double'))])
    expect(a.id).toBe(b.id)
    expect(await s.outbox.list()).toHaveLength(1)
    await s.outbox.idle()
    expect((await s.outbox.get(a.id)).state).toBe('sent')
    expect(messageSends()).toHaveLength(1)
  })
})

describe('outbox: messages', () => {
  it('sends a message once; a lost response is reconciled from the room\'s stories', async () => {
    const s = await setup()
    const sent = await s.outbox.enqueueMessage(message('click-message'))
    expect(sent).toMatchObject({ state: 'sent', remoteId: expect.any(String) })
    server.fake.faults.next({ kind: 'dropConnection', afterProcessing: true }, { operation: 'SendRoomMessage' })
    const lost = await s.outbox.enqueueMessage(message('click-message-lost', 'See you then.'))
    const room = server.fake.data.rooms.find((r) => r.id === KNOWN.roomWithUnread)!
    const story = room.stories[room.stories.length - 1]!
    expect(story.message).toBe('See you then.')
    expect(lost).toMatchObject({ state: 'reconciled', remoteId: story.id })
    expect(requests('ListRoomStories').length).toBeGreaterThan(0)
    expect(messageSends()).toHaveLength(2)
  })

  it('two identical messages: a read-back never claims the story of the other', async () => {
    const s = await setup()
    const first = await s.outbox.enqueueMessage(message('click-same-text-1', 'ok'))
    expect(first.state).toBe('sent')
    // The second never arrives (500 before processing): the first's identical story is not it.
    server.fake.faults.next({ kind: 'serverError', status: 500 }, { operation: 'SendRoomMessage' })
    const second = await s.outbox.enqueueMessage(message('click-same-text-2', 'ok'))
    expect(second).toMatchObject({ state: 'failed', lastError: { code: 'not_arrived' } })
    expect(messageSends()).toHaveLength(2)
  })

  it('the IPC handlers: list with history, get, retry only failed, cancel only queued', async () => {
    const s = await setup()
    const item = await s.outbox.enqueueMessage(message('click-handlers'))
    const list = await s.outbox.handlers['outbox:list'](undefined)
    expect(list).toEqual([expect.objectContaining({ id: item.id, state: 'sent', history: expect.any(Array) })])
    expect(await s.outbox.handlers['outbox:get']({ id: item.id })).toMatchObject({ id: item.id })
    await expect(s.outbox.handlers['outbox:retry']({ id: item.id })).rejects.toMatchObject({ code: 'already_sent' })
    await expect(s.outbox.handlers['outbox:cancel']({ id: item.id })).rejects.toMatchObject({ code: 'outbox_not_queued' })
    await expect(s.outbox.handlers['outbox:get']({ id: 9999 })).rejects.toMatchObject({ code: 'not_found' })
    expect(messageSends()).toHaveLength(1)
  })
})
