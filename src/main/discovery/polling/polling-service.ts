import { DEFAULT_SEARCH_INTERVAL_MINUTES, type SavedSearchDto } from '@shared/discovery'
import type { PollingPauseReason } from '@shared/types'
import type { Clock } from '../../ports/clock'
import type { Logger } from '../../logging/logger'
import { alwaysOnline, nodePowerMonitor, type OnlineStatus, type PowerMonitor } from '../../ports/power-monitor'
import { TypedEmitter } from '../../core/typed-emitter'
import { jitteredDelay, type Scheduler } from '../../scheduler/scheduler'
import type { DiscoveryPoller, SearchStore } from '../ports'
import type { SearchPoller, SearchRunState } from './search-poller'

/** Why polling is paused (the app status's PollingPauseReason). */
export type PauseReason = PollingPauseReason

export interface PollingEvents extends Record<string, unknown> {
  /** After every run of a search. */
  searchRun: SearchRunState
  /** Paused/resumed (the reasons in force, empty when running). */
  pausedChanged: { paused: PauseReason[] }
}

export interface AutomationSwitch {
  isPaused(): boolean
  /** Returns the unsubscribe. */
  onChange(listener: (paused: boolean) => void): () => void
}

/** Whether Upwork is connected (signed in with working tokens): searches cannot run without it. */
export interface ConnectionSwitch {
  isConnected(): boolean
  /** Returns the unsubscribe. */
  onChange(listener: (connected: boolean) => void): () => void
}

export interface PollingServiceDeps {
  poller: Pick<SearchPoller, 'run' | 'forget'>
  store: SearchStore
  scheduler: Scheduler
  clock: Clock
  /** [0, 1); Math.random by default, seeded in tests. */
  random?: () => number
  automation?: AutomationSwitch
  /** Absent: always connected (as before; tests of scheduling alone). */
  connection?: ConnectionSwitch
  power?: PowerMonitor
  online?: OnlineStatus
  /** Also pause while the screen is locked (default: no, only while asleep). */
  pauseWhenLocked?: boolean
  /** How often due searches are checked (default 15 s). */
  heartbeatMs?: number
  logger?: Logger
}

interface Entry {
  search: SavedSearchDto
  nextRunAt: number
  running: boolean
  /** Heartbeats that found this search due while its previous run was still going. */
  skippedTicks: number
}

/**
 * Runs each active saved search on its own interval (default 5 min), jittered ±10–20 %, one run at
 * a time across all searches (so the API budget is shared in turn, never in a burst), never two runs
 * of one search at once (a due tick during a run is skipped and counted). Paused while offline,
 * asleep or paused from the tray/settings; on resume every search that fell due runs exactly once.
 * Each run's state goes to the SearchStore (by the poller) and out as `searchRun`.
 */
export class PollingService implements DiscoveryPoller {
  readonly events = new TypedEmitter<PollingEvents>()
  private readonly entries = new Map<number, Entry>()
  private readonly random: () => number
  private readonly unsubscribe: Array<() => void> = []
  private stopHeartbeat: (() => void) | null = null
  private asleep = false
  private locked = false
  private queue: number[] = []
  private draining: Promise<void> | null = null
  private loading: Promise<void> | null = null
  /** Search changes are applied in order; idle() waits for them too. */
  private changing: Promise<void> | null = null
  private disposed = false
  private lastPaused: PauseReason[] = []

  constructor(private readonly deps: PollingServiceDeps) {
    this.random = deps.random ?? Math.random
  }

  start(): void {
    if (this.stopHeartbeat || this.disposed) return
    const { power = nodePowerMonitor, online = alwaysOnline, automation } = this.deps
    this.unsubscribe.push(
      power.on('suspend', () => this.setAsleep(true)),
      power.on('resume', () => this.setAsleep(false)),
      power.on('lock-screen', () => this.setLocked(true)),
      power.on('unlock-screen', () => this.setLocked(false)),
      online.onChange(() => this.pausedMaybeChanged()),
      this.deps.store.onChange((c) => this.queueChange(c.kind, c.searchId))
    )
    if (automation) this.unsubscribe.push(automation.onChange(() => this.pausedMaybeChanged()))
    if (this.deps.connection) this.unsubscribe.push(this.deps.connection.onChange(() => this.pausedMaybeChanged()))
    this.lastPaused = this.pausedReasons()
    this.stopHeartbeat = this.deps.scheduler.every(this.deps.heartbeatMs ?? 15_000, () => this.tick())
    this.loading = this.reload().finally(() => {
      this.loading = null
      this.tick()
    })
  }

  /** Settles when the searches are loaded and every queued run is done (for tests and shutdown). */
  async idle(): Promise<void> {
    for (;;) {
      const waiting = this.loading ?? this.changing ?? this.draining
      if (!waiting) return
      await waiting
    }
  }

  async runNow(searchId: number): Promise<void> {
    await this.loading
    const entry = this.entries.get(searchId)
    if (!entry) return
    entry.nextRunAt = this.deps.clock.now()
    this.enqueue(entry)
    await this.idle()
  }

  /** Why polling is paused now (empty: running). */
  pausedReasons(): PauseReason[] {
    const reasons: PauseReason[] = []
    if (this.deps.automation?.isPaused()) reasons.push('automation')
    if (this.asleep || (this.locked && this.deps.pauseWhenLocked)) reasons.push('asleep')
    if (!(this.deps.online ?? alwaysOnline).isOnline()) reasons.push('offline')
    if (this.deps.connection && !this.deps.connection.isConnected()) reasons.push('notConnected')
    return reasons
  }

  /** The searches as scheduled: next run, running, skipped ticks. */
  schedule(): Array<{ searchId: number; nextRunAt: number; running: boolean; skippedTicks: number }> {
    return [...this.entries.values()].map((e) => ({ searchId: e.search.id, nextRunAt: e.nextRunAt, running: e.running, skippedTicks: e.skippedTicks }))
  }

  async dispose(): Promise<void> {
    this.disposed = true
    this.stopHeartbeat?.()
    this.stopHeartbeat = null
    for (const u of this.unsubscribe.splice(0)) u()
    this.queue = []
    await this.idle().catch(() => undefined)
  }

  /** One heartbeat: queue every due search (skipped while paused). */
  tick(): void {
    if (this.disposed || this.loading || this.pausedReasons().length > 0) return
    const now = this.deps.clock.now()
    for (const entry of this.entries.values()) {
      if (entry.nextRunAt > now) continue
      if (entry.running || this.queue.includes(entry.search.id)) {
        entry.skippedTicks++
        continue
      }
      this.enqueue(entry)
    }
  }

  private enqueue(entry: Entry): void {
    if (entry.running || this.queue.includes(entry.search.id)) {
      entry.skippedTicks++
      return
    }
    this.queue.push(entry.search.id)
    if (!this.draining) {
      this.draining = this.drain().finally(() => {
        this.draining = null
      })
    }
  }

  private async drain(): Promise<void> {
    for (;;) {
      const id = this.queue.shift()
      if (id === undefined) return
      if (this.disposed || this.pausedReasons().length > 0) {
        this.queue = []
        return
      }
      const entry = this.entries.get(id)
      if (!entry) continue
      entry.running = true
      const startedAt = this.deps.clock.now()
      // The next run is planned from this run's start, so a slow run does not drift the schedule.
      entry.nextRunAt = startedAt + jitteredDelay(intervalMs(entry.search), this.random)
      try {
        const state = await this.deps.poller.run(entry.search, entry.nextRunAt)
        if (state.nextRunAt !== null && state.nextRunAt > entry.nextRunAt) entry.nextRunAt = state.nextRunAt
        this.events.emit('searchRun', state)
      } catch (e) {
        this.deps.logger?.error('A search run threw', { searchId: id, error: String(e) })
      } finally {
        entry.running = false
      }
    }
  }

  private async reload(): Promise<void> {
    let searches: SavedSearchDto[]
    try {
      searches = await this.deps.store.listActive()
    } catch (e) {
      this.deps.logger?.error('Could not load the saved searches', { error: String(e) })
      return
    }
    const now = this.deps.clock.now()
    const ids = new Set(searches.map((s) => s.id))
    for (const id of [...this.entries.keys()]) if (!ids.has(id)) this.entries.delete(id)
    for (const s of searches) {
      const existing = this.entries.get(s.id)
      if (existing) existing.search = s
      // A planned run from before a restart is kept; one that passed runs once, now.
      else this.entries.set(s.id, { search: s, nextRunAt: s.nextRunAt !== null && s.nextRunAt > now ? s.nextRunAt : now, running: false, skippedTicks: 0 })
    }
  }

  private queueChange(kind: 'created' | 'updated' | 'deleted', searchId: number): void {
    const next: Promise<void> = (this.changing ?? Promise.resolve())
      .then(() => this.onSearchChange(kind, searchId))
      .catch((e: unknown) => this.deps.logger?.error('Could not apply a search change', { searchId, error: String(e) }))
      .finally(() => {
        if (this.changing === next) this.changing = null
      })
    this.changing = next
  }

  private async onSearchChange(kind: 'created' | 'updated' | 'deleted', searchId: number): Promise<void> {
    if (this.disposed) return
    if (kind === 'deleted') {
      this.entries.delete(searchId)
      this.deps.poller.forget(searchId)
      return
    }
    const search = await this.deps.store.get(searchId).catch(() => null)
    if (!search || search.paused) {
      this.entries.delete(searchId)
      await this.deps.store.setNextRun(searchId, null).catch(() => undefined)
      return
    }
    const existing = this.entries.get(searchId)
    const now = this.deps.clock.now()
    if (existing) {
      existing.search = search
      // Edited: run with the new filters now (once), the interval follows from there.
      existing.nextRunAt = now
    } else {
      this.entries.set(searchId, { search, nextRunAt: now, running: false, skippedTicks: 0 })
    }
    this.tick()
  }

  private setAsleep(asleep: boolean): void {
    this.asleep = asleep
    this.pausedMaybeChanged()
  }

  private setLocked(locked: boolean): void {
    this.locked = locked
    this.pausedMaybeChanged()
  }

  private pausedMaybeChanged(): void {
    const paused = this.pausedReasons()
    const was = this.lastPaused
    this.lastPaused = paused
    if (paused.join() === was.join()) return
    this.events.emit('pausedChanged', { paused })
    // Resumed: each search whose run fell due while paused runs once (one next-run time per search,
    // however many intervals passed), in turn.
    if (paused.length === 0 && was.length > 0) this.tick()
  }
}

function intervalMs(s: SavedSearchDto): number {
  const minutes = s.intervalMinutes > 0 ? s.intervalMinutes : DEFAULT_SEARCH_INTERVAL_MINUTES
  return minutes * 60_000
}
