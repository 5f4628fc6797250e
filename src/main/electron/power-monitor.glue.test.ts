import { EventEmitter } from 'node:events'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { ManualScheduler } from '../scheduler/manual-scheduler'
import { ManualClock } from '../test-support/clocks'
import { PollingService } from '../discovery/polling/polling-service'
import type { SearchRunState } from '../discovery/polling/search-poller'
import { MemorySearchStore, MemorySink, savedSearch } from '../discovery/polling/test-helpers'

/** Only `electron` is replaced: powerMonitor is an EventEmitter the test drives, net.isOnline a switch. */
const powerMonitor = new EventEmitter()
let online = true
vi.mock('electron', () => ({ powerMonitor, net: { isOnline: () => online } }))

const { createElectronOnlineStatus, createElectronPowerMonitor } = await import('./power-monitor')

afterEach(() => {
  vi.useRealTimers()
  online = true
})

function service(extra: { online?: ReturnType<typeof createElectronOnlineStatus> } = {}) {
  const clock = new ManualClock(Date.parse('2026-12-01T09:00:00.000Z'))
  const scheduler = new ManualScheduler()
  const sink = new MemorySink()
  const store = new MemorySearchStore(sink, [savedSearch(1)])
  const runs: number[] = []
  const poller = {
    run: async (s: { id: number }, nextRunAt: number | null): Promise<SearchRunState> => {
      runs.push(clock.now())
      return { searchId: s.id, at: clock.now(), ok: true, fetched: 0, new: 0, filteredOut: 0, duplicates: 0, skipped: 0, pages: 1, stoppedBy: 'end', error: null, text: '', nextRunAt }
    },
    forget: () => undefined
  }
  const svc = new PollingService({ poller, store, scheduler, clock, power: createElectronPowerMonitor(), online: extra.online })
  return { svc, clock, scheduler, runs }
}

describe('Electron powerMonitor and net.isOnline behind the ports', () => {
  it('suspend pauses polling, resume runs one catch-up; listeners are removed on dispose', async () => {
    const t = service()
    t.svc.start()
    await t.svc.idle()
    expect(t.runs).toHaveLength(1)
    powerMonitor.emit('suspend')
    expect(t.svc.pausedReasons()).toEqual(['asleep'])
    for (let i = 0; i < 60; i++) {
      t.clock.advance(60_000)
      t.scheduler.tick()
      await t.svc.idle()
    }
    expect(t.runs).toHaveLength(1)
    powerMonitor.emit('resume')
    await t.svc.idle()
    expect(t.runs).toHaveLength(2)
    expect(powerMonitor.listenerCount('suspend')).toBe(1)
    await t.svc.dispose()
    expect(powerMonitor.listenerCount('suspend')).toBe(0)
    expect(powerMonitor.listenerCount('resume')).toBe(0)
  })

  it('net.isOnline() is polled: offline pauses, back online catches up once', async () => {
    vi.useFakeTimers()
    const status = createElectronOnlineStatus(10_000)
    const t = service({ online: status })
    t.svc.start()
    await t.svc.idle()
    expect(t.runs).toHaveLength(1)
    online = false
    vi.advanceTimersByTime(10_000)
    expect(t.svc.pausedReasons()).toEqual(['offline'])
    t.clock.advance(60 * 60_000)
    t.scheduler.tick()
    await t.svc.idle()
    expect(t.runs).toHaveLength(1)
    online = true
    vi.advanceTimersByTime(10_000)
    await t.svc.idle()
    expect(t.runs).toHaveLength(2)
    status.dispose?.()
    await t.svc.dispose()
  })
})
