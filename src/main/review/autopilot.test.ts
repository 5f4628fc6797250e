import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { translator } from '@shared/i18n'
import { defaultSettings, type Settings } from '@shared/settings'
import type { AiModule } from '../ai/module'
import { createTestAiModule } from '../ai/test-support/test-ai-module'
import { openDatabase, type Database } from '../db/open-database'
import { makeTempDir, MIGRATIONS_DIR } from '../db/test-support/temp-files'
import { createDiscoveryModule, type DiscoveryModule } from '../discovery/module'
import type { AutomationSwitch } from '../discovery/polling'
import { jobSummary } from '../discovery/test-support/jobs'
import { createDraftingModule, type DraftingModule } from '../drafting/module'
import { ManualScheduler } from '../scheduler/manual-scheduler'
import { MemorySecretStore } from '../secrets/memory-secret-store'
import { ManualClock } from '../test-support/clocks'
import { useFakeOpenAi } from '../test-support/fake-openai'
import { createMemoryLogger } from '../test-support/memory-logger'
import { Autopilot } from './autopilot'
import { ReviewStore } from './review-store'

const T0 = Date.UTC(2026, 11, 1, 8, 0) // 08:00 local (UTC in these tests)
const HOUR = 3_600_000
const LETTER =
  'Hello! I have built React and TypeScript dashboards with charts, tables and authentication for the last four years, ' +
  'most recently a fleet tracking dashboard. I would start by agreeing the screens with you, then ship a first version within a week.'

const server = useFakeOpenAi({ apiKeys: ['sk-test'] })
const chatRequests = () => server.fake.requests.filter((r) => r.path === '/v1/chat/completions')

/** A pause switch like settings.automationPaused (the tray's one switch). */
function pauseSwitch(): AutomationSwitch & { set(paused: boolean): void } {
  let paused = false
  const listeners = new Set<(p: boolean) => void>()
  return {
    isPaused: () => paused,
    onChange: (l) => (listeners.add(l), () => void listeners.delete(l)),
    set: (p) => {
      paused = p
      for (const l of listeners) l(p)
    }
  }
}

describe('Autopilot: prepares and queues the best new matches on a schedule (real SQLite, fake-openai over HTTP)', () => {
  let temp: ReturnType<typeof makeTempDir>
  let db: Database
  let clock: ManualClock
  let settings: Settings
  let secrets: MemorySecretStore
  let discovery: DiscoveryModule
  let ai: AiModule
  let drafting: DraftingModule
  let scheduler: ManualScheduler
  let automation: ReturnType<typeof pauseSwitch>
  let jobIds: number[]
  let queued: number[]
  let statusEvents: number

  const open = async (): Promise<void> => {
    db = await openDatabase({ file: join(temp.dir, 'a.db'), migrationsDir: MIGRATIONS_DIR, appVersion: 'test' })
    const t = translator('en')
    discovery = createDiscoveryModule({ db, reads: {} as never, clock, logger: createMemoryLogger(), t, settings: () => settings.notifications, notify: () => ({ shown: false }) as never, pruneEveryMs: 0 })
    ai = createTestAiModule({ db, settings: () => settings.ai, secrets, clock, t, discovery })
    drafting = createDraftingModule({ db, clock, logger: createMemoryLogger(), sources: { job: (id) => discovery.jobs.get(id), profile: () => discovery.profile.get() }, ai: ai.provider })
    await drafting.ready
  }
  const close = async (): Promise<void> => {
    await drafting.dispose?.()
    await ai.dispose?.()
    await discovery.dispose?.()
    await db.close()
  }
  const autopilotOn = (): Autopilot =>
    new Autopilot({
      store: new ReviewStore(db),
      drafting,
      profile: () => discovery.profile.get(),
      markDrafted: async (id) => void (await discovery.jobs.setStatus(id, 'drafted', clock.now())),
      settings: () => settings.review.autopilot,
      automation,
      scheduler,
      clock,
      logger: createMemoryLogger(),
      t: translator('en'),
      utcOffsetMinutes: () => 0,
      queued: (id) => queued.push(id),
      statusChanged: () => void statusEvents++
    })
  const draftRows = () => db.prisma.proposalDraft.findMany({ orderBy: { id: 'asc' }, include: { versions: true } })

  beforeEach(async () => {
    temp = makeTempDir()
    clock = new ManualClock(T0)
    settings = defaultSettings()
    settings.ai.baseUrl = server.fake.url
    settings.review.autopilot = { ...settings.review.autopilot, enabled: true, topN: 3, minScore: 80, time: '09:00' }
    secrets = new MemorySecretStore()
    await secrets.set('openai.apiKey', 'sk-test')
    scheduler = new ManualScheduler()
    automation = pauseSwitch()
    queued = []
    statusEvents = 0
    await open()
    await discovery.profile.update({ name: 'Olena', skills: ['React', 'TypeScript'], hourlyRate: 50 })
    const search = await discovery.searches.create({ name: 'React', filters: { query: 'react' } })
    jobIds = (await discovery.ingest.ingest(search.id, [1, 2, 3, 4, 5, 6, 7].map((i) => jobSummary(i)))).newJobIds
    // Known scores: 95, 90, 85, 82, 79, 60, 99 (the last one dismissed by the user).
    const scores = [95, 90, 85, 82, 79, 60, 99]
    for (const [i, id] of jobIds.entries()) await db.client.execute({ sql: `UPDATE "Job" SET "score" = ? WHERE "id" = ?`, args: [scores[i]!, id] })
    await discovery.jobs.setStatus(jobIds[6]!, 'dismissed', T0)
    server.fake.setDefaultReply(LETTER)
  })
  afterEach(async () => {
    await close()
    temp.cleanup()
  })

  it('at the set time drafts the top N above the minimum score with the AI and queues them; never approves; not again the same day', async () => {
    const autopilot = autopilotOn()
    autopilot.start()
    expect(scheduler.active).toBe(1) // the heartbeat; what runs when is decided against the clock
    await autopilot.tick() // 08:00: not yet
    expect(chatRequests()).toHaveLength(0)
    expect(await autopilot.status()).toMatchObject({ enabled: true, lastRun: null, nextRunAt: T0 + HOUR, preparedToday: 0 })

    clock.advance(HOUR) // 09:00
    await autopilot.tick()
    const rows = await draftRows()
    expect(rows.map((r) => r.jobId)).toEqual([jobIds[0], jobIds[1], jobIds[2]]) // 95, 90, 85: best first, dismissed 99 left out
    expect(rows.map((r) => r.status)).toEqual(['queued', 'queued', 'queued'])
    expect(rows.every((r) => r.versions.length === 1 && r.versions[0]!.source === 'AI' && r.versions[0]!.author === 'autopilot' && r.versions[0]!.text === LETTER)).toBe(true)
    expect(queued).toEqual(rows.map((r) => r.id))
    expect(chatRequests()).toHaveLength(3)
    expect(await db.prisma.outboxItem.count()).toBe(0)
    expect((await discovery.jobs.get(jobIds[0]!))?.status).toBe('drafted')
    const status = await autopilot.status()
    expect(status).toMatchObject({ preparedToday: 3, running: false, lastRun: { prepared: 3, stopReason: 'done', message: 'Autopilot prepared today’s drafts.' }, nextRunAt: T0 + 25 * HOUR })
    expect(statusEvents).toBeGreaterThan(0)

    clock.advance(5 * HOUR) // 14:00 the same day: already ran
    scheduler.tick()
    await autopilot.tick()
    expect(await db.prisma.proposalDraft.count()).toBe(3)
    expect(chatRequests()).toHaveLength(3)
    await autopilot.dispose()
    expect(scheduler.active).toBe(0)
  })

  it('the daily count survives a restart: a second run the same day prepares only what is left, then says the limit is reached', async () => {
    settings.review.autopilot.topN = 2
    const first = autopilotOn()
    await first.runNow()
    expect(await db.prisma.proposalDraft.count()).toBe(2)
    await first.dispose()
    await close()

    await open()
    settings.review.autopilot.topN = 3
    const again = autopilotOn()
    expect((await again.status()).preparedToday).toBe(2)
    await again.runNow()
    expect((await draftRows()).map((r) => r.jobId)).toEqual([jobIds[0], jobIds[1], jobIds[2]])
    await again.runNow()
    expect(await again.status()).toMatchObject({ preparedToday: 3, lastRun: { prepared: 0, stopReason: 'dailyLimit' } })
    expect(chatRequests()).toHaveLength(3)

    clock.advance(24 * HOUR) // the next day: a fresh allowance, the one match left above 80 (82)
    await again.runNow()
    expect((await draftRows()).map((r) => r.jobId)).toEqual([jobIds[0], jobIds[1], jobIds[2], jobIds[3]])
    expect(await again.status()).toMatchObject({ preparedToday: 1, lastRun: { prepared: 1, stopReason: 'noCandidates' } })
  })

  it('a budget refusal stops the run and says so in words; nothing is retried', async () => {
    settings.ai.dailyTokenBudget = 100_000
    server.fake.setScript([{ content: LETTER, usage: { prompt_tokens: 98_000, completion_tokens: 500 } }])
    const autopilot = autopilotOn()
    await autopilot.runNow()
    expect(chatRequests()).toHaveLength(1)
    const rows = await draftRows()
    expect(rows.map((r) => [r.jobId, r.status])).toEqual([[jobIds[0], 'queued']]) // the refused draft is not left behind empty
    const status = await autopilot.status()
    expect(status.lastRun).toMatchObject({ prepared: 1, stopReason: 'budget' })
    expect(status.lastRun?.message).toMatch(/AI token budget is used up/)

    clock.advance(2 * HOUR) // 10:00, after the set time: the schedule does not try again today (the budget is spent)
    await autopilot.tick()
    expect(chatRequests()).toHaveLength(1)
    expect(await db.prisma.autopilotRun.count()).toBe(1)
    expect((await autopilot.status()).nextRunAt).toBe(T0 + 25 * HOUR)
  })

  it('the hourly AI request limit stops the run in words; the schedule waits the hour out', async () => {
    settings.ai.hourlyRequestLimit = 1
    clock.advance(30 * 60_000) // a click at 08:30, before the daily 09:00
    const autopilot = autopilotOn()
    await autopilot.runNow()
    expect(chatRequests()).toHaveLength(1)
    const status = await autopilot.status()
    expect(status.lastRun).toMatchObject({ prepared: 1, stopReason: 'hourlyLimit' })
    expect(status.lastRun?.message).toMatch(/1/)
    expect(status.nextRunAt).toBe(T0 + 90 * 60_000) // 09:30, not 09:00
    clock.advance(30 * 60_000)
    await autopilot.tick()
    expect(await db.prisma.autopilotRun.count()).toBe(1)
    clock.advance(30 * 60_000)
    await autopilot.tick()
    expect(await db.prisma.autopilotRun.count()).toBe(2)
  })

  it('an unexpected failure ends the run with its reason (not a run left open)', async () => {
    const autopilot = autopilotOn()
    // A job gone between the candidate query and the draft: drafting refuses it.
    await db.client.execute({ sql: `CREATE TRIGGER "gone" BEFORE INSERT ON "ProposalDraft" BEGIN SELECT RAISE(ABORT, 'gone'); END` })
    await autopilot.runNow()
    expect(await autopilot.status()).toMatchObject({ running: false, lastRun: { stopReason: 'error', prepared: 0, message: expect.stringMatching(/log/), finishedAt: T0 } })
    await db.client.execute({ sql: `DROP TRIGGER "gone"` })
  })

  it('without an AI key: the default template, in the language in force, and no AI request', async () => {
    settings.ai.baseUrl = 'https://api.openai.com/v1'
    await secrets.delete('openai.apiKey')
    const autopilot = autopilotOn()
    await autopilot.runNow()
    const rows = await draftRows()
    expect(rows.map((r) => r.status)).toEqual(['queued', 'queued', 'queued'])
    const v = rows[0]!.versions[0]!
    expect(v).toMatchObject({ source: 'TEMPLATE', author: 'autopilot' })
    expect(v.text).toMatch(/^Hi there,\n\nI read your post “Build a React and TypeScript dashboard #1”/)
    expect(v.text).toContain('Olena')
    expect(v.text).not.toMatch(/\{\{/)
    expect(server.fake.requests).toHaveLength(0)
  })

  it('does not run while automation is paused (the schedule skips; a click says why)', async () => {
    automation.set(true)
    const autopilot = autopilotOn()
    clock.advance(2 * HOUR)
    await autopilot.tick()
    expect(await db.prisma.autopilotRun.count()).toBe(0)
    expect((await autopilot.status()).nextRunAt).toBeNull()
    await autopilot.runNow()
    expect(await autopilot.status()).toMatchObject({ paused: true, lastRun: { stopReason: 'paused', prepared: 0 } })
    expect(await db.prisma.proposalDraft.count()).toBe(0)

    automation.set(false)
    await autopilot.tick() // 10:00, after a paused "run" at 10:00: the clicked run counts as today's
    expect(chatRequests()).toHaveLength(0)
  })

  it('on an interval: every N hours from the last run', async () => {
    settings.review.autopilot = { ...settings.review.autopilot, schedule: 'interval', intervalHours: 4, topN: 10 }
    const autopilot = autopilotOn()
    await autopilot.tick()
    expect(await db.prisma.autopilotRun.count()).toBe(1)
    clock.advance(3 * HOUR)
    await autopilot.tick()
    expect(await db.prisma.autopilotRun.count()).toBe(1)
    clock.advance(HOUR)
    await autopilot.tick()
    expect(await db.prisma.autopilotRun.count()).toBe(2)
    expect((await autopilot.status()).lastRun).toMatchObject({ stopReason: 'noCandidates', prepared: 0 })
  })
})
