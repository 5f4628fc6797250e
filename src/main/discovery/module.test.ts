import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { translator } from '@shared/i18n'
import { defaultSettings, type Settings } from '@shared/settings'
import { EventBus } from '../core/event-bus'
import { openDatabase, type Database } from '../db/open-database'
import { makeTempDir, MIGRATIONS_DIR } from '../db/test-support/temp-files'
import { createNotificationsModule } from '../notifications/module'
import { ManualClock } from '../test-support/clocks'
import { useFakeUpwork } from '../test-support/fake-upwork'
import { createMemoryLogger } from '../test-support/memory-logger'
import { connectWithFakeKey, createHarness, type Harness } from '../upwork/test-support/connection-harness'
import type { OperationContext } from '../upwork/operations/common'
import { createDiscoveryModule, type DiscoveryModule, type IngestedListener } from './module'
import { jobSummary } from './test-support/jobs'

/** The discovery module's wiring: the badge follows the threshold, the ingest hook, the profile import from (the fake) Upwork. */

const T0 = Date.UTC(2026, 11, 1, 12)
const upwork = useFakeUpwork({ autoApprove: true })
const cleanups: Array<() => Promise<void> | void> = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

/** A settings source with onChange, as the settings store gives create-core. */
class SettingsSource {
  value: Settings = defaultSettings()
  private readonly listeners = new Set<(next: Settings, previous: Settings) => void>()
  onChange = (l: (next: Settings, previous: Settings) => void): (() => void) => {
    this.listeners.add(l)
    return () => void this.listeners.delete(l)
  }
  set(mutate: (s: Settings) => void): void {
    const previous = this.value
    const next = structuredClone(previous)
    mutate(next)
    this.value = next
    for (const l of this.listeners) l(next, previous)
  }
}

async function setup(reads: OperationContext = { client: { query: async () => ({}) as never, requestCount: () => 0 }, logger: createMemoryLogger() } as never) {
  const temp = makeTempDir()
  const db: Database = await openDatabase({ file: join(temp.dir, 'd.db'), migrationsDir: MIGRATIONS_DIR, appVersion: 'test' })
  const clock = new ManualClock(T0)
  const settings = new SettingsSource()
  const t = translator('en')
  const notifications = createNotificationsModule({ settings: () => settings.value.notifications, notifier: { notify: () => undefined }, clock, t })
  const discovery: DiscoveryModule = createDiscoveryModule({
    db, reads, clock, logger: createMemoryLogger(), t, settings: () => settings.value.notifications, watchSettings: settings.onChange, notify: notifications.notify, pruneEveryMs: 0
  })
  const bus = new EventBus(() => undefined)
  const badges: number[] = []
  bus.on('discovery:badge', (e) => void badges.push(e.count))
  const unwire = discovery.wireEvents!({ bus, statusChanged: () => undefined })
  cleanups.push(async () => {
    unwire()
    await discovery.dispose?.()
    await db.close()
    temp.cleanup()
  })
  return { discovery, settings, badges }
}

describe('discovery module wiring', () => {
  it('the badge is recounted when settings.notifications.minScore changes (not for other settings), and no longer after unwiring', async () => {
    const { discovery, settings, badges } = await setup()
    await discovery.profile.update({ skills: ['React', 'TypeScript', 'Node.js'], hourlyRate: 50 })
    const s = await discovery.searches.create({ name: 'React' })
    settings.set((x) => (x.notifications.minScore = 101)) // nothing reaches it while we ingest
    await discovery.ingest.ingest(s.id, [jobSummary(1), jobSummary(2), jobSummary(3, { title: 'Data entry', description: 'Copy rows', skills: [] })])
    await expect.poll(() => badges.at(-1)).toBe(0)
    const scores = (await discovery.jobs.list({ sort: 'score', limit: 10, offset: 0 })).items.map((j) => j.score!)
    const between = scores[scores.length - 1]! + 1 // above the weakest job, at or below the others
    expect(between).toBeLessThanOrEqual(scores[0]!)

    settings.set((x) => (x.notifications.minScore = between))
    await expect.poll(() => badges.at(-1)).toBe(scores.filter((n) => n >= between).length)
    settings.set((x) => (x.notifications.minScore = 0))
    await expect.poll(() => badges.at(-1)).toBe(3)

    const before = badges.length
    settings.set((x) => (x.notifications.sound = !x.notifications.sound))
    settings.set((x) => (x.theme = x.theme === 'dark' ? 'light' : 'dark'))
    // A threshold change after them is the next count: nothing was emitted in between.
    settings.set((x) => (x.notifications.minScore = 101))
    await expect.poll(() => badges.length).toBe(before + 1)
    expect(badges.at(-1)).toBe(0)
  })

  it('onIngested: every listener hears each ingest with its new job ids, after the notification step; a throwing listener does not fail the ingest', async () => {
    const { discovery } = await setup()
    const s = await discovery.searches.create({ name: 'React' })
    const heard: Array<Parameters<IngestedListener>[0]> = []
    discovery.onIngested(() => {
      throw new Error('listener bug')
    })
    const off = discovery.onIngested((e) => void heard.push(e))
    const first = await discovery.ingest.ingest(s.id, [jobSummary(1), jobSummary(2)])
    expect(heard).toHaveLength(1)
    expect(heard[0]!.searchId).toBe(s.id)
    expect(heard[0]!.result.newJobIds.sort()).toEqual(first.newJobIds.sort())
    expect(heard[0]!.result).toBe(first)
    await discovery.ingest.ingest(s.id, [jobSummary(2), jobSummary(3)])
    expect(heard[1]!.result.newJobIds).toHaveLength(1)
    expect(heard[1]!.result.updated).toBe(1)
    off()
    await discovery.ingest.ingest(s.id, [jobSummary(4)])
    expect(heard).toHaveLength(2)
  })

  it('profile:importFromUpwork against the fake Upwork: name, title, bio, skills and rate from the talent profile; what Upwork lacks is kept', async () => {
    const h: Harness = await createHarness(upwork.fake)
    cleanups.push(() => h.cleanup())
    await connectWithFakeKey(h)
    const { discovery } = await setup(h.connection.operations)
    await discovery.handlers['profile:update']({ minFixedBudget: 400, negativeKeywords: ['wordpress'], yearsExperience: 8 })
    upwork.fake.clearRequests()

    const imported = await discovery.handlers['profile:importFromUpwork'](undefined)
    expect(upwork.fake.requests.filter((r) => r.operationName === 'GetTalentProfile')).toHaveLength(1)
    expect(imported).toMatchObject({
      name: 'Dana Kowalski',
      title: 'Senior TypeScript & Electron Developer',
      hourlyRate: 75,
      skills: ['TypeScript', 'Electron', 'React', 'Node.js', 'GraphQL', 'PostgreSQL', 'SQLite', 'Docker'],
      minFixedBudget: 400,
      negativeKeywords: ['wordpress'],
      yearsExperience: 8
    })
    expect(imported.bio).toMatch(/^I build fast, reliable desktop and web apps/)
    expect(await discovery.handlers['profile:get'](undefined)).toEqual(imported)
  })
})
