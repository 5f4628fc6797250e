import { describe, expect, it } from 'vitest'
import type { SavedSearchDto } from '@shared/discovery'
import { ManualClock } from '../../test-support/clocks'
import { deferred, type Deferred } from '../../test-support/deferred'
import { ManualOnlineStatus, ManualPowerMonitor } from '../../ports/power-monitor'
import { ManualScheduler } from '../../scheduler/manual-scheduler'
import { seededRandom } from '../../scheduler/scheduler'
import { connectionSwitch } from '.'
import { PollingService, type AutomationSwitch, type ConnectionSwitch } from './polling-service'
import type { SearchRunState } from './search-poller'
import { MemorySearchStore, MemorySink, savedSearch } from './test-helpers'

const MIN = 60_000

class ManualAutomation implements AutomationSwitch {
  private readonly listeners = new Set<(p: boolean) => void>()
  constructor(private paused = false) {}
  isPaused(): boolean {
    return this.paused
  }
  onChange(l: (p: boolean) => void): () => void {
    this.listeners.add(l)
    return () => void this.listeners.delete(l)
  }
  set(p: boolean): void {
    this.paused = p
    for (const l of this.listeners) l(p)
  }
}

/** Upwork signed in or not, switched by the test. */
class ManualConnection implements ConnectionSwitch {
  private readonly listeners = new Set<(c: boolean) => void>()
  constructor(private connected = true) {}
  isConnected(): boolean {
    return this.connected
  }
  onChange(l: (c: boolean) => void): () => void {
    this.listeners.add(l)
    return () => void this.listeners.delete(l)
  }
  set(c: boolean): void {
    this.connected = c
    for (const l of this.listeners) l(c)
  }
}

/** A poller whose runs are recorded and, when `hold` is set, stay in flight until released. */
class ScriptedPoller {
  readonly runs: Array<{ searchId: number; at: number; nextRunAt: number | null }> = []
  hold = false
  readonly pending: Array<Deferred<void>> = []
  fail = new Set<number>()
  constructor(private readonly clock: ManualClock) {}
  async run(search: SavedSearchDto, nextRunAt: number | null): Promise<SearchRunState> {
    this.runs.push({ searchId: search.id, at: this.clock.now(), nextRunAt })
    if (this.hold) {
      const d = deferred()
      this.pending.push(d)
      await d.promise
    }
    if (this.fail.has(search.id)) throw new Error('boom')
    return {
      searchId: search.id, at: this.clock.now(), ok: true, fetched: 0, new: 0, filteredOut: 0, duplicates: 0, skipped: 0, pages: 1,
      stoppedBy: 'end', error: null, text: '0 new of 0 fetched, 0 filtered locally', nextRunAt
    }
  }
  forget(): void {}
  countOf(id: number): number {
    return this.runs.filter((r) => r.searchId === id).length
  }
}

function setup(searches: SavedSearchDto[], options: { paused?: boolean; online?: boolean; connected?: boolean } = {}) {
  const clock = new ManualClock(Date.parse('2026-12-01T09:00:00.000Z'))
  const scheduler = new ManualScheduler()
  const sink = new MemorySink()
  const store = new MemorySearchStore(sink, searches)
  const poller = new ScriptedPoller(clock)
  const power = new ManualPowerMonitor()
  const online = new ManualOnlineStatus(options.online ?? true)
  const automation = new ManualAutomation(options.paused ?? false)
  const connection = new ManualConnection(options.connected ?? true)
  const service = new PollingService({ poller, store, scheduler, clock, random: seededRandom(1), power, online, automation, connection })
  const states: SearchRunState[] = []
  service.events.on('searchRun', (s) => void states.push(s))
  /** Moves time and gives the heartbeat one tick, then waits for the queued runs. */
  const step = async (ms: number) => {
    clock.advance(ms)
    scheduler.tick()
    await service.idle()
  }
  return { clock, scheduler, store, poller, power, online, automation, connection, service, states, step }
}

describe('PollingService (manual clock and scheduler)', () => {
  it('runs each search at start, then on its own jittered interval', async () => {
    const t = setup([savedSearch(1), savedSearch(2, {}, { intervalMinutes: 10 })])
    t.service.start()
    await t.service.idle()
    expect(t.poller.runs.map((r) => r.searchId)).toEqual([1, 2])
    const start = t.clock.now()
    const next1 = t.poller.runs[0]!.nextRunAt!
    const next2 = t.poller.runs[1]!.nextRunAt!
    // ±10–20 % of 5 and 10 minutes.
    expect(Math.abs(next1 - start - 5 * MIN)).toBeGreaterThanOrEqual(0.1 * 5 * MIN)
    expect(Math.abs(next1 - start - 5 * MIN)).toBeLessThanOrEqual(0.2 * 5 * MIN)
    expect(Math.abs(next2 - start - 10 * MIN)).toBeGreaterThanOrEqual(0.1 * 10 * MIN)
    expect(Math.abs(next2 - start - 10 * MIN)).toBeLessThanOrEqual(0.2 * 10 * MIN)
    expect(t.states.map((s) => s.text)).toEqual(['0 new of 0 fetched, 0 filtered locally', '0 new of 0 fetched, 0 filtered locally'])

    // A tick before the next run time does nothing.
    await t.step(next1 - start - 1_000)
    expect(t.poller.countOf(1)).toBe(1)
    await t.step(1_000)
    expect(t.poller.countOf(1)).toBe(2)
    expect(t.poller.countOf(2)).toBe(next2 <= t.clock.now() ? 2 : 1)
    // Over an hour, search 1 runs about 12 times (every 4–6 min), search 2 about 6.
    for (let i = 0; i < 60; i++) await t.step(MIN)
    expect(t.poller.countOf(1)).toBeGreaterThanOrEqual(10)
    expect(t.poller.countOf(1)).toBeLessThanOrEqual(16)
    expect(t.poller.countOf(2)).toBeGreaterThanOrEqual(5)
    expect(t.poller.countOf(2)).toBeLessThanOrEqual(8)
    await t.service.dispose()
    expect(t.scheduler.active).toBe(0)
  })

  it('never overlaps a search: a tick during a slow run is skipped and counted; runs are serialised', async () => {
    const t = setup([savedSearch(1), savedSearch(2)])
    t.poller.hold = true
    t.service.start()
    await vi_waitFor(() => t.poller.runs.length === 1)
    // Search 1 is slow: 30 minutes of ticks pass while it runs.
    for (let i = 0; i < 30; i++) {
      t.clock.advance(MIN)
      t.scheduler.tick()
    }
    await Promise.resolve()
    expect(t.poller.runs.map((r) => r.searchId)).toEqual([1]) // search 2 waits its turn, 1 does not start again
    const skipped = t.service.schedule().find((s) => s.searchId === 1)!.skippedTicks
    expect(skipped).toBeGreaterThan(20)
    t.poller.hold = false
    t.poller.pending.shift()!.resolve()
    await t.service.idle()
    expect(t.poller.runs.map((r) => r.searchId)).toEqual([1, 2])
    await t.service.dispose()
  })

  it('one failing search does not stop the others', async () => {
    const t = setup([savedSearch(1), savedSearch(2)])
    t.poller.fail.add(1)
    t.service.start()
    await t.service.idle()
    expect(t.poller.runs.map((r) => r.searchId)).toEqual([1, 2])
    expect(t.states.map((s) => s.searchId)).toEqual([2])
    await t.service.dispose()
  })

  for (const [name, pause, resume] of [
    ['asleep', (t: ReturnType<typeof setup>) => t.power.emit('suspend'), (t: ReturnType<typeof setup>) => t.power.emit('resume')],
    ['offline', (t: ReturnType<typeof setup>) => t.online.set(false), (t: ReturnType<typeof setup>) => t.online.set(true)],
    ['paused from the tray', (t: ReturnType<typeof setup>) => t.automation.set(true), (t: ReturnType<typeof setup>) => t.automation.set(false)],
    ['not connected', (t: ReturnType<typeof setup>) => t.connection.set(false), (t: ReturnType<typeof setup>) => t.connection.set(true)]
  ] as const) {
    it(`${name}: no runs while paused, exactly one catch-up per search on resume`, async () => {
      const t = setup([savedSearch(1), savedSearch(2), savedSearch(3, {}, { intervalMinutes: 120 })])
      const paused: string[][] = []
      t.service.events.on('pausedChanged', (p) => void paused.push(p.paused))
      t.service.start()
      await t.service.idle()
      expect(t.poller.runs).toHaveLength(3)
      pause(t)
      expect(t.service.pausedReasons()).toHaveLength(1)
      // Two hours of heartbeats: 24 missed 5-minute runs each.
      for (let i = 0; i < 120; i++) await t.step(MIN)
      expect(t.poller.runs).toHaveLength(3)
      resume(t)
      await t.service.idle()
      // 1 and 2 missed runs: one catch-up each. 3 (every 2 h ±20 %) was maybe due: at most one.
      expect(t.poller.countOf(1)).toBe(2)
      expect(t.poller.countOf(2)).toBe(2)
      expect(t.poller.countOf(3)).toBeLessThanOrEqual(2)
      // The next heartbeats do not run them again until their interval passes.
      await t.step(MIN)
      await t.step(MIN)
      expect(t.poller.countOf(1)).toBe(2)
      const reason = { asleep: 'asleep', offline: 'offline', 'paused from the tray': 'automation', 'not connected': 'notConnected' }[name]
      expect(paused).toEqual([[reason], []])
      await t.service.dispose()
    })
  }

  it('starting while paused runs nothing until unpaused', async () => {
    const t = setup([savedSearch(1)], { paused: true })
    t.service.start()
    await t.service.idle()
    for (let i = 0; i < 10; i++) await t.step(MIN)
    expect(t.poller.runs).toHaveLength(0)
    t.automation.set(false)
    await t.service.idle()
    expect(t.poller.runs).toHaveLength(1)
    await t.service.dispose()
  })

  it('starting without an Upwork connection runs nothing (no failing run per search) until it is connected', async () => {
    const t = setup([savedSearch(1), savedSearch(2)], { connected: false })
    t.service.start()
    await t.service.idle()
    expect(t.service.pausedReasons()).toEqual(['notConnected'])
    await t.service.runNow(1)
    for (let i = 0; i < 10; i++) await t.step(MIN)
    expect(t.poller.runs).toHaveLength(0)
    t.connection.set(true)
    await t.service.idle()
    expect(t.poller.runs.map((r) => r.searchId).sort()).toEqual([1, 2])
    await t.service.dispose()
  })

  it('connectionSwitch: connected only in the state connected, following accountChanged', async () => {
    const listeners = new Set<(a: { state: string }) => void>()
    const connection = {
      getAccount: async () => ({ state: 'disconnected' }),
      events: { on: (_e: 'accountChanged', l: (a: { state: string }) => void) => (listeners.add(l), () => void listeners.delete(l)) }
    }
    const sw = await connectionSwitch(connection)
    const seen: boolean[] = []
    sw.onChange((c) => void seen.push(c))
    expect(sw.isConnected()).toBe(false)
    for (const state of ['connecting', 'connected', 'connected', 'reconnect_needed', 'not_configured']) for (const l of listeners) l({ state })
    expect(seen).toEqual([true, false])
    sw.dispose()
    expect(listeners.size).toBe(0)
  })

  it('a new or edited search runs at once; a paused or deleted one stops', async () => {
    const t = setup([savedSearch(1)])
    t.service.start()
    await t.service.idle()
    t.store.change('created', savedSearch(2))
    await vi_waitFor(() => t.poller.countOf(2) === 1)
    await t.service.idle()
    t.store.change('updated', savedSearch(1, { query: 'react' }))
    await vi_waitFor(() => t.poller.countOf(1) === 2)
    await t.service.idle()
    t.store.change('updated', savedSearch(2, {}, { paused: true }))
    t.store.change('deleted', 1)
    await vi_waitFor(() => t.store.nextRuns.some((n) => n.searchId === 2 && n.nextRunAt === null))
    for (let i = 0; i < 30; i++) await t.step(MIN)
    expect(t.poller.countOf(1)).toBe(2)
    expect(t.poller.countOf(2)).toBe(1)
    await t.service.dispose()
  })
})

async function vi_waitFor(check: () => boolean): Promise<void> {
  const { vi } = await import('vitest')
  await vi.waitFor(() => {
    if (!check()) throw new Error('not yet')
  })
}
