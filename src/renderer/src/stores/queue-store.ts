import { create } from 'zustand'
import type { DraftDto, DraftSummaryDto } from '@shared/drafting'
import { api, toProblem, type Problem } from '../api'

/** The most drafts the queue shows at once (the drafts list's page limit). */
export const QUEUE_LIMIT = 500

interface QueueState {
  phase: 'idle' | 'loading' | 'ready' | 'error'
  error: Problem | null
  /** The queued drafts, best first. */
  items: DraftSummaryDto[]
  index: number
  /** The shown draft in full (job summary, bid, checks, text). */
  current: DraftDto | null
  currentError: Problem | null
  /** The shown draft's text is open in the editor. */
  editing: boolean
  setEditing(editing: boolean): void
  load(): Promise<void>
  move(delta: 1 | -1): void
  /** Loads the draft at `index` (drafts:get). */
  show(index: number): Promise<void>
  /** Saves the edited text as a new version (drafts:saveVersion). */
  saveText(text: string): Promise<void>
  /** Takes a draft out of the queue (approved, discarded) and shows the next one. */
  remove(id: number): void
}

export const useQueueStore = create<QueueState>((set, get) => ({
  phase: 'idle',
  error: null,
  items: [],
  index: 0,
  current: null,
  currentError: null,
  editing: false,
  setEditing: (editing) => set((s) => ({ editing: editing && s.current !== null })),
  load: async () => {
    set({ phase: 'loading', error: null })
    try {
      const items = await api.drafts.list({ statuses: ['queued'], limit: QUEUE_LIMIT })
      const index = Math.min(get().index, Math.max(0, items.length - 1))
      set({ items, index, phase: 'ready' })
      await get().show(index)
    } catch (e) {
      set({ phase: 'error', error: toProblem(e) })
    }
  },
  move: (delta) => {
    const { index, items } = get()
    const next = Math.max(0, Math.min(items.length - 1, index + delta))
    if (next !== index) void get().show(next)
  },
  show: async (index) => {
    const item = get().items[index]
    set({ index, currentError: null, editing: false })
    if (!item) return set({ current: null })
    if (get().current?.id === item.id) return
    try {
      const draft = await api.drafts.get({ id: item.id })
      // A later move wins: keep only the answer for the draft still selected.
      if (get().items[get().index]?.id === draft.id) set({ current: draft })
    } catch (e) {
      set({ currentError: toProblem(e) })
    }
  },
  saveText: async (text) => {
    const current = get().current
    if (!current) return
    const { version } = await api.drafts.saveVersion({ id: current.id, text })
    set((s) => (s.current?.id === current.id ? { current: { ...s.current, text: version.text, currentSeq: version.seq }, editing: false } : {}))
  },
  remove: (id) => {
    const items = get().items.filter((d) => d.id !== id)
    const index = Math.min(get().index, Math.max(0, items.length - 1))
    set({ items, current: get().current?.id === id ? null : get().current })
    void get().show(index)
  }
}))
