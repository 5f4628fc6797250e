import { join } from 'node:path'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { defaultSettings } from '@shared/settings'
import { KNOWN } from '../../../tools/fake-upwork/index'
import { makeTempDir } from '../db/test-support/temp-files'
import { createMessagingModule, type MessagingModule } from '../messaging/module'
import { createNotificationsModule } from '../notifications/module'
import { ManualScheduler } from '../scheduler/manual-scheduler'
import { seededRandom } from '../scheduler/scheduler'
import { useFakeOpenAi } from '../test-support/fake-openai'
import { useFakeUpwork } from '../test-support/fake-upwork'
import { connectWithFakeKey, createHarness } from '../upwork/test-support/connection-harness'
import { callReplies } from './test-support/call'
import { repliesKeychain } from './test-support/keychain'
import { startRepliesStack } from './test-support/replies-stack'

/**
 * The whole path on the real messaging sync: the fake Upwork publishes a client message while the
 * app runs → the sync announces it once → one reply draft, streamed by the AI (key in the real
 * keychain, fake-openai over HTTP) → the user's Send → exactly one createRoomStoryV2 → the sync
 * sees the user's own message; a restart never re-drafts or re-sends.
 */
const keychain = await repliesKeychain('replies-sync')

const KEY = `sk-test-${process.pid}-${Date.now()}`
const openai = useFakeOpenAi({ apiKeys: [KEY] })
const upwork = useFakeUpwork({ autoApprove: true })
const ROOM = KNOWN.roomIds[2]!
const AI_REPLY = 'Thank you! Yes, invoicing by Friday works for me. I will send the first milestone for review on Thursday.'

const cleanups: Array<() => Promise<void> | void> = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})
afterAll(() => keychain.cleanup())

describe.skipIf(keychain.skip)('replies on the real message sync (fake Upwork, fake-openai, keychain)', () => {
  it('a client message published while the app runs → one reply draft; Send → one createRoomStoryV2; a restart re-drafts and re-sends nothing', async () => {
    expect((await fetch(`${upwork.fake.url}/__control/reset`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' })).status).toBe(200)
    openai.fake.setDefaultReply(AI_REPLY)
    const h = await createHarness(upwork.fake, { sleep: async () => undefined, limiterSleep: async () => undefined })
    cleanups.push(() => h.cleanup())
    await connectWithFakeKey(h)
    const temp = makeTempDir('gigpilot-replies-sync-')
    cleanups.push(() => temp.cleanup())
    const settings = defaultSettings()
    settings.ai.baseUrl = openai.fake.url
    const secrets = keychain.store()
    cleanups.push(() => secrets.delete('openai.apiKey'))
    const start = async () => {
      const scheduler = new ManualScheduler()
      const chunks: string[] = []
      let messaging!: MessagingModule
      const stack = await startRepliesStack({
        file: join(temp.dir, 'gigpilot.db'),
        h,
        settings,
        ai: { secrets, key: KEY },
        messaging: ({ db, outcomes, logger, t }) => {
          const notifications = createNotificationsModule({ settings: () => settings.notifications, notifier: { notify: () => undefined }, clock: h.clock, t })
          messaging = createMessagingModule({
            db,
            reads: h.connection.operations,
            clock: h.clock,
            logger,
            t,
            settings: () => settings,
            notify: notifications.notify,
            account: () => h.connection.getAccount(),
            recordReply: (id, at) => outcomes.recordReply(id, at),
            scheduler,
            random: seededRandom(7)
          })
          return messaging
        },
        replies: { scheduler },
        listen: (bus) => bus.on('drafting:chunk', (c) => void chunks.push(c.text))
      })
      await messaging.idle()
      await stack.replies.idle()
      return {
        db: stack.db,
        messaging,
        replies: stack.replies,
        chunks,
        /** One heartbeat a few minutes later, then the sync's and the replies' work. */
        step: async () => {
          h.clock.offset += 3 * 60_000
          scheduler.tick()
          await messaging.idle()
          await stack.replies.idle()
        },
        close: stack.close
      }
    }

    let app = await start()
    // The history (backfill) drafts nothing.
    expect(await app.db.prisma.replyDraft.count()).toBe(0)
    upwork.fake.clearRequests()

    upwork.fake.postClientMessage(ROOM, 'One more thing: can you invoice by Friday?')
    await app.step()
    expect(await app.db.prisma.replyDraft.count()).toBe(1)
    const thread = await callReplies(app.replies, 'replies:forThread', { roomId: ROOM })
    const reply = thread.current!
    expect(reply).toMatchObject({ state: 'draft', origin: 'ai', text: AI_REPLY, coversStoryIds: [expect.any(String)] })
    expect(app.chunks.join('')).toBe(AI_REPLY)
    expect(openai.fake.requests.filter((r) => r.path.endsWith('/chat/completions'))).toHaveLength(1)

    const sent = await callReplies(app.replies, 'replies:send', { draftId: reply.draftId, text: reply.text, idempotencyKey: 'click-e2e-send-1' })
    expect(sent.state).toBe('sent')
    const posts = () => upwork.fake.requests.filter((r) => r.operationName === 'SendRoomMessage')
    expect(posts()).toHaveLength(1)
    // The own message comes back through the sync; it is the user's, so no draft for it.
    await app.step()
    const stories = await app.messaging.threads.messages(ROOM, { limit: 5 })
    expect(stories.at(-1)).toMatchObject({ fromMe: true, text: AI_REPLY })
    expect(await app.db.prisma.replyDraft.count()).toBe(1)

    // Restart: nothing drafted, announced or sent again.
    await app.close()
    app = await start()
    await app.step()
    expect(await app.db.prisma.replyDraft.count()).toBe(1)
    expect(posts()).toHaveLength(1)
    expect(openai.fake.requests.filter((r) => r.path.endsWith('/chat/completions'))).toHaveLength(1)
    expect((await callReplies(app.replies, 'replies:forThread', { roomId: ROOM })).drafts.map((d) => d.state)).toEqual(['sent'])
    await app.close()
  })
})
