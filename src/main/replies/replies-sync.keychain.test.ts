import { join } from 'node:path'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { translator } from '@shared/i18n'
import { defaultSettings } from '@shared/settings'
import { KNOWN } from '../../../tools/fake-upwork/index'
import { createTestAiModule } from '../ai/test-support/test-ai-module'
import { EventBus } from '../core/event-bus'
import { openDatabase } from '../db/open-database'
import { makeTempDir, MIGRATIONS_DIR } from '../db/test-support/temp-files'
import { createDiscoveryModule } from '../discovery/module'
import { createDraftingModule } from '../drafting/module'
import { createMessagingModule, type MessagingModule } from '../messaging/module'
import { createNotificationsModule } from '../notifications/module'
import { createOutboxModule } from '../outbox/module'
import { createOutcomesModule } from '../outcomes/module'
import { ManualScheduler } from '../scheduler/manual-scheduler'
import { seededRandom } from '../scheduler/scheduler'
import { useFakeOpenAi } from '../test-support/fake-openai'
import { useFakeUpwork } from '../test-support/fake-upwork'
import { createMemoryLogger } from '../test-support/memory-logger'
import { connectWithFakeKey, createHarness } from '../upwork/test-support/connection-harness'
import { createRepliesModule, type RepliesModule } from './module'
import { callReplies } from './test-support/call'
import { repliesKeychain } from './test-support/keychain'

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
    const t = translator('en')

    const start = async () => {
      const logger = createMemoryLogger()
      const db = await openDatabase({ file: join(temp.dir, 'gigpilot.db'), migrationsDir: MIGRATIONS_DIR, appVersion: 'test' })
      const scheduler = new ManualScheduler()
      const discovery = createDiscoveryModule({ db, reads: {} as never, clock: h.clock, logger, t, settings: () => settings.notifications, notify: () => ({ shown: false, reason: 'off' }) as never, pruneEveryMs: 0 })
      const ai = createTestAiModule({ db, settings: () => settings.ai, secrets, clock: h.clock, t, discovery })
      if (!(await ai.handlers['ai:status'](undefined)).keyStored) await ai.handlers['ai:saveKey']({ apiKey: KEY })
      let replies: RepliesModule | null = null
      const drafting = createDraftingModule({ db, clock: h.clock, logger, sources: { job: (id) => discovery.jobs.get(id), profile: () => discovery.profile.get() }, ai: ai.provider, replyPrompt: (d, p) => replies!.promptFor(d, p) })
      const outbox = createOutboxModule({ db, writes: h.connection.stack.writes, reads: h.connection.operations, logger, clock: h.clock, t, canSubmitProposals: async () => false })
      const outcomes = createOutcomesModule({ db, reads: h.connection.operations, clock: h.clock, logger, t })
      const notifications = createNotificationsModule({ settings: () => settings.notifications, notifier: { notify: () => undefined }, clock: h.clock, t })
      const messaging: MessagingModule = createMessagingModule({
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
      replies = createRepliesModule({ db, clock: h.clock, logger, t, language: () => 'en', drafting, outbox, messaging, profile: () => discovery.profile.get(), proposals: outcomes, followUpDays: () => 3, scheduler })
      const bus = new EventBus(() => undefined)
      const chunks: string[] = []
      bus.on('drafting:chunk', (c) => void chunks.push(c.text))
      const modules = [drafting, outbox, messaging, replies]
      const unwire = modules.map((m) => m.wireEvents!({ bus, statusChanged: () => undefined }))
      await messaging.idle()
      await outbox.idle()
      await replies.idle()
      const app = {
        db,
        messaging,
        replies,
        chunks,
        /** One heartbeat a few minutes later, then the sync's and the replies' work. */
        step: async () => {
          h.clock.offset += 3 * 60_000
          scheduler.tick()
          await messaging.idle()
          await replies!.idle()
        },
        close: async () => {
          for (const u of unwire) u()
          for (const m of [...modules].reverse()) await m.dispose?.()
          await outcomes.dispose?.()
          await discovery.dispose?.()
          await db.close()
        }
      }
      return app
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
