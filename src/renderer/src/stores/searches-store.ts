import { create } from 'zustand'
import type { SavedSearchDto, SavedSearchInput } from '@shared/discovery'
import { api, toProblem, type Problem } from '../api'

interface SearchesState {
  searches: SavedSearchDto[]
  loaded: boolean
  /** Loading the list failed. */
  loadError: Problem | null
  /** The last pause/resume/delete that failed, by search id. */
  rowErrors: Record<number, Problem>
  /** Distinct jobs still "new" across all searches (a job two searches found counts once); null until counted. */
  totalNew: number | null
  /** Recounts totalNew (after a run, a change to a search, or new jobs). */
  countNew(): Promise<void>
  load(): Promise<void>
  /** Main's discovery:searchStatus event (a run finished, a search changed). */
  received(search: SavedSearchDto): void
  create(input: SavedSearchInput): Promise<SavedSearchDto>
  update(id: number, patch: Partial<SavedSearchInput>): Promise<SavedSearchDto>
  setPaused(id: number, paused: boolean): Promise<void>
  remove(id: number): Promise<void>
  /** Loads once and follows main's status events; returns the unsubscribe. */
  follow(): () => void
}

const upsert = (list: SavedSearchDto[], s: SavedSearchDto): SavedSearchDto[] =>
  list.some((x) => x.id === s.id) ? list.map((x) => (x.id === s.id ? s : x)) : [...list, s]

const withoutKey = (errors: Record<number, Problem>, id: number): Record<number, Problem> =>
  Object.fromEntries(Object.entries(errors).filter(([k]) => Number(k) !== id))

export const useSearchesStore = create<SearchesState>((set, get) => ({
  searches: [],
  loaded: false,
  loadError: null,
  rowErrors: {},
  totalNew: null,
  countNew: async () => {
    try {
      const page = await api.jobs.list({ statuses: ['new'], limit: 1 })
      set({ totalNew: page.total })
    } catch {
      // Keep the last count; the panel falls back to the searches' own counts.
    }
  },
  load: async () => {
    try {
      set({ searches: await api.searches.list(), loaded: true, loadError: null })
      void get().countNew()
    } catch (e) {
      set({ loaded: true, loadError: toProblem(e) })
    }
  },
  received: (search) => {
    set((s) => ({ searches: upsert(s.searches, search) }))
    void get().countNew()
  },
  create: async (input) => {
    const created = await api.searches.create(input)
    set((s) => ({ searches: upsert(s.searches, created) }))
    return created
  },
  update: async (id, patch) => {
    const saved = await api.searches.update({ id, patch })
    set((s) => ({ searches: upsert(s.searches, saved) }))
    return saved
  },
  setPaused: async (id, paused) => {
    set((s) => ({ rowErrors: withoutKey(s.rowErrors, id) }))
    try {
      const saved = await api.searches.pause({ id, paused })
      set((s) => ({ searches: upsert(s.searches, saved) }))
    } catch (e) {
      set((s) => ({ rowErrors: { ...s.rowErrors, [id]: toProblem(e) } }))
    }
  },
  remove: async (id) => {
    set((s) => ({ rowErrors: withoutKey(s.rowErrors, id) }))
    try {
      await api.searches.delete({ id })
      set((s) => ({ searches: s.searches.filter((x) => x.id !== id) }))
    } catch (e) {
      set((s) => ({ rowErrors: { ...s.rowErrors, [id]: toProblem(e) } }))
    }
  },
  follow: () => {
    const offStatus = api.on('discovery:searchStatus', (s) => get().received(s))
    const offAdded = api.on('discovery:jobsAdded', () => void get().countNew())
    void get().load()
    return () => {
      offStatus()
      offAdded()
    }
  }
}))
