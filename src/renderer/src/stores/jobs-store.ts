import { create } from 'zustand'
import { JOB_STATUSES, type JobDetailDto, type JobListItem, type JobListPage, type JobStatus } from '@shared/discovery'
import { api, toProblem, type Problem } from '../api'
import { moveSelection } from './store-helpers'

/** Quick filter on status: everything, only new jobs, only saved ones. */
export type StatusFilter = 'all' | 'new' | 'saved'

export interface JobsQuery {
  sort: 'score' | 'recency'
  /** Only jobs scored at least this (null: any). */
  minScore: number | null
  status: StatusFilter
  hideDismissed: boolean
  /** The saved search picked on the left (null: all searches). */
  searchId: number | null
  /** Full-text search over stored jobs (FTS5); when set, the list is the search's results. */
  text: string
}

export const DEFAULT_QUERY: JobsQuery = { sort: 'score', minScore: null, status: 'all', hideDismissed: true, searchId: null, text: '' }

/** Rows per jobs:list call (the channel allows 200). */
export const PAGE_SIZE = 100
const MAX_PAGE = 200

interface JobsState {
  query: JobsQuery
  items: JobListItem[]
  total: number
  nextCursor: string | null
  /** idle: never loaded; loading: the first page of this query is on its way. */
  phase: 'idle' | 'loading' | 'ready' | 'error'
  loadingMore: boolean
  error: Problem | null
  /** The row the keyboard is on. */
  selectedId: number | null
  /** The job shown in the detail pane. */
  openId: number | null
  detail: JobDetailDto | null
  detailLoading: boolean
  detailError: Problem | null
  /** Why the last save/dismiss failed (the row went back to its status). */
  actionError: Problem | null
  setQuery(patch: Partial<JobsQuery>): Promise<void>
  reload(): Promise<void>
  loadMore(): Promise<void>
  /** New jobs arrived: reload what is loaded, keeping the selection and the open job. */
  refresh(): Promise<void>
  select(id: number | null): void
  /** j/k: the next (+1) or previous (−1) row; returns its index, or -1. */
  move(delta: 1 | -1): number
  open(id: number): Promise<void>
  setStatus(id: number, status: JobStatus): Promise<void>
  toggleSaved(id: number): Promise<void>
  /** A notification was clicked: show that search and open that job. */
  openTarget(target: { jobId?: number; searchId?: number }): Promise<void>
}

const statusesOf = (q: JobsQuery): JobStatus[] | null => {
  if (q.status === 'new') return ['new']
  if (q.status === 'saved') return ['saved']
  return q.hideDismissed ? JOB_STATUSES.filter((s) => s !== 'dismissed') : null
}

/** Whether a job in `status` belongs in the list of `q` (a full-text search shows every status). */
const keeps = (q: JobsQuery, status: JobStatus): boolean => {
  if (q.text.trim()) return true
  const statuses = statusesOf(q)
  return statuses === null || statuses.includes(status)
}

/** The selected row stays selected while it is in the list; else the first row is. */
const keepSelection = (selectedId: number | null, items: readonly JobListItem[]): number | null =>
  selectedId !== null && items.some((j) => j.id === selectedId) ? selectedId : (items[0]?.id ?? null)

const fetchPage = (q: JobsQuery, cursor: string | null, limit: number): Promise<JobListPage> => {
  const text = q.text.trim()
  if (text) return api.jobs.search({ text, cursor, limit })
  return api.jobs.list({ sort: q.sort, minScore: q.minScore, statuses: statusesOf(q), searchId: q.searchId, cursor, limit })
}

export const useJobsStore = create<JobsState>((set, get) => {
  /** Bumped by each new query: answers to an older one are dropped. */
  let generation = 0
  let detailGeneration = 0

  const patchItem = (id: number, status: JobStatus): void =>
    set((s) => ({
      items: s.items.map((j) => (j.id === id ? { ...j, status } : j)),
      detail: s.detail?.id === id ? { ...s.detail, status } : s.detail
    }))

  /** Optimistic: the row changes at once and goes back (with the reason) if main refuses. */
  const applyStatus = async (id: number, status: JobStatus, leaveList: boolean): Promise<void> => {
    const before = get().items.find((j) => j.id === id)?.status ?? (get().detail?.id === id ? get().detail?.status : undefined)
    if (before === status) return
    set({ actionError: null })
    patchItem(id, status)
    // A row the filter no longer shows leaves the list; the keyboard moves on to the next one.
    if (leaveList && !keeps(get().query, status)) {
      set((s) => {
        const at = s.items.findIndex((j) => j.id === id)
        if (at === -1) return {}
        const items = s.items.filter((j) => j.id !== id)
        const selectedId = s.selectedId === id ? (items[at]?.id ?? items[at - 1]?.id ?? null) : s.selectedId
        return { items, total: Math.max(0, s.total - 1), selectedId }
      })
    }
    try {
      await api.jobs.setStatus({ id, status })
    } catch (e) {
      set({ actionError: toProblem(e) })
      if (before) patchItem(id, before)
      await get().refresh()
    }
  }

  return {
    query: DEFAULT_QUERY,
    items: [],
    total: 0,
    nextCursor: null,
    phase: 'idle',
    loadingMore: false,
    error: null,
    selectedId: null,
    openId: null,
    detail: null,
    detailLoading: false,
    detailError: null,
    actionError: null,

    setQuery: async (patch) => {
      set((s) => ({ query: { ...s.query, ...patch } }))
      await get().reload()
    },

    reload: async () => {
      const mine = ++generation
      const q = get().query
      set({ phase: 'loading', error: null, loadingMore: false })
      try {
        const page = await fetchPage(q, null, PAGE_SIZE)
        if (mine !== generation) return
        set((s) => ({ items: page.items, total: page.total, nextCursor: page.nextCursor, phase: 'ready', selectedId: keepSelection(s.selectedId, page.items) }))
      } catch (e) {
        if (mine === generation) set({ phase: 'error', error: toProblem(e) })
      }
    },

    loadMore: async () => {
      const { nextCursor, loadingMore, phase, query } = get()
      if (!nextCursor || loadingMore || phase !== 'ready') return
      const mine = generation
      set({ loadingMore: true })
      try {
        const page = await fetchPage(query, nextCursor, PAGE_SIZE)
        if (mine !== generation) return
        set((s) => ({ items: [...s.items, ...page.items], total: page.total, nextCursor: page.nextCursor, loadingMore: false }))
      } catch (e) {
        if (mine === generation) set({ loadingMore: false, error: toProblem(e) })
      }
    },

    refresh: async () => {
      const { phase, query, items } = get()
      if (phase === 'idle' || phase === 'loading') return
      const mine = ++generation
      // What is loaded plus room for the arrivals, so the rows below the selection stay loaded.
      const wanted = Math.max(items.length + 50, PAGE_SIZE)
      try {
        const next: JobListItem[] = []
        let cursor: string | null = null
        let page: JobListPage
        do {
          page = await fetchPage(query, cursor, Math.min(MAX_PAGE, wanted - next.length))
          if (mine !== generation) return
          next.push(...page.items)
          cursor = page.nextCursor
        } while (cursor && next.length < wanted)
        set((s) => ({ items: next, total: page.total, nextCursor: cursor, phase: 'ready', error: null, selectedId: keepSelection(s.selectedId, next) }))
      } catch (e) {
        if (mine === generation) set({ error: toProblem(e) })
      }
    },

    select: (id) => set({ selectedId: id }),

    move: (delta) => moveSelection(get().items, get().selectedId, (j) => j.id, delta, (selectedId) => set({ selectedId }), () => void get().loadMore()),

    open: async (id) => {
      const mine = ++detailGeneration
      set({ openId: id, selectedId: id, detailLoading: true, detailError: null })
      try {
        const detail = await api.jobs.get({ id })
        if (mine !== detailGeneration) return
        set({ detail, detailLoading: false })
        // Opening a job is seeing it (the row stays, even under "new only", until the next load).
        if (detail.status === 'new') await applyStatus(id, 'seen', false)
      } catch (e) {
        if (mine === detailGeneration) set({ detail: null, detailLoading: false, detailError: toProblem(e) })
      }
    },

    setStatus: (id, status) => applyStatus(id, status, true),

    toggleSaved: async (id) => {
      const status = get().items.find((j) => j.id === id)?.status ?? (get().detail?.id === id ? get().detail?.status : undefined)
      await get().setStatus(id, status === 'saved' ? 'seen' : 'saved')
    },

    openTarget: async ({ jobId, searchId }) => {
      if (searchId !== undefined) await get().setQuery({ searchId, text: '' })
      else if (get().phase === 'idle') await get().reload()
      if (jobId !== undefined) await get().open(jobId)
    }
  }
})

/** Keeps the jobs view fed by main's events (new jobs arrived, a notification was clicked); returns the unsubscribe. */
export function followJobEvents(): () => void {
  const offs = [
    api.on('discovery:jobsAdded', () => void useJobsStore.getState().refresh()),
    api.on('discovery:openJob', (target) => void useJobsStore.getState().openTarget(target))
  ]
  return () => offs.forEach((off) => off())
}
