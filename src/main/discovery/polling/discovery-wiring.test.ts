import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { SavedSearchDto } from '@shared/discovery'
import { translator } from '@shared/i18n'
import { defaultSettings, type Settings } from '@shared/settings'
import { EventBus } from '../../core/event-bus'
import { openDatabase, type Database } from '../../db/open-database'
import { makeTempDir, MIGRATIONS_DIR } from '../../db/test-support/temp-files'
import { useFakeUpwork } from '../../test-support/fake-upwork'
import { createMemoryLogger } from '../../test-support/memory-logger'
import { ManualScheduler } from '../../scheduler/manual-scheduler'
import { seededRandom } from '../../scheduler/scheduler'
import { createHarness, connectWithFakeKey, type Harness } from '../../upwork/test-support/connection-harness'
import { createDiscoveryModule, type DiscoveryModule } from '../module'
import { automationSwitch, pollerFactory, type PollingService } from './index'

/** The poller inside the real discovery module (real SQLite, real ingest) against the fake Upwork. */

const upwork = useFakeUpwork({ autoApprove: true })
const cleanups: Array<() => Promise<void>> = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

function settingsStore(initial: Settings) {
  let current = initial
  const listeners = new Set<(next: Settings, previous: Settings) => void>()
  return {
    get: () => current,
    set(patch: Partial<Settings>) {
      const previous = current
      current = { ...current, ...patch }
      for (const l of listeners) l(current, previous)
    },
    onChange(l: (next: Settings, previous: Settings) => void) {
      listeners.add(l)
      return () => void listeners.delete(l)
    }
  }
}

async function setup() {
  const temp = makeTempDir()
  const h: Harness = await createHarness(upwork.fake)
  await connectWithFakeKey(h)
  const db: Database = await openDatabase({ file: join(temp.dir, 'd.db'), migrationsDir: MIGRATIONS_DIR, appVersion: 'test' })
  const settings = settingsStore(defaultSettings())
  const scheduler = new ManualScheduler()
  let service: PollingService | null = null
  const factory = pollerFactory({ reads: h.connection.operations, clock: h.clock, logger: createMemoryLogger(), t: translator('en'), automation: automationSwitch(settings), scheduler, random: seededRandom(9) })
  const discovery: DiscoveryModule = createDiscoveryModule({
    db,
    reads: h.connection.operations,
    clock: h.clock,
    logger: createMemoryLogger(),
    t: translator('en'),
    settings: () => settings.get().notifications,
    notify: () => ({ shown: false }) as never,
    pruneEveryMs: 0,
    createPoller: (ports) => {
      const p = factory(ports)
      service = p.service
      return p
    }
  })
  const bus = new EventBus(() => undefined)
  const statuses: SavedSearchDto[] = []
  bus.on('discovery:searchStatus', (s) => void statuses.push(s))
  let statusChanges = 0
  const unwire = discovery.wireEvents!({ bus, statusChanged: () => void statusChanges++ })
  cleanups.push(async () => {
    unwire()
    await discovery.dispose?.()
    await db.close()
    await h.cleanup()
    temp.cleanup()
  })
  upwork.fake.clearRequests()
  return { h, discovery, service: service! as PollingService, scheduler, settings, statuses, statusChanges: () => statusChanges }
}

describe('the poller wired into discovery', () => {
  it('a created search runs at once; its status is recorded and emitted; new jobs are stored once', async () => {
    const t = await setup()
    expect(t.scheduler.active).toBe(1)
    const created = await t.discovery.handlers['searches:create']({ name: 'All', filters: {}, intervalMinutes: 5, paused: false } as never)
    await t.service.idle()
    const [first] = await t.discovery.searches.list()
    expect(first!.lastRunAt).not.toBeNull()
    expect(first!.lastResult).toMatchObject({ ok: true, skipped: expect.any(Number) })
    expect(first!.lastResult!.new).toBeGreaterThan(0)
    expect(first!.nextRunAt).toBeGreaterThan(first!.lastRunAt!)
    expect(t.statuses.some((s) => s.id === created.id && s.lastResult !== null)).toBe(true)

    const stored = first!.lastResult!.new
    upwork.fake.publishJob({ title: 'Polling wiring check' })
    upwork.fake.clearRequests()
    t.h.clock.offset += 7 * 60_000
    t.scheduler.tick()
    await t.service.idle()
    const [second] = await t.discovery.searches.list()
    expect(second!.lastResult).toMatchObject({ ok: true, new: 1 })
    expect(upwork.fake.requests.filter((r) => r.operationName === 'SearchJobs')).toHaveLength(1)
    expect(stored).toBeGreaterThan(0)
  })

  it('paused from settings: no requests; unpaused: one catch-up run', async () => {
    const t = await setup()
    const created = await t.discovery.handlers['searches:create']({ name: 'All', filters: {}, intervalMinutes: 5, paused: false } as never)
    await t.service.idle()
    t.settings.set({ automationPaused: true })
    upwork.fake.clearRequests()
    for (let i = 0; i < 30; i++) {
      t.h.clock.offset += 60_000
      t.scheduler.tick()
      await t.service.idle()
    }
    expect(upwork.fake.requests).toEqual([])
    t.settings.set({ automationPaused: false })
    await t.service.idle()
    expect(upwork.fake.requests.filter((r) => r.operationName === 'SearchJobs')).toHaveLength(1)
    expect(created.id).toBeGreaterThan(0)
  })

  it("the app status says why polling is paused, and changes are announced", async () => {
    const t = await setup()
    expect(t.discovery.status!().pollingPaused).toEqual([])
    const before = t.statusChanges()
    t.settings.set({ automationPaused: true })
    expect(t.discovery.status!().pollingPaused).toEqual(['automation'])
    expect(t.statusChanges()).toBe(before + 1)
    t.settings.set({ automationPaused: false })
    expect(t.discovery.status!().pollingPaused).toEqual([])
    expect(t.statusChanges()).toBe(before + 2)
  })
})
