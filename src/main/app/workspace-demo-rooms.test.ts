import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { translator } from '@shared/i18n'
import { defaultSettings } from '@shared/settings'
import { EventBus } from '../core/event-bus'
import { openDatabase, type Database } from '../db/open-database'
import { makeTempDir, MIGRATIONS_DIR } from '../db/test-support/temp-files'
import { createMessagingModule } from '../messaging/module'
import type { AppNotification } from '../ports/notifier'
import { ManualScheduler } from '../scheduler/manual-scheduler'
import { ManualClock } from '../test-support/clocks'
import { createMemoryLogger } from '../test-support/memory-logger'
import { createUpworkClientStack } from '../upwork/client-stack'
import { MemoryUsageStore } from '../upwork/usage-counter-store'
import { DEMO_JOBS } from '../demo/catalog'
import { DEMO_LATE_MESSAGE_MS, DEMO_ROOMS } from '../demo/demo-rooms'
import { createDemoUpwork } from '../demo/demo-upwork'
import { DEMO_USER_ID, demoSecrets } from '../demo/demo-workspace'

/** The demo's sample conversations through the real client stack and the real message sync. */

const START = Date.UTC(2026, 11, 1, 12)
const cleanups: Array<() => Promise<void> | void> = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

async function setup() {
  const clock = new ManualClock(START)
  const t = translator('en')
  const demo = createDemoUpwork({ clock, startedAt: START, t })
  const secrets = await demoSecrets(clock, t)
  const stack = createUpworkClientStack({
    secrets: secrets.store,
    settings: () => defaultSettings().upwork,
    env: {},
    usageStore: new MemoryUsageStore(),
    accountStore: { load: async () => null as never, save: async () => undefined },
    clock,
    logger: createMemoryLogger(),
    fetch: demo.fetch
  })
  const temp = makeTempDir()
  const db: Database = await openDatabase({ file: join(temp.dir, 'demo.db'), migrationsDir: MIGRATIONS_DIR, appVersion: 'test' })
  const shown: AppNotification[] = []
  const scheduler = new ManualScheduler()
  const settings = defaultSettings()
  const messaging = createMessagingModule({
    db,
    reads: stack.reads,
    clock,
    logger: createMemoryLogger(),
    t,
    settings: () => settings,
    notify: (n) => shown.push(n),
    account: async () => ({ state: 'connected', userId: DEMO_USER_ID }),
    scheduler
  })
  const unwire = messaging.wireEvents!({ bus: new EventBus(), statusChanged: () => undefined })
  cleanups.push(temp.cleanup, () => db.close(), () => messaging.dispose?.(), unwire)
  await messaging.idle()
  return { clock, demo, messaging, scheduler, shown }
}

describe('demo conversations', () => {
  it('a newcomer sees an inbox at once (history, no notification), then a client message arrives and is notified', async () => {
    const { clock, demo, messaging, scheduler, shown } = await setup()
    const page = await messaging.handlers['messaging:threads']({ filter: 'all', cursor: null, limit: 50 })
    expect(page.items.map((i) => i.roomId).sort()).toEqual(DEMO_ROOMS.map((r) => r.id).sort())
    expect(page.unreadThreads).toBe(2)
    expect(shown).toEqual([])
    const dashboard = await messaging.handlers['messaging:thread']({ roomId: 'demo-room-dashboard', before: null, limit: 100 })
    expect(dashboard.messages.map((m) => m.fromMe)).toEqual([false, true, false])
    expect(dashboard.thread).toMatchObject({ title: DEMO_JOBS[0]!.title, clientName: 'Olivia Grant', unreadCount: 1 })
    const ctx = await messaging.handlers['messaging:context']({ roomId: 'demo-room-dashboard' })
    expect(ctx.jobTitle).toBe(DEMO_JOBS[0]!.title)

    clock.advance(DEMO_LATE_MESSAGE_MS + 60_000)
    scheduler.tick()
    await messaging.idle()
    expect(shown).toHaveLength(1)
    expect(shown[0]!.title).toBe('New message from Olivia Grant')
    expect((await messaging.threads.get('demo-room-dashboard'))!.unreadCount).toBe(2)
    // Only reads reached the demo's Upwork, and nothing else was asked for.
    expect(new Set(demo.requests.map((r) => r.operation))).toEqual(new Set(['ListRooms', 'ListRoomStories']))
  })
})
