import { searchFiltersSchema, type SavedSearchDto } from '@shared/discovery'
import type { PollingPauseReason } from '@shared/types'
import { PollingService, type PollingServiceDeps, type SearchRunState } from '../discovery/polling'
import type { SearchStore } from '../discovery/ports'

/** The one scheduled job's id inside the polling service. */
const SYNC_ID = 1

/** The polling service's switches and heartbeat, as job discovery's poller gets them (its own deps less the search parts). */
export type PollingParts = Omit<PollingServiceDeps, 'poller' | 'store'>

export interface SyncScheduleDeps {
  /** One sync; resolves when it is done (never rejects). */
  run: () => Promise<{ ok: boolean; nextRunAt?: number | null }>
  /** messaging.pollMinutes */
  pollMinutes: () => number
  /** Called with the listener to call when pollMinutes changes; returns the unsubscribe. */
  watchPollMinutes?: (listener: () => void) => () => void
  polling: PollingParts
}

/**
 * The message sync's schedule: job discovery's PollingService (the same jitter ±10–20 %, the same
 * pauses — offline, asleep, automation paused from the tray, Upwork not connected — one run at a
 * time, a run that fell due while paused runs once on resume), driving a single job whose interval
 * is `messaging.pollMinutes`. This adapts the sync to the service's SearchStore/poller ports so the
 * scheduling is reused, not copied.
 */
export class SyncSchedule {
  private readonly service: PollingService
  private nextRunAt: number | null = null
  private readonly changeListeners = new Set<(change: { kind: 'created' | 'updated' | 'deleted'; searchId: number }) => void>()
  private stopWatching: (() => void) | null = null

  constructor(private readonly deps: SyncScheduleDeps) {
    const entry = (): SavedSearchDto => ({
      id: SYNC_ID,
      name: 'messaging',
      filters: searchFiltersSchema.parse({}),
      intervalMinutes: Math.max(1, deps.pollMinutes()),
      paused: false,
      lastRunAt: null,
      lastResult: null,
      lastError: null,
      nextRunAt: this.nextRunAt,
      newCount: 0,
      createdAt: 0,
      updatedAt: 0
    })
    const store: SearchStore = {
      listActive: async () => [entry()],
      get: async (id) => (id === SYNC_ID ? entry() : null),
      recordRun: async (_id, run) => {
        this.nextRunAt = run.nextRunAt
      },
      setNextRun: async (_id, next) => {
        this.nextRunAt = next
      },
      knownUpworkIds: async () => new Set<string>(),
      onChange: (listener) => {
        this.changeListeners.add(listener)
        return () => void this.changeListeners.delete(listener)
      }
    }
    const poller = {
      run: async (_search: SavedSearchDto, plannedNext: number | null): Promise<SearchRunState> => {
        const at = deps.polling.clock.now()
        this.nextRunAt = plannedNext
        const r = await deps.run()
        const next = r.nextRunAt != null && plannedNext !== null && r.nextRunAt > plannedNext ? r.nextRunAt : plannedNext
        this.nextRunAt = next
        return { searchId: SYNC_ID, at, ok: r.ok, fetched: 0, new: 0, filteredOut: 0, duplicates: 0, skipped: 0, pages: 0, stoppedBy: r.ok ? 'end' : 'error', error: null, text: '', nextRunAt: next }
      },
      forget: () => undefined
    }
    this.service = new PollingService({ poller, store, ...deps.polling })
  }

  start(): void {
    this.service.start()
    this.stopWatching = this.deps.watchPollMinutes?.(() => {
      for (const l of this.changeListeners) l({ kind: 'updated', searchId: SYNC_ID })
    }) ?? null
  }

  /** When the next sync is planned (null before the first, or while none is). */
  next(): number | null {
    return this.pausedReasons().length > 0 ? null : this.nextRunAt
  }

  pausedReasons(): PollingPauseReason[] {
    return this.service.pausedReasons()
  }

  onPausedChange(listener: () => void): () => void {
    return this.service.events.on('pausedChanged', () => listener())
  }

  /** Settles when no scheduled sync is queued or running (tests, shutdown). */
  idle(): Promise<void> {
    return this.service.idle()
  }

  async dispose(): Promise<void> {
    this.stopWatching?.()
    await this.service.dispose()
  }
}
