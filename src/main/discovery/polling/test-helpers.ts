import { searchFiltersSchema, type SavedSearchDto, type SearchFiltersInput } from '@shared/discovery'
import type { JobSummary } from '../../upwork/types'
import type { IngestResult, JobSink, SearchRunRecord, SearchStore } from '../ports'

/** Test doubles of discovery's ports, in memory (tests only; the real ones are in discovery/). */

export function savedSearch(id: number, filters: SearchFiltersInput = {}, extra: Partial<SavedSearchDto> = {}): SavedSearchDto {
  return {
    id,
    name: `Search ${id}`,
    filters: searchFiltersSchema.parse(filters),
    intervalMinutes: 5,
    paused: false,
    lastRunAt: null,
    lastResult: null,
    lastError: null,
    nextRunAt: null,
    newCount: 0,
    createdAt: 0,
    updatedAt: 0,
    ...extra
  }
}

/** Dedupes by Upwork id across calls and within one call, like discovery's ingest. */
export class MemorySink implements JobSink {
  readonly jobs = new Map<string, JobSummary>()
  readonly hits = new Map<number, Set<string>>()
  readonly calls: Array<{ searchId: number; ids: string[] }> = []

  async ingest(searchId: number, jobs: readonly JobSummary[]): Promise<IngestResult> {
    this.calls.push({ searchId, ids: jobs.map((j) => j.id) })
    const seenNow = new Set<string>()
    const result: IngestResult = { stored: 0, newUpworkIds: [], newJobIds: [], updated: 0, duplicates: 0, skipped: 0, notified: 0 }
    let hits = this.hits.get(searchId)
    if (!hits) this.hits.set(searchId, (hits = new Set()))
    for (const job of jobs) {
      if (seenNow.has(job.id)) {
        result.duplicates++
        continue
      }
      seenNow.add(job.id)
      if (this.jobs.has(job.id)) result.updated++
      else {
        result.newUpworkIds.push(job.id)
        result.newJobIds.push(this.jobs.size + 1)
      }
      this.jobs.set(job.id, job)
      hits.add(job.id)
      result.stored++
    }
    return result
  }
}

export class MemorySearchStore implements SearchStore {
  readonly searches = new Map<number, SavedSearchDto>()
  readonly runs: Array<{ searchId: number } & SearchRunRecord> = []
  readonly nextRuns: Array<{ searchId: number; nextRunAt: number | null }> = []
  private readonly listeners = new Set<(c: { kind: 'created' | 'updated' | 'deleted'; searchId: number }) => void>()

  constructor(private readonly sink: MemorySink, searches: SavedSearchDto[] = []) {
    for (const s of searches) this.searches.set(s.id, s)
  }

  async listActive(): Promise<SavedSearchDto[]> {
    return [...this.searches.values()].filter((s) => !s.paused)
  }
  async get(id: number): Promise<SavedSearchDto | null> {
    return this.searches.get(id) ?? null
  }
  async recordRun(searchId: number, run: SearchRunRecord): Promise<void> {
    this.runs.push({ searchId, ...run })
    const s = this.searches.get(searchId)
    if (s) this.searches.set(searchId, { ...s, lastRunAt: run.at, lastResult: run.result, lastError: run.result.ok ? null : (run.result.error ?? null), nextRunAt: run.nextRunAt })
  }
  async setNextRun(searchId: number, nextRunAt: number | null): Promise<void> {
    this.nextRuns.push({ searchId, nextRunAt })
  }
  async knownUpworkIds(searchId: number, upworkIds: readonly string[]): Promise<Set<string>> {
    const hits = this.sink.hits.get(searchId) ?? new Set()
    return new Set(upworkIds.filter((id) => hits.has(id)))
  }
  onChange(listener: (change: { kind: 'created' | 'updated' | 'deleted'; searchId: number }) => void): () => void {
    this.listeners.add(listener)
    return () => void this.listeners.delete(listener)
  }
  change(kind: 'created' | 'updated' | 'deleted', search: SavedSearchDto | number): void {
    const id = typeof search === 'number' ? search : search.id
    if (typeof search !== 'number') this.searches.set(id, search)
    if (kind === 'deleted') this.searches.delete(id)
    for (const l of [...this.listeners]) l({ kind, searchId: id })
  }
  runsOf(searchId: number): Array<{ searchId: number } & SearchRunRecord> {
    return this.runs.filter((r) => r.searchId === searchId)
  }
}
