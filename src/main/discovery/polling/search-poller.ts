import { isUserText, renderText, translator, type MessageKey, type Translate, type Vars } from '@shared/i18n'
import type { SavedSearchDto, SearchRunResult } from '@shared/discovery'
import type { Clock } from '../../ports/clock'
import type { Logger } from '../../logging/logger'
import { isUpworkError } from '../../upwork/errors'
import { searchJobs, type OperationContext } from '../../upwork/operations'
import type { JobSearchFilters, JobSearchPage, JobSummary } from '../../upwork/types'
import type { JobSink, SearchStore } from '../ports'
import { applyLocalFilters } from './local-filters'
import { toUpworkSearch } from './search-input'

/** Pages fetched per run at most (≈10 jobs each on live Upwork): a new search costs ≤ 5 requests. */
export const DEFAULT_PAGE_CAP = 5

export type RunStop = 'seen' | 'end' | 'pageCap' | 'budget' | 'error'

export type RunErrorKind = 'budget' | 'rateLimited' | 'reconnect' | 'notConnected' | 'rejected' | 'network' | 'other'

/** The visible state of one search after a run ("never a silent zero"): written to the store and emitted. */
export interface SearchRunState {
  searchId: number
  at: number
  ok: boolean
  fetched: number
  new: number
  filteredOut: number
  /** Jobs already stored or repeated within the run (not counted as new). */
  duplicates: number
  /** Records Upwork sent that could not be read. */
  skipped: number
  pages: number
  stoppedBy: RunStop
  error: { kind: RunErrorKind; code: string; key: MessageKey; params: Vars } | null
  /** The summary or error in words (the language of `translate`). */
  text: string
  nextRunAt: number | null
}

export interface SearchPollerDeps {
  reads: OperationContext
  sink: JobSink
  store: SearchStore
  clock: Clock
  logger?: Logger
  pageCap?: number
  /** Words for the run state; default English (main renders in the language in force). */
  translate?: Translate
  /** "HH:MM" for "next run at …"; default local time. */
  formatTime?: (epochMs: number) => string
  /** The API usage, to say when a used-up budget resets. */
  usage?: () => Promise<{ hour: { used: number; limit: number; resetsAt: number }; day: { used: number; limit: number; resetsAt: number } }>
}

/** Ids this poller saw but filtered out locally, per search (they are never stored), bounded. */
const SEEN_FILTERED_CAP = 5_000

/**
 * One run of one saved search: Upwork's search input from the saved search, pages by cursor until
 * the jobs are ones already seen (or the page cap, or the end), inside the API budget; the local
 * filters; the survivors to the sink; the outcome recorded on the search. Never throws: every
 * failure ends as a plain error on the search.
 */
export class SearchPoller {
  private readonly filteredSeen = new Map<number, Set<string>>()
  private readonly translate: Translate
  private readonly formatTime: (epochMs: number) => string

  constructor(private readonly deps: SearchPollerDeps) {
    this.translate = deps.translate ?? translator('en')
    this.formatTime = deps.formatTime ?? localHhMm
  }

  /** Runs `search`; `nextRunAt` is when the scheduler plans the next run (for the words and the store). */
  async run(search: SavedSearchDto, nextRunAt: number | null): Promise<SearchRunState> {
    const { clock, store } = this.deps
    const at = clock.now()
    const cap = this.deps.pageCap ?? DEFAULT_PAGE_CAP
    const state: SearchRunState = {
      searchId: search.id, at, ok: true, fetched: 0, new: 0, filteredOut: 0, duplicates: 0, skipped: 0, pages: 0,
      stoppedBy: 'end', error: null, text: '', nextRunAt
    }
    const seenFiltered = this.seenFilteredFor(search.id)
    const base = toUpworkSearch(search.filters)
    let after: string | undefined
    /** Ids met earlier in this run: a job published while paging shifts a page, and that repeat is not "seen before". */
    const thisRun = new Set<string>()
    try {
      for (;;) {
        if (state.pages >= cap) {
          state.stoppedBy = 'pageCap'
          break
        }
        const input: JobSearchFilters = after ? { ...base, after } : base
        const page: JobSearchPage = await searchJobs(this.deps.reads, input)
        state.pages++
        state.fetched += page.jobs.length
        state.skipped += page.skipped
        const ids = page.jobs.map((j) => j.id)
        const known = await store.knownUpworkIds(search.id, ids)
        const reachedSeen = page.jobs.some((j) => !thisRun.has(j.id) && (known.has(j.id) || seenFiltered.has(j.id)))
        for (const id of ids) thisRun.add(id)

        const { kept, filteredOut } = applyLocalFilters(page.jobs, search.filters, clock.now())
        state.filteredOut += filteredOut
        const keptIds = new Set(kept.map((j) => j.id))
        for (const j of page.jobs) if (!keptIds.has(j.id)) remember(seenFiltered, j.id)
        if (kept.length > 0) await this.ingest(search.id, kept, state)

        if (reachedSeen) {
          state.stoppedBy = 'seen'
          break
        }
        if (!page.hasNextPage || !page.endCursor || page.jobs.length === 0) {
          state.stoppedBy = 'end'
          break
        }
        after = page.endCursor
      }
    } catch (e) {
      await this.fail(state, e)
    }
    state.text = this.words(state)
    const result: SearchRunResult = {
      ok: state.ok,
      found: state.fetched - state.filteredOut,
      new: state.new,
      skipped: state.skipped,
      filteredOut: state.filteredOut,
      error: state.ok ? null : state.text
    }
    try {
      await store.recordRun(search.id, { at, result, nextRunAt: state.nextRunAt })
    } catch (e) {
      this.deps.logger?.error('Could not record a search run', { searchId: search.id, error: String(e) })
    }
    return state
  }

  private async ingest(searchId: number, jobs: JobSummary[], state: SearchRunState): Promise<void> {
    const r = await this.deps.sink.ingest(searchId, jobs)
    state.new += r.newUpworkIds.length
    state.duplicates += r.duplicates + r.updated
    state.skipped += r.skipped
  }

  private async fail(state: SearchRunState, e: unknown): Promise<void> {
    state.ok = false
    state.stoppedBy = 'error'
    const time = state.nextRunAt === null ? '—' : this.formatTime(state.nextRunAt)
    // A user-facing error carries its words as a catalog text: rendered in the language in force.
    const words = (e as { text?: unknown } | null)?.text
    const detail = isUserText(words) ? renderText(this.translate, words) : e instanceof Error ? e.message : String(e)
    if (isUpworkError(e, 'budget_exhausted')) {
      state.stoppedBy = 'budget'
      // The next run cannot be before the budget resets.
      const resetsAt = await this.budgetResetsAt()
      if (resetsAt !== null && (state.nextRunAt === null || state.nextRunAt < resetsAt)) state.nextRunAt = resetsAt
      const next = state.nextRunAt === null ? time : this.formatTime(state.nextRunAt)
      state.error = { kind: 'budget', code: e.code, key: 'discovery.poll.error.budget', params: { time: next, detail } }
      return
    }
    if (isUpworkError(e)) {
      const code = e.code
      if (code === 'rate_limited') {
        state.error = { kind: 'rateLimited', code, key: 'discovery.poll.error.rateLimited', params: { time } }
      } else if (code === 'reconnect_needed' || code === 'auth' || code === 'key_rejected') {
        state.error = { kind: 'reconnect', code, key: 'discovery.poll.error.reconnect', params: {} }
      } else if (code === 'not_connected' || code === 'not_configured') {
        state.error = { kind: 'notConnected', code, key: 'discovery.poll.error.notConnected', params: {} }
      } else if (code === 'graphql' || code === 'bad_request' || code === 'invalid_input' || code === 'scope' || code === 'forbidden') {
        const words = (e.graphqlErrors ?? []).map((g) => g.message).filter(Boolean).join(' ') || e.serverText || e.message
        state.error = { kind: 'rejected', code, key: 'discovery.poll.error.rejected', params: { words: words.slice(0, 500) } }
      } else if (code === 'network' || code === 'timeout' || code === 'server') {
        state.error = { kind: 'network', code, key: 'discovery.poll.error.network', params: { time, detail } }
      } else {
        state.error = { kind: 'other', code, key: 'discovery.poll.error.other', params: { time, detail } }
      }
      return
    }
    this.deps.logger?.error('A search run failed', { searchId: state.searchId, error: detail })
    state.error = { kind: 'other', code: 'internal', key: 'discovery.poll.error.other', params: { time, detail } }
  }

  private async budgetResetsAt(): Promise<number | null> {
    if (!this.deps.usage) return null
    try {
      const u = await this.deps.usage()
      if (u.day.used >= u.day.limit) return u.day.resetsAt
      if (u.hour.used >= u.hour.limit) return u.hour.resetsAt
      return null
    } catch (e) {
      this.deps.logger?.warn('Could not read the API usage', { error: String(e) })
      return null
    }
  }

  private words(state: SearchRunState): string {
    if (state.error) return this.translate(state.error.key, state.error.params)
    const vars = { new: state.new, fetched: state.fetched, filtered: state.filteredOut, pages: state.pages }
    return this.translate(state.stoppedBy === 'pageCap' ? 'discovery.poll.summaryPaged' : 'discovery.poll.summary', vars)
  }

  private seenFilteredFor(searchId: number): Set<string> {
    let s = this.filteredSeen.get(searchId)
    if (!s) this.filteredSeen.set(searchId, (s = new Set()))
    return s
  }

  forget(searchId: number): void {
    this.filteredSeen.delete(searchId)
  }
}

function remember(set: Set<string>, id: string): void {
  if (set.size >= SEEN_FILTERED_CAP) {
    const first = set.values().next()
    if (!first.done) set.delete(first.value)
  }
  set.add(id)
}

function localHhMm(epochMs: number): string {
  const d = new Date(epochMs)
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`
}
