import { afterEach, describe, expect, it } from 'vitest'
import { useFakeUpwork } from '../../test-support/fake-upwork'
import { createHarness, connectWithFakeKey, type Harness } from '../../upwork/test-support/connection-harness'
import { ManualOnlineStatus, ManualPowerMonitor } from '../../ports/power-monitor'
import { ManualScheduler } from '../../scheduler/manual-scheduler'
import { seededRandom } from '../../scheduler/scheduler'
import { PollingService, type AutomationSwitch } from './polling-service'
import { SearchPoller, type SearchRunState } from './search-poller'
import { MemorySearchStore, MemorySink, savedSearch } from './test-helpers'

/** The scheduler, the poller and the real client stack against the fake Upwork over HTTP. */

const upwork = useFakeUpwork({ autoApprove: true })
const harnesses: Harness[] = []
const services: PollingService[] = []
afterEach(async () => {
  await Promise.all(services.splice(0).map((s) => s.dispose()))
  await Promise.all(harnesses.splice(0).map((h) => h.cleanup()))
})

class Switch implements AutomationSwitch {
  private readonly listeners = new Set<(p: boolean) => void>()
  paused = false
  isPaused = (): boolean => this.paused
  onChange(l: (p: boolean) => void): () => void {
    this.listeners.add(l)
    return () => void this.listeners.delete(l)
  }
  set(p: boolean): void {
    this.paused = p
    for (const l of this.listeners) l(p)
  }
}

async function setup() {
  const h = await createHarness(upwork.fake)
  harnesses.push(h)
  await connectWithFakeKey(h)
  upwork.fake.clearRequests()
  const sink = new MemorySink()
  const store = new MemorySearchStore(sink, [savedSearch(1, { allTerms: ['react'] }), savedSearch(2), savedSearch(3, { anyTerms: ['python', 'django'] })])
  const poller = new SearchPoller({ reads: h.connection.operations, sink, store, clock: h.clock, pageCap: 2 })
  const scheduler = new ManualScheduler()
  const power = new ManualPowerMonitor()
  const online = new ManualOnlineStatus(true)
  const automation = new Switch()
  const service = new PollingService({ poller, store, scheduler, clock: h.clock, random: seededRandom(3), power, online, automation })
  services.push(service)
  const states: SearchRunState[] = []
  service.events.on('searchRun', (s) => void states.push(s))
  const searchRequests = () => upwork.fake.requests.filter((r) => r.path === '/graphql' && r.operationName === 'SearchJobs')
  /** Moves time (the harness clock is real time plus an offset) and gives one heartbeat. */
  const step = async (ms: number) => {
    h.clock.offset += ms
    scheduler.tick()
    await service.idle()
  }
  return { h, sink, store, service, states, power, online, automation, searchRequests, step }
}

describe('polling against the fake Upwork', () => {
  it('a search the API rejects records a plain error, and the other searches still run', async () => {
    const t = await setup()
    upwork.fake.faults.next({ kind: 'scopeError' }, { operation: 'SearchJobs' })
    t.service.start()
    await t.service.idle()
    expect(t.states.map((s) => [s.searchId, s.ok])).toEqual([[1, false], [2, true], [3, true]])
    expect(t.states[0]!.text).toMatch(/^The API rejected the search\. Upwork said: “/)
    expect(t.store.runsOf(1)[0]!.result).toMatchObject({ ok: false, error: t.states[0]!.text })
    expect(t.states[1]!.new).toBeGreaterThan(0)
    expect(t.store.runsOf(2)[0]!.result.error).toBeNull()
    // Every run has its next run time recorded ("never a silent zero").
    for (const r of t.store.runs) expect(r.nextRunAt).toBeGreaterThan(r.at)
  })

  it('workload is filtered locally (never sent as workload_eq, which returns nothing): only the chosen workloads are stored', async () => {
    const h = await createHarness(upwork.fake)
    harnesses.push(h)
    await connectWithFakeKey(h)
    upwork.fake.clearRequests()
    const all = new MemorySink()
    const part = new MemorySink()
    const runOnce = async (sink: MemorySink, filters: Parameters<typeof savedSearch>[1]) => {
      const store = new MemorySearchStore(sink, [savedSearch(1, filters)])
      await new SearchPoller({ reads: h.connection.operations, sink, store, clock: h.clock, pageCap: 3 }).run((await store.get(1))!, null)
      return store.runsOf(1)[0]!.result
    }
    await runOnce(all, {})
    const result = await runOnce(part, { workload: ['Less than 30 hrs/week'] })
    const engagements = (sink: MemorySink) => [...sink.jobs.values()].map((j) => j.engagement)
    // The fake's jobs have all three workloads; the filtered search keeps the part-time ones and those that do not say.
    expect([...new Set(engagements(all))]).toEqual(expect.arrayContaining(['Less than 30 hrs/week', '30+ hrs/week']))
    expect(engagements(part).length).toBeGreaterThan(0)
    expect(engagements(part).every((e) => e === 'Less than 30 hrs/week' || e === null)).toBe(true)
    expect(result.filteredOut).toBe(engagements(all).filter((e) => e !== null && e !== 'Less than 30 hrs/week').length)
    const searches = upwork.fake.requests.filter((r) => r.operationName === 'SearchJobs')
    expect(searches.length).toBeGreaterThan(0)
    for (const r of searches) expect(JSON.stringify(r.variables)).not.toContain('workload')
  })

  for (const [name, pause, resume] of [
    ['asleep', (t: Awaited<ReturnType<typeof setup>>) => t.power.emit('suspend'), (t: Awaited<ReturnType<typeof setup>>) => t.power.emit('resume')],
    ['offline', (t: Awaited<ReturnType<typeof setup>>) => t.online.set(false), (t: Awaited<ReturnType<typeof setup>>) => t.online.set(true)],
    ['paused from the tray', (t: Awaited<ReturnType<typeof setup>>) => t.automation.set(true), (t: Awaited<ReturnType<typeof setup>>) => t.automation.set(false)]
  ] as const) {
    it(`${name}: no requests reach Upwork; on resume one catch-up run per search`, async () => {
      const t = await setup()
      t.service.start()
      await t.service.idle()
      expect(t.states).toHaveLength(3)
      pause(t)
      upwork.fake.clearRequests()
      for (let i = 0; i < 90; i++) await t.step(60_000) // 90 minutes of heartbeats
      expect(upwork.fake.requests).toEqual([])
      resume(t)
      await t.service.idle()
      // One request per search: page 1 of each reaches jobs the first run stored.
      expect(t.searchRequests()).toHaveLength(3)
      expect(t.states.slice(3).map((s) => [s.searchId, s.stoppedBy])).toEqual([[1, 'seen'], [2, 'seen'], [3, 'seen']])
      await t.step(60_000)
      expect(t.searchRequests()).toHaveLength(3)
    })
  }
})
