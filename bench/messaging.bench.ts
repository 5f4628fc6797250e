/**
 * The message sync's figures (issue 9), against the fake Upwork over HTTP with the real client
 * stack (rate limiter, token manager), a real SQLite file and the production MessageSync on its
 * schedule (job discovery's PollingService, 2-minute default interval, jittered), time simulated
 * by moving the clock and giving the heartbeat (every 15 s) by hand:
 * - messaging.sync_requests_per_hour_20_rooms: Upwork requests per hour for 20 rooms when nothing
 *   changes — measured over 6 simulated hours (an hour after the first sync, so the 6-hourly
 *   whole-page re-read of every room is included exactly once), divided by 6;
 * - messaging.sync_requests_per_hour_20_rooms_one_changing: the same while one room gets a client
 *   message every minute;
 * - messaging.message_to_notify_ms: a client message is waiting; the heartbeat that starts the
 *   sync → the notification (the poll's roomList and roomStories round trips, the store, the
 *   announcement), median of 10 per run.
 * Each figure is the median of `runs` runs (different jitter seeds).
 * `npx tsx bench/messaging.bench.ts [runs]` prints them; `runMessagingBench` returns them.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { translator } from '../src/shared/i18n'
import { defaultSettings } from '../src/shared/settings'
import { EventBus } from '../src/main/core/event-bus'
import { openDatabase, type OpenDatabaseOptions } from '../src/main/db/open-database'
import { createMessagingModule, type MessagingModule } from '../src/main/messaging/module'
import { createNotificationsModule } from '../src/main/notifications/module'
import { ManualScheduler } from '../src/main/scheduler/manual-scheduler'
import { seededRandom } from '../src/main/scheduler/scheduler'
import { connectWithFakeKey, createHarness, type Harness } from '../src/main/upwork/test-support/connection-harness'
import { startFakeUpwork, type FakeUpwork } from '../tools/fake-upwork/index'
import { bundleWorkerForBench } from './db/built-worker'
import { median, round } from './stats'
import { silentLogger } from './silent-logger'

const MIGRATIONS_DIR = fileURLToPath(new URL('../prisma/migrations', import.meta.url))
const ROOMS = 20
const HEARTBEAT_MS = 15_000
const SIMULATED_HOURS = 6

let workerEntry: OpenDatabaseOptions['workerEntry']

interface World {
  fake: FakeUpwork
  h: Harness
  messaging: MessagingModule
  scheduler: ManualScheduler
  notified: number[]
  close(): Promise<void>
}

async function world(seed: number): Promise<World> {
  const fake = await startFakeUpwork({ autoApprove: true, seed })
  fake.data.rooms.splice(0)
  for (let i = 0; i < ROOMS; i++) fake.addRoom({ roomName: `Client ${i}`, clientPersonId: fake.data.people[i % fake.data.people.length]!.id, messages: [`Hello from room ${i}`, 'Any update?'] })
  const h = await createHarness(fake, { sleep: async () => undefined, requestsPerSecond: 10 })
  h.settings.hourlyRequestBudget = 5000
  await connectWithFakeKey(h)
  const dir = mkdtempSync(join(tmpdir(), 'gigpilot-messaging-bench-'))
  const db = await openDatabase({ file: join(dir, 'bench.db'), migrationsDir: MIGRATIONS_DIR, appVersion: 'bench', workerEntry })
  const t = translator('en')
  const settings = defaultSettings()
  const notified: number[] = []
  const notifications = createNotificationsModule({ settings: () => settings.notifications, notifier: { notify: () => void notified.push(performance.now()) }, clock: h.clock, t })
  const noop = () => undefined
  const logger = silentLogger
  const scheduler = new ManualScheduler()
  const messaging = createMessagingModule({
    db,
    reads: h.connection.operations,
    clock: h.clock,
    logger,
    t,
    settings: () => settings,
    notify: notifications.notify,
    account: () => h.connection.getAccount(),
    usage: () => h.connection.stack.limiter.usage(),
    scheduler,
    random: seededRandom(seed),
    heartbeatMs: HEARTBEAT_MS
  })
  const unwire = messaging.wireEvents!({ bus: new EventBus(), statusChanged: noop })
  await messaging.idle() // the first sync (backfill) ran at start
  return {
    fake,
    h,
    messaging,
    scheduler,
    notified,
    close: async () => {
      unwire()
      await messaging.dispose?.()
      await db.close()
      await h.cleanup()
      await fake.close()
      rmSync(dir, { recursive: true, force: true })
    }
  }
}

const graphqlRequests = (fake: FakeUpwork): number => fake.requests.filter((r) => r.path === '/graphql').length

/** Requests per hour over SIMULATED_HOURS, one room getting a client message every minute when `changing`. */
async function requestsPerHour(seed: number, changing: boolean): Promise<number> {
  const w = await world(seed)
  try {
    const changingRoom = w.fake.data.rooms[0]!.id
    // One hour unmeasured after the first sync, then SIMULATED_HOURS measured: the 6-hourly
    // whole-page re-read of every room falls inside the window exactly once.
    const warmUp = 60 * 60_000
    const end = warmUp + SIMULATED_HOURS * 60 * 60_000
    for (let elapsed = 0; elapsed < end; elapsed += HEARTBEAT_MS) {
      if (elapsed === warmUp) w.fake.clearRequests()
      w.h.clock.offset += HEARTBEAT_MS
      if (changing && elapsed % 60_000 === 0) w.fake.postClientMessage(changingRoom, `Update at minute ${elapsed / 60_000}`)
      w.scheduler.tick()
      await w.messaging.idle()
    }
    return graphqlRequests(w.fake) / SIMULATED_HOURS
  } finally {
    await w.close()
  }
}

async function messageToNotify(seed: number, samples: number): Promise<number[]> {
  const w = await world(seed)
  try {
    const room = w.fake.data.rooms[3]!.id
    const out: number[] = []
    for (let i = 0; i < samples; i++) {
      w.fake.postClientMessage(room, `Message ${i}`)
      // Move time until the next sync is due, then the heartbeat that starts it.
      w.h.clock.offset += Math.max(0, (w.messaging.syncStatus().nextSyncAt ?? w.h.clock.now()) - w.h.clock.now())
      const before = w.notified.length
      const start = performance.now()
      w.scheduler.tick()
      await w.messaging.idle()
      if (w.notified.length !== before + 1) throw new Error(`expected one notification, got ${w.notified.length - before}`)
      out.push(w.notified[w.notified.length - 1]! - start)
    }
    return out
  } finally {
    await w.close()
  }
}

export async function runMessagingBench(runs = 5): Promise<Record<string, number>> {
  workerEntry = await bundleWorkerForBench()
  const idle: number[] = []
  const changing: number[] = []
  const notify: number[] = []
  for (let r = 0; r < runs; r++) {
    idle.push(await requestsPerHour(100 + r, false))
    changing.push(await requestsPerHour(200 + r, true))
    notify.push(median(await messageToNotify(300 + r, 10)))
  }
  return {
    'messaging.sync_requests_per_hour_20_rooms': round(median(idle), 1),
    'messaging.sync_requests_per_hour_20_rooms_one_changing': round(median(changing), 1),
    'messaging.message_to_notify_ms': round(median(notify), 1)
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const figures = await runMessagingBench(Number(process.argv[2] ?? 5))
  for (const [k, v] of Object.entries(figures)) console.log(`${k.padEnd(56)} ${v}`)
}
