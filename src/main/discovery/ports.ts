import type { JobSummary } from '../upwork/types'
import type { SavedSearchDto, SearchRunResult } from '@shared/discovery'
import type { PollingPauseReason } from '@shared/types'

/**
 * What the discovery module offers the poller (src/main/discovery/polling/). The poller fetches
 * pages, applies the local filters, and hands the jobs to `JobSink.ingest`; it reads the searches
 * and records each run through `SearchStore`. Both are implemented in discovery/ (ingest.ts,
 * search-store.ts) and passed to the poller by the module.
 */

export interface IngestResult {
  /** Jobs stored (inserted or refreshed) after dedupe. */
  stored: number
  /** Upwork ids new to the database (first seen in this call). */
  newUpworkIds: string[]
  /** Database ids of the new jobs, same order as newUpworkIds. */
  newJobIds: number[]
  /** Jobs seen before (refreshed: newest snapshot kept). */
  updated: number
  /** Duplicates of another job in the same input (the newest snapshot was kept). */
  duplicates: number
  /** Jobs dropped as unusable (no id or ciphertext); never fatal to the batch. */
  skipped: number
  /** Jobs that reached the user's notification threshold and were notified in this call. */
  notified: number
}

export interface JobSink {
  /** Stores one page (or several) of a search's jobs: dedupe, first-seen, hit, score, notify. Never throws for bad jobs. */
  ingest(searchId: number, jobs: readonly JobSummary[]): Promise<IngestResult>
}

export interface SearchRunRecord {
  /** When the run started (epoch ms). */
  at: number
  result: SearchRunResult
  /** When the poller plans the next run (epoch ms), or null when none is planned (paused). */
  nextRunAt: number | null
}

export interface SearchStore {
  /** Searches that are not paused, oldest first. */
  listActive(): Promise<SavedSearchDto[]>
  get(id: number): Promise<SavedSearchDto | null>
  /** Records a run's outcome ("never a silent zero"); emits discovery:searchStatus. */
  recordRun(searchId: number, run: SearchRunRecord): Promise<void>
  /** Records the next planned run alone (e.g. after a jittered reschedule). */
  setNextRun(searchId: number, nextRunAt: number | null): Promise<void>
  /** Upwork ids of this search's jobs already stored (so the poller can stop paging at seen jobs). */
  knownUpworkIds(searchId: number, upworkIds: readonly string[]): Promise<Set<string>>
  /** Called when searches are created, updated, paused or deleted: the poller reschedules. Returns the unsubscribe. */
  onChange(listener: (change: { kind: 'created' | 'updated' | 'deleted'; searchId: number }) => void): () => void
}

/** What the poller hands back to the module (start/stop with the app, pause from the tray). */
export interface DiscoveryPoller {
  start(): void
  /** Run one search now (e.g. after creating it). */
  runNow?(searchId: number): Promise<void>
  dispose(): Promise<void> | void
  /** Why polling is paused now (empty: running), for the app status. */
  pausedReasons?(): PollingPauseReason[]
  /** Called when those reasons change; returns the unsubscribe. */
  onPausedChange?(listener: () => void): () => void
}
