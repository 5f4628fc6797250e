import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { ChannelInput, ChannelOutput } from '@shared/contract'
import { translator } from '@shared/i18n'
import type { FollowUpDto } from '@shared/replies'
import { defaultSettings } from '@shared/settings'
import { KNOWN } from '../../../tools/fake-upwork/index'
import type { Database } from '../db/open-database'
import { makeTempDir } from '../db/test-support/temp-files'
import type { OutboxModule } from '../outbox/module'
import type { OutcomesModule } from '../outcomes/module'
import type { AppNotification } from '../ports/notifier'
import { ManualScheduler } from '../scheduler/manual-scheduler'
import { ManualClock } from '../test-support/clocks'
import { useFakeUpwork } from '../test-support/fake-upwork'
import { connectWithFakeKey, createHarness } from '../upwork/test-support/connection-harness'
import { DAY_MS, followUpNotification, silences } from './follow-ups'
import type { RepliesModule } from './module'
import { callReplies } from './test-support/call'
import { startRepliesStack } from './test-support/replies-stack'
import { StandInMessaging } from './test-support/stand-in-messaging'

/**
 * Follow-up reminders on the ManualClock: a real SQLite file, the real outbox on the fake Upwork
 * (to show nothing is sent by itself), the real outcomes module for proposals, no AI (templates).
 */
const upwork = useFakeUpwork({ autoApprove: true })
const ROOM = KNOWN.roomWithUnread
const T0 = Date.UTC(2026, 11, 1, 9)
const HOUR = 3_600_000

const cleanups: Array<() => Promise<void> | void> = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

interface App {
  db: Database
  replies: RepliesModule
  outbox: OutboxModule
  outcomes: OutcomesModule
  scheduler: ManualScheduler
  changed: FollowUpDto[]
  close(): Promise<void>
}

async function world() {
  const h = await createHarness(upwork.fake, { random: () => 1, sleep: async () => undefined })
  cleanups.push(() => h.cleanup())
  await connectWithFakeKey(h)
  const temp = makeTempDir('gigpilot-followups-')
  cleanups.push(() => temp.cleanup())
  const clock = new ManualClock(T0)
  const messaging = new StandInMessaging(clock)
  messaging.addRoom(ROOM, { title: 'Electron app: add offline sync', clientName: 'Anna Client' })
  const settings = defaultSettings()
  const notified: AppNotification[] = []
  const daysListeners = new Set<() => void>()
  const opened: string[] = []
  let days = 3
  const start = async (): Promise<App> => {
    const changed: FollowUpDto[] = []
    const scheduler = new ManualScheduler()
    const stack = await startRepliesStack({
      file: join(temp.dir, 'f.db'),
      h,
      clock,
      settings,
      profile: { name: 'Dana Kowalski' },
      messaging: () => messaging,
      replies: {
        scheduler,
        followUpDays: () => days,
        notify: (n) => notified.push(n),
        watchFollowUpDays: (l) => {
          daysListeners.add(l)
          return () => void daysListeners.delete(l)
        }
      },
      listen: (bus) => {
        bus.on('followUps:changed', (f) => changed.push(f))
        bus.on('messaging:openThread', (e) => opened.push(e.roomId))
      }
    })
    const app: App = { ...stack, scheduler, changed }
    cleanups.push(() => app.close())
    return app
  }
  upwork.fake.clearRequests()
  return {
    clock,
    messaging,
    start,
    notified,
    opened,
    setDays: (n: number) => {
      days = n
      for (const l of [...daysListeners]) l()
    }
  }
}

const call = <C extends keyof RepliesModule['handlers']>(app: App, name: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> => callReplies(app.replies, name, input)
/** One scheduled heartbeat, then its check's end. */
async function tick(app: App): Promise<void> {
  app.scheduler.tick()
  await app.replies.idle()
}
const sends = () => upwork.fake.requests.filter((r) => r.path === '/graphql' && r.operationName === 'SendRoomMessage')

describe('follow-up reminders (ManualClock)', () => {
  it('the client is silent N days after the user\'s last message: one reminder, once (checks, restarts), dismissed stays dismissed', async () => {
    const w = await world()
    let app = await w.start()
    w.messaging.post(ROOM, [{ text: 'Could you share the designs?', at: T0 - HOUR }, { text: 'Sure, I will send a plan tomorrow.', fromMe: true, at: T0 }])
    await app.replies.idle()

    w.clock.advance(3 * DAY_MS - HOUR)
    await tick(app)
    expect(await call(app, 'followUps:list', {})).toEqual([])

    w.clock.advance(HOUR)
    await tick(app)
    const [reminder] = await call(app, 'followUps:list', {})
    expect(reminder).toMatchObject({ kind: 'thread', status: 'open', roomId: ROOM, title: 'Electron app: add offline sync', clientName: 'Anna Client', silenceSince: T0, days: 3, draftId: null, sendable: true })
    expect(app.changed.map((c) => c.id)).toEqual([reminder!.id])
    // One notification (the user's rules apply in notifications.notify); a click opens the thread.
    expect(w.notified).toEqual([expect.objectContaining({ title: 'Follow up with Anna Client?', body: 'No answer for 3 days. GigPilot can suggest a follow-up; nothing is sent until you send it.' })])
    w.notified[0]!.onClick!()
    expect(w.opened).toEqual([ROOM])

    // Checked again, and after a restart (the start-up check): still one.
    w.clock.advance(DAY_MS)
    await tick(app)
    await app.close()
    app = await w.start()
    await tick(app)
    expect(await app.db.prisma.followUp.count()).toBe(1)
    expect(app.changed).toEqual([])
    expect(w.notified).toHaveLength(1)

    const dismissed = await call(app, 'followUps:dismiss', { id: reminder!.id })
    expect(dismissed.status).toBe('dismissed')
    w.clock.advance(5 * DAY_MS)
    await tick(app)
    await app.close()
    app = await w.start()
    expect(await call(app, 'followUps:list', {})).toEqual([])
    expect(await call(app, 'followUps:list', { statuses: ['dismissed'] })).toEqual([expect.objectContaining({ id: reminder!.id, status: 'dismissed' })])
    expect(await app.db.prisma.followUp.count()).toBe(1)
    expect(sends()).toHaveLength(0)
  })

  it('a new client message ends the silence; the user writing again starts a new one (a new reminder after N days)', async () => {
    const w = await world()
    const app = await w.start()
    w.messaging.post(ROOM, [{ text: 'Here is my estimate.', fromMe: true, at: T0 }])
    w.clock.advance(3 * DAY_MS)
    await tick(app)
    const [first] = await call(app, 'followUps:list', {})
    expect(first).toMatchObject({ status: 'open', silenceSince: T0 })

    w.messaging.post(ROOM, [{ text: 'Sorry for the delay, looks good!', at: w.clock.now() }])
    await app.replies.idle()
    expect(await call(app, 'followUps:list', {})).toEqual([])
    expect(app.changed.at(-1)).toMatchObject({ id: first!.id, status: 'ended' })

    const answeredAt = w.clock.now() + HOUR
    w.clock.advance(HOUR)
    w.messaging.post(ROOM, [{ text: 'Great, I will start Monday.', fromMe: true, at: answeredAt }])
    w.clock.advance(3 * DAY_MS)
    await tick(app)
    const open = await call(app, 'followUps:list', {})
    expect(open).toEqual([expect.objectContaining({ silenceSince: answeredAt, status: 'open' })])
    expect(open[0]!.id).not.toBe(first!.id)
  })

  it('followUps:draft writes a suggested follow-up (template without AI), once; never sent by itself; sending it (a click) ends the reminder', async () => {
    const w = await world()
    const app = await w.start()
    w.messaging.post(ROOM, [{ text: 'I have sent the plan.', fromMe: true, at: T0 }])
    w.clock.advance(4 * DAY_MS)
    await tick(app)
    const [reminder] = await call(app, 'followUps:list', {})
    const drafted = await call(app, 'followUps:draft', { id: reminder!.id })
    await app.replies.idle()
    expect(drafted).toMatchObject({ status: 'drafted', draftId: expect.any(Number) })
    expect((await call(app, 'followUps:draft', { id: reminder!.id })).draftId).toBe(drafted.draftId)
    const thread = await call(app, 'replies:forThread', { roomId: ROOM })
    expect(thread.current).toMatchObject({
      draftId: drafted.draftId,
      purpose: 'followUp',
      origin: 'template',
      followUpId: reminder!.id,
      state: 'draft',
      text: 'Hi Anna,\n\nI wanted to follow up on my last message about “Electron app: add offline sync”. If you have any questions, I am happy to answer them. Shall we move forward?\n\nBest regards,\nDana Kowalski'
    })
    // Days pass, checks run: nothing is sent, no outbox item exists.
    w.clock.advance(10 * DAY_MS)
    await tick(app)
    expect(await app.outbox.list()).toEqual([])
    expect(sends()).toHaveLength(0)

    const sent = await call(app, 'replies:send', { draftId: drafted.draftId!, text: thread.current!.text, idempotencyKey: 'click-follow-up-1' })
    await app.replies.idle()
    expect(sent.state).toBe('sent')
    expect(sends()).toHaveLength(1)
    expect((await call(app, 'followUps:list', { statuses: ['ended'] })).map((f) => f.id)).toEqual([reminder!.id])
    await expect(call(app, 'followUps:dismiss', { id: reminder!.id })).rejects.toMatchObject({ code: 'FOLLOW_UP_ENDED' })
  })

  it('a proposal the client viewed and did not answer after N days: a reminder to copy (no conversation to send to); its draft cannot be sent from here', async () => {
    const w = await world()
    const app = await w.start()
    const p = await app.outcomes.recordSubmission({ draftId: null, jobId: null, upworkJobId: '2084364540816197571', coverLetter: 'Hello, I can help.', bidAmount: 50, source: 'manual', at: T0, jobTitle: 'Landing page in React' })
    w.clock.advance(3 * DAY_MS + HOUR)
    await tick(app)
    // Not viewed yet: most proposals are never answered; nothing to follow up.
    expect(await call(app, 'followUps:list', {})).toEqual([])
    await app.outcomes.mark(p.id, 'viewed')
    await tick(app)
    const [reminder] = await call(app, 'followUps:list', {})
    expect(reminder).toMatchObject({ kind: 'proposal', proposalId: p.id, roomId: null, sendable: false, title: 'Landing page in React', silenceSince: T0 })
    const drafted = await call(app, 'followUps:draft', { id: reminder!.id })
    await app.replies.idle()
    const text = (await app.db.prisma.draftVersion.findFirst({ where: { draftId: drafted.draftId! }, orderBy: { seq: 'desc' } }))!.text
    expect(text).toBe('Hi,\n\nI sent you a proposal for “Landing page in React” a few days ago and wanted to check whether you had a chance to look at it. I am happy to answer any questions or adjust the plan to what you need.\n\nBest regards,\nDana Kowalski')
    await expect(call(app, 'replies:send', { draftId: drafted.draftId!, text, idempotencyKey: 'click-no-room-1' })).rejects.toMatchObject({ code: 'REPLY_NO_ROOM' })
    // The client replied (the proposal moved on): the reminder ends at the next check.
    await app.outcomes.mark(p.id, 'replied')
    await tick(app)
    expect(await call(app, 'followUps:list', {})).toEqual([])
    expect(sends()).toHaveLength(0)
  })

  it('history a first sync brings in (already due before GigPilot first checked) is listed quietly, not notified; what comes due later is', async () => {
    const w = await world()
    w.messaging.addRoom('room-history', { title: 'Old thread', clientName: 'Bo' })
    w.messaging.post('room-history', [{ text: 'Sent the invoice.', fromMe: true, at: T0 - 5 * DAY_MS }], { announce: false })
    const app = await w.start()
    expect((await call(app, 'followUps:list', {})).map((f) => f.roomId)).toEqual(['room-history'])
    expect(w.notified).toEqual([])
    w.messaging.post(ROOM, [{ text: 'Here is my plan.', fromMe: true, at: T0 + HOUR }])
    w.clock.advance(3 * DAY_MS + HOUR)
    await tick(app)
    expect(w.notified.map((n) => n.title)).toEqual(['Follow up with Anna Client?'])
  })

  it('the setting decides N; history older than 30 days is not reminded of', async () => {
    const w = await world()
    w.setDays(5)
    const app = await w.start()
    w.messaging.post(ROOM, [{ text: 'Any update?', fromMe: true, at: T0 }])
    w.clock.advance(4 * DAY_MS)
    await tick(app)
    expect(await call(app, 'followUps:list', {})).toEqual([])
    // The user lowers it to 4 days: checked at once, no heartbeat needed.
    w.setDays(4)
    await app.replies.idle()
    expect(await call(app, 'followUps:list', {})).toEqual([expect.objectContaining({ days: 4 })])

    // The sync sees an own message that is already days old: checked at once, no heartbeat.
    w.messaging.addRoom('room-backfill', { title: 'Old thread', clientName: 'Bo' })
    w.messaging.post('room-backfill', [{ text: 'Here is the invoice.', fromMe: true, at: w.clock.now() - 6 * DAY_MS }])
    await app.replies.idle()
    expect((await call(app, 'followUps:list', {})).map((f) => f.roomId)).toContain('room-backfill')

    const now = T0 + 40 * DAY_MS
    const old = { roomId: 'r-old', title: 'Old', clientName: null, roomType: null, unreadCount: 0, lastActivityAt: T0, jobId: null, proposalId: null, upworkProposalId: null, contractId: null, gone: false, lastMessage: { text: 'hi', fromMe: true, deleted: false, sentAt: T0 } }
    expect(silences([old], [], { now, days: 3 }).raise).toEqual([])
    // Several due in one check: one notification that counts them.
    const row = { id: 1, kind: 'thread' as const, subject: 's', roomId: 'r1', proposalId: null, title: 'Job', clientName: null, silenceSince: T0, days: 3, status: 'open' as const, draftId: null, createdAt: T0, updatedAt: T0 }
    expect(followUpNotification([row, { ...row, id: 2, roomId: 'r2', silenceSince: T0 + 1 }], translator('en'))).toEqual({ title: '2 conversations wait for a follow-up', body: expect.any(String), roomId: 'r2' })
    expect(followUpNotification([{ ...row, title: '' }], translator('uk'))!.title).toBe('Час нагадати про себе?')
    // A job title of up to 1,000 characters (or a client's chosen name) is one short line in the title.
    expect(followUpNotification([{ ...row, title: `Build\nan app ${'x'.repeat(990)}` }], translator('en'))!.title).toMatch(/^Follow up with Build an app x{26}…\?$/)
    expect(silences([{ ...old, lastMessage: { ...old.lastMessage, sentAt: now - 4 * DAY_MS } }], [], { now, days: 3 }).raise).toHaveLength(1)
    // Proposals: viewed, between N and 2N days after the submission; never a still-submitted one.
    const proposal = { id: 7, upworkProposalId: null, draftId: null, jobId: null, upworkJobId: '1', jobTitle: 'Job', status: 'Viewed', upworkStatus: null, stage: 'viewed' as const, submissionSource: 'outbox' as const, bidAmount: null, submittedAt: new Date(now - 4 * DAY_MS).toISOString(), statusChangedAt: new Date(now).toISOString(), match: null }
    expect(silences([], [proposal], { now, days: 3 }).raise).toHaveLength(1)
    expect(silences([], [{ ...proposal, submittedAt: new Date(now - 7 * DAY_MS).toISOString() }], { now, days: 3 }).raise).toEqual([])
    expect(silences([], [{ ...proposal, stage: 'submitted' }], { now, days: 3 }).raise).toEqual([])
    // A 30-day setting still reminds after 30 days (the history cut is at least twice the setting).
    expect(silences([{ ...old, lastMessage: { ...old.lastMessage, sentAt: now - 31 * DAY_MS } }], [], { now, days: 30 }).raise).toHaveLength(1)
  })
})
